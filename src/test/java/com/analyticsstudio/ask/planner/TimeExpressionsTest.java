package com.analyticsstudio.ask.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.ask.planner.PlanSpec.TimeBucket;
import com.analyticsstudio.ask.planner.TimeExpressions.Match;
import com.analyticsstudio.ask.planner.TimeExpressions.Range;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeExpressionsTest {
  static final LocalDate ANCHOR = LocalDate.of(2015, 12, 31);

  private static List<Match> find(String q) {
    List<Token> t = Text.tokenize(q);
    return TimeExpressions.find(t, new boolean[t.size()], ANCHOR);
  }

  private static Range range(String q) {
    return find(q).stream().filter(m -> m.range() != null).findFirst().orElseThrow().range();
  }

  private static Range r(String from, String to) {
    return new Range(LocalDate.parse(from), LocalDate.parse(to));
  }

  @Test
  void aYearAfterAPrepositionIsThatYear() {
    assertThat(range("rain in 2014")).isEqualTo(r("2014-01-01", "2015-01-01"));
    assertThat(range("what about 2015?")).isEqualTo(r("2015-01-01", "2016-01-01"));
  }

  @Test
  void aYearAfterAComparisonIsANumber() {
    assertThat(find("deaths over 2000")).isEmpty();
  }

  @Test
  void monthsAndQuartersOfAYear() {
    assertThat(range("in March 2013")).isEqualTo(r("2013-03-01", "2013-04-01"));
    assertThat(range("dec of 2014")).isEqualTo(r("2014-12-01", "2015-01-01"));
    assertThat(range("Q2 2014")).isEqualTo(r("2014-04-01", "2014-07-01"));
  }

  @Test
  void rangesAndOpenEnds() {
    assertThat(range("between 2012 and 2013")).isEqualTo(r("2012-01-01", "2014-01-01"));
    assertThat(range("from 2013 to 2012")).isEqualTo(r("2012-01-01", "2014-01-01"));
    assertThat(range("since 2014").from()).isEqualTo(LocalDate.of(2014, 1, 1));
    assertThat(range("after 2014").from()).isEqualTo(LocalDate.of(2015, 1, 1));
    assertThat(range("before 2014").to()).isEqualTo(LocalDate.of(2014, 1, 1));
  }

  @Test
  void relativePeriodsAreAnchoredAtTheDatasetsLatestDateNotToday() {
    assertThat(range("last 30 days")).isEqualTo(r("2015-12-02", "2016-01-01"));
    assertThat(range("past 2 months")).isEqualTo(r("2015-11-01", "2016-01-01"));
    assertThat(range("last quarter")).isEqualTo(r("2015-10-01", "2016-01-01"));
    assertThat(range("last month")).isEqualTo(r("2015-12-01", "2016-01-01"));
    assertThat(range("this year")).isEqualTo(r("2015-01-01", "2016-01-01"));
    assertThat(range("last week")).isEqualTo(r("2015-12-28", "2016-01-04"));
  }

  @Test
  void relativePeriodsNeedAnAnchor() {
    List<Token> t = Text.tokenize("last 30 days");
    assertThat(TimeExpressions.find(t, new boolean[t.size()], null)).isEmpty();
  }

  @Test
  void bucketsFromMarkersAdverbsAndWhichQuestions() {
    assertThat(find("per year").get(0).bucket()).isEqualTo(TimeBucket.YEAR);
    assertThat(find("by the month").get(0).bucket()).isEqualTo(TimeBucket.MONTH);
    assertThat(find("weekly totals").get(0).bucket()).isEqualTo(TimeBucket.WEEK);
    assertThat(find("quarterly").get(0).bucket()).isEqualTo(TimeBucket.QUARTER);
    assertThat(find("which month had").get(0).bucket()).isEqualTo(TimeBucket.MONTH);
    assertThat(find("price over time").get(0).autoBucket()).isTrue();
    assertThat(find("by weather and year").get(0).bucket()).isEqualTo(TimeBucket.YEAR);
  }

  @Test
  void profileDatesParseWithOrWithoutTime() {
    assertThat(TimeExpressions.parseDate("2015-12-31")).isEqualTo(ANCHOR);
    assertThat(TimeExpressions.parseDate("2015-12-31 23:00:00")).isEqualTo(ANCHOR);
    assertThat(TimeExpressions.parseDate("n/a")).isNull();
  }
}
