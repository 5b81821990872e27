package com.analyticsstudio.semantic;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.Db;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The semantic layer end to end against real PostgreSQL: models created from uploads, edited with
 * optimistic concurrency, and semantic queries whose numbers equal hand-written SQL run through
 * {@code POST …/query}, over data with missing months, a leap day, an April fiscal year and weeks.
 */
class SemanticIT {
  static TestApp app;
  static Session owner;
  static Session viewer;
  static String project;
  static String orders;

  /** 2023 and 2024 with gaps: no rows in May 2023, March 2024 or August 2024; a 29 February. */
  static final String ORDERS =
      """
      order_id,order_date,region,amount,cost,customer_id
      1,2023-01-10,East,100.00,60.00,1
      2,2023-02-28,West,50.00,20.00,2
      3,2023-03-01,East,70.00,30.00,1
      4,2023-04-15,West,30.00,10.00,3
      5,2023-06-20,East,80.00,40.00,2
      6,2023-07-03,East,20.00,5.00,1
      7,2023-12-30,West,10.00,4.00,3
      8,2024-01-05,East,120.00,70.00,1
      9,2024-01-20,West,40.00,10.00,2
      10,2024-02-28,East,60.00,25.00,3
      11,2024-02-29,West,90.00,45.00,1
      12,2024-04-02,East,200.00,120.00,2
      13,2024-04-08,East,15.00,5.00,2
      14,2024-05-31,West,25.00,10.00,3
      15,2024-06-01,East,35.00,15.00,1
      16,2024-07-15,West,45.00,20.00,2
      17,2024-09-09,East,55.00,30.00,3
      """;

