package com.analyticsstudio.dashboard;

import java.time.LocalDate;
import java.util.List;

/**
 * The date-range filter's presets, resolved to inclusive {@code [from, to]} dates against a given
 * day. Pure: the caller passes today (from its clock) and the fiscal year's start month of the
 * model that has the member (1 = calendar years). Quarters follow the fiscal year: with a fiscal
 * year starting in April, the first quarter is April–June.
 *
 * <ul>
 *   <li>{@code last_7_days}, {@code last_30_days}, {@code last_90_days}: the N days ending today.
 *   <li>{@code this_month}, {@code this_quarter}, {@code this_year}: the whole period holding
 *       today.
 *   <li>{@code last_month}, {@code last_quarter}, {@code last_year}: the whole period before it.
 *   <li>{@code mtd}, {@code qtd}, {@code ytd}: from the start of the current period to today.
 * </ul>
 */
public final class DatePresets {
  /** Every preset name, as the contract lists them. */
  public static final List<String> NAMES =
      List.of(
          "last_7_days",
          "last_30_days",
          "last_90_days",
          "this_month",
          "last_month",
          "this_quarter",
          "last_quarter",
          "this_year",
          "last_year",
          "ytd",
          "qtd",
          "mtd");

  /** An inclusive date range. */
  public record Range(LocalDate from, LocalDate to) {}

  private DatePresets() {}

  /**
   * The range of {@code preset} on {@code today}.
   *
   * @throws IllegalArgumentException for a name not in {@link #NAMES} or a month outside 1..12
   */
  public static Range resolve(String preset, LocalDate today, int fiscalStartMonth) {
    if (fiscalStartMonth < 1 || fiscalStartMonth > 12) {
      throw new IllegalArgumentException("fiscal year start month " + fiscalStartMonth);
    }
    LocalDate month = today.withDayOfMonth(1);
    LocalDate year = fiscalYearStart(today, fiscalStartMonth);
    LocalDate quarter = year.plusMonths(3L * (monthsBetween(year, month) / 3));
    return switch (preset) {
      case "last_7_days" -> new Range(today.minusDays(6), today);
      case "last_30_days" -> new Range(today.minusDays(29), today);
      case "last_90_days" -> new Range(today.minusDays(89), today);
      case "this_month" -> new Range(month, month.plusMonths(1).minusDays(1));
      case "last_month" -> new Range(month.minusMonths(1), month.minusDays(1));
      case "mtd" -> new Range(month, today);
      case "this_quarter" -> new Range(quarter, quarter.plusMonths(3).minusDays(1));
      case "last_quarter" -> new Range(quarter.minusMonths(3), quarter.minusDays(1));
      case "qtd" -> new Range(quarter, today);
      case "this_year" -> new Range(year, year.plusYears(1).minusDays(1));
      case "last_year" -> new Range(year.minusYears(1), year.minusDays(1));
      case "ytd" -> new Range(year, today);
      default -> throw new IllegalArgumentException("unknown date preset " + preset);
    };
  }

  /** The first day of the fiscal year that holds {@code day}. */
  static LocalDate fiscalYearStart(LocalDate day, int fiscalStartMonth) {
    LocalDate start = LocalDate.of(day.getYear(), fiscalStartMonth, 1);
    return start.isAfter(day) ? start.minusYears(1) : start;
  }

  private static long monthsBetween(LocalDate a, LocalDate b) {
    return (b.getYear() - a.getYear()) * 12L + (b.getMonthValue() - a.getMonthValue());
  }
}
