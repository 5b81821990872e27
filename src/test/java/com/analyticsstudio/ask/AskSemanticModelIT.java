package com.analyticsstudio.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ask over a dataset whose semantic model names its measures: a question in the model's words (a
 * synonym, a comparison, year to date) is answered by the semantic layer, its SQL is the compiled
 * semantic query and its numbers equal hand-written SQL; a question the model does not cover goes
 * to the planner as before. The data is dated relative to today, as "this year" is.
 */
class AskSemanticModelIT {
  static TestApp app;
  static Session owner;
  static String project;
  static String orders;
  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.start();
    owner = app.api.signup();
    project = app.api.createProject(owner, "sales");
    orders = upload("orders.csv", ordersCsv()).getString("id");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /**
   * Two years of monthly orders up to today, East every month, West missing three months back, and
   * one order today.
   */
  static String ordersCsv() {
    StringBuilder csv = new StringBuilder("order_id,order_date,region,amount,cost\n");
    int id = 1;
    for (int k = 0; k < 24; k++) {
      LocalDate d = TODAY.withDayOfMonth(1).minusMonths(k);
      csv.append(id++).append(',').append(d).append(",East,").append(100 + k).append(".50,40\n");
      if (k != 3)
        csv.append(id++).append(',').append(d).append(",West,").append(50 + 2 * k).append(",20\n");
    }
    csv.append(id).append(',').append(TODAY).append(",East,7.25,1\n");
    return csv.toString();
  }

