package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One query to run for a project.
 *
 * @param projectId      the project whose schema and reader role confine the query
 * @param sql            the user's SQL text (untrusted)
 * @param limit          maximum rows returned, 1..{@value #MAX_LIMIT}; at most {@code limit + 1} rows
 *                       are ever fetched from PostgreSQL
 * @param timeoutSeconds statement timeout, 1..{@value #MAX_TIMEOUT_SECONDS}
 * @param allowedTables  the project's dataset table names (SQL names, e.g. {@code sales})
 * @param gate           when not null, checked inside the query's own transaction before the
 *                       statement runs: the user is still a member and the project's datasets are
 *                       still the ones {@code allowedTables} (and any cache key) were built from
 */
public record QueryRequest(UUID projectId, String sql, int limit, int timeoutSeconds, Set<String> allowedTables,
                           Gate gate) {

  /**
   * What the transaction confirms before the statement runs (see {@code as_query_gate} in migration V21).
   *
   * @param userId         the caller, who must still be a member of the project
   * @param catalogVersion the project's {@code catalog_version} the caller's view of its datasets came from
   */
  public record Gate(UUID userId, long catalogVersion) {
    public Gate {
      Objects.requireNonNull(userId, "userId");
    }
  }

  /** A request without a gate (the caller checked access itself). */
  public QueryRequest(UUID projectId, String sql, int limit, int timeoutSeconds, Set<String> allowedTables) {
    this(projectId, sql, limit, timeoutSeconds, allowedTables, null);
  }

  public static final int MAX_LIMIT = 1_000_000;
  public static final int MAX_TIMEOUT_SECONDS = 3_600;

  /** @throws ApiException 400 {@code invalid_request} for out-of-range limit or timeout */
  public QueryRequest {
    Objects.requireNonNull(projectId, "projectId");
    allowedTables = allowedTables == null ? Set.of() : Set.copyOf(allowedTables);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("invalid_request", "limit must be between 1 and " + MAX_LIMIT);
    }
    if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
      throw ApiException.badRequest("invalid_request",
          "timeoutSeconds must be between 1 and " + MAX_TIMEOUT_SECONDS);
    }
  }
}