  static final String CUSTOMERS = "id,segment,credit\n1,Enterprise,1000\n2,SMB,200\n3,SMB,300\n";

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("MAX_QUERY_ROWS", "5000"));
    owner = app.api.signup();
    viewer = app.api.signup();
    project = app.api.createProject(owner, "sales");
    app.api.addMember(owner, project, viewer, "viewer");
    orders = upload(owner, project, "orders.csv", ORDERS).getString("id");
    upload(owner, project, "customers.csv", CUSTOMERS);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject upload(Session s, String projectId, String filename, String csv) {
    HttpResponse<Buffer> r =
        await(
            app.http
                .post("/api/v1/projects/" + projectId + "/datasets?wait=true&filename=" + filename)
                .bearerTokenAuthentication(s.accessToken())
                .putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(csv)));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  static <T> T await(Future<T> f) {
    try {
      return f.await(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  static String modelPath(String datasetId) {
    return "/api/v1/projects/" + project + "/datasets/" + datasetId + "/model";
  }

  static HttpResponse<Buffer> semantic(Session s, JsonObject q) {
    return app.api.post("/api/v1/projects/" + project + "/semantic/query", s.accessToken(), q);
  }

  static JsonObject ok(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  /** Rows of hand-written SQL, through the same guarded path. */
  static JsonArray sql(String sql) {
    return ok(app.api.post(
            "/api/v1/projects/" + project + "/query",
            owner.accessToken(),
            new JsonObject().put("sql", sql)))
        .getJsonArray("rows");
  }

  /** Saves a model with revenue, margin and the customers relationship (idempotent per content). */
  static JsonObject model(int fiscalStart) {
    JsonObject live = ok(app.api.get(modelPath(orders), owner.accessToken()));
    JsonArray measures = new JsonArray();
    live.getJsonArray("measures")
        .forEach(
            m -> {
              JsonObject mj = (JsonObject) m;
              if (!Set.of("revenue", "margin_pct").contains(mj.getString("name"))) measures.add(mj);
            });
    measures.add(
        new JsonObject()
            .put("name", "revenue")
            .put("label", "Revenue")
            .put("aggregation", "sum")
            .put("column", "amount"));
    measures.add(
        new JsonObject()
            .put("name", "margin_pct")
            .put("label", "Margin %")
            .put("formula", "(revenue - sum(cost)) / revenue")
            .put("format", new JsonObject().put("type", "percent").put("decimals", 1)));
    JsonObject doc =
        live.copy()
            .put("measures", measures)
            .put("fiscalYearStartMonth", fiscalStart)
            .put(
                "relationships",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("name", "customers")
                            .put("dataset", "customers")
                            .put("foreignKey", "customer_id")
                            .put("primaryKey", "id")));
    return ok(app.api.call(HttpMethod.PUT, modelPath(orders), owner.accessToken(), doc));
  }

  static JsonArray monthly(String from, String to, JsonArray measures) {
    JsonObject q =
        new JsonObject()
            .put("dataset", "orders")
            .put("measures", measures)
            .put(
                "time",
                new JsonObject()
                    .put("dimension", "order_date")
                    .put("granularity", "month")
                    .put("dateRange", new JsonArray().add(from).add(to)));
    return ok(semantic(owner, q)).getJsonArray("rows");
  }

  @Test
  void aModelIsCreatedOnFirstReadWithDimensionsAndDefaultMeasures() {
    JsonObject m = ok(app.api.get(modelPath(orders), viewer.accessToken()));
    assertThat(m.getInteger("version")).isPositive();
    assertThat(m.getJsonArray("dimensions").stream().map(d -> ((JsonObject) d).getString("name")))
        .contains("order_id", "order_date", "region", "amount", "cost", "customer_id");
    JsonObject date =
        m.getJsonArray("dimensions").stream()
            .map(d -> (JsonObject) d)
            .filter(d -> d.getString("name").equals("order_date"))
            .findFirst()
            .orElseThrow();
    assertThat(date.getJsonArray("granularities"))
        .contains("day", "week", "month", "quarter", "year");
    assertThat(m.getJsonArray("measures").stream().map(x -> ((JsonObject) x).getString("name")))
        .contains("count", "total_amount", "avg_amount", "total_cost", "avg_cost")
        .doesNotContain("total_order_id", "total_customer_id");
  }

  @Test
  void editsNeedTheCurrentVersionAndTheEditorRoleAndAreAuditedAndVersioned() {
    JsonObject live = ok(app.api.get(modelPath(orders), owner.accessToken()));
    int v = live.getInteger("version");
    assertError(
        app.api.call(HttpMethod.PUT, modelPath(orders), viewer.accessToken(), live),
        403,
        "forbidden");
    assertError(
        app.api.call(
            HttpMethod.PUT,
            modelPath(orders),
            owner.accessToken(),
            live.copy().put("version", v - 1 + 100)),
        409,
        "stale_version");
    JsonObject renamed = live.copy();
    renamed.remove("version");
    renamed.getJsonArray("measures").stream()
        .map(x -> (JsonObject) x)
        .filter(x -> x.getString("name").equals("total_amount"))
        .forEach(x -> x.put("label", "Sales"));
    MultiMap ifMatch = MultiMap.caseInsensitiveMultiMap().add("If-Match", "\"" + v + "\"");
    JsonObject saved =
        ok(app.api.call(HttpMethod.PUT, modelPath(orders), owner.accessToken(), renamed, ifMatch));
    assertThat(saved.getInteger("version")).isEqualTo(v + 1);
    // The same If-Match again is now stale.
    assertError(
        app.api.call(HttpMethod.PUT, modelPath(orders), owner.accessToken(), renamed, ifMatch),
        409,
        "stale_version");

    JsonObject audit =
        ok(app.api.get("/api/v1/projects/" + project + "/audit?limit=50", owner.accessToken()));
    assertThat(audit.encode())
        .contains("model.update")
        .contains("measure total_amount label: \\\"Total amount\\\" → \\\"Sales\\\"");

    JsonObject versions = ok(app.api.get(modelPath(orders) + "/versions", viewer.accessToken()));
    assertThat(versions.getInteger("currentVersion")).isEqualTo(v + 1);
    JsonObject restored =
        ok(
            app.api.post(
                modelPath(orders) + "/versions/" + v + "/restore", owner.accessToken(), null));
    assertThat(restored.getInteger("version")).isEqualTo(v + 2);
    assertThat(
            restored.getJsonArray("measures").stream()
                .map(x -> (JsonObject) x)
                .filter(x -> x.getString("name").equals("total_amount"))
                .findFirst()
                .orElseThrow()
                .getString("label"))
        .isEqualTo("Total amount");
  }

  @Test
  void invalidFormulasAreRefusedWithThePlaceAndValidateExplainsThem() {
    JsonObject live = ok(app.api.get(modelPath(orders), owner.accessToken()));
    live.getJsonArray("measures")
        .add(new JsonObject().put("name", "bad").put("formula", "sum(amout) / count()"));
    JsonObject err =
        assertError(
            app.api.call(HttpMethod.PUT, modelPath(orders), owner.accessToken(), live),
            400,
            "invalid_model");
    assertThat(err.getString("message"))
        .contains("unknown field \"amout\" at 5 — did you mean \"amount\"?");

    JsonObject v =
        ok(
            app.api.post(
                modelPath(orders) + "/validate",
                viewer.accessToken(),
                new JsonObject().put("formula", "sum(amount) / count_distinct(ordr_id)")));
    assertThat(v.getBoolean("valid")).isFalse();
    JsonObject p = v.getJsonArray("problems").getJsonObject(0);
    assertThat(p.getInteger("position")).isEqualTo(30);
    assertThat(p.getString("suggestion")).isEqualTo("order_id");
    assertThat(
            ok(app.api.post(
                    modelPath(orders) + "/validate",
                    viewer.accessToken(),
                    new JsonObject().put("formula", "sum(amount) / count()")))
                .getString("type"))
        .isEqualTo("number");
  }

  @Test
  void revenueByMonthWithLastYearAndChangeMatchesHandWrittenSqlIncludingEmptyMonths() {
    model(1);
    JsonArray rows =
        monthly(
            "2024-01-01",
            "2024-12-31",
            new JsonArray()
                .add("revenue")
                .add(
                    new JsonObject()
                        .put("measure", "revenue")
                        .put("time", "same_period_last_year")
                        .put("as", "revenue_ly"))
                .add(new JsonObject().put("measure", "revenue").put("time", "change_last_year"))
                .add(new JsonObject().put("measure", "revenue").put("time", "pct_change_last_year"))
                .add("margin_pct")
                .add("count"));
    String m = "CAST(\"m\" AS date)";
    JsonArray expected =
        sql(
            "SELECT "
                + m
                + " AS p,"
                + " coalesce((SELECT sum(amount) FROM orders WHERE order_date >= "
                + m
                + " AND order_date < "
                + m
                + " + CAST('1 month' AS interval)), 0),"
                + " (SELECT sum(amount) FROM orders WHERE order_date >= "
                + m
                + " - CAST('1 year' AS interval) AND order_date < "
                + m
                + " - CAST('1 year' AS interval) + CAST('1 month' AS interval)),"
                + " (SELECT count(*) FROM orders WHERE order_date >= "
                + m
                + " AND order_date < "
                + m
                + " + CAST('1 month' AS interval))"
                + " FROM generate_series(CAST('2024-01-01' AS timestamp), CAST('2024-12-01' AS timestamp), CAST('1 month' AS interval)) AS \"m\" ORDER BY 1");
    assertThat(rows).hasSize(12);
    for (int i = 0; i < 12; i++) {
      JsonArray r = rows.getJsonArray(i);
      JsonArray e = expected.getJsonArray(i);
      assertThat(r.getValue(0)).isEqualTo(e.getValue(0));
      assertThat(num(r.getValue(1)))
          .as("revenue of %s", e.getValue(0))
          .isEqualTo(num(e.getValue(1)));
      assertThat(num(r.getValue(2)))
          .as("last year of %s", e.getValue(0))
          .isEqualTo(num(e.getValue(2)));
      Double change = e.getValue(2) == null ? null : num(e.getValue(1)) - num(e.getValue(2));
      assertThat(num(r.getValue(3))).as("change of %s", e.getValue(0)).isEqualTo(change);
      assertThat(num(r.getValue(6))).isEqualTo(num(e.getValue(3)));
    }
    // March 2024 has no rows: revenue 0, margin null; May 2023 had none: May's comparison is null,
    // not 0.
    assertThat(num(rows.getJsonArray(2).getValue(1))).isEqualTo(0.0);
    assertThat(rows.getJsonArray(2).getValue(5)).isNull();
    assertThat(rows.getJsonArray(4).getValue(2)).isNull();
    assertThat(rows.getJsonArray(4).getValue(3)).isNull();
    // January: (160 - 80) / 160.
    assertThat(num(rows.getJsonArray(0).getValue(5))).isCloseTo(0.5, Offset.offset(1e-9));
    assertThat(num(rows.getJsonArray(0).getValue(4))).isCloseTo(0.6, Offset.offset(1e-9));
  }

  @Test
  void theResponseCarriesLabelsFormatsAndTheCompiledSqlWhichRunsAsIs() {
    model(1);
    JsonObject r =
        ok(
            semantic(
                owner,
                new JsonObject()
                    .put("dataset", orders)
                    .put("measures", new JsonArray().add("margin_pct"))
                    .put("dimensions", new JsonArray().add("region"))
                    .put(
                        "order",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("member", "margin_pct")
                                    .put("direction", "desc")))));
    assertThat(r.getJsonArray("columns").getJsonObject(1).getString("label")).isEqualTo("Margin %");
    assertThat(r.getJsonArray("columns").getJsonObject(1).getJsonObject("format").getString("type"))
        .isEqualTo("percent");
    assertThat(r.getString("sql")).endsWith("-- model v" + r.getInteger("modelVersion"));
    assertThat(sql(r.getString("sql"))).isEqualTo(r.getJsonArray("rows"));
    JsonObject again =
        ok(
            semantic(
                owner,
                new JsonObject()
                    .put("dataset", orders)
                    .put("measures", new JsonArray().add("margin_pct"))
                    .put("dimensions", new JsonArray().add("region"))
                    .put(
                        "order",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("member", "margin_pct")
                                    .put("direction", "desc")))));
    assertThat(again.getBoolean("cached")).isTrue();
  }

  @Test
  void leapDayComparesWithTwentyEighthOfFebruary() {
    model(1);
    JsonObject q =
        new JsonObject()
            .put("dataset", "orders")
            .put(
                "measures",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("measure", "revenue")
                            .put("time", "same_period_last_year")))
            .put(
                "time",
                new JsonObject()
                    .put("dimension", "order_date")
                    .put("granularity", "day")
                    .put("dateRange", new JsonArray().add("2024-02-28").add("2024-03-01")));
    JsonArray rows = ok(semantic(owner, q)).getJsonArray("rows");
    assertThat(rows).hasSize(3);
    assertThat(num(rows.getJsonArray(0).getValue(1))).isEqualTo(50.0); // 2024-02-28 ← 2023-02-28
    assertThat(num(rows.getJsonArray(1).getValue(1))).isEqualTo(50.0); // 2024-02-29 ← 2023-02-28
    assertThat(num(rows.getJsonArray(2).getValue(1))).isEqualTo(70.0); // 2024-03-01 ← 2023-03-01
  }

  @Test
  void fiscalYearStartingInAprilDrivesYtdAndFiscalGrains() {
    model(4);
    try {
      JsonArray rows =
          monthly(
              "2024-01-01",
              "2024-06-30",
              new JsonArray()
                  .add(new JsonObject().put("measure", "revenue").put("time", "ytd"))
                  .add(new JsonObject().put("measure", "revenue").put("time", "qtd")));
      String m = "CAST(\"m\" AS date)";
      String fy =
          "CAST(date_trunc('year', CAST("
              + m
              + " AS timestamp) - CAST('3 months' AS interval)) + CAST('3 months' AS interval) AS date)";
      JsonArray expected =
          sql(
              "SELECT "
                  + m
                  + ", coalesce((SELECT sum(amount) FROM orders WHERE order_date >= "
                  + fy
                  + " AND order_date < "
                  + m
                  + " + CAST('1 month' AS interval)), 0) FROM generate_series(CAST('2024-01-01' AS timestamp),"
                  + " CAST('2024-06-01' AS timestamp), CAST('1 month' AS interval)) AS \"m\" ORDER BY 1");
      for (int i = 0; i < 6; i++) {
        assertThat(num(rows.getJsonArray(i).getValue(1)))
            .as("ytd %s", expected.getJsonArray(i).getValue(0))
            .isEqualTo(num(expected.getJsonArray(i).getValue(1)));
      }
      // FY2023 (Apr 2023 – Mar 2024) to the end of March 2024; then FY2024 restarts in April.
      assertThat(num(rows.getJsonArray(2).getValue(1)))
          .isEqualTo(30 + 80 + 20 + 10 + 120 + 40 + 60 + 90.0);
      assertThat(num(rows.getJsonArray(3).getValue(1))).isEqualTo(215.0);
      // Fiscal quarters start in April too: Q1 of FY2024 is April–June.
      assertThat(num(rows.getJsonArray(5).getValue(2))).isEqualTo(215 + 25 + 35.0);

      JsonObject byFiscalYear =
          new JsonObject()
              .put("dataset", "orders")
              .put("measures", new JsonArray().add("revenue"))
              .put(
                  "time",
                  new JsonObject()
                      .put("dimension", "order_date")
                      .put("granularity", "fiscal_year"));
      JsonArray years = ok(semantic(owner, byFiscalYear)).getJsonArray("rows");
      assertThat(years.getJsonArray(0).getValue(0)).isEqualTo("2022-04-01");
      assertThat(num(years.getJsonArray(0).getValue(1))).isEqualTo(220.0);
    } finally {
      model(1);
    }
  }

  @Test
  void weeklyPreviousPeriodFollowsIsoWeeks() {
    model(1);
    JsonObject q =
        new JsonObject()
            .put("dataset", "orders")
            .put(
                "measures",
                new JsonArray()
                    .add("revenue")
                    .add(new JsonObject().put("measure", "revenue").put("time", "previous_period")))
            .put(
                "time",
                new JsonObject()
                    .put("dimension", "order_date")
                    .put("granularity", "week")
                    .put("dateRange", new JsonArray().add("2024-03-25").add("2024-04-14")));
    JsonArray rows = ok(semantic(owner, q)).getJsonArray("rows");
    JsonArray expected =
        sql(
            "SELECT CAST(\"w\" AS date), coalesce((SELECT sum(amount) FROM orders WHERE order_date >= CAST(\"w\" AS date)"
                + " AND order_date < CAST(\"w\" AS date) + 7), 0), (SELECT sum(amount) FROM orders WHERE order_date >= CAST(\"w\" AS date) - 7"
                + " AND order_date < CAST(\"w\" AS date)) FROM generate_series(CAST('2024-03-25' AS timestamp), CAST('2024-04-08' AS timestamp),"
                + " CAST('7 days' AS interval)) AS \"w\" ORDER BY 1");
    assertThat(rows).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(rows.getJsonArray(i).getValue(0)).isEqualTo(expected.getJsonArray(i).getValue(0));
      assertThat(num(rows.getJsonArray(i).getValue(1)))
          .isEqualTo(num(expected.getJsonArray(i).getValue(1)));
      assertThat(num(rows.getJsonArray(i).getValue(2)))
          .isEqualTo(num(expected.getJsonArray(i).getValue(2)));
    }
    assertThat(rows.getJsonArray(0).getValue(0)).isEqualTo("2024-03-25"); // a Monday
    assertThat(num(rows.getJsonArray(1).getValue(1))).isEqualTo(200.0); // 1–7 April: only the 2nd
  }

  @Test
  void relationshipsGroupByTheOneSideAndRefuseFanOut() {
    model(1);
    JsonObject r =
        ok(
            semantic(
                owner,
                new JsonObject()
                    .put("dataset", "orders")
                    .put("measures", new JsonArray().add("revenue"))
                    .put("dimensions", new JsonArray().add("customers.segment"))));
    assertThat(r.getJsonArray("rows"))
        .isEqualTo(
            sql(
                "SELECT c.segment, sum(o.amount) FROM orders o LEFT JOIN customers c ON o.customer_id = c.id GROUP BY 1 ORDER BY 1"));
    JsonObject err =
        assertError(
            semantic(
                owner,
                new JsonObject()
                    .put("dataset", "orders")
                    .put("measures", new JsonArray().add("customers.total_credit"))
                    .put("dimensions", new JsonArray().add("region"))),
            422,
            "fan_out");
    assertThat(err.getString("message")).contains("customers.total_credit");
    assertError(
        semantic(
            owner,
            new JsonObject()
                .put("dataset", "orders")
                .put("measures", new JsonArray().add("revenue"))
                .put("dimensions", new JsonArray().add("regoin"))),
        400,
        "unknown_member");
    HttpResponse<Buffer> notJson =
        await(
            app.http
                .post("/api/v1/projects/" + project + "/semantic/query")
                .bearerTokenAuthentication(owner.accessToken())
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("[1, 2")));
    assertError(notJson, 400, "invalid_request");
    assertError(
        semantic(owner, new JsonObject().put("measures", new JsonArray().add("revenue"))),
        400,
        "invalid_query");
  }

  @Test
  void compiledSqlStaysConfinedByTheGuardAndTheReaderRole() throws Exception {
    // Another project's dataset: not reachable by name from a formula or a relationship.
    Session other = app.api.signup();
    String theirs = app.api.createProject(other, "theirs");
    upload(other, theirs, "secret.csv", "id,code\n1,s3cr3t\n");
    JsonObject live = model(1);
    JsonObject doc = live.copy();
    doc.getJsonArray("relationships")
        .add(
            new JsonObject()
                .put("name", "secret")
                .put("dataset", "secret")
                .put("foreignKey", "customer_id")
                .put("primaryKey", "id"));
    assertError(
        app.api.call(HttpMethod.PUT, modelPath(orders), owner.accessToken(), doc),
        400,
        "invalid_model");
    assertError(
        semantic(
            owner,
            new JsonObject()
                .put("dataset", "orders")
                .put(
                    "measures",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("formula", "count(pg_catalog.pg_authid)")
                                .put("as", "x")))),
        400,
        "invalid_formula");
    assertError(
        semantic(
            owner,
            new JsonObject()
                .put("dataset", "orders")
                .put(
                    "measures",
                    new JsonArray()
                        .add(new JsonObject().put("formula", "pg_sleep(10)").put("as", "x")))),
        400,
        "invalid_formula");

    // Even a model document written behind the API's back (a relationship to the other project's
    // table, a dimension on a catalog column) compiles to SQL that the guard refuses.
    JsonObject forged = live.copy();
    forged
        .getJsonArray("relationships")
        .add(
            new JsonObject()
                .put("name", "secret")
                .put("dataset", "secret")
                .put("foreignKey", "customer_id")
                .put("primaryKey", "id")
                .put("type", "many_to_one"));
    forged
        .getJsonArray("dimensions")
        .add(
            new JsonObject().put("name", "role_name").put("column", "rolname").put("type", "text"));
    try (Connection c = Db.jdbc(app.database);
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE semantic_models SET document = ?::jsonb WHERE dataset_id = ?::uuid")) {
      ps.setString(1, forged.encode());
      ps.setString(2, orders);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    try {
      // By id: the entry remembered under the table name (ModelCache) is not this one; the write
      // of model(1) above dropped every entry of the dataset, so this reads the forged document.
      HttpResponse<Buffer> r =
          semantic(
              owner,
              new JsonObject()
                  .put("dataset", orders)
                  .put("measures", new JsonArray().add("count"))
                  .put("dimensions", new JsonArray().add("role_name")));
      assertThat(r.statusCode()).as(r.bodyAsString()).isIn(400, 422);
      assertThat(r.bodyAsString()).contains("rolname");
      assertThat(r.bodyAsString()).doesNotContain("postgres");
    } finally {
      model(1);
    }
  }

  static Double num(Object v) {
    if (v == null) return null;
    return v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v));
  }
}
