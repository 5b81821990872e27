package com.analyticsstudio.semantic;

import java.util.Arrays;
import java.util.List;

/**
 * Granularities of a time dimension. {@code week} is the ISO week (starting Monday); the fiscal
 * grains start in the model's fiscal year start month. A period is named by the date it starts.
 */
public enum TimeGrain {
  DAY("day", "1 day", false),
  WEEK("week", "7 days", false),
  MONTH("month", "1 month", false),
  QUARTER("quarter", "3 months", false),
  YEAR("year", "1 year", false),
  FISCAL_QUARTER("fiscal_quarter", "3 months", true),
  FISCAL_YEAR("fiscal_year", "1 year", true);

  private final String wire;
  private final String step;
  private final boolean fiscal;

  TimeGrain(String wire, String step, boolean fiscal) {
    this.wire = wire;
    this.step = step;
    this.fiscal = fiscal;
  }

  public String wire() {
    return wire;
  }

  /** The length of one period as a PostgreSQL interval literal. */
  String step() {
    return step;
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(TimeGrain::wire).toList();
  }

  public static TimeGrain parse(String s) {
    for (TimeGrain g : values()) if (g.wire.equals(s)) return g;
    return null;
  }

  /**
   * SQL for the first day (a {@code date}) of the period that holds {@code expr} (a date or
   * timestamp expression). Fiscal periods shift by the months before the fiscal year starts,
   * truncate, and shift back.
   */
  String start(String expr, int fiscalStartMonth) {
    String ts = "CAST(" + expr + " AS timestamp)";
    if (fiscal && fiscalStartMonth != 1) {
      String shift = "CAST('" + (fiscalStartMonth - 1) + " months' AS interval)";
      String unit = this == FISCAL_YEAR ? "year" : "quarter";
      return "CAST(date_trunc('" + unit + "', " + ts + " - " + shift + ") + " + shift + " AS date)";
    }
    String unit =
        switch (this) {
          case FISCAL_YEAR -> "year";
          case FISCAL_QUARTER -> "quarter";
          default -> wire;
        };
    return "CAST(date_trunc('" + unit + "', " + ts + ") AS date)";
  }
}
