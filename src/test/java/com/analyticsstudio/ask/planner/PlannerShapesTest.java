package com.analyticsstudio.ask.planner;

import static com.analyticsstudio.ask.planner.Fixtures.plan;
import static com.analyticsstudio.ask.planner.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.ask.planner.PlanSpec.Aggregation;
import com.analyticsstudio.ask.planner.PlanSpec.Filter;
import com.analyticsstudio.ask.planner.PlanSpec.Operator;
import com.analyticsstudio.ask.planner.PlanSpec.TimeBucket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #18's rules: shapes, vocabulary from the data, follow-ups both ways, readings instead of
 * refusals.
 */
class PlannerShapesTest {
  static final DatasetInfo CARS =
      new DatasetInfo(
          "d-cars",
          "cars",
          "cars",
          406,
          List.of(
              new ColumnInfo(
                  "name",
                  "Name",
                  ColumnType.TEXT,
                  311L,
                  "amc ambassador brougham",
                  "vw rabbit custom",
                  List.of(v("ford pinto", 6), v("toyota corolla", 5))),
              new ColumnInfo(
                  "miles_per_gallon",
                  "Miles_per_Gallon",
                  ColumnType.DECIMAL,
                  129L,
                  "9",
                  "46.6",
                  List.of()),
              new ColumnInfo("cylinders", "Cylinders", ColumnType.INTEGER, 5L, "3", "8", List.of()),
              new ColumnInfo(
                  "horsepower", "Horsepower", ColumnType.INTEGER, 93L, "46", "230", List.of()),
              new ColumnInfo(
                  "weight_in_lbs",
                  "Weight_in_lbs",
                  ColumnType.INTEGER,
                  356L,
                  "1613",
                  "5140",
                  List.of()),
              new ColumnInfo(
                  "year", "Year", ColumnType.DATE, 12L, "1970-01-01", "1982-01-01", List.of()),
              new ColumnInfo(
                  "origin",
                  "Origin",
                  ColumnType.TEXT,
                  3L,
                  "Europe",
                  "USA",
                  List.of(v("USA", 254), v("Japan", 79), v("Europe", 73)))));

  static final DatasetInfo MOVIES =
      new DatasetInfo(
          "d-movies",
          "movies",
          "movies",
          3201,
          List.of(
              new ColumnInfo(
                  "title", "Title", ColumnType.TEXT, 3177L, "10 Things", "Zoom", List.of()),
              new ColumnInfo(
                  "us_gross", "US Gross", ColumnType.INTEGER, 3000L, "0", "760167650", List.of()),
              new ColumnInfo(
                  "worldwide_gross",
                  "Worldwide Gross",
                  ColumnType.INTEGER,
                  3000L,
                  "0",
                  "2767891499",
                  List.of()),
              new ColumnInfo(
                  "major_genre",
                  "Major Genre",
                  ColumnType.TEXT,
                  12L,
                  "Action",
                  "Western",
                  List.of(v("Drama", 789), v("Comedy", 675), v("Action", 420))),
              new ColumnInfo(
                  "distributor",
                  "Distributor",
                  ColumnType.TEXT,
                  174L,
                  "20th Century Fox",
                  "Zeitgeist",
                  List.of(v("Warner Bros.", 318), v("Drama", 1)))));

  static final DatasetInfo GAPMINDER =
      new DatasetInfo(
          "d-gap",
          "gapminder",
          "gapminder",
          682,
          List.of(
              new ColumnInfo("year", "year", ColumnType.INTEGER, 11L, "1955", "2005", List.of()),
              new ColumnInfo(
                  "country",
                  "country",
                  ColumnType.TEXT,
                  62L,
                  "Afghanistan",
                  "Venezuela",
                  List.of(v("China", 11), v("India", 11), v("Japan", 11))),
              new ColumnInfo(
                  "pop", "pop", ColumnType.INTEGER, 682L, "53175", "1303182268", List.of()),
              new ColumnInfo(
                  "life_expect",
                  "life_expect",
                  ColumnType.DECIMAL,
                  600L,
                  "23.6",
                  "82.6",
                  List.of())));

  static PlannerContext cars() {
    return PlannerContext.of(List.of(CARS, MOVIES, GAPMINDER));
  }

  static Plan cars(String q) {
    return plan(q, cars());
  }

  // ---- shapes ----

  @Test
  void aShareOfRowsIsAPercentOfTheRowsThatMatchWithThePeriodKeptAsTheWhole() {
    PlanSpec s = plan("what share of days had fog in 2014").spec();
    assertThat(s.measures()).hasSize(1);
    assertThat(s.measures().get(0).agg()).isEqualTo(Aggregation.SHARE);
    assertThat(s.measures().get(0).condition())
        .containsExactly(new Filter("weather", Operator.EQ, List.of("fog")));
    assertThat(s.filters()).extracting(Filter::column).containsExactly("date");
    assertThat(plan("what share of days had fog").sql())
        .isEqualTo(
            "SELECT 100.0 * count(*) FILTER (WHERE \"weather\" = 'fog') / nullif(count(*), 0) AS \"pct_rows\" FROM \"seattle_weather\"");
  }

