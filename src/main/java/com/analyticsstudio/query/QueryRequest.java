package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;
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
 */
public record QueryRequest(
    UUID projectId,
    String sql,
    int limit,
    int timeoutSeconds,
    Set<String> allowedTables,
    Long catalogVersion) {

  /** A request whose catalog version is unknown. */
  public QueryRequest(
      UUID projectId, String sql, int limit, int timeoutSeconds, Set<String> allowedTables) {
    this(projectId, sql, limit, timeoutSeconds, allowedTables, null);
  }

  public static final int MAX_LIMIT = 1_000_000;
  public static final int MAX_TIMEOUT_SECONDS = 3_600;

  /**
   * @throws ApiException 400 {@code invalid_request} for out-of-range limit or timeout
   */
  public QueryRequest {
    Objects.requireNonNull(projectId, "projectId");
    allowedTables = allowedTables == null ? Set.of() : Set.copyOf(allowedTables);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("invalid_request", "limit must be between 1 and " + MAX_LIMIT);
    }
    if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
      throw ApiException.badRequest(
          "invalid_request", "timeoutSeconds must be between 1 and " + MAX_TIMEOUT_SECONDS);
    }
  }
}
