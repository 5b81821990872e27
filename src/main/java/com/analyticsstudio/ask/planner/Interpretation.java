package com.analyticsstudio.ask.planner;

import com.analyticsstudio.ask.planner.PlanSpec.Dimension;
import com.analyticsstudio.ask.planner.PlanSpec.Filter;
import com.analyticsstudio.ask.planner.PlanSpec.Measure;
import java.util.ArrayList;
import java.util.List;

/**
 * What the planner understood, as structured data the answer shows as chips: measures, groupings
 * (time grain included), filters (time range included), sort and limit, each with a key that names
 * its place in the plan ({@code measure:0}, {@code dimension:1}, {@code filter:2}, {@code sort},
 * {@code limit}) so an edited plan can be sent back and run again, and a flag for what was carried
 * over from the previous turn.
 *
 * <p>A measure says where it comes from ({@code source}: {@code planner} today; a semantic-layer
 * measure or a model's would say so and may carry only a label and an expression), so the chips do
 * not depend on the planner having built the plan.
 */
public record Interpretation(
    Dataset dataset,
    List<Part> measures,
    List<Part> groupings,
    List<Part> filters,
    Part sort,
    Part limit,
    List<ValueChoice> valueChoices) {
  /** The dataset a question was read against. */
  public record Dataset(String id, String name, String table) {}

  /**
   * One chip. {@code kind}: measure, grouping, time_grain, filter, time_range, sort, limit; {@code
   * removable} is false where removing it leaves nothing to answer (the last measure).
   */
  public record Part(
      String key,
      String kind,
      String label,
      boolean carried,
      boolean removable,
      String source,
      String column,
      List<String> otherColumns) {
    public Part {
      otherColumns = otherColumns == null ? List.of() : List.copyOf(otherColumns);
    }
  }

  public static Interpretation of(Plan plan, DatasetInfo d) {
    PlanSpec s = plan.spec();
    List<String> carried = plan.carried();
    List<Part> measures = new ArrayList<>();
    if (s.listing()) {
      measures.add(
          new Part(
              "columns",
              "measure",
              s.columns().size() == d.columns().size()
                  ? "all columns"
                  : String.join(", ", s.columns().stream().map(Text::human).toList()),
              false,
              false,
              "planner",
              null,
              null));
    }
    for (int i = 0; i < s.measures().size(); i++) {
      Measure m = s.measures().get(i);
      measures.add(
          new Part(
              "measure:" + i,
              "measure",
              Answers.measureName(m),
              carried.contains("measure:" + i),
              s.measures().size() > 1,
              "planner",
              m.column(),
              null));
    }
    List<Part> groupings = new ArrayList<>();
    for (int i = 0; i < s.dimensions().size(); i++) {
      Dimension x = s.dimensions().get(i);
      String label =
          x.bucket() == null
              ? "by " + Text.human(x.column())
              : "by "
                  + x.bucket().json().replace('_', ' ')
                  + (x.bucket().recurring() ? "" : " of " + Text.human(x.column()));
      groupings.add(
          new Part(
              "dimension:" + i,
              x.bucket() == null ? "grouping" : "time_grain",
              label,
              carried.contains("dimension:" + i),
              true,
              "planner",
              x.column(),
              null));
    }
    List<Part> filters = new ArrayList<>();
    for (int i = 0; i < s.filters().size(); i++) {
      Filter f = s.filters().get(i);
      List<String> others = List.of();
      for (ValueChoice vc : plan.valueChoices()) {
        if (vc.column().equals(f.column()) && f.values().contains(vc.value()))
          others = vc.otherColumns();
      }
      boolean time =
          d.column(f.column()).map(c -> c.type().temporal()).orElse(false)
              || Text.words(f.column()).equals(List.of("year"));
      filters.add(
          new Part(
              "filter:" + i,
              time ? "time_range" : "filter",
              Explanations.filter(f).replace('_', ' '),
              carried.contains("filter:" + i),
              true,
              "planner",
              f.column(),
              others));
    }
    Part sort = null;
    if (!s.orderBy().isEmpty()) {
      PlanSpec.Sort o = s.orderBy().get(0);
      sort =
          new Part(
              "sort",
              "sort",
              (o.descending() ? "highest " : "lowest ") + Text.human(o.alias()) + " first",
              carried.contains("sort"),
              true,
              "planner",
              null,
              null);
    }
    Part limit =
        s.limit() == null || s.limit() >= SqlBuilder.MAX_LIMIT
            ? null
            : new Part(
                "limit",
                "limit",
                (s.limit() == 1 ? "the top one" : "top " + s.limit()),
                carried.contains("limit"),
                true,
                "planner",
                null,
                null);
    return new Interpretation(
        new Dataset(d.id(), d.name(), d.tableName()),
        measures,
        groupings,
        filters,
        sort,
        limit,
        plan.valueChoices());
  }
}
