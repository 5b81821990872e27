package com.analyticsstudio.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Widgets whose semantic queries differ only in their measures run as one query, one scan of the
 * dataset instead of one each: the KPIs of a dashboard (no dimensions), or a bar and a line chart
 * grouped the same way. Each widget's answer is then cut from the shared one.
 *
 * <p>Sound because the groups a semantic query returns, and their order and limit, depend on its
 * dataset, dimensions, time, filters, order and limit only, never on which measures it adds —
 * provided the measures are the model's own, by name (no time transforms, formulas or related
 * models' measures, which can change how the query is built), none repeats within a widget, and the
 * order names no measure. The compiler puts the group columns (dimensions, then the time period)
 * first and the measures after them in the request's order, so a widget's columns are the group
 * columns plus its measures' positions in the merged query. The shared query goes through the same
 * guarded path and query cache (keyed by its SQL and the dataset's version) as any other.
 */
final class MeasureBatch {
  private MeasureBatch() {}

  /**
   * What widgets that can share one query have in common: the query without its measures, keys
   * sorted; null when this query cannot be merged with others.
   */
  static String key(JsonObject query) {
    List<String> measures = measures(query);
    if (measures == null) return null;
    Set<String> groupedBy = new HashSet<>();
    if (query.getValue("dimensions") instanceof JsonArray ds) {
      for (Object d : ds) groupedBy.add(String.valueOf(d));
    }
    if (query.getValue("time") instanceof JsonObject t
        && t.getValue("dimension") instanceof String d) {
      groupedBy.add(d);
    }
    Object order = query.getValue("order");
    if (order != null) {
      if (!(order instanceof JsonArray os)) return null;
      for (Object o : os) {
        if (!(o instanceof JsonObject oj)
            || !(oj.getValue("member") instanceof String m)
            || !groupedBy.contains(m)) {
          return null;
        }
      }
    }
    JsonObject rest = query.copy();
    rest.remove("measures");
    return canonical(rest).toString();
  }

  /**
   * The shared query: the first query with every query's measures, each once, in first-seen order.
   */
  static JsonObject merged(List<JsonObject> queries) {
    List<String> all = union(queries);
    return queries.get(0).copy().put("measures", new JsonArray(new ArrayList<Object>(all)));
  }

  /**
   * One widget's answer cut from the shared answer of {@code queries}: the group columns and its
   * own measures' columns, in its order; everything else (row count, truncation, SQL, model
   * version, cached, elapsed time) as the shared answer has it.
   */
  static JsonObject cut(JsonObject shared, List<JsonObject> queries, JsonObject own) {
    List<String> all = union(queries);
    JsonArray columns = shared.getJsonArray("columns");
    int group = columns.size() - all.size();
    if (group < 0) throw new IllegalStateException("the shared answer lacks measure columns");
    List<Integer> pick = new ArrayList<>();
    for (int i = 0; i < group; i++) pick.add(i);
    for (String m : measures(own)) pick.add(group + all.indexOf(m));
    JsonArray ownColumns = new JsonArray();
    for (int i : pick) ownColumns.add(columns.getValue(i));
    JsonArray rows = shared.getJsonArray("rows");
    JsonArray ownRows = new JsonArray(new ArrayList<>(rows.size()));
    for (int r = 0; r < rows.size(); r++) {
      JsonArray row = rows.getJsonArray(r);
      JsonArray out = new JsonArray(new ArrayList<>(pick.size()));
      for (int i : pick) out.add(row.getValue(i));
      ownRows.add(out);
    }
    return shared.copy().put("columns", ownColumns).put("rows", ownRows);
  }

  /** The query's measures when all are the model's own by name, none twice; else null. */
  private static List<String> measures(JsonObject query) {
    if (!(query.getValue("measures") instanceof JsonArray ms) || ms.isEmpty()) return null;
    List<String> out = new ArrayList<>();
    for (Object m : ms) {
      if (!(m instanceof String s) || s.isEmpty() || s.indexOf('.') >= 0 || out.contains(s)) {
        return null;
      }
      out.add(s);
    }
    return out;
  }

  private static List<String> union(List<JsonObject> queries) {
    List<String> all = new ArrayList<>();
    for (JsonObject q : queries) {
      for (String m : measures(q)) if (!all.contains(m)) all.add(m);
    }
    return all;
  }

  /** {@code value} with every object's keys sorted, so equal queries encode alike. */
  private static Object canonical(Object value) {
    if (value instanceof JsonObject o) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      for (String k : o.fieldNames()) sorted.put(k, canonical(o.getValue(k)));
      return new JsonObject(new LinkedHashMap<>(sorted));
    }
    if (value instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      for (Object v : a) out.add(canonical(v));
      return out;
    }
    return value;
  }
}
