package com.analyticsstudio.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.dashboard.DatePresets.Range;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The date-range presets against a fixed clock, for calendar and fiscal years. */
class DatePresetsTest {
  /** 15 May 2024, late in the evening UTC: "today" is the UTC date. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-15T23:30:00Z"), ZoneOffset.UTC);

  static final LocalDate TODAY = LocalDate.now(CLOCK);

  static Range r(String from, String to) {
    return new Range(LocalDate.parse(from), LocalDate.parse(to));
  }

  static Range at(String preset, int fiscalStart) {
    return DatePresets.resolve(preset, TODAY, fiscalStart);
  }

  @Test
  void rollingDaysEndToday() {
    assertThat(TODAY).isEqualTo(LocalDate.of(2024, 5, 15));
    assertThat(at("last_7_days", 1)).isEqualTo(r("2024-05-09", "2024-05-15"));
    assertThat(at("last_30_days", 1)).isEqualTo(r("2024-04-16", "2024-05-15"));
    assertThat(at("last_90_days", 1)).isEqualTo(r("2024-02-16", "2024-05-15"));
  }

  @Test
  void monthsAreCalendarMonthsWhateverTheFiscalYear() {
    for (int fiscal : new int[] {1, 4, 7}) {
      assertThat(at("this_month", fiscal)).isEqualTo(r("2024-05-01", "2024-05-31"));
      assertThat(at("last_month", fiscal)).isEqualTo(r("2024-04-01", "2024-04-30"));
      assertThat(at("mtd", fiscal)).isEqualTo(r("2024-05-01", "2024-05-15"));
    }
    // February of a leap year ends on the 29th.
    assertThat(DatePresets.resolve("last_month", LocalDate.of(2024, 3, 31), 1))
        .isEqualTo(r("2024-02-01", "2024-02-29"));
  }

  @Test
  void calendarQuartersAndYears() {
    assertThat(at("this_quarter", 1)).isEqualTo(r("2024-04-01", "2024-06-30"));
    assertThat(at("last_quarter", 1)).isEqualTo(r("2024-01-01", "2024-03-31"));
    assertThat(at("qtd", 1)).isEqualTo(r("2024-04-01", "2024-05-15"));
    assertThat(at("this_year", 1)).isEqualTo(r("2024-01-01", "2024-12-31"));
    assertThat(at("last_year", 1)).isEqualTo(r("2023-01-01", "2023-12-31"));
    assertThat(at("ytd", 1)).isEqualTo(r("2024-01-01", "2024-05-15"));
  }

  @Test
  void fiscalYearStartingInJulyShiftsYearsAndQuarters() {
    // FY2024 runs July 2023 – June 2024; its quarters start in July, October, January, April.
    assertThat(at("this_year", 7)).isEqualTo(r("2023-07-01", "2024-06-30"));
    assertThat(at("last_year", 7)).isEqualTo(r("2022-07-01", "2023-06-30"));
    assertThat(at("ytd", 7)).isEqualTo(r("2023-07-01", "2024-05-15"));
    assertThat(at("this_quarter", 7)).isEqualTo(r("2024-04-01", "2024-06-30"));
    assertThat(at("last_quarter", 7)).isEqualTo(r("2024-01-01", "2024-03-31"));
  }

  @Test
  void fiscalYearStartingInAprilBeginsOnTheFirstOfApril() {
    assertThat(at("this_year", 4)).isEqualTo(r("2024-04-01", "2025-03-31"));
    assertThat(at("ytd", 4)).isEqualTo(r("2024-04-01", "2024-05-15"));
    assertThat(at("last_year", 4)).isEqualTo(r("2023-04-01", "2024-03-31"));
    assertThat(at("qtd", 4)).isEqualTo(r("2024-04-01", "2024-05-15"));
  }

  @Test
  void fiscalQuarterAcrossTheCalendarYear() {
    // A fiscal year from February: its last quarter is November – January.
    LocalDate jan10 = LocalDate.of(2024, 1, 10);
    assertThat(DatePresets.resolve("this_quarter", jan10, 2))
        .isEqualTo(r("2023-11-01", "2024-01-31"));
    assertThat(DatePresets.resolve("last_quarter", jan10, 2))
        .isEqualTo(r("2023-08-01", "2023-10-31"));
    assertThat(DatePresets.resolve("qtd", jan10, 2)).isEqualTo(r("2023-11-01", "2024-01-10"));
    assertThat(DatePresets.resolve("ytd", jan10, 2)).isEqualTo(r("2023-02-01", "2024-01-10"));
  }

  @Test
  void everyListedPresetResolvesAndOthersAreRefused() {
    for (String p : DatePresets.NAMES) {
      Range range = at(p, 10);
      assertThat(range.from()).as(p).isBeforeOrEqualTo(range.to());
    }
    assertThatThrownBy(() -> at("last_week", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> at("ytd", 13)).isInstanceOf(IllegalArgumentException.class);
  }
}
