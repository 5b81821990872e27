package com.analyticsstudio.ask.planner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Example questions for a {@link NotUnderstood}, written from the datasets' real columns and
 * values, and each checked by planning it in the same context: an example never fails.
 */
final class Examples {
  static final int MAX = 5;

  private Examples() {}

  static List<String> forContext(Planner planner, PlannerContext context, DatasetInfo focus) {
    List<DatasetInfo> order = new ArrayList<>();
    if (focus != null) order.add(focus);
    for (DatasetInfo d : context.datasets()) if (!order.contains(d)) order.add(d);
    Set<String> out = new LinkedHashSet<>();
    PlannerContext fresh =
        new PlannerContext(context.datasets(), null, context.preferredDatasetId());
    for (DatasetInfo d : order) {
      int fromThis = 0;
      for (String q : candidates(d)) {
        if (out.size() >= MAX || fromThis >= (focus == null ? 2 : 3) && out.size() >= 3) break;
        // The dataset being talked about only (a cars conversation gets no movie questions), unless
        // it offers too few.
        if (focus != null && d != focus && out.size() >= 3) break;
        if (planner.plan(q, fresh, false) instanceof Plan) {
          if (out.add(q)) fromThis++;
        }
      }
      if (out.size() >= MAX) break;
    }
    return List.copyOf(out);
  }

  private static List<String> candidates(DatasetInfo d) {
    ColumnInfo measure = null;
    ColumnInfo category = null;
    ColumnInfo date = null;
    for (ColumnInfo c : d.columns()) {
      boolean year = Text.words(c.name()).equals(List.of("year"));
      if (measure == null && c.type().numeric() && !year && !c.name().equals("id")) measure = c;
      if (category == null
          && c.type() == ColumnType.TEXT
          && !c.values().isEmpty()
          && c.distinctCount() != null
          && c.distinctCount() <= 60) category = c;
      if (date == null && c.type().temporal()) date = c;
    }
    String name = Text.human(d.tableName());
    List<String> qs = new ArrayList<>();
    if (measure != null && category != null)
      qs.add("Average " + Text.human(measure.name()) + " by " + Text.human(category.name()));
    if (category != null) {
      String v = category.values().get(0).value();
      qs.add("How many " + name + " rows have " + Text.human(category.name()) + " " + v + "?");
      qs.add("How many rows in " + name + " by " + Text.human(category.name()) + "?");
    }
    if (measure != null && date != null)
      qs.add("Total " + Text.human(measure.name()) + " per year in " + name);
    if (measure != null && category != null) {
      qs.add("Top 5 " + Text.human(category.name()) + " by total " + Text.human(measure.name()));
    }
    if (measure != null) qs.add("Highest " + Text.human(measure.name()) + " in " + name);
    qs.add("How many rows are in " + name + "?");
    return qs;
  }
}
