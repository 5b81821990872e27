package com.analyticsstudio.ask;

import com.analyticsstudio.common.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** SQL for threads and exchanges, with their row mappers. */
final class AskSql {
  static final String THREAD_OF_USER =
      "SELECT id FROM ask_threads WHERE id = $1 AND project_id = $2 AND user_id = $3";
  static final String INSERT_THREAD =
      "INSERT INTO ask_threads (project_id, user_id, title) VALUES ($1, $2, $3) RETURNING id";
  static final String TOUCH_THREAD = "UPDATE ask_threads SET updated_at = now() WHERE id = $1";
  static final String PREVIOUS =
      """
      SELECT question, sql, plan, status FROM ask_exchanges
      WHERE thread_id = $1 ORDER BY id DESC LIMIT 5""";
  static final String INSERT_EXCHANGE =
      """
      INSERT INTO ask_exchanges (thread_id, project_id, user_id, question, status, source, fallback_reason, sql, answer,
        explanation, chart, plan, columns, rows, row_count, error, plan_ms, query_ms, total_ms, model, prompt_tokens,
        completion_tokens, cost_usd, interpretation, alternatives, semantic_query)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
        $24, $25, $26)
      RETURNING id""";
  static final String THREADS =
      """
      SELECT t.id, t.title, t.created_at, t.updated_at, count(e.id) AS exchanges
      FROM ask_threads t LEFT JOIN ask_exchanges e ON e.thread_id = t.id
      WHERE t.project_id = $1 AND t.user_id = $2
      GROUP BY t.id ORDER BY t.updated_at DESC, t.id DESC LIMIT $3 OFFSET $4""";
  static final String THREADS_COUNT =
      "SELECT count(*) FROM ask_threads WHERE project_id = $1 AND user_id = $2";
  static final String EXCHANGE_COLUMNS =
      """
      e.id, e.thread_id, e.question, e.status, e.source, e.fallback_reason, e.sql, e.answer, e.explanation, e.chart,
      e.columns, e.rows, e.row_count, e.error, e.plan_ms, e.query_ms, e.total_ms, e.model, e.prompt_tokens,
      e.completion_tokens, e.cost_usd, e.created_at, u.email AS user_email, e.plan, e.interpretation, e.alternatives,
      e.semantic_query""";
  static final String THREAD_EXCHANGES =
      "SELECT "
          + EXCHANGE_COLUMNS
          + " FROM ask_exchanges e LEFT JOIN users u ON u.id = e.user_id WHERE e.thread_id = $1 ORDER BY e.id";
  static final String LOG =
      "SELECT "
          + EXCHANGE_COLUMNS
          + " FROM ask_exchanges e LEFT JOIN users u ON u.id = e.user_id WHERE e.project_id = $1 ORDER BY e.id DESC LIMIT $2 OFFSET $3";
  static final String LOG_COUNT = "SELECT count(*) FROM ask_exchanges WHERE project_id = $1";
  static final String THREAD =
      "SELECT id, title, created_at, updated_at FROM ask_threads WHERE id = $1 AND project_id = $2 AND user_id = $3";

  static final String GOLDEN_LIST =
      """
      SELECT id, question, expected_sql, ordered, created_at FROM golden_questions WHERE project_id = $1 ORDER BY id""";
  static final String GOLDEN_INSERT =
      """
      INSERT INTO golden_questions (project_id, question, expected_sql, ordered, created_by) VALUES ($1, $2, $3, $4, $5)
      RETURNING id, question, expected_sql, ordered, created_at""";
  static final String GOLDEN_DELETE =
      "DELETE FROM golden_questions WHERE id = $1 AND project_id = $2";

  private AskSql() {}

  static JsonObject golden(Row r) {
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("question", r.getString("question"))
        .put("expectedSql", r.getString("expected_sql"))
        .put("ordered", r.getBoolean("ordered"))
        .put("createdAt", Json.iso(r.getOffsetDateTime("created_at")));
  }

  static JsonObject thread(Row r) {
    return new JsonObject()
        .put("id", r.getUUID("id").toString())
        .put("title", r.getString("title"))
        .put("createdAt", Json.iso(r.getOffsetDateTime("created_at")))
        .put("updatedAt", Json.iso(r.getOffsetDateTime("updated_at")));
  }

  static JsonObject exchange(Row r) {
    Object cost = r.getValue("cost_usd");
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("threadId", r.getUUID("thread_id") == null ? null : r.getUUID("thread_id").toString())
        .put("question", r.getString("question"))
        .put("status", r.getString("status"))
        .put("source", r.getString("source"))
        .put("fallbackReason", r.getString("fallback_reason"))
        .put("sql", r.getString("sql"))
        .put("answer", r.getString("answer"))
        .put("explanation", r.getString("explanation"))
        .put("chart", r.getJsonObject("chart"))
        .put("columns", r.getValue("columns") instanceof JsonArray a ? a : new JsonArray())
        .put("rows", r.getValue("rows") instanceof JsonArray a ? a : new JsonArray())
        .put("rowCount", r.getInteger("row_count"))
        .put("error", r.getJsonObject("error"))
        .put(
            "timings",
            new JsonObject()
                .put("planMs", r.getInteger("plan_ms"))
                .put("queryMs", r.getInteger("query_ms"))
                .put("totalMs", r.getInteger("total_ms")))
        .put("model", r.getString("model"))
        .put("promptTokens", r.getInteger("prompt_tokens"))
        .put("completionTokens", r.getInteger("completion_tokens"))
        .put("costUsd", cost == null ? null : ((Number) cost).doubleValue())
        .put("userEmail", r.getString("user_email"))
        .put("plan", r.getJsonObject("plan"))
        .put("interpretation", r.getJsonObject("interpretation"))
        .put(
            "alternatives", r.getValue("alternatives") instanceof JsonArray a ? a : new JsonArray())
        .put("semanticQuery", r.getJsonObject("semantic_query"))
        .put("createdAt", Json.iso(r.getOffsetDateTime("created_at")));
  }
}
