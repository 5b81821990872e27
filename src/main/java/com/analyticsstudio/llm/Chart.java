package com.analyticsstudio.llm;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * The chart the model suggests for its query's result.
 *
 * @param type one of {@link #TYPES}
 * @param x result column for the x axis (or categories), or null
 * @param y result column for the values, or null
 * @param series result column that splits the values into series, or null
 */
public record Chart(String type, String x, String y, String series) {
  /** Chart types the model may choose. */
  public static final List<String> TYPES = List.of("line", "bar", "pie", "kpi", "scatter", "table");

  /** A plain table: the fallback when the model suggests nothing usable. */
  public static final Chart TABLE = new Chart("table", null, null, null);

  public Chart {
    type = type == null ? "table" : type.toLowerCase(Locale.ROOT);
    if (!TYPES.contains(type)) throw new IllegalArgumentException("unknown chart type " + type);
  }

  public JsonObject toJson() {
    return new JsonObject().put("type", type).put("x", x).put("y", y).put("series", series);
  }

  public static Chart fromJson(JsonObject j) {
    return new Chart(
        j.getString("type"), j.getString("x"), j.getString("y"), j.getString("series"));
  }
}
