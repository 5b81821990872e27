package com.analyticsstudio.ask;

import com.analyticsstudio.llm.DatasetSchema;
import com.analyticsstudio.semantic.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset's semantic model as the LLM's prompt carries it: each column with its dimension's label
 * and synonyms, the measures with their labels, synonyms and definitions (SQL for an aggregation,
 * the model's formula otherwise), and the fiscal year. Hidden and broken members are left out: Ask
 * does not offer what the model does not.
 */
final class ModelVocabulary {
  private ModelVocabulary() {}

  static DatasetSchema withModel(DatasetSchema schema, Model model) {
    List<DatasetSchema.Column> columns = new ArrayList<>();
    for (DatasetSchema.Column c : schema.columns()) {
      Model.Dimension d = dimensionOf(model, c.name());
      columns.add(d == null ? c : c.named(d.label(), d.synonyms()));
    }
    List<DatasetSchema.Measure> measures = new ArrayList<>();
    for (Model.Measure m : model.measures()) {
      if (m.hidden() || m.broken() != null) continue;
      measures.add(
          new DatasetSchema.Measure(
              m.name(), m.label(), definition(m), m.description(), m.synonyms()));
    }
    return new DatasetSchema(
        schema.tableName(),
        schema.displayName(),
        schema.rowCount(),
        columns,
        measures,
        model.fiscalYearStartMonth());
  }

  private static Model.Dimension dimensionOf(Model model, String column) {
    for (Model.Dimension d : model.dimensions()) {
      if (column.equals(d.column()) && !d.hidden() && d.broken() == null) return d;
    }
    return null;
  }

  /** How the measure is computed, as the model defines it. */
  static String definition(Model.Measure m) {
    String body;
    if (m.formula() != null) {
      body = "formula " + m.formula();
    } else {
      String col = m.column() == null ? "*" : "\"" + m.column().replace("\"", "\"\"") + "\"";
      body =
          switch (m.aggregation()) {
            case "count_distinct" -> "count(DISTINCT " + col + ")";
            case "median" -> "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + col + ")";
            case "percentile" ->
                "percentile_cont("
                    + (m.p() == null ? 0.5 : m.p())
                    + ") WITHIN GROUP (ORDER BY "
                    + col
                    + ")";
            default -> m.aggregation() + "(" + col + ")";
          };
    }
    return m.filter() == null ? body : body + " over the rows where " + m.filter();
  }
}
