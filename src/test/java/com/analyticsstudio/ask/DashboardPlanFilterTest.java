package com.analyticsstudio.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.ask.planner.ColumnInfo;
import com.analyticsstudio.ask.planner.ColumnType;
import com.analyticsstudio.ask.planner.PlanSpec.Filter;
import com.analyticsstudio.ask.planner.PlanSpec.Operator;
import com.analyticsstudio.dashboard.FilterScope.Applied;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A dashboard filter as a planner filter: inclusive days on dates and timestamps, types kept. */
class DashboardPlanFilterTest {
  static Applied applied(String operator, Object... values) {
    return new Applied("f", null, "m", operator, List.of(values));
  }

  static final ColumnInfo DATE = ColumnInfo.of("d", ColumnType.DATE);
  static final ColumnInfo TS = ColumnInfo.of("t", ColumnType.TIMESTAMP);
  static final ColumnInfo TEXT = ColumnInfo.of("s", ColumnType.TEXT);
  static final ColumnInfo NUM = ColumnInfo.of("n", ColumnType.DECIMAL);

  @Test
  void valuesAreEqualityOrIn() {
    assertThat(AskService.planFilter(applied("equals", "East"), TEXT))
        .isEqualTo(new Filter("s", Operator.EQ, List.of("East")));
    assertThat(AskService.planFilter(applied("equals", "East", "West"), TEXT))
        .isEqualTo(new Filter("s", Operator.IN, List.of("East", "West")));
    assertThat(AskService.planFilter(applied("equals", 3), NUM))
        .isEqualTo(new Filter("n", Operator.EQ, List.of("3")));
  }

  @Test
  void aDateRangeKeepsBothDaysOnDatesAndTheWholeLastDayOnTimestamps() {
    assertThat(AskService.planFilter(applied("inDateRange", "2024-01-01", "2024-01-31"), DATE))
        .isEqualTo(new Filter("d", Operator.BETWEEN, List.of("2024-01-01", "2024-01-31")));
    assertThat(AskService.planFilter(applied("inDateRange", "2024-01-01", "2024-01-31"), TS))
        .isEqualTo(new Filter("t", Operator.RANGE, List.of("2024-01-01", "2024-02-01")));
    // afterDate d keeps the days after d; beforeDate d the days before d.
    assertThat(AskService.planFilter(applied("afterDate", "2023-12-31"), DATE))
        .isEqualTo(new Filter("d", Operator.GT, List.of("2023-12-31")));
    assertThat(AskService.planFilter(applied("afterDate", "2023-12-31"), TS))
        .isEqualTo(new Filter("t", Operator.GE, List.of("2024-01-01")));
    assertThat(AskService.planFilter(applied("beforeDate", "2024-02-01"), TS))
        .isEqualTo(new Filter("t", Operator.LT, List.of("2024-02-01")));
  }

  @Test
  void aFilterThatDoesNotFitTheColumnsTypeIsNotApplied() {
    assertThat(AskService.planFilter(applied("inDateRange", "2024-01-01", "2024-01-31"), TEXT))
        .isNull();
    assertThat(AskService.planFilter(applied("gte", 5), TEXT)).isNull();
    assertThat(AskService.planFilter(applied("lte", 5), NUM))
        .isEqualTo(new Filter("n", Operator.LE, List.of("5")));
  }
}
