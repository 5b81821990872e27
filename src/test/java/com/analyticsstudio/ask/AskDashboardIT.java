package com.analyticsstudio.ask;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ask about this dashboard: only the datasets of its charts are candidates, and its current filters
 * (the request's state, else the filters' defaults) are applied to the answer — into a planner
 * answer's plan, into a semantic answer's query — and listed in {@code appliedFilters}. The numbers
 * are compared with hand-written SQL.
 */
class AskDashboardIT {
  static TestApp app;
  static Session owner;
  static Session viewer;
  static Session outsider;
  static String project;
  static String dashboard;
  static String foreignDashboard;
  static String foreignProject;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.start(Map.of());
    owner = app.api.signup();
    viewer = app.api.signup();
    outsider = app.api.signup();
    project = app.api.createProject(owner, "ask-dashboards");
    foreignProject = app.api.createProject(outsider, "elsewhere");
    app.api.addMember(owner, project, viewer, "viewer");
    String orders =
        upload(
            owner,
            project,
            "orders.csv",
            "id,region,amount,customer_id\n"
                + "1,East,100,1\n2,East,50,2\n3,West,70,3\n4,East,30,2\n5,North,20,3\n6,West,10,1\n");
    upload(owner, project, "customers.csv", "id,segment\n1,Enterprise\n2,SMB\n3,SMB\n");
    // Not on the dashboard: a question about refunds must not be answered from it there.
    upload(owner, project, "refunds.csv", "id,region,fee\n1,East,5\n2,West,7\n");

