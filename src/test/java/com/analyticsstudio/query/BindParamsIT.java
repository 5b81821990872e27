package com.analyticsstudio.query;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bind parameters ({@code "params"} for {@code $1}, {@code $2}, …) on the query, export, explain
 * and job operations, through the guarded path into PostgreSQL: a value is only ever a value,
 * whatever quotes or SQL it holds; counts and types that do not fit are readable 400s; the cache
 * tells calls with other values apart.
 */
class BindParamsIT {
  static TestApp app;
  static QueryApi q;
  static Session owner;
  static String project;

  static final String SALES =
      """
      region,amount,day
      East,100,2024-01-02
      West,250,2024-01-03
      East,40,2024-02-01
      O'Brien,7,2024-02-02
      """;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of());
    q = new QueryApi(app);
    owner = app.api.signup();
    project = app.api.createProject(owner, "bind-params");
    q.upload(owner.accessToken(), project, "sales.csv", SALES);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject body(String sql, Object... params) {
    JsonArray values = new JsonArray();
    for (Object p : params) values.add(p);
    return new JsonObject().put("sql", sql).put("params", values);
  }

  static JsonObject ok(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  static JsonArray rows(JsonObject body) {
    return ok(q.run(owner.accessToken(), project, body)).getJsonArray("rows");
  }

  @Test
  void aParameterSelectsLikeTheLiteralWould() {
    JsonArray rows =
        rows(
            body(
                "SELECT region, sum(amount) AS total FROM sales WHERE region = $1 AND amount > $2"
                    + " GROUP BY region",
                "East",
                10));
    assertThat(rows.encode()).isEqualTo("[[\"East\",140]]");
  }

  @Test
  void quotesAndSqlInAValueAreOnlyAValue() {
    assertThat(rows(body("SELECT amount FROM sales WHERE region = $1", "O'Brien")).encode())
        .isEqualTo("[[7]]");
    for (String hostile :
        new String[] {
          "East' OR '1'='1",
          "East'; DROP TABLE sales; --",
          "x' UNION SELECT email FROM public.users --",
          "$1",
          "'); SELECT pg_sleep(10); --"
        }) {
      assertThat(rows(body("SELECT region FROM sales WHERE region = $1", hostile))).isEmpty();
      // The value comes back exactly as sent.
      assertThat(rows(body("SELECT $1::text AS v", hostile)).getJsonArray(0).getString(0))
          .isEqualTo(hostile);
    }
    assertThat(rows(body("SELECT count(*) AS n FROM sales", new Object[0])).encode())
        .isEqualTo("[[4]]");
  }

  @Test
  void stringsAreParsedWhereADateANumberOrABooleanIsExpected() {
    assertThat(rows(body("SELECT region FROM sales WHERE day = $1", "2024-01-03")).encode())
        .isEqualTo("[[\"West\"]]");
    assertThat(rows(body("SELECT $1::int + 1 AS n", "41")).encode()).isEqualTo("[[42]]");
    assertThat(rows(body("SELECT NOT $1::boolean AS b", "false")).encode()).isEqualTo("[[true]]");
    // A number where text is expected is its text; null fits anything.
    assertThat(rows(body("SELECT $1::text AS t, $2::int IS NULL AS n", 5, null)).encode())
        .isEqualTo("[[\"5\",true]]");
  }

  @Test
  void aValueThatDoesNotFitIsA400NamingIt() {
    JsonObject e =
        assertError(
            q.run(owner.accessToken(), project, body("SELECT * FROM sales WHERE day = $1", "soon")),
            400,
            "validation_failed");
    assertThat(e.getJsonObject("details").getString("location")).isEqualTo("/params/0");
    assertThat(e.getString("message")).contains("$1").contains("date");
    assertError(
        q.run(owner.accessToken(), project, body("SELECT $1::int AS n", true)),
        400,
        "validation_failed");
  }

  @Test
  void theCountMustMatchTheParameters() {
    JsonObject e =
        assertError(
            q.run(owner.accessToken(), project, body("SELECT $1::text AS a, $2::text AS b", "x")),
            400,
            "validation_failed");
    assertThat(e.getString("message")).contains("$1 to $2").contains("1 value");
    assertThat(e.getJsonObject("details").getString("location")).isEqualTo("/params");
    assertError(
        q.run(owner.accessToken(), project, body("SELECT 1 AS one", "extra")),
        400,
        "validation_failed");
    assertError(
        q.run(owner.accessToken(), project, new JsonObject().put("sql", "SELECT $1::text")),
        400,
        "validation_failed");
    assertError(
        q.run(owner.accessToken(), project, body("SELECT $1::text", new JsonArray().add(1))),
        400,
        "validation_failed");
  }

  @Test
  void theCacheKeepsCallsWithOtherValuesApart() {
    String sql = "SELECT sum(amount) AS total FROM sales WHERE region = $1";
    JsonObject east = ok(q.run(owner.accessToken(), project, body(sql, "East")));
    JsonObject west = ok(q.run(owner.accessToken(), project, body(sql, "West")));
    JsonObject eastAgain = ok(q.run(owner.accessToken(), project, body(sql, "East")));
    assertThat(east.getJsonArray("rows").encode()).isEqualTo("[[140]]");
    assertThat(west.getBoolean("cached")).isFalse();
    assertThat(west.getJsonArray("rows").encode()).isEqualTo("[[250]]");
    assertThat(eastAgain.getBoolean("cached")).isTrue();
    assertThat(eastAgain.getJsonArray("rows").encode()).isEqualTo("[[140]]");
  }

  @Test
  void exportsExplainAndJobsBindTheSameWay() throws Exception {
    JsonObject b =
        body("SELECT region, amount FROM sales WHERE region = $1 ORDER BY amount", "East");
    HttpResponse<Buffer> csv = q.export(owner.accessToken(), project, b, "?format=csv");
    assertThat(csv.statusCode()).as(csv.bodyAsString()).isEqualTo(200);
    assertThat(csv.bodyAsString().replace("\r\n", "\n"))
        .isEqualTo("region,amount\nEast,40\nEast,100\n");

    HttpResponse<Buffer> plan =
        q.call(HttpMethod.POST, QueryApi.query(project) + "/explain", owner.accessToken(), b);
    assertThat(plan.statusCode()).as(plan.bodyAsString()).isEqualTo(200);

    HttpResponse<Buffer> submitted =
        q.call(HttpMethod.POST, QueryApi.query(project) + "/jobs", owner.accessToken(), b);
    assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(202);
    String job = submitted.bodyAsJsonObject().getString("jobId");
    String status = "queued";
    for (int i = 0; i < 200 && !status.equals("succeeded") && !status.equals("failed"); i++) {
      Thread.sleep(50);
      status =
          app.api
              .get(QueryApi.query(project) + "/jobs/" + job, owner.accessToken())
              .bodyAsJsonObject()
              .getString("status");
    }
    assertThat(status).isEqualTo("succeeded");
    JsonObject page =
        ok(app.api.get(QueryApi.query(project) + "/jobs/" + job + "/result", owner.accessToken()));
    assertThat(page.getJsonArray("rows").encode()).isEqualTo("[[\"East\",40],[\"East\",100]]");
  }
}
