package com.analyticsstudio.ask.planner;

import static com.analyticsstudio.ask.planner.Fixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChartsTest {
  @Test
  void timeAndAMeasureIsALine() {
    assertThat(plan("average price per month").chart())
        .isEqualTo(new Chart(Chart.Type.LINE, "month", "avg_price", null));
    assertThat(plan("average price by symbol and year").chart())
        .isEqualTo(new Chart(Chart.Type.LINE, "year", "avg_price", "symbol"));
  }

  @Test
  void aRawSeriesOverTimeIsALine() {
    assertThat(plan("price of AAPL over time").chart())
        .isEqualTo(new Chart(Chart.Type.LINE, "date", "price", null));
  }

  @Test
  void aCategoryAndAMeasureIsABar() {
    assertThat(plan("average temp max by weather").chart())
        .isEqualTo(new Chart(Chart.Type.BAR, "weather", "avg_temp_max", null));
  }

  @Test
  void aShareOfFewCategoriesIsAPieOnlyWhenAskedForAndAdditive() {
    assertThat(plan("share of days by weather").chart().type()).isEqualTo(Chart.Type.PIE);
    assertThat(plan("breakdown of days by weather").chart().type()).isEqualTo(Chart.Type.PIE);
    assertThat(plan("days by weather").chart().type()).isEqualTo(Chart.Type.BAR);
    // an average is not a share of a whole
    assertThat(plan("share of average temp max by weather").chart().type())
        .isEqualTo(Chart.Type.BAR);
    // 50 states are too many slices
    assertThat(plan("share of population by state").chart().type()).isEqualTo(Chart.Type.BAR);
  }

  @Test
  void oneValueIsAKpiTwoMeasuresAScatterListingsATable() {
    assertThat(plan("how many rainy days").chart())
        .isEqualTo(new Chart(Chart.Type.KPI, null, "count", null));
    assertThat(plan("average temp max and average temp min by weather").chart().type())
        .isEqualTo(Chart.Type.SCATTER);
    assertThat(plan("population vs hurricanes").chart())
        .isEqualTo(new Chart(Chart.Type.SCATTER, "population", "hurricanes", null));
    assertThat(plan("top 5 days by wind").chart().type()).isEqualTo(Chart.Type.TABLE);
  }
}
