package com.analyticsstudio.dashboard;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependency safety end to end: deleting a dataset, removing a measure from a model or deleting a
 * chart that a saved chart or a dashboard uses is 409 {@code in_use} listing them, unless {@code
 * ?force=true}; the {@code …/used-by} lists say the same to any member and to no one else.
 */
class DependencyIT {
  static TestApp app;
  static Session owner;
  static Session viewer;
  static Session outsider;
  static String project;
  static final AtomicInteger SEQ = new AtomicInteger();

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of());
    owner = app.api.signup();
    viewer = app.api.signup();
    outsider = app.api.signup();
    project = app.api.createProject(owner, "dependencies");
    app.api.createProject(outsider, "elsewhere");
    app.api.addMember(owner, project, viewer, "viewer");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void aDatasetUsedByChartsAndADashboardIsNotDeletedWithoutForce() {
    Upload orders = upload("orders");
    String semantic = chart("by region", semantic(orders.table(), "region", "count"));
    String sql =
        chart(
            "sql totals",
            sqlQuery("SELECT region, sum(amount) AS total FROM " + orders.table() + " GROUP BY 1"));
    Upload other = upload("other");
    String unrelated = chart("other", semantic(other.table(), "region", "count"));
    String dashboard = dashboard("sales", List.of(semantic), List.of());

    JsonArray items =
        ok(app.api.get(datasetPath(orders) + "/used-by", viewer.accessToken()), 200)
            .getJsonArray("items");
    assertThat(uses(items))
        .containsExactly(
            "chart " + semantic + " query",
            "chart " + sql + " sql",
            "dashboard " + dashboard + " widget w1");
    assertThat(uses(items)).noneMatch(u -> u.contains(unrelated));

    JsonObject error =
        assertError(app.api.delete(datasetPath(orders), owner.accessToken()), 409, "in_use");
    assertThat(uses(error.getJsonObject("details").getJsonArray("usedBy")))
        .containsExactlyElementsOf(uses(items));
    // Still there.
    ok(app.api.get(datasetPath(orders), owner.accessToken()), 200);
    // A viewer may read what uses it, not delete it.
    assertError(
        app.api.delete(datasetPath(orders) + "?force=true", viewer.accessToken()), 403, null);
    // Another project's member sees nothing of it.
    assertError(app.api.get(datasetPath(orders) + "/used-by", outsider.accessToken()), 404, null);

    assertThat(
            app.api.delete(datasetPath(orders) + "?force=true", owner.accessToken()).statusCode())
        .isEqualTo(204);
    assertError(app.api.get(datasetPath(orders), owner.accessToken()), 404, null);
    // The chart on it now fails on its own when run, with a clear error, not a 500.
    HttpResponse<Buffer> run =
        app.api.post(charts() + "/" + semantic + "/data", owner.accessToken(), new JsonObject());
    assertThat(run.statusCode()).isBetween(400, 499);
  }

  @Test
  void anUnusedDatasetIsDeletedAtOnce() {
    Upload lonely = upload("lonely");
    assertThat(
            ok(app.api.get(datasetPath(lonely) + "/used-by", owner.accessToken()), 200)
                .getJsonArray("items"))
        .isEmpty();
    assertThat(app.api.delete(datasetPath(lonely), owner.accessToken()).statusCode())
        .isEqualTo(204);
  }

  @Test
  void removingAMeasureAChartUsesIsRefusedWithWhatUsesItUnlessForced() {
    Upload sales = upload("sales");
    String byName = chart("revenue", semantic(sales.table(), "region", "total_amount"));
    JsonObject formula = semantic(sales.table(), "region", null);
    formula
        .getJsonArray("measures")
        .add(new JsonObject().put("formula", "total_amount / count").put("as", "avg_order"));
    String byFormula = chart("avg order", formula);
    String countOnly = chart("orders", semantic(sales.table(), "region", "count"));
    String dashboard = dashboard("revenue board", List.of(byName), List.of());

    JsonObject usedBy =
        ok(
            app.api.get(modelPath(sales) + "/members/total_amount/used-by", viewer.accessToken()),
            200);
    assertThat(uses(usedBy.getJsonArray("items")))
        .contains(
            "chart " + byName + " measures",
            "chart " + byFormula + " formula",
            "dashboard " + dashboard + " widget w1")
        .noneMatch(u -> u.contains(countOnly));

    JsonObject model = ok(app.api.get(modelPath(sales), owner.accessToken()), 200);
    JsonArray kept = new JsonArray();
    for (Object m : model.getJsonArray("measures")) {
      if (!((JsonObject) m).getString("name").equals("total_amount")) kept.add(m);
    }
    JsonObject without = model.copy().put("measures", kept);
    JsonObject error =
        assertError(
            app.api.call(HttpMethod.PUT, modelPath(sales), owner.accessToken(), without),
            409,
            "in_use");
    assertThat(error.getJsonObject("details").getJsonArray("members").getList())
        .containsExactly("total_amount");
    JsonArray list = error.getJsonObject("details").getJsonArray("usedBy");
    assertThat(uses(list))
        .contains("chart " + byName + " measures", "chart " + byFormula + " formula");
    assertThat(list.getJsonObject(0).getString("member")).isEqualTo("total_amount");
    // The model did not change.
    assertThat(ok(app.api.get(modelPath(sales), owner.accessToken()), 200).getInteger("version"))
        .isEqualTo(model.getInteger("version"));

    // Removing a measure nobody uses is fine; forcing removes a used one.
    JsonObject saved =
        ok(
            app.api.call(
                HttpMethod.PUT, modelPath(sales) + "?force=true", owner.accessToken(), without),
            200);
    assertThat(saved.getJsonArray("measures").stream().map(m -> ((JsonObject) m).getString("name")))
        .doesNotContain("total_amount");
  }

  @Test
  void aDimensionIsUsedByChartsAndByADashboardFilterOnIt() {
    Upload shop = upload("shop");
    String byRegion = chart("by region", semantic(shop.table(), "region", "count"));
    String plain = chart("count only", semantic(shop.table(), null, "count"));
    JsonObject filter =
        new JsonObject()
            .put("id", "f1")
            .put("type", "values")
            .put("member", "region")
            .put("default", new JsonArray());
    String dashboard = dashboard("filtered", List.of(plain), List.of(filter));

    JsonArray items =
        ok(app.api.get(modelPath(shop) + "/members/region/used-by", owner.accessToken()), 200)
            .getJsonArray("items");
    assertThat(uses(items))
        .containsExactly(
            "chart " + byRegion + " dimensions", "dashboard " + dashboard + " filter f1");
    assertError(
        app.api.get(modelPath(shop) + "/members/no_such_member/used-by", owner.accessToken()),
        404,
        null);
  }

  @Test
  void aChartUsesADatasetAndItsMembersThroughARelationship() {
    Upload customers = upload("customers");
    Upload orders = upload("orders_rel");
    String modelPath = modelPath(orders);
    JsonObject model = ok(app.api.get(modelPath, owner.accessToken()), 200);
    model.put(
        "relationships",
        new JsonArray()
            .add(
                new JsonObject()
                    .put("name", "buyer")
                    .put("dataset", customers.table())
                    .put("foreignKey", "id")
                    .put("primaryKey", "id")));
    ok(app.api.call(HttpMethod.PUT, modelPath, owner.accessToken(), model), 200);
    String viaBuyer = chart("by buyer region", semantic(orders.table(), "buyer.region", "count"));

    JsonArray onCustomers =
        ok(app.api.get(datasetPath(customers) + "/used-by", owner.accessToken()), 200)
            .getJsonArray("items");
    assertThat(uses(onCustomers)).containsExactly("chart " + viaBuyer + " relationship");
    JsonArray onRegion =
        ok(app.api.get(modelPath(customers) + "/members/region/used-by", owner.accessToken()), 200)
            .getJsonArray("items");
    assertThat(uses(onRegion)).containsExactly("chart " + viaBuyer + " dimensions");
    assertError(app.api.delete(datasetPath(customers), owner.accessToken()), 409, "in_use");
  }

  @Test
  void aChartOnADashboardIsNotDeletedWithoutForce() {
    Upload data = upload("charted");
    String shown = chart("shown", semantic(data.table(), "region", "count"));
    String hidden = chart("not shown", semantic(data.table(), "region", "count"));
    String dashboard = dashboard("board", List.of(shown), List.of());

    JsonArray items =
        ok(app.api.get(charts() + "/" + shown + "/used-by", viewer.accessToken()), 200)
            .getJsonArray("items");
    assertThat(uses(items)).containsExactly("dashboard " + dashboard + " widget w1");
    JsonObject error =
        assertError(app.api.delete(charts() + "/" + shown, owner.accessToken()), 409, "in_use");
    assertThat(error.getString("message")).contains("board");
    ok(app.api.get(charts() + "/" + shown, owner.accessToken()), 200);

    assertThat(app.api.delete(charts() + "/" + hidden, owner.accessToken()).statusCode())
        .isEqualTo(204);
    assertThat(
            app.api
                .delete(charts() + "/" + shown + "?force=true", owner.accessToken())
                .statusCode())
        .isEqualTo(204);
    // The dashboard's widget answers that its chart is gone; the dashboard itself still runs.
    JsonObject data2 =
        ok(
            app.api.post(
                "/api/v1/projects/" + project + "/dashboards/" + dashboard + "/data",
                owner.accessToken(),
                new JsonObject()),
            200);
    assertThat(
            data2.getJsonArray("widgets").getJsonObject(0).getJsonObject("error").getString("code"))
        .isEqualTo("chart_not_found");
    // A deleted chart has no used-by list.
    assertError(app.api.get(charts() + "/" + shown + "/used-by", owner.accessToken()), 404, null);
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  record Upload(String id, String table) {}

  static Upload upload(String prefix) {
    String name = prefix + "_" + SEQ.incrementAndGet();
    String csv = "id,region,amount\n1,East,100\n2,West,70\n3,East,30\n";
    HttpResponse<Buffer> r;
    try {
      r =
          app.http
              .post("/api/v1/projects/" + project + "/datasets?wait=true&filename=" + name + ".csv")
              .bearerTokenAuthentication(owner.accessToken())
              .putHeader("Content-Type", "text/csv")
              .sendBuffer(Buffer.buffer(csv))
              .await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    JsonObject d = r.bodyAsJsonObject();
    return new Upload(d.getString("id"), d.getString("tableName"));
  }

  static JsonObject semantic(String dataset, String dimension, String measure) {
    JsonObject q = new JsonObject().put("dataset", dataset).put("measures", new JsonArray());
    if (measure != null) q.getJsonArray("measures").add(measure);
    if (dimension != null) q.put("dimensions", new JsonArray().add(dimension));
    return q;
  }

  static JsonObject sqlQuery(String sql) {
    return new JsonObject().put("sql", sql);
  }

  static String chart(String name, JsonObject query) {
    JsonObject q = query.containsKey("sql") ? query : new JsonObject().put("semantic", query);
    JsonObject body =
        new JsonObject()
            .put("name", name)
            .put("query", q)
            .put("visualization", new JsonObject().put("type", "bar"));
    return ok(app.api.post(charts(), owner.accessToken(), body), 201).getString("id");
  }

  static String dashboard(String name, List<String> chartIds, List<JsonObject> filters) {
    JsonArray widgets = new JsonArray();
    for (int i = 0; i < chartIds.size(); i++) {
      widgets.add(
          new JsonObject()
              .put("id", "w" + (i + 1))
              .put("type", "chart")
              .put("chartId", chartIds.get(i))
              .put("x", 0)
              .put("y", i * 3)
              .put("w", 6)
              .put("h", 3));
    }
    JsonObject body =
        new JsonObject()
            .put("name", name)
            .put("widgets", widgets)
            .put("filters", new JsonArray(new ArrayList<>(filters)));
    return ok(
            app.api.post("/api/v1/projects/" + project + "/dashboards", owner.accessToken(), body),
            201)
        .getString("id");
  }

  static List<String> uses(JsonArray items) {
    List<String> out = new ArrayList<>();
    for (Object o : items) {
      JsonObject u = (JsonObject) o;
      out.add(u.getString("kind") + " " + u.getString("id") + " " + u.getString("via"));
    }
    return out;
  }

  static String charts() {
    return "/api/v1/projects/" + project + "/charts";
  }

  static String datasetPath(Upload d) {
    return "/api/v1/projects/" + project + "/datasets/" + d.id();
  }

  static String modelPath(Upload d) {
    return datasetPath(d) + "/model";
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }
}
