package com.analyticsstudio.ask.planner;

import com.analyticsstudio.ask.planner.PlanSpec.Dimension;
import com.analyticsstudio.ask.planner.PlanSpec.Filter;
import com.analyticsstudio.ask.planner.PlanSpec.Measure;
import java.util.ArrayList;
import java.util.List;

/** The one-line description of a plan: "Average temp_max by weather, where date in 2014". */
final class Explanations {
  private Explanations() {}

  static String describe(PlanSpec spec, DatasetInfo d) {
    StringBuilder sb = new StringBuilder();
    if (spec.listing()) {
      if (!spec.orderBy().isEmpty()) {
        var s = spec.orderBy().get(0);
        sb.append(spec.limit() != null && spec.limit() == 1 ? "The row" : "Rows")
            .append(" of ")
            .append(d.name())
            .append(" with the ")
            .append(s.descending() ? "highest " : "lowest ")
            .append(s.alias());
      } else if (spec.columns().size() == 2 && spec.limit() != null && spec.limit() == 5000) {
        sb.append(spec.columns().get(0))
            .append(" against ")
            .append(spec.columns().get(1))
            .append(" in ")
            .append(d.name());
      } else {
        sb.append("Rows of ").append(d.name());
      }
    } else {
      List<String> ms = new ArrayList<>();
      for (Measure m : spec.measures()) ms.add(measure(m));
      String head = String.join(" and ", ms);
      if (spec.limit() != null && !spec.dimensions().isEmpty() && !spec.orderBy().isEmpty()) {
        boolean desc = spec.orderBy().get(0).descending();
        sb.append(desc ? "Top " : "Bottom ")
            .append(spec.limit())
            .append(' ')
            .append(spec.dimensions().get(0).column())
            .append(" by ")
            .append(lowerFirst(head));
      } else {
        sb.append(head);
        if (!spec.dimensions().isEmpty()) {
          List<String> ds = new ArrayList<>();
          for (Dimension x : spec.dimensions())
            ds.add(
                x.bucket() == null
                    ? x.column()
                    : x.bucket().json().replace('_', ' ') + " of " + x.column());
          sb.append(" by ").append(String.join(" and ", ds));
        }
      }
      sb.append(" in ").append(d.name());
    }
    if (!spec.filters().isEmpty()) {
      List<String> fs = new ArrayList<>();
      for (Filter f : spec.filters()) fs.add(filter(f));
      sb.append(", where ").append(String.join(" and ", fs));
    }
    return sb.toString();
  }

  static String measure(Measure m) {
    return switch (m.agg()) {
      case COUNT -> m.column() == null ? "Number of rows" : "Number of " + m.column() + " values";
      case COUNT_DISTINCT -> "Number of different " + m.column();
      case SUM -> "Total " + m.column();
      case AVG -> "Average " + m.column();
      case MIN -> "Lowest " + m.column();
      case MAX -> "Highest " + m.column();
      case SHARE ->
          (m.column() == null ? "Share of rows" : "Share of total " + m.column())
              + (m.condition().isEmpty()
                  ? ""
                  : " where "
                      + String.join(
                          " and ", m.condition().stream().map(Explanations::filter).toList()));
      case RATIO -> m.column() + " per " + m.per();
    };
  }

  static String filter(Filter f) {
    List<String> v = f.values();
    String col =
        f.part() == null ? f.column() : f.part().json().replace('_', ' ') + " of " + f.column();
    return switch (f.op()) {
      case EQ -> col + " is " + v.get(0);
      case NE -> col + " is not " + v.get(0);
      case IN -> col + " is " + String.join(" or ", v);
      case NOT_IN -> col + " is not " + String.join(" or ", v);
      case GT, GE, LT, LE -> col + " " + f.op().json() + " " + v.get(0);
      case BETWEEN -> col + " between " + v.get(0) + " and " + v.get(1);
      case RANGE -> col + " from " + v.get(0) + " to before " + v.get(1);
    };
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
