package com.analyticsstudio.llm;

import io.vertx.core.json.JsonObject;

/**
 * What the model answered, validated by {@link OutputParser}. The SQL is untrusted: it goes through
 * the guarded query path like any other.
 *
 * @param sql one SELECT without a trailing semicolon, or empty when the question cannot be answered
 *     from the datasets
 * @param chart the suggested chart
 * @param explanation what the query computes, or why the question cannot be answered
 */
public record PlanOutput(String sql, Chart chart, String explanation) {
  public PlanOutput {
    sql = sql == null ? "" : sql;
    chart = chart == null ? Chart.TABLE : chart;
    explanation = explanation == null ? "" : explanation;
  }

  /** False when the model said the datasets cannot answer the question. */
  public boolean answerable() {
    return !sql.isBlank();
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("sql", sql)
        .put("chart", chart.toJson())
        .put("explanation", explanation)
        .put("answerable", answerable());
  }
}
