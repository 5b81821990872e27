package com.analyticsstudio.query;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a query, JSON-friendly.
 *
 * <p>Cell values are {@code null}, {@link Boolean}, {@link String}, or numbers: {@link Integer} /
 * {@link Long} for integer columns, {@link Double} for float4/float8 and {@link
 * java.math.BigDecimal} for numeric (written as an exact JSON number; JavaScript clients lose
 * precision beyond 2^53 like for any big JSON number). NaN and ±Infinity become the strings {@code
 * "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. Dates are ISO {@code yyyy-MM-dd}, timestamps ISO
 * {@code yyyy-MM-ddTHH:mm:ss[.ffffff]} (timestamptz in UTC with a {@code Z}), infinite
 * dates/timestamps {@code "infinity"} / {@code "-infinity"}, intervals ISO-8601 durations, bytea
 * {@code "\x…"} hex, uuid text, json/jsonb as nested {@link JsonObject}/{@link JsonArray}/values,
 * arrays as lists; anything else as PostgreSQL's text form.
 *
 * @param columns result columns in order
 * @param rows at most {@code limit} rows, each with one value per column
 * @param rowCount {@code rows.size()}
 * @param truncated true when the query had more than {@code limit} rows
 * @param elapsedMs wall time from asking the pool for a connection to having the rows (includes
 *     waiting for a connection, setup, execution and fetch), in milliseconds
 */
public record QueryResult(
    List<Column> columns,
    List<List<Object>> rows,
    int rowCount,
    boolean truncated,
    long elapsedMs) {

  /**
   * A result column.
   *
   * @param name the column label PostgreSQL reports
   * @param type {@code integer}, {@code decimal}, {@code boolean}, {@code date}, {@code timestamp},
   *     {@code text}, otherwise PostgreSQL's lower-case type name ({@code json}, {@code uuid},
   *     {@code interval}, …); arrays get a {@code []} suffix
   */
  public record Column(String name, String type) {}

  public QueryResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** {@code {"columns":[{"name","type"}],"rows":[[…]],"rowCount","truncated","elapsedMs"}} */
  public JsonObject toJson() {
    JsonArray cols = new JsonArray();
    for (Column c : columns) cols.add(new JsonObject().put("name", c.name()).put("type", c.type()));
    JsonArray rs = new JsonArray();
    for (List<Object> row : rows) rs.add(new JsonArray(new ArrayList<>(row)));
    return new JsonObject()
        .put("columns", cols)
        .put("rows", rs)
        .put("rowCount", rowCount)
        .put("truncated", truncated)
        .put("elapsedMs", elapsedMs);
  }
}
