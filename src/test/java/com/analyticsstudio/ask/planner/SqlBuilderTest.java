package com.analyticsstudio.ask.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.ask.planner.PlanSpec.Aggregation;
import com.analyticsstudio.ask.planner.PlanSpec.Dimension;
import com.analyticsstudio.ask.planner.PlanSpec.Filter;
import com.analyticsstudio.ask.planner.PlanSpec.Measure;
import com.analyticsstudio.ask.planner.PlanSpec.Operator;
import com.analyticsstudio.ask.planner.PlanSpec.Sort;
import com.analyticsstudio.ask.planner.PlanSpec.TimeBucket;
import com.analyticsstudio.query.SqlGuard;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlBuilderTest {
  static final DatasetInfo D = Fixtures.STATES;

  private static PlanSpec spec(
      List<Measure> m, List<Dimension> d, List<Filter> f, List<Sort> o, Integer limit) {
    return new PlanSpec(D.id(), D.tableName(), m, d, f, List.of(), o, limit);
  }

  private static final Measure POP = new Measure(Aggregation.SUM, "population", "sum_population");

  @Test
  void buildsOneQuotedSelectWithGroupOrderAndLimit() {
    String sql =
        SqlBuilder.build(
            spec(
                List.of(POP),
                List.of(new Dimension("state", null, "state")),
                List.of(new Filter("hurricanes", Operator.GT, List.of("10"))),
                List.of(new Sort("sum_population", true)),
                5),
            D);
    assertThat(sql)
        .isEqualTo(
            "SELECT \"state\" AS \"state\", sum(\"population\") AS \"sum_population\" "
                + "FROM \"population_engineers_hurricanes\" WHERE \"hurricanes\" > 10 GROUP BY 1 "
                + "ORDER BY \"sum_population\" DESC NULLS LAST LIMIT 5");
    SqlGuard.check(sql, Set.of(D.tableName()));
  }

  @Test
  void textLiteralsDoubleTheirQuotesAndNothingElseIsPasted() {
    String sql =
        SqlBuilder.build(
            spec(
                List.of(POP),
                List.of(),
                List.of(
                    new Filter(
                        "state", Operator.IN, List.of("O'Brien County", "x'); DROP TABLE t; --"))),
                List.of(),
                null),
            D);
    assertThat(sql).endsWith("WHERE \"state\" IN ('O''Brien County', 'x''); DROP TABLE t; --')");
    SqlGuard.check(sql, Set.of(D.tableName()));
  }

  @Test
  void numbersAndDatesAreParsedAndReprinted() {
    assertThatThrownBy(
            () ->
                SqlBuilder.build(
                    spec(
                        List.of(POP),
                        List.of(),
                        List.of(new Filter("hurricanes", Operator.GT, List.of("1 OR 1=1"))),
                        List.of(),
                        null),
                    D))
        .isInstanceOf(NumberFormatException.class);
    String dates =
        SqlBuilder.build(
            new PlanSpec(
                "s",
                "stocks",
                List.of(new Measure(Aggregation.AVG, "price", "avg_price")),
                List.of(new Dimension("date", TimeBucket.YEAR, "year")),
                List.of(new Filter("date", Operator.RANGE, List.of("2009-01-01", "2010-01-01"))),
                List.of(),
                List.of(),
                null),
            Fixtures.STOCKS);
    assertThat(dates)
        .isEqualTo(
            "SELECT date_trunc('year', \"date\")::date AS \"year\", avg(\"price\") AS \"avg_price\" "
                + "FROM \"stocks\" WHERE \"date\" >= '2009-01-01'::date AND \"date\" < '2010-01-01'::date GROUP BY 1");
    assertThatThrownBy(
            () -> SqlBuilder.value("2009-01-01'; --", Fixtures.STOCKS.column("date").orElseThrow()))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void identifiersWithQuotesAreDoubled() {
    assertThat(SqlBuilder.quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
    assertThat(SqlBuilder.literal("it's")).isEqualTo("'it''s'");
  }

  @Test
  void specsThatDoNotFitTheDatasetAreRefused() {
    assertThatThrownBy(
            () ->
                SqlBuilder.build(
                    spec(
                        List.of(new Measure(Aggregation.SUM, "password", "x")),
                        List.of(),
                        List.of(),
                        List.of(),
                        null),
                    D))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                SqlBuilder.build(
                    new PlanSpec(
                        D.id(),
                        "users",
                        List.of(POP),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        null),
                    D))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                SqlBuilder.build(
                    spec(
                        List.of(new Measure(Aggregation.AVG, "state", "avg_state")),
                        List.of(),
                        List.of(),
                        List.of(),
                        null),
                    D))
        .hasMessageContaining("cannot avg");
    assertThatThrownBy(
            () ->
                SqlBuilder.build(
                    spec(
                        List.of(new Measure(Aggregation.SUM, "population", "x\"; --")),
                        List.of(),
                        List.of(),
                        List.of(),
                        null),
                    D))
        .hasMessageContaining("alias");
    assertThatThrownBy(
            () ->
                SqlBuilder.build(
                    spec(
                        List.of(POP),
                        List.of(),
                        List.of(),
                        List.of(new Sort("1; drop", true)),
                        null),
                    D))
        .hasMessageContaining("order");
    assertThatThrownBy(
            () -> SqlBuilder.build(spec(List.of(POP), List.of(), List.of(), List.of(), 0), D))
        .hasMessageContaining("limit");
    assertThatThrownBy(
            () ->
                SqlBuilder.build(
                    spec(
                        List.of(POP),
                        List.of(new Dimension("state", TimeBucket.YEAR, "year")),
                        List.of(),
                        List.of(),
                        null),
                    D))
        .hasMessageContaining("not a date");
  }

  @Test
  void valueLookupSqlIsQuotedAndBounded() {
    assertThat(ValueLookup.sql("seattle_weather", "weather", 200))
        .isEqualTo(
            "SELECT \"weather\"::text, count(*) FROM \"seattle_weather\" WHERE \"weather\" IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 200");
  }

  @Test
  void enrichFillsOnlyCategoricalTextColumns() {
    DatasetInfo bare =
        new DatasetInfo(
            "x",
            "t",
            "t",
            3,
            List.of(
                new ColumnInfo("city", "City", ColumnType.TEXT, 3L, null, null, List.of()),
                new ColumnInfo("name", "Name", ColumnType.TEXT, 5000L, null, null, List.of()),
                ColumnInfo.of("n", ColumnType.INTEGER)));
    DatasetInfo rich =
        ValueLookup.enrich(
            bare, (table, column, limit) -> List.of(new ValueCount(column + "-v", 1)));
    assertThat(rich.column("city").orElseThrow().values())
        .containsExactly(new ValueCount("city-v", 1));
    assertThat(rich.column("name").orElseThrow().values()).isEmpty();
    assertThat(rich.column("n").orElseThrow().values()).isEmpty();
  }
}
