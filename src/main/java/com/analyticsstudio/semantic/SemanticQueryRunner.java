package com.analyticsstudio.semantic;

import com.analyticsstudio.common.Replies;
import com.analyticsstudio.query.QueryAddresses;
import com.analyticsstudio.query.QueryCall;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The one place compiled semantic SQL leaves this package: a {@link QueryCall} with source
 * {@code semantic} sent to {@link QueryAddresses#RUN}, so it runs through the guard, the project's
 * reader role, the read-only transaction, the limits, the timeout and the cache like any user SQL.
 */
public class SemanticQueryRunner {
  private static final long SEND_TIMEOUT_MS = 10 * 60 * 1000L;

  private final Vertx vertx;

  public SemanticQueryRunner(Vertx vertx) {
    this.vertx = vertx;
  }

  /** The query path's result JSON ({@code columns, rows, rowCount, truncated, elapsedMs, cached}). */
  public Future<JsonObject> run(UUID projectId, UUID userId, String sql, Integer limit, boolean noCache) {
    QueryCall call = new QueryCall(projectId, userId, sql, limit, null, noCache, "semantic");
    return vertx.eventBus().<Buffer>request(QueryAddresses.RUN, call.toJson(), new DeliveryOptions().setSendTimeout(SEND_TIMEOUT_MS))
        .map(m -> new JsonObject(m.body()))
        .recover(e -> Future.failedFuture(Replies.unwrap(e)));
  }
}
