package com.analyticsstudio.llm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One dataset as the model sees it: how to reference it in SQL, what its columns hold and, from its
 * semantic model, the measures people defined and the words they use for them.
 *
 * @param tableName the SQL name queries use ({@code FROM "sales"}), as the guarded query path
 *     resolves it
 * @param displayName the name people gave the dataset
 * @param rowCount rows in the current version
 * @param columns columns in table order
 * @param measures the semantic model's measures (empty without a model)
 * @param fiscalYearStartMonth the month the dataset's fiscal year starts (1 = January)
 */
public record DatasetSchema(
    String tableName,
    String displayName,
    long rowCount,
    List<Column> columns,
    List<Measure> measures,
    int fiscalYearStartMonth) {

  public DatasetSchema {
    if (tableName == null || tableName.isBlank())
      throw Messages.invalid("a dataset needs its tableName");
    displayName = displayName == null || displayName.isBlank() ? tableName : displayName;
    columns = List.copyOf(columns == null ? List.of() : columns);
    measures = List.copyOf(measures == null ? List.of() : measures);
    fiscalYearStartMonth =
        fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12 ? 1 : fiscalYearStartMonth;
  }

  /** A dataset without a semantic model. */
  public DatasetSchema(String tableName, String displayName, long rowCount, List<Column> columns) {
    this(tableName, displayName, rowCount, columns, List.of(), 1);
  }

  /**
   * A measure of the dataset's semantic model.
   *
   * @param name the measure's name
   * @param label the name people see
   * @param definition how it is computed, in SQL over the table's columns, or the model's formula
   * @param description what it means, or null
   * @param synonyms other words people use for it
   */
  public record Measure(
      String name, String label, String definition, String description, List<String> synonyms) {
    public Measure {
      if (name == null || name.isBlank()) throw Messages.invalid("a measure needs its name");
      label = label == null || label.isBlank() ? name : label;
      definition = definition == null ? "" : definition;
      synonyms = List.copyOf(synonyms == null ? List.of() : synonyms);
    }

    public JsonObject toJson() {
      return new JsonObject()
          .put("name", name)
          .put("label", label)
          .put("definition", definition)
          .put("description", description)
          .put("synonyms", Messages.stringArray(synonyms));
    }

    public static Measure fromJson(JsonObject j) {
      return new Measure(
          Messages.requiredString(j, "name"),
          Messages.string(j, "label"),
          Messages.string(j, "definition"),
          Messages.string(j, "description"),
          Messages.strings(j, "synonyms"));
    }
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
   * @param synonyms other words people use for the column (its semantic model's dimension)
   */
  public record Column(
      String name,
      String label,
      String type,
      List<String> sampleValues,
      List<TopValue> topValues,
      String min,
      String max,
      List<String> synonyms) {
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
      synonyms = List.copyOf(synonyms == null ? List.of() : synonyms);
    }

    public Column(
        String name,
        String label,
        String type,
        List<String> sampleValues,
        List<TopValue> topValues,
        String min,
        String max) {
      this(name, label, type, sampleValues, topValues, min, max, List.of());
    }

    /** A column with no values known. */
    public Column(String name, String label, String type) {
      this(name, label, type, List.of(), List.of(), null, null);
    }

    /** The column with the label and synonyms its semantic model gives it. */
    public Column named(String modelLabel, List<String> modelSynonyms) {
      return new Column(
          name,
          modelLabel == null || modelLabel.isBlank() ? label : modelLabel,
          type,
          sampleValues,
          topValues,
          min,
          max,
          modelSynonyms);
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
          .put("max", max)
          .put("synonyms", Messages.stringArray(synonyms));
    }

    public static Column fromJson(JsonObject j) {
      return new Column(
          Messages.requiredString(j, "name"),
          Messages.string(j, "label"),
          Messages.string(j, "type"),
          Messages.strings(j, "sampleValues"),
          Messages.objects(j, "topValues", TopValue::fromJson),
          scalar(j.getValue("min")),
          scalar(j.getValue("max")),
          Messages.strings(j, "synonyms"));
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
    JsonArray ms = new JsonArray();
    measures.forEach(m -> ms.add(m.toJson()));
    return new JsonObject()
        .put("tableName", tableName)
        .put("displayName", displayName)
        .put("rowCount", rowCount)
        .put("columns", cols)
        .put("measures", ms)
        .put("fiscalYearStartMonth", fiscalYearStartMonth);
  }

  public static DatasetSchema fromJson(JsonObject j) {
    Long rows = Messages.longOrNull(j, "rowCount");
    Long fiscal = Messages.longOrNull(j, "fiscalYearStartMonth");
    return new DatasetSchema(
        Messages.requiredString(j, "tableName"),
        Messages.string(j, "displayName"),
        rows == null ? 0 : rows,
        Messages.objects(j, "columns", Column::fromJson),
        Messages.objects(j, "measures", Measure::fromJson),
        fiscal == null ? 1 : fiscal.intValue());
  }
}
