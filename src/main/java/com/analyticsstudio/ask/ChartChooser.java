package com.analyticsstudio.ask;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A chart from the shape of a result: time + measure → line; category + measure → bar (pie when the
 * question asks for a share and the categories are few); one value → KPI; two measures → scatter;
 * anything else → table. Used for model answers, and to check the planner's and the model's own
 * suggestion against the columns that actually came back.
 */
final class ChartChooser {
  static final int PIE_MAX = 6;
  private static final Set<String> NUMERIC = Set.of("integer", "decimal");
  private static final Set<String> TEMPORAL = Set.of("date", "timestamp");
  private static final Set<String> SHARE_WORDS =
      Set.of(
          "share",
          "percentage",
          "percent",
          "proportion",
          "breakdown",
          "split",
          "distribution",
          "pie");

  private ChartChooser() {}

  static JsonObject choose(String question, JsonArray columns, int rowCount) {
    List<String> time = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      JsonObject c = columns.getJsonObject(i);
      String type = c.getString("type", "text");
      if (TEMPORAL.contains(type)) time.add(c.getString("name"));
      else if (NUMERIC.contains(type)) numbers.add(c.getString("name"));
      else categories.add(c.getString("name"));
    }
    if (rowCount == 1 && columns.size() == 1 && numbers.size() == 1) {
      return chart("kpi", null, numbers.get(0), null);
    }
    if (!time.isEmpty()
        && !numbers.isEmpty()
        && time.size() + numbers.size() + categories.size() <= 3) {
      return chart(
          "line", time.get(0), numbers.get(0), categories.isEmpty() ? null : categories.get(0));
    }
    if (categories.size() == 1 && numbers.size() == 1 && time.isEmpty()) {
      boolean share = asksForShare(question);
      return chart(
          share && rowCount <= PIE_MAX ? "pie" : "bar", categories.get(0), numbers.get(0), null);
    }
    if (categories.size() == 2 && numbers.size() == 1 && time.isEmpty()) {
      return chart("bar", categories.get(0), numbers.get(0), categories.get(1));
    }
    if (numbers.size() == 2 && time.isEmpty() && categories.size() <= 1 && rowCount > 1) {
      return chart(
          "scatter",
          numbers.get(0),
          numbers.get(1),
          categories.isEmpty() ? null : categories.get(0));
    }
    return chart("table", null, null, null);
  }

  /**
   * The suggested chart if its columns exist in the result, else one chosen from the result's
   * shape.
   */
  static JsonObject checked(
      JsonObject suggested, String question, JsonArray columns, int rowCount) {
    if (suggested != null && suggested.getString("type") != null) {
      List<String> names = new ArrayList<>();
      columns.forEach(c -> names.add(((JsonObject) c).getString("name")));
      boolean fits =
          fits(suggested.getString("x"), names)
              && fits(suggested.getString("y"), names)
              && fits(suggested.getString("series"), names);
      if (fits
          && Set.of("line", "bar", "pie", "kpi", "scatter", "table")
              .contains(suggested.getString("type"))) {
        return suggested;
      }
    }
    return choose(question, columns, rowCount);
  }

  private static boolean fits(String column, List<String> names) {
    return column == null || names.contains(column);
  }

  private static boolean asksForShare(String question) {
    if (question == null) return false;
    for (String w : question.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
      if (SHARE_WORDS.contains(w)) return true;
    }
    return false;
  }

  private static JsonObject chart(String type, String x, String y, String series) {
    JsonObject c = new JsonObject().put("type", type).put("x", x).put("y", y);
    if (series != null) c.put("series", series);
    return c;
  }
}
