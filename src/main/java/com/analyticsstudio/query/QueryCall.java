package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * One caller's query, as it travels to {@link QueryAddresses#RUN} and {@link
 * QueryAddresses#JOB_SUBMIT}.
 *
 * <p>JSON shape: {@code {"projectId": uuid, "userId": uuid, "sql": string, "limit": int?,
 * "timeoutSeconds": int?, "noCache": bool?, "source": "api"|"ask"|"dashboard"|"semantic"|"chart",
 * "params": [string|number|boolean|null]?}}. The user must be a member of the project (any role);
 * the query service checks it.
 *
 * @param limit rows wanted; null = {@code QUERY_DEFAULT_LIMIT}; never more than {@code
 *     MAX_QUERY_ROWS}
 * @param timeoutSeconds null = {@code QUERY_TIMEOUT_SECONDS}; never more than it
 * @param noCache skip the cache lookup and single-flight, run in the database, refresh the cache
 * @param source who asks, for logs and metrics
 * @param params the values of {@code $1}, {@code $2}, … in order (JSON scalars), bound as
 *     parameters, never spliced into the text; empty when the SQL has none
 */
public record QueryCall(
    UUID projectId,
    UUID userId,
    String sql,
    Integer limit,
    Integer timeoutSeconds,
    boolean noCache,
    String source,
    List<Object> params) {

  /** Values of {@link #source}. */
  public static final Set<String> SOURCES = Set.of("api", "ask", "dashboard", "semantic", "chart");

  /** A call without parameters. */
  public QueryCall(
      UUID projectId,
      UUID userId,
      String sql,
      Integer limit,
      Integer timeoutSeconds,
      boolean noCache,
      String source) {
    this(projectId, userId, sql, limit, timeoutSeconds, noCache, source, List.of());
  }

  public QueryCall {
    // Not List.copyOf: a JSON null is a value here.
    params = params == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(params));
    if (projectId == null || userId == null) {
      throw ApiException.badRequest("invalid_request", "projectId and userId are required");
    }
    if (sql == null || sql.isBlank()) {
      throw ApiException.badRequest("empty_query", "the query is empty");
    }
    source = source == null ? "api" : source.toLowerCase(Locale.ROOT);
    if (!SOURCES.contains(source)) {
      throw ApiException.badRequest("invalid_request", "source must be one of " + SOURCES);
    }
    if (limit != null && limit < 1) {
      throw ApiException.badRequest("invalid_request", "limit must be at least 1");
    }
    if (timeoutSeconds != null && timeoutSeconds < 1) {
      throw ApiException.badRequest("invalid_request", "timeoutSeconds must be at least 1");
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("projectId", projectId.toString())
        .put("userId", userId.toString())
        .put("sql", sql)
        .put("limit", limit)
        .put("timeoutSeconds", timeoutSeconds)
        .put("noCache", noCache)
        .put("source", source)
        .put("params", new JsonArray(new ArrayList<>(params)));
  }

  /**
   * @throws ApiException 400 when a field is missing or malformed
   */
  public static QueryCall fromJson(JsonObject j) {
    try {
      return new QueryCall(
          uuid(j, "projectId"),
          uuid(j, "userId"),
          j.getString("sql"),
          j.getInteger("limit"),
          j.getInteger("timeoutSeconds"),
          j.getBoolean("noCache", false),
          j.getString("source"),
          j.getJsonArray("params", new JsonArray()).getList());
    } catch (ClassCastException | IllegalArgumentException e) {
      throw ApiException.badRequest(
          "invalid_request", "malformed query message: " + e.getMessage());
    }
  }

  static UUID uuid(JsonObject j, String field) {
    String s = j.getString(field);
    return s == null ? null : UUID.fromString(s);
  }
}
