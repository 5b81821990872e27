package com.analyticsstudio.semantic;

import com.analyticsstudio.query.QueryCall;
import com.analyticsstudio.query.QueryClient;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The one place compiled semantic SQL leaves this package: a {@link QueryCall} with source {@code
 * semantic} through {@link QueryClient}, so it runs through the guard, the project's reader role,
 * the read-only transaction, the limits, the timeout and the cache like any user SQL.
 */
public class SemanticQueryRunner {
  private final QueryClient queries;

  public SemanticQueryRunner(QueryClient queries) {
    this.queries = queries;
  }

  /**
   * The query path's result JSON ({@code columns, rows, rowCount, truncated, elapsedMs, cached}).
   */
  public Future<JsonObject> run(
      UUID projectId, UUID userId, String sql, Integer limit, boolean noCache) {
    return runEncoded(projectId, userId, sql, limit, noCache).map(JsonObject::new);
  }

  /** The same result as the query path encoded it (the HTTP route passes it on as bytes). */
  public Future<Buffer> runEncoded(
      UUID projectId, UUID userId, String sql, Integer limit, boolean noCache) {
    return queries.run(new QueryCall(projectId, userId, sql, limit, null, noCache, "semantic"));
  }
}