  @Test
  void aPercentageByGroupIsEachGroupsShareOfTheWholeAndABreakdownStaysACount() {
    Plan p = cars("percentage of cars by origin");
    assertThat(p.sql())
        .contains("100.0 * count(*) / nullif(sum(count(*)) OVER (), 0)")
        .contains("GROUP BY 1");
    assertThat(p.chart().type()).isEqualTo(Chart.Type.PIE);
    assertThat(plan("breakdown of days by weather").spec().measures().get(0).agg())
        .isEqualTo(Aggregation.COUNT);
  }

  @Test
  void namedMembersAreComparedSideBySideNotBlended() {
    PlanSpec s = plan("compare average price of MSFT and IBM").spec();
    assertThat(s.dimensions()).extracting(PlanSpec.Dimension::column).containsExactly("symbol");
    assertThat(s.filters().get(0).values()).containsExactlyInAnyOrder("MSFT", "IBM");
    // without the word, two values are one total ("population of Florida and Georgia")
    assertThat(plan("average price of MSFT and IBM").spec().dimensions()).isEmpty();
  }

  @Test
  void monthOfYearDayOfWeekAndHourAreSeasonalityNotPeriods() {
    assertThat(plan("average temp max by month of year").sql())
        .startsWith("SELECT extract(month FROM \"date\")::int AS \"month_of_year\"");
    assertThat(plan("average wind by day of the week").spec().dimensions().get(0).bucket())
        .isEqualTo(TimeBucket.DAY_OF_WEEK);
    assertThat(plan("average wind by month").spec().dimensions().get(0).bucket())
        .isEqualTo(TimeBucket.MONTH);
  }

  @Test
  void aMeasureOverTimeWithoutAnAggregationWordIsTheRawSeries() {
    PlanSpec raw = plan("price of AAPL over time").spec();
    assertThat(raw.listing()).isTrue();
    assertThat(raw.columns()).containsExactly("date", "price");
    assertThat(raw.orderBy()).containsExactly(new PlanSpec.Sort("date", false));
    assertThat(plan("average price of AAPL over time").spec().listing()).isFalse();
  }

  @Test
  void seasonsAreMonthsOfAYearOrOfEveryYear() {
    assertThat(plan("average temp max in summer 2013").spec().filters())
        .containsExactly(new Filter("date", Operator.RANGE, List.of("2013-06-01", "2013-09-01")));
    assertThat(plan("average temp max in winter").spec().filters())
        .containsExactly(
            new Filter("date", Operator.IN, List.of("12", "1", "2"), TimeBucket.MONTH_OF_YEAR));
  }

  @Test
  void atLeastMoreThanBetweenAndOrOlder() {
    assertThat(cars("how many cars have at least 200 horsepower").spec().filters())
        .containsExactly(new Filter("horsepower", Operator.GE, List.of("200")));
    assertThat(cars("how many cars with 6 cylinders or more").spec().filters())
        .containsExactly(new Filter("cylinders", Operator.GE, List.of("6")));
    assertThat(cars("how many cars with a weight between 2000 and 3000").spec().filters())
        .containsExactly(new Filter("weight_in_lbs", Operator.BETWEEN, List.of("2000", "3000")));
  }

  @Test
  void severalYearsAreBothYearsNeverAnImpossibleAnd() {
    assertThat(cars("total pop in 1955 and 2005").spec().filters())
        .containsExactly(new Filter("year", Operator.IN, List.of("1955", "2005")));
    assertThat(cars("compare total pop of 1955 and 2005").spec().dimensions())
        .extracting(PlanSpec.Dimension::column)
        .containsExactly("year");
  }

  // ---- vocabulary ----

  @Test
  void columnsAreFoundByAbbreviationAndByInitials() {
    assertThat(cars("total population of China").spec().measures().get(0))
        .isEqualTo(new PlanSpec.Measure(Aggregation.SUM, "pop", "sum_pop"));
    assertThat(cars("average mpg by origin").spec().measures().get(0).column())
        .isEqualTo("miles_per_gallon");
    assertThat(cars("average life expectancy by year").spec().measures().get(0).column())
        .isEqualTo("life_expect");
  }

  @Test
  void aNumberNextToANumericColumnIsItsValue() {
    assertThat(cars("how many cars with 8 cylinders").spec().filters())
        .containsExactly(new Filter("cylinders", Operator.EQ, List.of("8")));
    assertThat(cars("average horsepower of 4 cylinder cars").spec().filters())
        .containsExactly(new Filter("cylinders", Operator.EQ, List.of("4")));
  }

  @Test
  void superlativeAdjectivesRankByTheColumnTheyDescribe() {
    PlanSpec hottest = plan("the hottest day").spec();
    assertThat(hottest.listing()).isTrue();
    assertThat(hottest.orderBy()).containsExactly(new PlanSpec.Sort("temp_max", true));
    assertThat(hottest.limit()).isEqualTo(1);
    assertThat(plan("the coldest day").spec().orderBy())
        .containsExactly(new PlanSpec.Sort("temp_min", false));
    PlanSpec heaviest = cars("the 3 heaviest cars").spec();
    assertThat(heaviest.orderBy()).containsExactly(new PlanSpec.Sort("weight_in_lbs", true));
    assertThat(heaviest.limit()).isEqualTo(3);
    assertThat(cars("the lightest car").spec().orderBy())
        .containsExactly(new PlanSpec.Sort("weight_in_lbs", false));
  }