  static JsonObject upload(String filename, String csv) throws Exception {
    HttpResponse<Buffer> r =
        app.http
            .post("/api/v1/projects/" + project + "/datasets?wait=true&filename=" + filename)
            .bearerTokenAuthentication(owner.accessToken())
            .putHeader("Content-Type", "text/csv")
            .sendBuffer(Buffer.buffer(csv))
            .await(60, TimeUnit.SECONDS);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  static JsonObject ok(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  /**
   * Saves the model: revenue (sum of amount) with synonyms, a margin formula, region also called
   * "area", and the fiscal year's first month.
   */
  static void model(int fiscalStart) {
    String path = "/api/v1/projects/" + project + "/datasets/" + orders + "/model";
    JsonObject live = ok(app.api.get(path, owner.accessToken()));
    JsonArray measures = new JsonArray();
    for (Object o : live.getJsonArray("measures")) {
      JsonObject m = (JsonObject) o;
      if (!List.of("revenue", "margin_pct").contains(m.getString("name"))) measures.add(m);
    }
    measures
        .add(
            new JsonObject()
                .put("name", "revenue")
                .put("label", "Revenue")
                .put("aggregation", "sum")
                .put("column", "amount")
                .put("synonyms", new JsonArray().add("turnover").add("total sales")))
        .add(
            new JsonObject()
                .put("name", "margin_pct")
                .put("label", "Margin %")
                .put("formula", "(revenue - sum(cost)) / revenue")
                .put("format", new JsonObject().put("type", "percent").put("decimals", 1)));
    JsonArray dims = new JsonArray();
    for (Object o : live.getJsonArray("dimensions")) {
      JsonObject d = ((JsonObject) o).copy();
      d.remove("granularities");
      if (d.getString("name").equals("region")) d.put("synonyms", new JsonArray().add("area"));
      dims.add(d);
    }
    JsonObject doc =
        live.copy()
            .put("measures", measures)
            .put("dimensions", dims)
            .put("fiscalYearStartMonth", fiscalStart);
    ok(app.api.call(HttpMethod.PUT, path, owner.accessToken(), doc));
  }

  static JsonObject ask(String question) {
    return ok(
        app.api.post(
            "/api/v1/projects/" + project + "/ask",
            owner.accessToken(),
            new JsonObject().put("question", question)));
  }

  static JsonArray sql(String sql) {
    return ok(app.api.post(
            "/api/v1/projects/" + project + "/query",
            owner.accessToken(),
            new JsonObject().put("sql", sql)))
        .getJsonArray("rows");
  }

  static BigDecimal number(Object v) {
    return v == null ? null : new BigDecimal(v.toString()).stripTrailingZeros();
  }

  static List<List<Object>> normalised(JsonArray rows) {
    List<List<Object>> out = new ArrayList<>();
    for (Object r : rows) {
      List<Object> row = new ArrayList<>();
      for (Object v : (JsonArray) r)
        row.add(v instanceof Number ? number(v).round(new MathContext(9)).stripTrailingZeros() : v);
      out.add(row);
    }
    return out;
  }

  @Test
  void aSynonymQuestionIsAnsweredByTheModelWithTheCompiledSemanticSql() {
    model(1);
    JsonObject a = ask("total sales by area");
    assertThat(a.getString("source")).as(a.encode()).isEqualTo("semantic");
    JsonObject sq = a.getJsonObject("semanticQuery");
    assertThat(sq.getJsonArray("measures")).isEqualTo(new JsonArray().add("revenue"));
    assertThat(sq.getJsonArray("dimensions")).isEqualTo(new JsonArray().add("region"));
    String compiled =
        ok(app.api.post(
                "/api/v1/projects/" + project + "/semantic/compile", owner.accessToken(), sq))
            .getString("sql");
    assertThat(a.getString("sql")).isEqualTo(compiled);
    assertThat(normalised(a.getJsonArray("rows")))
        .isEqualTo(
            normalised(
                sql("SELECT region, sum(amount) FROM orders GROUP BY region ORDER BY region")));
    assertThat(a.getJsonArray("columns").getJsonObject(1).getString("label")).isEqualTo("Revenue");
    assertThat(a.getString("explanation")).contains("Revenue by region");

    // The formula measure by its label, against hand-written SQL.
    JsonObject margin = ask("margin % by region");
    assertThat(margin.getString("source")).isEqualTo("semantic");
    assertThat(normalised(margin.getJsonArray("rows")))
        .isEqualTo(
            normalised(
                sql(
                    "SELECT region, (sum(amount) - sum(cost)) / sum(amount) FROM orders"
                        + " GROUP BY region ORDER BY region")));

    // The thread keeps the semantic query with the exchange.
    JsonObject thread =
        ok(
            app.api.get(
                "/api/v1/projects/" + project + "/threads/" + a.getString("threadId"),
                owner.accessToken()));
    JsonObject exchange = thread.getJsonArray("exchanges").getJsonObject(0);
    assertThat(exchange.getString("source")).isEqualTo("semantic");
    assertThat(exchange.getJsonObject("semanticQuery")).isEqualTo(sq);
  }

  @Test
  void thisYearVersusLastYearUsesTheSamePeriodLastYearTransform() {
    model(1);
    JsonObject a = ask("turnover this year vs last year");
    assertThat(a.getString("source")).as(a.encode()).isEqualTo("semantic");
    JsonObject sq = a.getJsonObject("semanticQuery");
    assertThat(sq.getJsonArray("measures").getJsonObject(1))
        .isEqualTo(new JsonObject().put("measure", "revenue").put("time", "same_period_last_year"));
    LocalDate yearStart = TODAY.withDayOfYear(1);
    assertThat(sq.getJsonObject("time").getJsonArray("dateRange"))
        .isEqualTo(new JsonArray().add(yearStart.toString()).add(TODAY.toString()));
    JsonArray row = a.getJsonArray("rows").getJsonArray(0);
    assertThat(a.getInteger("rowCount")).isEqualTo(1);
    Object thisYear =
        sql("SELECT sum(amount) FROM orders WHERE order_date BETWEEN '"
                + yearStart
                + "' AND '"
                + TODAY
                + "'")
            .getJsonArray(0)
            .getValue(0);
    Object lastYear =
        sql("SELECT sum(amount) FROM orders WHERE order_date >= '"
                + yearStart.minusYears(1)
                + "' AND order_date < '"
                + yearStart
                + "'")
            .getJsonArray(0)
            .getValue(0);
    assertThat(number(row.getValue(1))).isEqualTo(number(thisYear));
    assertThat(number(row.getValue(2))).isEqualTo(number(lastYear));
    assertThat(a.getString("answer")).contains("Revenue");
  }

  @Test
  void monthOverMonthComparesEachMonthWithTheOneBefore() {
    model(1);
    JsonObject a = ask("revenue month over month");
    assertThat(a.getString("source")).as(a.encode()).isEqualTo("semantic");
    JsonObject sq = a.getJsonObject("semanticQuery");
    assertThat(sq.getJsonObject("time").getString("granularity")).isEqualTo("month");
    assertThat(sq.getJsonArray("measures").getJsonObject(1).getString("time"))
        .isEqualTo("previous_period");
    JsonArray rows = a.getJsonArray("rows");
    assertThat(rows.size()).isEqualTo(24);
    assertThat(rows.getJsonArray(0).getValue(2)).isNull();
    for (int i = 1; i < rows.size(); i++) {
      assertThat(number(rows.getJsonArray(i).getValue(2)))
          .as("month %d's previous month", i)
          .isEqualTo(number(rows.getJsonArray(i - 1).getValue(1)));
    }
  }

  @Test
  void yearToDateRunsFromTheFiscalYearStart() {
    model(4);
    try {
      JsonObject a = ask("revenue year to date");
      assertThat(a.getString("source")).as(a.encode()).isEqualTo("semantic");
      LocalDate fyStart = TODAY.withDayOfMonth(1).withMonth(4);
      if (fyStart.isAfter(TODAY)) fyStart = fyStart.minusYears(1);
      assertThat(a.getJsonObject("semanticQuery").getJsonObject("time").getJsonArray("dateRange"))
          .isEqualTo(new JsonArray().add(fyStart.toString()).add(TODAY.toString()));
      Object expected =
          sql("SELECT sum(amount) FROM orders WHERE order_date BETWEEN '"
                  + fyStart
                  + "' AND '"
                  + TODAY
                  + "'")
              .getJsonArray(0)
              .getValue(0);
      assertThat(number(a.getJsonArray("rows").getJsonArray(0).getValue(0)))
          .isEqualTo(number(expected));
    } finally {
      model(1);
    }
  }

  @Test
  void questionsTheModelDoesNotCoverGoToThePlanner() {
    model(1);
    JsonObject count = ask("how many rows are there?");
    assertThat(count.getString("source")).isEqualTo("planner");
    assertThat(count.containsKey("semanticQuery")).isFalse();
    // A value the model has no word for: the planner reads the filter.
    JsonObject east = ask("total amount for East");
    assertThat(east.getString("source")).as(east.encode()).isEqualTo("planner");
    // The default measure in the column's own words: the planner reads it and explains it.
    JsonObject byRegion = ask("total amount by region");
    assertThat(byRegion.getString("source")).isEqualTo("planner");
    assertThat(byRegion.containsKey("interpretation")).isTrue();
  }
}
