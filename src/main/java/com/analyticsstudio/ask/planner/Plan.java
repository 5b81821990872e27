package com.analyticsstudio.ask.planner;

import java.util.List;

/**
 * A planned question.
 *
 * @param sql one PostgreSQL {@code SELECT} over the dataset's table, built from {@code spec}
 * @param spec the structured plan (JSON-serialisable; hand it back as the previous plan of a
 *     thread)
 * @param chart the suggested chart
 * @param explanation a short description ("Average temp_max by weather")
 * @param carried keys of the parts of {@code spec} carried over from the previous turn ({@code
 *     measure:0}, {@code dimension:1}, {@code filter:2}, {@code sort}, {@code limit}); see {@link
 *     Interpretation}
 * @param alternatives other readings of the same question, each ready to run
 * @param valueChoices values that matched several columns, with the column chosen
 */
public record Plan(
    String sql,
    PlanSpec spec,
    Chart chart,
    String explanation,
    List<String> carried,
    List<Alternative> alternatives,
    List<ValueChoice> valueChoices)
    implements PlannerResult {
  public Plan {
    carried = carried == null ? List.of() : List.copyOf(carried);
    alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    valueChoices = valueChoices == null ? List.of() : List.copyOf(valueChoices);
  }

  public Plan(String sql, PlanSpec spec, Chart chart, String explanation) {
    this(sql, spec, chart, explanation, List.of(), List.of(), List.of());
  }
}