  @Test
  void comparativeAdjectivesFilterByTheColumnTheyDescribe() {
    assertThat(plan("how many days hotter than 30").spec().filters())
        .containsExactly(new Filter("temp_max", Operator.GT, List.of("30")));
    assertThat(cars("how many cars heavier than 4000").spec().filters())
        .containsExactly(new Filter("weight_in_lbs", Operator.GT, List.of("4000")));
  }

  @Test
  void aValueInSeveralColumnsIsReadInTheColumnWhereItIsMostCommonAndTheChoiceIsShown() {
    Plan p = cars("how many drama movies");
    assertThat(p.spec().filters())
        .containsExactly(new Filter("major_genre", Operator.EQ, List.of("Drama")));
    assertThat(p.valueChoices())
        .containsExactly(new ValueChoice("major_genre", "Drama", List.of("distributor")));
    assertThat(p.alternatives()).hasSize(1);
    assertThat(p.alternatives().get(0).spec().filters().get(0).column()).isEqualTo("distributor");
    Interpretation i = Interpretation.of(p, MOVIES);
    assertThat(i.filters().get(0).otherColumns()).containsExactly("distributor");
  }

  // ---- ask instead of refusing ----

  @Test
  void aWordThatFitsTwoColumnsOffersEachReadingReadyToRun() {
    NotUnderstood n = (NotUnderstood) new Planner().plan("highest grossing movie title", cars());
    assertThat(n.alternatives())
        .extracting(Alternative::label)
        .containsExactly("us_gross", "worldwide_gross");
    for (Alternative a : n.alternatives()) {
      assertThat(new Planner().replan(a.spec(), cars())).isInstanceOf(Plan.class);
    }
  }

  @Test
  void suggestionsComeFromTheDatasetTheThreadIsAbout() {
    PlanSpec first = cars("how many cars with 8 cylinders").spec();
    NotUnderstood n =
        (NotUnderstood) new Planner().plan("what about unicorns", cars().followingUp(first));
    assertThat(n.examples()).isNotEmpty();
    assertThat(n.examples())
        .allSatisfy(
            q -> assertThat(q.toLowerCase()).doesNotContain("movie").doesNotContain("gross"));
  }

  // ---- follow-ups, both directions ----

  @Test
  void aRefinementKeepsTheContextAndMarksWhatItCarried() {
    PlanSpec first = cars("how many cars with 8 cylinders").spec();
    Plan next = plan("and what is their average mpg?", cars().followingUp(first));
    assertThat(next.spec().filters())
        .containsExactly(new Filter("cylinders", Operator.EQ, List.of("8")));
    assertThat(next.spec().measures().get(0).column()).isEqualTo("miles_per_gallon");
    assertThat(next.carried()).containsExactly("filter:0");
    Plan only =
        plan(
            "only cars with 8 cylinders", cars().followingUp(cars("average mpg by origin").spec()));
    assertThat(only.spec().dimensions())
        .extracting(PlanSpec.Dimension::column)
        .containsExactly("origin");
    assertThat(only.carried()).contains("measure:0", "dimension:0").doesNotContain("filter:0");
    assertThat(Interpretation.of(only, CARS).groupings().get(0).carried()).isTrue();
  }

  @Test
  void aQuestionWithItsOwnMeasureAndGroupingStartsFresh() {
    PlanSpec first = plan("how many rainy days in 2014").spec();
    PlanSpec next =
        plan("trend of precipitation per year", Fixtures.all().followingUp(first)).spec();
    assertThat(next.filters()).isEmpty();
    assertThat(plan("trend of precipitation per year", Fixtures.all().followingUp(first)).carried())
        .isEmpty();
    // ... unless it says it builds on the previous answer
    PlanSpec and =
        plan("and total precipitation per year", Fixtures.all().followingUp(first)).spec();
    assertThat(and.filters()).extracting(Filter::column).contains("weather");
  }

  @Test
  void startOverAlwaysForgetsThePreviousTurn() {
    PlanSpec first = plan("how many rainy days in 2014").spec();
    PlanSpec next = plan("start over: only snowy days", Fixtures.all().followingUp(first)).spec();
    assertThat(next.filters()).containsExactly(new Filter("weather", Operator.EQ, List.of("snow")));
    PlannerResult reset = new Planner().plan("Start over", Fixtures.all().followingUp(first));
    assertThat(reset).isInstanceOf(NotUnderstood.class);
    assertThat(((NotUnderstood) reset).reason()).startsWith("Starting over");
    assertThat(Planner.afterReset("let's start again, average wind")).isEqualTo("average wind");
    assertThat(Planner.afterReset("restart the average")).isNull();
  }
}
