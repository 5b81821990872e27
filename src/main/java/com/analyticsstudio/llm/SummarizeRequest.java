package com.analyticsstudio.llm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A result to put into words. Pass the rows as the query returned them; the prompt keeps the first
 * {@value PromptBuilder#MAX_SUMMARY_ROWS} and cuts long values.
 *
 * @param question what the person asked
 * @param sql the SQL that produced the rows
 * @param columns result column names
 * @param rows result rows, one value per column
 * @param rowCount rows the query returned in all (at least {@code rows.size()})
 * @param truncated true when the query hit its row limit
 */
public record SummarizeRequest(
    String question,
    String sql,
    List<String> columns,
    List<List<Object>> rows,
    long rowCount,
    boolean truncated) {
  public SummarizeRequest {
    if (question == null || question.isBlank()) throw Messages.invalid("'question' is required");
    sql = sql == null ? "" : sql;
    columns = List.copyOf(columns == null ? List.of() : columns);
    rows = rows == null ? List.of() : rows;
    rowCount = Math.max(rowCount, rows.size());
  }

  public SummarizeRequest(
      String question, String sql, List<String> columns, List<List<Object>> rows) {
    this(question, sql, columns, rows, rows == null ? 0 : rows.size(), false);
  }

  /** Rows beyond the prompt's bound are not sent over the bus at all. */
  public JsonObject toJson() {
    JsonArray rs = new JsonArray();
    for (int i = 0; i < rows.size() && i < PromptBuilder.MAX_SUMMARY_ROWS; i++) {
      rs.add(new JsonArray(new ArrayList<>(rows.get(i))));
    }
    return new JsonObject()
        .put("question", question)
        .put("sql", sql)
        .put("columns", Messages.stringArray(columns))
        .put("rows", rs)
        .put("rowCount", rowCount)
        .put("truncated", truncated);
  }

  /**
   * Accepts {@code columns} as names or as {@code {"name", "type"}} objects (a query result's
   * shape).
   */
  public static SummarizeRequest fromJson(JsonObject j) {
    List<String> columns = new ArrayList<>();
    for (Object c : Messages.array(j, "columns")) {
      if (c instanceof JsonObject o) columns.add(Messages.requiredString(o, "name"));
      else if (c instanceof String s) columns.add(s);
      else throw Messages.invalid("'columns' must hold names or {name} objects");
    }
    List<List<Object>> rows = new ArrayList<>();
    for (Object r : Messages.array(j, "rows")) {
      if (!(r instanceof JsonArray a)) throw Messages.invalid("'rows' must hold arrays");
      rows.add(a.getList());
    }
    Long rowCount = Messages.longOrNull(j, "rowCount");
    return new SummarizeRequest(
        Messages.requiredString(j, "question"),
        Messages.string(j, "sql"),
        columns,
        rows,
        rowCount == null ? rows.size() : rowCount,
        j.getBoolean("truncated", false));
  }
}
