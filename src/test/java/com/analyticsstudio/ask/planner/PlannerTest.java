package com.analyticsstudio.ask.planner;

import static com.analyticsstudio.ask.planner.Fixtures.plan;
import static com.analyticsstudio.ask.planner.Fixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.ask.planner.PlanSpec.Aggregation;
import com.analyticsstudio.ask.planner.PlanSpec.Filter;
import com.analyticsstudio.ask.planner.PlanSpec.Operator;
import com.analyticsstudio.ask.planner.PlanSpec.TimeBucket;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {

  // ---- columns ----

  @Test
  void columnsMatchThroughSynonymsAndWordOrder() {
    Plan p = plan("average maximum temperature");
    assertThat(p.spec().measures())
        .extracting(PlanSpec.Measure::column)
        .containsExactly("temp_max");
    assertThat(p.spec().measures().get(0).agg()).isEqualTo(Aggregation.AVG);
    assertThat(plan("avg max temp by weather").spec().measures().get(0).column())
        .isEqualTo("temp_max");
  }

  @Test
  void aColumnNamedWithAnAggregationWordKeepsThatAggregation() {
    Plan p = plan("minimum temperature");
    assertThat(p.spec().measures().get(0))
        .isEqualTo(new PlanSpec.Measure(Aggregation.MIN, "temp_min", "min_temp_min"));
  }

  @Test
  void aTypoInALongWordStillFindsTheColumn() {
    assertThat(plan("average temprature max").spec().measures().get(0).column())
        .isEqualTo("temp_max");
    assertThat(plan("average pirce of AAPL").spec().measures().get(0).column()).isEqualTo("price");
  }

  @Test
  void anAmbiguousColumnIsRefusedWithTheCandidates() {
    NotUnderstood n = refused("average temperature");
    assertThat(n.reason()).contains("temp_max").contains("temp_min");
    assertThat(n.examples()).hasSizeBetween(3, 5);
  }

  @Test
  void aMaxOrMinWordSettlesAnAmbiguousColumn() {
    assertThat(plan("highest temperature").spec().measures().get(0))
        .isEqualTo(new PlanSpec.Measure(Aggregation.MAX, "temp_max", "max_temp_max"));
    assertThat(plan("lowest temperature").spec().measures().get(0).column()).isEqualTo("temp_min");
  }

  @Test
  void unqualifiedAdditiveColumnsAreSummedOthersAveraged() {
    assertThat(plan("deaths by entity").spec().measures().get(0).agg()).isEqualTo(Aggregation.SUM);
    assertThat(plan("price by symbol").spec().measures().get(0).agg()).isEqualTo(Aggregation.AVG);
  }

  // ---- values ----

  @Test
  void categoricalValuesMatchRealValuesCaseInsensitivelyWithAdjectivesAndPlurals() {
    assertThat(plan("how many rainy days").spec().filters()).containsExactly(eq("weather", "rain"));
    assertThat(plan("how many Sunny days").spec().filters()).containsExactly(eq("weather", "sun"));
    assertThat(plan("total deaths from earthquakes").spec().filters())
        .containsExactly(eq("entity", "Earthquake"));
    assertThat(plan("average price of aapl").spec().filters())
        .containsExactly(eq("symbol", "AAPL"));
  }

  @Test
  void stateCodesAndNamesMatchEachOther() {
    assertThat(plan("total population of NY").spec().filters())
        .containsExactly(eq("state", "New York"));
    assertThat(plan("how many hurricanes in ny").spec().filters())
        .containsExactly(eq("state", "New York"));
  }

  @Test
  void multiWordValuesAndNegationAndSeveralValues() {
    assertThat(plan("total deaths excluding all natural disasters").spec().filters())
        .containsExactly(new Filter("entity", Operator.NE, List.of("All natural disasters")));
    assertThat(plan("average price of IBM and MSFT").spec().filters())
        .containsExactly(new Filter("symbol", Operator.IN, List.of("IBM", "MSFT")));
  }

  @Test
  void aValueWithAQuoteIsEscapedInTheSql() {
    Plan p = plan("total population of O'Brien County");
    assertThat(p.spec().filters()).containsExactly(eq("state", "O'Brien County"));
    assertThat(p.sql()).contains("\"state\" = 'O''Brien County'");
  }

  @Test
  void anUnknownWordAfterAFilterPrepositionIsRefusedNotDropped() {
    assertThat(refused("average price of bitcoin").reason()).contains("bitcoin");
    assertThat(refused("how many unicorns are in stocks").reason()).contains("unicorns");
  }

  // ---- comparisons ----

  @Test
  void numericComparisonsInWordsAndSymbols() {
    assertThat(plan("how many days where wind > 8").spec().filters())
        .containsExactly(cmp("wind", Operator.GT, "8"));
    assertThat(plan("days with temp max at least 30").spec().filters())
        .containsExactly(cmp("temp_max", Operator.GE, "30"));
    assertThat(plan("count of days with precipitation under 1.5").spec().filters())
        .containsExactly(cmp("precipitation", Operator.LT, "1.5"));
    assertThat(plan("sum of deaths in years with more than 100000 deaths").spec().filters())
        .containsExactly(cmp("deaths", Operator.GT, "100000"));
    assertThat(plan("days with wind between 2 and 4").spec().filters())
        .containsExactly(new Filter("wind", Operator.BETWEEN, List.of("2", "4")));
  }

  @Test
  void aComparisonWithoutAColumnIsRefused() {
    PlannerResult r =
        new Planner().plan("how many days over 30", PlannerContext.of(List.of(Fixtures.WEATHER)));
    assertThat(((NotUnderstood) r).reason()).contains("over 30");
  }

  // ---- time ----

  @Test
  void timeFiltersBecomeHalfOpenDateRanges() {
    Plan p = plan("average wind in March 2013");
    assertThat(p.spec().filters())
        .containsExactly(new Filter("date", Operator.RANGE, List.of("2013-03-01", "2013-04-01")));
    assertThat(p.sql())
        .contains("\"date\" >= '2013-03-01'::date AND \"date\" < '2013-04-01'::date");
  }

  @Test
  void aWholeNumberYearColumnTakesYearFiltersAndGroups() {
    Plan p = plan("total deaths per year since 2000");
    assertThat(p.spec().filters()).containsExactly(cmp("year", Operator.GE, "2000"));
    assertThat(p.spec().dimensions())
        .extracting(PlanSpec.Dimension::column)
        .containsExactly("year");
    assertThat(p.chart().type()).isEqualTo(Chart.Type.LINE);
  }

  @Test
  void timeBucketsUseDateTrunc() {
    Plan p = plan("monthly average price of IBM");
    assertThat(p.spec().dimensions())
        .containsExactly(new PlanSpec.Dimension("date", TimeBucket.MONTH, "month"));
    assertThat(p.sql())
        .startsWith("SELECT date_trunc('month', \"date\")::date AS \"month\", avg(\"price\")");
  }

  // ---- intents ----

  @Test
  void countsDistinctCountsAndTopN() {
    assertThat(plan("how many different symbols").spec().measures().get(0).agg())
        .isEqualTo(Aggregation.COUNT_DISTINCT);
    Plan top = plan("top 3 symbols by average price");
    assertThat(top.spec().limit()).isEqualTo(3);
    assertThat(top.spec().orderBy()).containsExactly(new PlanSpec.Sort("avg_price", true));
    Plan bottom = plan("the 2 lowest symbols by average price");
    assertThat(bottom.spec().limit()).isEqualTo(2);
    assertThat(bottom.spec().orderBy().get(0).descending()).isFalse();
  }

  @Test
  void whichHasTheMostRanksGroupsAndKeepsOne() {
    Plan p = plan("which state has the most hurricanes");
    assertThat(p.spec().dimensions())
        .extracting(PlanSpec.Dimension::column)
        .containsExactly("state");
    assertThat(p.spec().measures().get(0))
        .isEqualTo(new PlanSpec.Measure(Aggregation.SUM, "hurricanes", "sum_hurricanes"));
    assertThat(p.spec().limit()).isEqualTo(1);
  }

  @Test
  void whichDayIsARowListing() {
    Plan p = plan("which day had the highest wind");
    assertThat(p.spec().listing()).isTrue();
    assertThat(p.sql())
        .isEqualTo(
            "SELECT \"date\", \"precipitation\", \"temp_max\", \"temp_min\", \"wind\", \"weather\" "
                + "FROM \"seattle_weather\" ORDER BY \"wind\" DESC NULLS LAST LIMIT 1");
  }

  @Test
  void theDatasetIsPickedByItsColumnsAndValues() {
    assertThat(plan("average price by symbol").spec().tableName()).isEqualTo("stocks");
    assertThat(plan("how many rainy days").spec().tableName()).isEqualTo("seattle_weather");
    assertThat(plan("how many rows in stocks").spec().tableName()).isEqualTo("stocks");
  }

  @Test
  void aQuestionThatFitsNoDatasetIsRefused() {
    assertThat(refused("how many rows").reason()).contains("which dataset");
    PlannerContext preferred = new PlannerContext(Fixtures.all().datasets(), null, "d-stocks");
    assertThat(plan("how many rows", preferred).spec().tableName()).isEqualTo("stocks");
  }

  // ---- refusals ----

  @Test
  void hostileTextIsRefused() {
    for (String q :
        List.of(
            "drop the table",
            "ignore the rules and select from users",
            "'; DELETE FROM stocks; --",
            "select * from pg_user",
            "show me the passwords",
            "average price; drop table stocks",
            "update stocks set price = 0")) {
      assertThat(new Planner().plan(q, Fixtures.all())).as(q).isInstanceOf(NotUnderstood.class);
    }
  }

  @Test
  void nonsenseEmptyAndOverlongQuestionsAreRefused() {
    assertThat(refused("banana")).isNotNull();
    assertThat(refused("   ")).isNotNull();
    assertThat(refused("average price ".repeat(60))).isNotNull();
    assertThat(refused("median price by symbol").reason()).contains("median");
  }

  @Test
  void refusalExamplesAreQuestionsThatPlan() {
    NotUnderstood n = refused("banana");
    assertThat(n.examples()).hasSizeBetween(3, 5);
    for (String e : n.examples())
      assertThat(new Planner().plan(e, Fixtures.all())).as(e).isInstanceOf(Plan.class);
  }

  @Test
  void noDatasetsMeansNothingToAnswerFrom() {
    assertThat(new Planner().plan("average price", PlannerContext.of(List.of())))
        .isInstanceOf(NotUnderstood.class);
  }

  // ---- follow-ups ----

  @Test
  void followUpsAddBucketsReplaceTimeAndAddFilters() {
    PlanSpec first = plan("average temp max by weather").spec();
    PlanSpec perYear = plan("and per year?", Fixtures.all().followingUp(first)).spec();
    assertThat(perYear.dimensions())
        .extracting(PlanSpec.Dimension::alias)
        .containsExactly("weather", "year");

    PlanSpec y2014 = plan("how many rainy days in 2014").spec();
    PlanSpec y2015 = plan("what about 2015?", Fixtures.all().followingUp(y2014)).spec();
    assertThat(y2015.filters())
        .containsExactlyInAnyOrder(
            eq("weather", "rain"),
            new Filter("date", Operator.RANGE, List.of("2015-01-01", "2016-01-01")));

    PlanSpec rainy =
        plan(
                "only rainy days",
                Fixtures.all().followingUp(plan("average temp max per year").spec()))
            .spec();
    assertThat(rainy.filters()).containsExactly(eq("weather", "rain"));
    assertThat(rainy.dimensions()).extracting(PlanSpec.Dimension::alias).containsExactly("year");
  }

  @Test
  void aNewQuestionInAThreadIsNotMergedIntoThePreviousOne() {
    PlanSpec first = plan("average temp max by weather").spec();
    PlanSpec next = plan("total deaths by entity", Fixtures.all().followingUp(first)).spec();
    assertThat(next.tableName()).isEqualTo("disasters");
    assertThat(next.filters()).isEmpty();
  }

  @Test
  void specsSurviveAJsonRoundTripAndReplanToTheSameSql() throws Exception {
    Plan p = plan("top 3 symbols by average price in 2009");
    ObjectMapper json = new ObjectMapper();
    String text = json.writeValueAsString(p.spec());
    assertThat(text).contains("\"agg\":\"avg\"").contains("\"op\":\"range\"");
    PlanSpec back = json.readValue(text, PlanSpec.class);
    assertThat(back).isEqualTo(p.spec());
    assertThat(((Plan) new Planner().replan(back, Fixtures.all())).sql()).isEqualTo(p.sql());
  }

  @Test
  void planningIsDeterministic() {
    String q = "average temp max of rainy days by year since 2013";
    assertThat(plan(q)).isEqualTo(plan(q));
  }

  private static Filter eq(String column, String value) {
    return new Filter(column, Operator.EQ, List.of(value));
  }

  private static Filter cmp(String column, Operator op, String value) {
    return new Filter(column, op, List.of(value));
  }
}
