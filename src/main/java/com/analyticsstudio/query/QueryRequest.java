package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One query to run for a project.
 *
 * @param projectId the project whose schema and reader role confine the query
 * @param sql the user's SQL text (untrusted)
 * @param limit maximum rows returned, 1..{@value #MAX_LIMIT}; at most {@code limit + 1} rows are
 *     ever fetched from PostgreSQL
 * @param timeoutSeconds statement timeout, 1..{@value #MAX_TIMEOUT_SECONDS}
 * @param allowedTables the project's dataset table names (SQL names, e.g. {@code sales})
 * @param catalogVersion the project's {@code catalog_version} that {@code allowedTables} were read
 *     at, or null when unknown; part of the text statements are prepared under
 * @param params the values bound to {@code $1}, {@code $2}, … (the guard counted them)
 */
public record QueryRequest(
    UUID projectId,
    String sql,
    int limit,
    int timeoutSeconds,
    Set<String> allowedTables,
    Long catalogVersion,
    List<Object> params) {

  /** A request whose catalog version is unknown. */
  public QueryRequest(
      UUID projectId, String sql, int limit, int timeoutSeconds, Set<String> allowedTables) {
    this(projectId, sql, limit, timeoutSeconds, allowedTables, null);
  }

  /** A request without parameters. */
  public QueryRequest(
      UUID projectId,
      String sql,
      int limit,
      int timeoutSeconds,
      Set<String> allowedTables,
      Long catalogVersion) {
    this(projectId, sql, limit, timeoutSeconds, allowedTables, catalogVersion, List.of());
  }

  /** This request with other parameter values. */
  public QueryRequest withParams(List<Object> values) {
    return new QueryRequest(
        projectId, sql, limit, timeoutSeconds, allowedTables, catalogVersion, values);
  }

  public static final int MAX_LIMIT = 1_000_000;
  public static final int MAX_TIMEOUT_SECONDS = 3_600;

  /**
   * @throws ApiException 400 {@code invalid_request} for out-of-range limit or timeout
   */
  public QueryRequest {
    Objects.requireNonNull(projectId, "projectId");
    allowedTables = allowedTables == null ? Set.of() : Set.copyOf(allowedTables);
    params = params == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(params));
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("invalid_request", "limit must be between 1 and " + MAX_LIMIT);
    }
    if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
      throw ApiException.badRequest(
          "invalid_request", "timeoutSeconds must be between 1 and " + MAX_TIMEOUT_SECONDS);
    }
  }
}
