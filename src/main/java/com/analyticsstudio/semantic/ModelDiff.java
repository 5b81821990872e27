package com.analyticsstudio.semantic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A readable list of what changed between two model documents, for the audit log. */
final class ModelDiff {
  private ModelDiff() {}

  static JsonArray changes(Model before, Model after) {
    JsonArray out = new JsonArray();
    if (before.fiscalYearStartMonth() != after.fiscalYearStartMonth()) {
      out.add(
          "fiscal year start month: "
              + before.fiscalYearStartMonth()
              + " → "
              + after.fiscalYearStartMonth());
    }
    diff(
        out,
        "dimension",
        byName(before.dimensions().stream().map(Model.Dimension::toJson).toList()),
        byName(after.dimensions().stream().map(Model.Dimension::toJson).toList()));
    diff(
        out,
        "measure",
        byName(before.measures().stream().map(Model.Measure::toJson).toList()),
        byName(after.measures().stream().map(Model.Measure::toJson).toList()));
    diff(
        out,
        "relationship",
        byName(before.relationships().stream().map(Model.Relationship::toJson).toList()),
        byName(after.relationships().stream().map(Model.Relationship::toJson).toList()));
    return out;
  }

  private static Map<String, JsonObject> byName(List<JsonObject> items) {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    items.forEach(i -> out.put(i.getString("name"), i));
    return out;
  }

  private static void diff(
      JsonArray out, String kind, Map<String, JsonObject> before, Map<String, JsonObject> after) {
    for (String name : before.keySet()) {
      if (!after.containsKey(name)) out.add("removed " + kind + " " + name);
    }
    for (Map.Entry<String, JsonObject> e : after.entrySet()) {
      JsonObject old = before.get(e.getKey());
      if (old == null) {
        out.add("added " + kind + " " + e.getKey() + describe(e.getValue()));
        continue;
      }
      for (String field : e.getValue().fieldNames()) {
        Object a = old.getValue(field);
        Object b = e.getValue().getValue(field);
        if (!Objects.equals(a, b)) {
          out.add(kind + " " + e.getKey() + " " + field + ": " + show(a) + " → " + show(b));
        }
      }
    }
  }

  private static String describe(JsonObject item) {
    if (item.getString("formula") != null) return " = " + item.getString("formula");
    if (item.getString("aggregation") != null) {
      return " = "
          + item.getString("aggregation")
          + "("
          + (item.getString("column") == null ? "" : item.getString("column"))
          + ")";
    }
    if (item.getString("foreignKey") != null) {
      return ": "
          + item.getString("foreignKey")
          + " → "
          + item.getString("dataset")
          + "."
          + item.getString("primaryKey");
    }
    return "";
  }

  private static String show(Object v) {
    if (v == null) return "(none)";
    if (v instanceof String s) return "\"" + s + "\"";
    return v instanceof JsonObject o
        ? o.encode()
        : v instanceof JsonArray a ? a.encode() : String.valueOf(v);
  }
}