    // orders: revenue (sum of amount) and a relationship to customers.
    String modelPath = "/api/v1/projects/" + project + "/datasets/" + orders + "/model";
    JsonObject model = ok(app.api.get(modelPath, owner.accessToken()));
    JsonArray dims = new JsonArray();
    for (Object o : model.getJsonArray("dimensions")) {
      JsonObject d = ((JsonObject) o).copy();
      d.remove("granularities");
      dims.add(d);
    }
    model
        .put("dimensions", dims)
        .put(
            "measures",
            model
                .getJsonArray("measures")
                .copy()
                .add(
                    new JsonObject()
                        .put("name", "revenue")
                        .put("label", "Revenue")
                        .put("aggregation", "sum")
                        .put("column", "amount")))
        .put(
            "relationships",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("name", "customer")
                        .put("dataset", "customers")
                        .put("foreignKey", "customer_id")
                        .put("primaryKey", "id")));
    ok(app.api.call(HttpMethod.PUT, modelPath, owner.accessToken(), model));

    String byRegion = chart(owner, project, "orders", "region");
    String bySegment = chart(owner, project, "customers", "segment");
    JsonObject doc =
        new JsonObject()
            .put("name", "Sales")
            .put("columns", 12)
            .put(
                "widgets",
                new JsonArray()
                    .add(chartWidget("w1", byRegion, 0))
                    .add(chartWidget("w2", bySegment, 4)))
            .put(
                "filters",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", "region")
                            .put("type", "values")
                            .put("member", "region")
                            .put("default", new JsonArray().add("East")))
                    .add(
                        new JsonObject()
                            .put("id", "segment")
                            .put("type", "values")
                            .put("member", "segment")
                            .put("default", new JsonArray())));
    dashboard =
        ok(
                app.api.post(
                    "/api/v1/projects/" + project + "/dashboards", owner.accessToken(), doc),
                201)
            .getString("id");

    JsonObject foreign =
        new JsonObject()
            .put("name", "Theirs")
            .put("columns", 12)
            .put(
                "widgets",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", "t")
                            .put("type", "text")
                            .put("markdown", "hi")
                            .put("x", 0)
                            .put("y", 0)
                            .put("w", 4)
                            .put("h", 2)))
            .put("filters", new JsonArray());
    foreignDashboard =
        ok(
                app.api.post(
                    "/api/v1/projects/" + foreignProject + "/dashboards",
                    outsider.accessToken(),
                    foreign),
                201)
            .getString("id");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  static String upload(Session s, String projectId, String filename, String csv) throws Exception {
    HttpResponse<Buffer> r =
        app.http
            .post("/api/v1/projects/" + projectId + "/datasets?wait=true&filename=" + filename)
            .bearerTokenAuthentication(s.accessToken())
            .putHeader("Content-Type", "text/csv")
            .sendBuffer(Buffer.buffer(csv))
            .await(60, TimeUnit.SECONDS);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("id");
  }

  static JsonObject ok(HttpResponse<Buffer> r) {
    return ok(r, 200);
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  static String chart(Session s, String projectId, String dataset, String dimension) {
    JsonObject q =
        new JsonObject()
            .put("dataset", dataset)
            .put("measures", new JsonArray().add("count"))
            .put("dimensions", new JsonArray().add(dimension));
    JsonObject c =
        new JsonObject()
            .put("name", dataset + " by " + dimension)
            .put("query", new JsonObject().put("semantic", q))
            .put("visualization", new JsonObject().put("type", "bar"));
    return ok(app.api.post("/api/v1/projects/" + projectId + "/charts", s.accessToken(), c), 201)
        .getString("id");
  }

  static JsonObject chartWidget(String id, String chartId, int x) {
    return new JsonObject()
        .put("id", id)
        .put("type", "chart")
        .put("chartId", chartId)
        .put("x", x)
        .put("y", 0)
        .put("w", 4)
        .put("h", 3);
  }

  static HttpResponse<Buffer> ask(Session s, String question, JsonObject context) {
    JsonObject body = new JsonObject().put("question", question);
    if (context != null) body.put("dashboard", context);
    return app.api.post("/api/v1/projects/" + project + "/ask", s.accessToken(), body);
  }

  static JsonObject context(JsonObject filters) {
    JsonObject c = new JsonObject().put("id", dashboard);
    if (filters != null) c.put("filters", filters);
    return c;
  }

  static BigDecimal single(JsonObject answer) {
    assertThat(answer.getInteger("rowCount")).as(answer.encode()).isEqualTo(1);
    JsonArray row = answer.getJsonArray("rows").getJsonArray(0);
    return new BigDecimal(String.valueOf(row.getValue(row.size() - 1)));
  }

  static BigDecimal sql(String sql) {
    JsonObject r =
        ok(
            app.api.post(
                "/api/v1/projects/" + project + "/query",
                owner.accessToken(),
                new JsonObject().put("sql", sql)));
    return new BigDecimal(String.valueOf(r.getJsonArray("rows").getJsonArray(0).getValue(0)));
  }

  static JsonObject appliedFilter(JsonObject answer, String member) {
    for (Object o : answer.getJsonArray("appliedFilters")) {
      JsonObject f = (JsonObject) o;
      if (member.equals(f.getString("member"))) return f;
    }
    throw new AssertionError("no applied filter on " + member + " in " + answer.encode());
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void totalAmountBesideTheDashboardIsTheTotalOfItsFilteredRegion() {
    JsonObject a = ok(ask(owner, "total amount", context(null)));
    BigDecimal east = sql("SELECT sum(amount) FROM orders WHERE region = 'East'");
    assertThat(sql("SELECT sum(amount) FROM orders")).isNotEqualByComparingTo(east);
    assertThat(single(a)).isEqualByComparingTo(east);
    assertThat(a.getString("source")).isEqualTo("planner");
    assertThat(a.getString("dashboardId")).isEqualTo(dashboard);
    assertThat(a.getJsonObject("plan").getString("tableName")).isEqualTo("orders");
    JsonObject region = appliedFilter(a, "region");
    assertThat(region.getString("filterId")).isEqualTo("region");
    assertThat(region.getBoolean("applied")).isTrue();
    assertThat(region.getString("column")).isEqualTo("region");
    assertThat(region.getJsonArray("values")).containsExactly("East");
    assertThat(a.getString("sql")).contains("East");

    // The request's state wins over the default, as on the dashboard's data request.
    JsonObject west =
        ok(
            ask(
                owner,
                "total amount",
                context(new JsonObject().put("region", new JsonArray().add("West")))));
    assertThat(single(west))
        .isEqualByComparingTo(sql("SELECT sum(amount) FROM orders WHERE region = 'West'"));
    // A cleared filter: the whole table.
    JsonObject all =
        ok(ask(owner, "total amount", context(new JsonObject().put("region", new JsonArray()))));
    assertThat(single(all)).isEqualByComparingTo(sql("SELECT sum(amount) FROM orders"));
    assertThat(all.getJsonArray("appliedFilters")).isEmpty();
  }

  @Test
  void aSemanticAnswerGetsTheFiltersInItsQueryRelationshipsIncluded() {
    JsonObject a = ok(ask(owner, "revenue", context(null)));
    assertThat(a.getString("source")).as(a.encode()).isEqualTo("semantic");
    assertThat(single(a))
        .isEqualByComparingTo(sql("SELECT sum(amount) FROM orders WHERE region = 'East'"));
    assertThat(a.getJsonObject("semanticQuery").getJsonArray("filters").encode())
        .contains("\"member\":\"region\"");

    // The segment filter reaches orders through its relationship to customers.
    JsonObject both =
        ok(
            ask(
                owner,
                "revenue",
                context(new JsonObject().put("segment", new JsonArray().add("SMB")))));
    assertThat(single(both))
        .isEqualByComparingTo(
            sql(
                "SELECT sum(o.amount) FROM orders o JOIN customers c ON c.id = o.customer_id"
                    + " WHERE o.region = 'East' AND c.segment = 'SMB'"));
    assertThat(appliedFilter(both, "customer.segment").getBoolean("applied")).isTrue();
  }

  @Test
  void aPlannerAnswerSaysWhichRelationshipFilterItCouldNotApply() {
    JsonObject a =
        ok(
            ask(
                owner,
                "total amount",
                context(new JsonObject().put("segment", new JsonArray().add("SMB")))));
    assertThat(a.getString("source")).isEqualTo("planner");
    assertThat(single(a))
        .isEqualByComparingTo(sql("SELECT sum(amount) FROM orders WHERE region = 'East'"));
    JsonObject segment = appliedFilter(a, "customer.segment");
    assertThat(segment.getBoolean("applied")).isFalse();
    assertThat(segment.getString("reason")).contains("relationship");
    assertThat(a.getString("explanation")).contains("customer.segment");
  }

  @Test
  void aDatasetOutsideTheDashboardIsNotChosen() {
    // Without the dashboard, the question is about refunds ...
    JsonObject free = ok(ask(owner, "total fee", null));
    assertThat(free.getString("sql")).contains("refunds").contains("fee");
    // ... beside it, refunds is not a candidate.
    HttpResponse<Buffer> r = ask(owner, "total fee", context(null));
    if (r.statusCode() == 200) {
      JsonObject a = r.bodyAsJsonObject();
      assertThat(a.getString("sql")).doesNotContain("refunds").doesNotContain("fee");
      assertThat(a.getJsonObject("plan").getString("tableName"))
          .isIn(List.of("orders", "customers"));
    } else {
      assertError(r, 422, "not_understood");
    }
  }

  @Test
  void anotherProjectsDashboardOrAnUnknownOneIs404() {
    assertError(
        ask(owner, "total amount", new JsonObject().put("id", foreignDashboard)), 404, "not_found");
    assertError(
        ask(owner, "total amount", new JsonObject().put("id", UUID.randomUUID().toString())),
        404,
        "not_found");
    // The outsider cannot use their own project's dashboard id to reach this project either.
    assertError(ask(outsider, "total amount", context(null)), 404, "not_found");
  }

  @Test
  void aBadFilterIs400() {
    assertError(
        ask(owner, "total amount", context(new JsonObject().put("nope", new JsonArray()))),
        400,
        null);
  }

  @Test
  void aViewerCanAskBesideTheDashboard() {
    JsonObject a = ok(ask(viewer, "total amount", context(null)));
    assertThat(single(a))
        .isEqualByComparingTo(sql("SELECT sum(amount) FROM orders WHERE region = 'East'"));
  }
}
