package com.analyticsstudio.semantic;

import java.util.Arrays;
import java.util.List;

/**
 * Time intelligence on a measure, by calendar date, never by row offset. Each transform is a window
 * of dates relative to the period being computed ({@code [from, to)}), or the difference of two
 * windows. The earlier windows follow the query's granularity.
 *
 * <ul>
 *   <li>{@code previous_period}: the period before (by month: the month before).
 *   <li>{@code same_period_last_year}: the period's start minus one year, for one period;
 *       PostgreSQL's date arithmetic maps 29 February to 28 February. By week: 52 weeks back (364
 *       days), so the week still starts on a Monday.
 *   <li>{@code same_weekday_last_year}: 364 days back, for one period.
 *   <li>{@code rolling_Nd}: the N days that end with the period's last day.
 *   <li>{@code ytd}, {@code qtd}, {@code mtd}: from the start of the (fiscal) year / quarter / the
 *       month that holds the period's start, to the period's end.
 *   <li>{@code change_*}: value minus the earlier value; {@code pct_change_*}: that over the
 *       earlier value. Null when the earlier period has no rows.
 * </ul>
 */
public enum TimeTransform {
  PREVIOUS_PERIOD("previous_period", true, null),
  SAME_PERIOD_LAST_YEAR("same_period_last_year", true, null),
  SAME_WEEKDAY_LAST_YEAR("same_weekday_last_year", true, null),
  ROLLING_7D("rolling_7d", false, null),
  ROLLING_30D("rolling_30d", false, null),
  ROLLING_90D("rolling_90d", false, null),
  YTD("ytd", false, null),
  QTD("qtd", false, null),
  MTD("mtd", false, null),
  CHANGE_PREVIOUS_PERIOD("change_previous_period", true, PREVIOUS_PERIOD),
  PCT_CHANGE_PREVIOUS_PERIOD("pct_change_previous_period", true, PREVIOUS_PERIOD),
  CHANGE_LAST_YEAR("change_last_year", true, SAME_PERIOD_LAST_YEAR),
  PCT_CHANGE_LAST_YEAR("pct_change_last_year", true, SAME_PERIOD_LAST_YEAR);

  private final String wire;
  private final boolean comparison;
  private final TimeTransform base;

  TimeTransform(String wire, boolean comparison, TimeTransform base) {
    this.wire = wire;
    this.comparison = comparison;
    this.base = base;
  }

  public String wire() {
    return wire;
  }

  /** Compares with an earlier period: null, not 0, when that period has no rows. */
  boolean comparison() {
    return comparison;
  }

  /** For a change: the window it compares with; null for a window transform. */
  TimeTransform base() {
    return base;
  }

  boolean percent() {
    return this == PCT_CHANGE_LAST_YEAR || this == PCT_CHANGE_PREVIOUS_PERIOD;
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(TimeTransform::wire).toList();
  }

  public static TimeTransform parse(String s) {
    for (TimeTransform t : values()) if (t.wire.equals(s)) return t;
    return null;
  }

  /**
   * SQL for the window of a period starting at {@code start} (a date expression), as {@code [from,
   * to)} of dates. Only for window transforms (not changes).
   */
  String[] window(String start, TimeGrain grain, int fiscalStartMonth) {
    String step = "CAST('" + grain.step() + "' AS interval)";
    String next = "CAST(" + start + " + " + step + " AS date)";
    return switch (this) {
      case PREVIOUS_PERIOD -> new String[] {"CAST(" + start + " - " + step + " AS date)", start};
      case SAME_PERIOD_LAST_YEAR -> {
        String back =
            grain == TimeGrain.WEEK
                ? "CAST(" + start + " - 364 AS date)"
                : "CAST(" + start + " - CAST('1 year' AS interval) AS date)";
        yield new String[] {back, "CAST(" + back + " + " + step + " AS date)"};
      }
      case SAME_WEEKDAY_LAST_YEAR -> {
        String back = "CAST(" + start + " - 364 AS date)";
        yield new String[] {back, "CAST(" + back + " + " + step + " AS date)"};
      }
      case ROLLING_7D -> new String[] {"CAST(" + next + " - 7 AS date)", next};
      case ROLLING_30D -> new String[] {"CAST(" + next + " - 30 AS date)", next};
      case ROLLING_90D -> new String[] {"CAST(" + next + " - 90 AS date)", next};
      case YTD -> new String[] {TimeGrain.FISCAL_YEAR.start(start, fiscalStartMonth), next};
      case QTD -> new String[] {TimeGrain.FISCAL_QUARTER.start(start, fiscalStartMonth), next};
      case MTD -> new String[] {TimeGrain.MONTH.start(start, fiscalStartMonth), next};
      default -> throw new IllegalStateException(wire + " is not a window");
    };
  }
}
