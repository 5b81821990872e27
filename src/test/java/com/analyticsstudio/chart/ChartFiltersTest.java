package com.analyticsstudio.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.query.SqlGuard;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChartFiltersTest {
  static List<ChartFilters.Filter> filters(JsonObject... fs) {
    JsonArray a = new JsonArray();
    for (JsonObject f : fs) a.add(f);
    return ChartFilters.parse(a);
  }

  static JsonObject f(String member, String op, Object... values) {
    JsonArray vs = new JsonArray();
    for (Object v : values) vs.add(v);
    return new JsonObject().put("member", member).put("operator", op).put("values", vs);
  }

  static String wrap(JsonObject... fs) {
    return ChartFilters.wrapSql(
        "SELECT origin, count(*) AS cars FROM cars GROUP BY 1", filters(fs));
  }

  @Test
  void withoutFiltersTheSqlRunsAsSaved() {
    String sql = "SELECT 1;";
    assertThat(ChartFilters.wrapSql(sql, List.of())).isSameAs(sql);
  }

  @Test
  void wrapsTheSqlWithOneQuotedConditionPerFilter() {
    assertThat(wrap(f("origin", "equals", "USA", "Japan"), f("cars", "gt", 10)))
        .isEqualTo(
            "SELECT * FROM (\nSELECT origin, count(*) AS cars FROM cars GROUP BY 1\n) AS chart_data"
                + " WHERE \"origin\" IN ('USA', 'Japan') AND \"cars\" > 10");
  }

  @Test
  void eachOperatorHasItsCondition() {
    assertThat(ChartFilters.condition(parsed(f("o", "notEquals", "a")), 0))
        .isEqualTo("(\"o\" IS NULL OR NOT \"o\" IN ('a'))");
    assertThat(ChartFilters.condition(parsed(f("o", "set")), 0)).isEqualTo("\"o\" IS NOT NULL");
    assertThat(ChartFilters.condition(parsed(f("o", "notSet")), 0)).isEqualTo("\"o\" IS NULL");
    assertThat(ChartFilters.condition(parsed(f("o", "contains", "Sa")), 0))
        .isEqualTo("(strpos(lower(CAST(\"o\" AS text)), lower('Sa')) > 0)");
    assertThat(ChartFilters.condition(parsed(f("o", "startsWith", "a", "b")), 0))
        .isEqualTo(
            "(starts_with(lower(CAST(\"o\" AS text)), lower('a')) OR starts_with(lower(CAST(\"o\" AS text)), lower('b')))");
    assertThat(ChartFilters.condition(parsed(f("d", "inDateRange", "2024-01-01", "2024-01-31")), 0))
        .isEqualTo("(\"d\" >= CAST('2024-01-01' AS date) AND \"d\" < CAST('2024-02-01' AS date))");
    assertThat(ChartFilters.condition(parsed(f("d", "afterDate", "2024-02-28")), 0))
        .isEqualTo("\"d\" >= CAST('2024-02-29' AS date)");
    assertThat(ChartFilters.condition(parsed(f("b", "equals", true, -1.5)), 0))
        .isEqualTo("\"b\" IN (TRUE, -1.5)");
  }

  static ChartFilters.Filter parsed(JsonObject f) {
    return filters(f).get(0);
  }

  @Test
  void injectionInMemberNamesStaysInsideOneQuotedIdentifier() {
    String evil = "origin\" = 'x' OR 1=1) --";
    String sql = wrap(f(evil, "set"));
    assertThat(sql).endsWith("WHERE \"origin\"\" = 'x' OR 1=1) --\" IS NOT NULL");
    // The wrapped statement is still one SELECT over the allowed table, as the guard reads it.
    assertThat(SqlGuard.check(sql, Set.of("cars")).sql()).isEqualTo(sql);
  }

  @Test
  void injectionInValuesStaysInsideOneStringLiteral() {
    String evil = "USA'); DROP TABLE cars; --";
    String sql = wrap(f("origin", "equals", evil), f("origin", "contains", "O'Brien"));
    assertThat(sql).contains("IN ('USA''); DROP TABLE cars; --')").contains("lower('O''Brien')");
    assertThat(SqlGuard.check(sql, Set.of("cars")).sql()).isEqualTo(sql);
  }

  @Test
  void aBackslashBeforeAQuoteIsAPlainCharacterAndTheGuardFailsClosedOnIt() {
    // standard_conforming_strings: '\'' is a backslash and a quote. The guard's parser reads a
    // backslash as an escape, so it refuses the statement rather than run something else.
    String sql = wrap(f("origin", "contains", "\\' OR 1=1 --"));
    assertThat(sql).contains("lower('\\'' OR 1=1 --')");
    assertThatThrownBy(() -> SqlGuard.check(sql, Set.of("cars")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void aTrailingCommentOrSemicolonOfTheChartSqlCannotSwallowTheFilters() {
    String sql =
        ChartFilters.wrapSql(
            "SELECT origin FROM cars -- all of them\n;  ", filters(f("origin", "equals", "USA")));
    assertThat(sql)
        .isEqualTo(
            "SELECT * FROM (\nSELECT origin FROM cars -- all of them\n) AS chart_data WHERE \"origin\" IN ('USA')");
    assertThat(SqlGuard.check(sql, Set.of("cars")).sql()).isEqualTo(sql);
  }

  @Test
  void numbersAreWrittenFromTheirParsedValueNeverTheirText() {
    JsonArray a = new JsonArray().add(f("n", "gte", 1e3));
    assertThat(ChartFilters.condition(ChartFilters.parse(a).get(0), 0)).isEqualTo("\"n\" >= 1000");
  }

  @Test
  void refusesMalformedFilters() {
    assertBad(new JsonObject().put("x", 1), "/filters");
    assertBad(new JsonArray().add("origin"), "/filters/0");
    assertBad(new JsonArray().add(f("origin", "like", "a")), "/filters/0/operator");
    assertBad(new JsonArray().add(f("", "equals", "a")), "/filters/0/member");
    assertBad(new JsonArray().add(f("o\u0000", "equals", "a")), "/filters/0/member");
    assertBad(
        new JsonArray().add(f("o", "equals").put("values", new JsonArray().addNull())),
        "/filters/0/values/0");
    assertBad(new JsonArray().add(f("o", "equals", "a\u0000")), "/filters/0/values/0");
    assertBad(new JsonArray().add(f("o", "equals").put("and", 1)), "/filters/0/and");
    assertThatThrownBy(() -> ChartFilters.wrapSql("SELECT 1", filters(f("o", "gt", 1, 2))))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo("invalid_filter");
              assertThat(e.details().getString("member")).isEqualTo("o");
            });
    assertThatThrownBy(
            () -> ChartFilters.wrapSql("SELECT 1", filters(f("d", "beforeDate", "tomorrow"))))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("is not a date");
  }

  static void assertBad(Object raw, String location) {
    assertThatThrownBy(() -> ChartFilters.parse(raw))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo("validation_failed");
              assertThat(e.details().getString("location")).isEqualTo(location);
            });
  }

  @Test
  void semanticFiltersAreAppendedToTheQuerysOwn() {
    JsonObject q =
        new JsonObject()
            .put("dataset", "orders")
            .put("filters", new JsonArray().add(f("region", "equals", "East")));
    JsonObject merged = ChartFilters.mergeSemantic(q, filters(f("year", "gt", 2020)));
    assertThat(merged.getJsonArray("filters")).hasSize(2);
    assertThat(merged.getJsonArray("filters").getJsonObject(1).getString("member"))
        .isEqualTo("year");
    assertThat(q.getJsonArray("filters")).hasSize(1); // the saved query is untouched
    assertThat(
            ChartFilters.mergeSemantic(new JsonObject(), filters(f("a", "set")))
                .getJsonArray("filters"))
        .hasSize(1);
  }
}
