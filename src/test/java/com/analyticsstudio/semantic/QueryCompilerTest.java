package com.analyticsstudio.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.query.SqlGuard;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryCompilerTest {
  static final Set<String> TABLES = Set.of("orders", "customers");

  static QueryCompiler.Compiled compile(String json) {
    return QueryCompiler.compile(
        SemanticRequest.fromJson(new JsonObject(json)), Models.index(), "model v1");
  }

  /** The compiled SQL passes the guard every user statement passes. */
  static String guarded(String json) {
    String sql = compile(json).sql();
    SqlGuard.check(sql, TABLES);
    return sql;
  }

  static ApiException refused(String json) {
    try {
      compile(json);
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("compiled: " + json);
  }

  @Test
  void compilesAPlainGroupByWithQuotedNamesAndTheModelVersion() {
    String sql =
        guarded(
            "{\"dataset\":\"orders\",\"measures\":[\"revenue\",\"count\"],\"dimensions\":[\"region\"]}");
    assertThat(sql)
        .isEqualTo(
            "SELECT \"t0\".\"region\" AS \"region\", sum(\"t0\".\"amount\") AS \"revenue\", count(*) AS \"count\""
                + " FROM \"orders\" AS \"t0\" GROUP BY 1 ORDER BY 1\n-- model v1");
  }

  @Test
  void namesColumnsByAsThenNameThenNameAndTransform() {
    QueryCompiler.Compiled c =
        compile(
            "{\"dataset\":\"orders\",\"measures\":[\"revenue\","
                + "{\"measure\":\"revenue\",\"time\":\"same_period_last_year\"},"
                + "{\"measure\":\"revenue\",\"time\":\"previous_period\",\"as\":\"prev\"},"
                + "{\"aggregation\":\"avg\",\"column\":\"amount\"},"
                + "{\"formula\":\"sum(amount) / count_distinct(order_id)\",\"as\":\"aov2\"}],"
                + "\"time\":{\"dimension\":\"order_date\",\"granularity\":\"month\"}}");
    assertThat(c.columns().stream().map(QueryCompiler.OutColumn::name))
        .containsExactly(
            "order_date.month",
            "revenue",
            "revenue__same_period_last_year",
            "prev",
            "avg_amount",
            "aov2");
    assertThat(c.columns().get(1).label()).isEqualTo("Revenue");
    assertThat(c.columns().get(1).format().getString("currency")).isEqualTo("EUR");
    assertThat(c.columns().get(0).label()).isEqualTo("Order date (month)");
    SqlGuard.check(c.sql(), TABLES);
  }

  @Test
  void buildsACalendarForADateRangeSoEmptyPeriodsAppear() {
    String sql =
        guarded(
            "{\"dataset\":\"orders\",\"measures\":[\"revenue\",\"avg_amount\"],"
                + "\"time\":{\"dimension\":\"order_date\",\"granularity\":\"month\",\"dateRange\":[\"2024-01-01\",\"2024-12-31\"]}}");
    assertThat(sql)
        .contains(
            "generate_series(CAST(CAST(date_trunc('month', CAST(CAST('2024-01-01' AS date) AS timestamp)) AS date)"
                + " AS timestamp), CAST(CAST('2024-12-31' AS date) AS timestamp), CAST('1 month' AS interval))");
    assertThat(sql)
        .contains("coalesce(\"w0\".\"m0\", 0) AS \"revenue\"")
        .contains("\"w0\".\"m1\" AS \"avg_amount\"");
    assertThat(sql).contains("\"t0\".\"order_date\" < CAST('2025-01-01' AS date)");
  }

  @Test
  void everyTransformAndGrainCompilesToGuardedSql() {
    for (String grain : TimeGrain.names()) {
      JsonArray measures = new JsonArray();
      for (String t : TimeTransform.names()) {
        measures.add(new JsonObject().put("measure", "revenue").put("time", t));
        measures.add(new JsonObject().put("measure", "aov").put("time", t).put("as", "aov_" + t));
      }
      JsonObject q =
          new JsonObject()
              .put("dataset", "orders")
              .put("measures", measures)
              .put("dimensions", new JsonArray().add("region").add("customers.segment"))
              .put(
                  "time",
                  new JsonObject().put("dimension", "order_date").put("granularity", grain));
      String sql = guarded(q.encode());
      assertThat(sql)
          .contains("LEFT JOIN \"customers\" AS \"t1\" ON \"t0\".\"customer_id\" = \"t1\".\"id\"");
      assertThat(sql).contains("IS NOT DISTINCT FROM");
    }
  }

  @Test
  void comparisonsStayNullWhenTheEarlierPeriodHasNoRows() {
    String sql =
        guarded(
            "{\"dataset\":\"orders\",\"measures\":[{\"measure\":\"revenue\",\"time\":\"same_period_last_year\"},"
                + "{\"measure\":\"revenue\",\"time\":\"pct_change_last_year\"},{\"measure\":\"revenue\",\"time\":\"ytd\"}],"
                + "\"time\":{\"dimension\":\"order_date\",\"granularity\":\"month\",\"dateRange\":[\"2024-01-01\",\"2024-03-31\"]}}");
    assertThat(sql).contains("\"w1\".\"m0\" AS \"revenue__same_period_last_year\"");
    assertThat(sql)
        .contains(
            "(CAST(coalesce(\"w0\".\"m1\", 0) - \"w1\".\"m1\" AS numeric) / NULLIF(\"w1\".\"m1\", 0))");
    assertThat(sql).contains("coalesce(\"w2\".\"m2\", 0) AS \"revenue__ytd\"");
  }

  @Test
  void fiscalYearShiftsYearsQuartersAndYtd() {
    JsonObject doc = Models.orders().toJson().put("fiscalYearStartMonth", 4);
    ModelIndex idx = Models.index(Model.fromJson(doc));
    String sql =
        QueryCompiler.compile(
                SemanticRequest.fromJson(
                    new JsonObject(
                        "{\"dataset\":\"orders\",\"measures\":"
                            + "[{\"measure\":\"revenue\",\"time\":\"ytd\"}],\"time\":{\"dimension\":\"order_date\",\"granularity\":\"fiscal_year\"}}")),
                idx,
                "model v2")
            .sql();
    SqlGuard.check(sql, TABLES);
    assertThat(sql)
        .contains(
            "date_trunc('year', CAST(\"calendar\".\"period\" AS timestamp) - CAST('3 months' AS interval))"
                + " + CAST('3 months' AS interval)");
  }

  @Test
  void compilesEveryFilterOperatorWithTypedLiterals() {
    String sql =
        guarded(
            "{\"dataset\":\"orders\",\"measures\":[\"count\"],\"filters\":["
                + "{\"member\":\"region\",\"operator\":\"equals\",\"values\":[\"East\",\"O'Brien\"]},"
                + "{\"member\":\"region\",\"operator\":\"notEquals\",\"values\":[\"West\"]},"
                + "{\"member\":\"region\",\"operator\":\"contains\",\"values\":[\"a%_\"]},"
                + "{\"member\":\"region\",\"operator\":\"notContains\",\"values\":[\"z\"]},"
                + "{\"member\":\"region\",\"operator\":\"startsWith\",\"values\":[\"E\"]},"
                + "{\"member\":\"region\",\"operator\":\"endsWith\",\"values\":[\"t\"]},"
                + "{\"member\":\"amount\",\"operator\":\"gt\",\"values\":[\"10.5\"]},"
                + "{\"member\":\"amount\",\"operator\":\"gte\",\"values\":[1]},"
                + "{\"member\":\"quantity\",\"operator\":\"lt\",\"values\":[100]},"
                + "{\"member\":\"order_date\",\"operator\":\"lte\",\"values\":[\"2024-12-31\"]},"
                + "{\"member\":\"paid\",\"operator\":\"equals\",\"values\":[true]},"
                + "{\"member\":\"cost\",\"operator\":\"set\"},{\"member\":\"customer_id\",\"operator\":\"notSet\"},"
                + "{\"member\":\"order_date\",\"operator\":\"inDateRange\",\"values\":[\"2024-01-01\",\"2024-06-30\"]},"
                + "{\"member\":\"order_date\",\"operator\":\"notInDateRange\",\"values\":[\"2024-03-01\",\"2024-03-31\"]},"
                + "{\"member\":\"order_date\",\"operator\":\"beforeDate\",\"values\":[\"2025-01-01\"]},"
                + "{\"member\":\"order_date\",\"operator\":\"afterDate\",\"values\":[\"2023-12-31\"]},"
                + "{\"member\":\"customers.segment\",\"operator\":\"equals\",\"values\":[\"SMB\"]}]}");
    assertThat(sql)
        .contains("\"t0\".\"region\" IN ('East', 'O''Brien')")
        .contains("\"t0\".\"amount\" > 10.5")
        .contains("\"t0\".\"paid\" IN (TRUE)")
        .contains("\"t0\".\"order_date\" >= CAST('2024-01-01' AS date)")
        .contains("\"t1\".\"segment\" IN ('SMB')");
  }

  @Test
  void refusesBadInputNamingTheMember() {
    ApiException e = refused("{\"dataset\":\"orders\",\"measures\":[\"reveneu\"]}");
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("\"reveneu\"").contains("did you mean \"revenue\"");

    e = refused("{\"dataset\":\"orders\",\"measures\":[\"count\"],\"dimensions\":[\"regoin\"]}");
    assertThat(e.code()).isEqualTo("unknown_member");
    assertThat(e.details().getString("suggestion")).isEqualTo("region");

    e =
        refused(
            "{\"dataset\":\"orders\",\"measures\":[\"count\"],\"filters\":[{\"member\":\"amount\",\"operator\":\"contains\",\"values\":[\"1\"]}]}");
    assertThat(e.code()).isEqualTo("invalid_filter");
    assertThat(e.getMessage()).contains("\"amount\" is a number");

    e =
        refused(
            "{\"dataset\":\"orders\",\"measures\":[\"count\"],\"filters\":[{\"member\":\"amount\",\"operator\":\"gt\",\"values\":[\"1; DROP\"]}]}");
    assertThat(e.code()).isEqualTo("invalid_filter");

    e =
        refused(
            "{\"dataset\":\"orders\",\"measures\":[{\"measure\":\"revenue\",\"time\":\"ytd\"}]}");
    assertThat(e.code()).isEqualTo("missing_time_dimension");
    assertThat(e.getMessage()).contains("revenue__ytd");

    e =
        refused(
            "{\"dataset\":\"orders\",\"measures\":[\"customers.total_credit\"],\"dimensions\":[\"region\"]}");
    assertThat(e.status()).isEqualTo(422);
    assertThat(e.code()).isEqualTo("fan_out");

    e =
        refused(
            "{\"dataset\":\"orders\",\"measures\":[{\"formula\":\"sum(customers.credit)\",\"as\":\"c\"}]}");
    assertThat(e.code()).isEqualTo("invalid_formula");
    assertThat(e.details().getInteger("position")).isEqualTo(5);

    e =
        refused(
            "{\"dataset\":\"orders\",\"measures\":[\"count\"],\"time\":{\"dimension\":\"region\",\"granularity\":\"month\"}}");
    assertThat(e.getMessage()).contains("not a date");

    e =
        refused(
            "{\"dataset\":\"orders\",\"measures\":[\"count\",{\"aggregation\":\"sum\",\"column\":\"amount\",\"as\":\"count\"}]}");
    assertThat(e.getMessage()).contains("two columns");
  }

  @Test
  void aFormulaCannotNameATableOrFunctionOutsideTheModel() {
    // Names resolve against the model only: a catalog table or a server function is just an unknown
    // name.
    assertThat(
            refused(
                    "{\"dataset\":\"orders\",\"measures\":[{\"formula\":\"count(pg_catalog.pg_user)\",\"as\":\"x\"}]}")
                .getMessage())
        .contains("unknown relationship \"pg_catalog\"");
    assertThat(
            refused(
                    "{\"dataset\":\"orders\",\"measures\":[{\"formula\":\"current_setting('x')\",\"as\":\"x\"}]}")
                .getMessage())
        .contains("unknown function \"current_setting\"");
    assertThat(
            refused(
                    "{\"dataset\":\"orders\",\"measures\":[{\"formula\":\"sum(\\\"amount\\\"\\\"; drop\\\")\",\"as\":\"x\"}]}")
                .code())
        .isEqualTo("invalid_formula");
  }

  @Test
  void refusesRequestsOfTheWrongShape() {
    assertThatThrownBy(() -> SemanticRequest.fromJson(new JsonObject("{\"measures\":[\"count\"]}")))
        .hasMessageContaining("dataset");
    assertThatThrownBy(
            () ->
                SemanticRequest.fromJson(
                    new JsonObject(
                        "{\"dataset\":\"o\",\"measures\":[{\"measure\":\"a\",\"time\":\"last_week\"}]}")))
        .hasMessageContaining("measures[0].time");
    assertThatThrownBy(
            () ->
                SemanticRequest.fromJson(
                    new JsonObject("{\"dataset\":\"o\",\"measures\":[{\"formula\":\"count()\"}]}")))
        .hasMessageContaining("needs a name in \"as\"");
    assertThatThrownBy(
            () ->
                SemanticRequest.fromJson(
                    new JsonObject(
                        "{\"dataset\":\"o\",\"measures\":[\"a\"],\"time\":{\"dimension\":\"d\",\"dateRange\":[\"2024-02-01\",\"2024-01-01\"]}}")))
        .hasMessageContaining("end is before the start");
    assertThatThrownBy(
            () ->
                SemanticRequest.fromJson(
                    new JsonObject(
                        "{\"dataset\":\"o\",\"measures\":[\"a\"],\"filters\":[{\"member\":\"r\",\"operator\":\"like\"}]}")))
        .hasMessageContaining("filters[0].operator");
  }
}
