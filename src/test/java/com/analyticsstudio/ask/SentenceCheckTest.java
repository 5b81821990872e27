package com.analyticsstudio.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceCheckTest {
  static final List<List<Object>> ROWS =
      List.of(
          List.of("rain", 641L),
          List.of("sun", 640L),
          List.of("fog", 101L),
          List.of("drizzle", 53L),
          List.of("snow", 26L));

  @Test
  void numbersThatAreCellsCountsTotalsOrSharesOfATotalAreSupported() {
    assertThat(
            SentenceCheck.unsupported(
                "Rain leads with 641 of 1,461 days (43.9%); 5 kinds.", ROWS, 5, "days by weather"))
        .isEmpty();
  }

  @Test
  void aNumberNothingInTheResultHoldsIsReported() {
    assertThat(SentenceCheck.unsupported("Rain leads with 700 days; snow has 26.", ROWS, 5, "q"))
        .containsExactly("700");
    assertThat(SentenceCheck.unsupported("About 12% of days are foggy.", ROWS, 5, "q"))
        .containsExactly("12%");
  }

  @Test
  void roundingIsJudgedAtThePrecisionShown() {
    List<List<Object>> rows =
        List.of(List.of(new BigDecimal("16.43945")), List.of(new BigDecimal("-7.1")));
    assertThat(SentenceCheck.unsupported("The average is 16.4 and the lowest −7.10.", rows, 2, "q"))
        .isEmpty();
    assertThat(SentenceCheck.unsupported("The average is 16.5.", rows, 2, "q"))
        .containsExactly("16.5");
  }

  @Test
  void yearsOfDatesAndNumbersOfTheQuestionAreSupported() {
    List<List<Object>> rows = List.of(List.of("2014-08-11", new BigDecimal("35.6")));
    assertThat(
            SentenceCheck.unsupported(
                "The top 1 day was in 2014 at 35.6.", rows, 1, "top 1 hottest day"))
        .isEmpty();
  }
}
