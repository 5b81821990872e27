package com.analyticsstudio.ask.planner;

import com.analyticsstudio.ask.planner.PlanSpec.Aggregation;
import com.analyticsstudio.ask.planner.PlanSpec.Dimension;
import com.analyticsstudio.ask.planner.PlanSpec.Filter;
import com.analyticsstudio.ask.planner.PlanSpec.Measure;
import com.analyticsstudio.ask.planner.PlanSpec.Operator;
import java.util.List;

/**
 * The suggested chart: time and a measure → line; a category and a measure → bar (pie when the
 * question asks for a share and there are at most {@value #PIE_MAX} slices of a count or sum); one
 * value → KPI; two measures → scatter; anything else → table.
 */
final class Charts {
  static final int PIE_MAX = 6;

  private Charts() {}

  static Chart choose(PlanSpec spec, DatasetInfo d, boolean shareAsked) {
    if (spec.listing()) {
      // A raw series ("price of AAPL over time"): time on x, the values as a line.
      if (spec.columns().size() == 2
          && spec.orderBy().size() == 1
          && spec.orderBy().get(0).alias().equals(spec.columns().get(0))
          && d.column(spec.columns().get(0))
              .map(
                  c ->
                      c.type().temporal()
                          || c.type() == ColumnType.INTEGER
                              && Text.words(c.name()).equals(List.of("year")))
              .orElse(false)) {
        return new Chart(Chart.Type.LINE, spec.columns().get(0), spec.columns().get(1), null);
      }
      if (spec.columns().size() == 2
          && spec.columns().stream()
              .allMatch(c -> d.column(c).map(x -> x.type().numeric()).orElse(false))) {
        return new Chart(Chart.Type.SCATTER, spec.columns().get(0), spec.columns().get(1), null);
      }
      return new Chart(Chart.Type.TABLE, null, null, null);
    }
    var ms = spec.measures();
    var ds = spec.dimensions();
    if (ms.size() == 1 && ds.isEmpty())
      return new Chart(Chart.Type.KPI, null, ms.get(0).alias(), null);
    if (ms.size() == 2 && ds.size() <= 1) {
      return new Chart(
          Chart.Type.SCATTER,
          ms.get(0).alias(),
          ms.get(1).alias(),
          ds.isEmpty() ? null : ds.get(0).alias());
    }
    if (ms.size() != 1 || ds.size() > 2) return new Chart(Chart.Type.TABLE, null, null, null);
    Measure m = ms.get(0);
    Dimension time = ds.stream().filter(x -> temporal(x, d)).findFirst().orElse(null);
    if (time != null) {
      Dimension other = ds.stream().filter(x -> x != time).findFirst().orElse(null);
      return new Chart(
          Chart.Type.LINE, time.alias(), m.alias(), other == null ? null : other.alias());
    }
    if (ds.size() == 2)
      return new Chart(Chart.Type.BAR, ds.get(0).alias(), m.alias(), ds.get(1).alias());
    Dimension cat = ds.get(0);
    boolean additive =
        m.agg() == Aggregation.COUNT
            || m.agg() == Aggregation.SUM
            || m.agg() == Aggregation.SHARE && m.condition().isEmpty();
    long slices = categories(spec, cat, d);
    if (shareAsked && additive && slices > 0 && slices <= PIE_MAX)
      return new Chart(Chart.Type.PIE, cat.alias(), m.alias(), null);
    return new Chart(Chart.Type.BAR, cat.alias(), m.alias(), null);
  }

  private static boolean temporal(Dimension x, DatasetInfo d) {
    if (x.bucket() != null) return true;
    ColumnInfo c = d.column(x.column()).orElse(null);
    return c != null
        && (c.type().temporal()
            || c.type() == ColumnType.INTEGER && Text.words(c.name()).equals(List.of("year")));
  }

  /** How many groups a dimension will have, or -1 when unknown. */
  private static long categories(PlanSpec spec, Dimension cat, DatasetInfo d) {
    long n = -1;
    for (Filter f : spec.filters()) {
      if (f.column().equals(cat.column()) && (f.op() == Operator.IN || f.op() == Operator.EQ))
        n = f.values().size();
    }
    if (n < 0) {
      ColumnInfo c = d.column(cat.column()).orElse(null);
      if (c != null && c.distinctCount() != null) n = c.distinctCount();
      else if (c != null && !c.values().isEmpty() && c.values().size() < ValueLookup.MAX_VALUES)
        n = c.values().size();
    }
    if (spec.limit() != null) n = n < 0 ? spec.limit() : Math.min(n, spec.limit());
    return n;
  }
}
