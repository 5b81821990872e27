package com.analyticsstudio.ask.planner;

import static com.analyticsstudio.ask.planner.Fixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswersTest {
  private static String say(String question, List<List<Object>> rows) {
    Plan p = plan(question);
    return Answers.sentence(p, p.spec().outputColumns(), rows);
  }

  @Test
  void aSingleValueReadsAsASentence() {
    assertThat(say("average temp max", List.of(List.of(new BigDecimal("16.4394")))))
        .isEqualTo("The average temp max is 16.4.");
    assertThat(say("how many rainy days", List.of(List.of(641L))))
        .isEqualTo("There are 641 matching rows.");
    assertThat(say("how many snowy days in 2015", List.of(List.of(1L))))
        .isEqualTo("There is 1 matching row.");
  }

  @Test
  void countsByCategoryNameTheLargestShare() {
    assertThat(
            say(
                "days by weather",
                List.of(
                    List.of("rain", 641L),
                    List.of("sun", 640L),
                    List.of("fog", 101L),
                    List.of("drizzle", 53L),
                    List.of("snow", 26L))))
        .isEqualTo("rain has the most rows: 641 of 1,461.");
  }

  @Test
  void measuresByCategoryNameLeaderAndLowest() {
    assertThat(
            say(
                "average temp max by weather",
                List.of(List.of("sun", 18.9), List.of("rain", 13.5), List.of("fog", 14.2))))
        .isEqualTo("sun leads with 18.9; rain is lowest with 13.5.");
  }

  @Test
  void rankingsAndTimeSeries() {
    assertThat(say("which symbol has the lowest average price", List.of(List.of("MSFT", 24.7363))))
        .isEqualTo("MSFT has the lowest average price: 24.7.");
    assertThat(
            say(
                "total precipitation per year",
                List.of(
                    List.of(Date.valueOf("2012-01-01"), 1226.0),
                    List.of(Date.valueOf("2013-01-01"), 1233.4),
                    List.of(Date.valueOf("2014-01-01"), 1139.4))))
        .isEqualTo(
            "Total precipitation goes from 1,226 in 2012 to 1,139 in 2014, highest in 2013 (1,233).");
  }

  @Test
  void emptyResultsAndLongValuesStayBounded() {
    assertThat(say("how many rainy days", List.of())).isEqualTo("No rows match this question.");
    String longName = "x".repeat(500);
    String s = say("total population by state", List.of(List.of(longName, 5L), List.of("b", 1L)));
    assertThat(s.length()).isLessThanOrEqualTo(Answers.MAX_CHARS);
    assertThat(s).contains("x".repeat(39) + "…");
  }

  @Test
  void numbersAreGroupedAndRoundedDeterministically() {
    assertThat(Answers.formatNumber(new BigDecimal("1461"))).isEqualTo("1,461");
    assertThat(Answers.formatNumber(new BigDecimal("16.45"))).isEqualTo("16.5");
    assertThat(Answers.formatNumber(new BigDecimal("35361.7"))).isEqualTo("35,362");
    assertThat(Answers.formatNumber(new BigDecimal("0.0034215"))).isEqualTo("0.00342");
    assertThat(Answers.formatNumber(new BigDecimal("-7.1"))).isEqualTo("-7.1");
  }

  // ---- issue #18: from the whole result, never contradicting it ----

  @Test
  void extremesAreTakenOverEveryRowNotTheFirstFifty() {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 229; i++) rows.add(List.of("A" + i, new BigDecimal(10 + i % 50)));
    rows.add(List.of("BQN", new BigDecimal("-7.10")));
    Plan p = plan("average temp max by weather");
    String s = Answers.sentence(p, List.of("weather", "avg_temp_max"), rows, rows.size(), false);
    assertThat(s).contains("BQN is lowest with -7.1");
  }

  @Test
  void aTopNListingNamesItsItemsAndACountEqualsTheRowCount() {
    Plan top = plan("top 3 days by wind");
    List<String> cols = top.spec().columns();
    List<List<Object>> rows =
        List.of(
            List.of(Date.valueOf("2012-01-01"), 1, 2, 3, new BigDecimal("9.5"), "rain"),
            List.of(Date.valueOf("2013-02-02"), 1, 2, 3, new BigDecimal("9.1"), "sun"),
            List.of(Date.valueOf("2014-03-03"), 1, 2, 3, new BigDecimal("8.8"), "fog"));
    assertThat(Answers.sentence(top, cols, rows))
        .isEqualTo("Highest wind: 2012-01-01 (9.5), 2013-02-02 (9.1), 2014-03-03 (8.8).");
    Plan list = plan("list rainy days");
    List<List<Object>> many = new ArrayList<>();
    for (int i = 0; i < 406; i++) many.add(List.of(Date.valueOf("2012-01-01"), 1, 2, 3, 4, "rain"));
    assertThat(Answers.sentence(list, list.spec().columns(), many, 406, false))
        .isEqualTo("406 rows.");
    assertThat(Answers.sentence(list, list.spec().columns(), many, 406, true))
        .startsWith("Of the first 406 rows (the result was cut)");
  }

  @Test
  void sharesReadAsPercentages() {
    assertThat(say("what share of days had fog", List.of(List.of(new BigDecimal("6.913073")))))
        .isEqualTo("Share of rows where weather is fog: 6.91%.");
  }

  @Test
  void monthsOfTheYearAreNamed() {
    List<List<Object>> rows = new ArrayList<>();
    for (int m = 1; m <= 12; m++) rows.add(List.of(m, new BigDecimal(m == 7 ? 30 : 10 + m)));
    assertThat(say("average temp max by month of year", rows)).contains("highest in July (30)");
  }
}
