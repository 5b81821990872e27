package com.analyticsstudio.llm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One dataset as the model sees it: how to reference it in SQL and what its columns hold.
 *
 * @param tableName the SQL name queries use ({@code FROM "sales"}), as the guarded query path
 *     resolves it
 * @param displayName the name people gave the dataset
 * @param rowCount rows in the current version
 * @param columns columns in table order
 */
public record DatasetSchema(
    String tableName, String displayName, long rowCount, List<Column> columns) {

  public DatasetSchema {
    if (tableName == null || tableName.isBlank())
      throw Messages.invalid("a dataset needs its tableName");
    displayName = displayName == null || displayName.isBlank() ? tableName : displayName;
    columns = List.copyOf(columns == null ? List.of() : columns);
  }

  /**
   * A column, with what its profile says about the values.
   *
   * @param name the SQL column name
   * @param label the name people see (may equal {@code name})
   * @param type integer, decimal, boolean, date, timestamp or text
   * @param sampleValues a few values as text (the builder shows at most {@value
   *     PromptBuilder#MAX_SAMPLES})
   * @param topValues most common values with their counts, from the profile (shown for text and
   *     boolean columns)
   * @param min smallest value as text, or null
   * @param max largest value as text, or null
   */
  public record Column(
      String name,
      String label,
      String type,
      List<String> sampleValues,
      List<TopValue> topValues,
      String min,
      String max) {
    public Column {
      if (name == null || name.isBlank()) throw Messages.invalid("a column needs its name");
      label = label == null || label.isBlank() ? name : label;
      type = type == null || type.isBlank() ? "text" : type;
      sampleValues =
          List.copyOf(
              sampleValues == null
                  ? List.of()
                  : sampleValues.stream().filter(v -> v != null).toList());
      topValues = List.copyOf(topValues == null ? List.of() : topValues);
    }

    /** A column with no values known. */
    public Column(String name, String label, String type) {
      this(name, label, type, List.of(), List.of(), null, null);
    }

    public JsonObject toJson() {
      JsonArray top = new JsonArray();
      topValues.forEach(t -> top.add(t.toJson()));
      return new JsonObject()
          .put("name", name)
          .put("label", label)
          .put("type", type)
          .put("sampleValues", Messages.stringArray(sampleValues))
          .put("topValues", top)
          .put("min", min)
          .put("max", max);
    }

    public static Column fromJson(JsonObject j) {
      return new Column(
          Messages.requiredString(j, "name"),
          Messages.string(j, "label"),
          Messages.string(j, "type"),
          Messages.strings(j, "sampleValues"),
          Messages.objects(j, "topValues", TopValue::fromJson),
          scalar(j.getValue("min")),
          scalar(j.getValue("max")));
    }

    private static String scalar(Object v) {
      return v == null ? null : v.toString();
    }
  }

  /** A frequent value of a column and how many rows hold it. */
  public record TopValue(String value, long count) {
    public JsonObject toJson() {
      return new JsonObject().put("value", value).put("count", count);
    }

    public static TopValue fromJson(JsonObject j) {
      Object v = j.getValue("value");
      Long count = Messages.longOrNull(j, "count");
      return new TopValue(v == null ? null : v.toString(), count == null ? 0 : count);
    }
  }

  public JsonObject toJson() {
    JsonArray cols = new JsonArray();
    columns.forEach(c -> cols.add(c.toJson()));
    return new JsonObject()
        .put("tableName", tableName)
        .put("displayName", displayName)
        .put("rowCount", rowCount)
        .put("columns", cols);
  }

  public static DatasetSchema fromJson(JsonObject j) {
    Long rows = Messages.longOrNull(j, "rowCount");
    return new DatasetSchema(
        Messages.requiredString(j, "tableName"),
        Messages.string(j, "displayName"),
        rows == null ? 0 : rows,
        Messages.objects(j, "columns", Column::fromJson));
  }
}
