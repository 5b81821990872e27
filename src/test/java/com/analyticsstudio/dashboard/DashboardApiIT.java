package com.analyticsstudio.dashboard;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dashboards end to end against real PostgreSQL: CRUD with optimistic concurrency, roles and
 * project confinement, versions, restore and the change log; the one-request data endpoint with
 * filters reaching widgets by name and through a relationship, opt-out, cross-filters, a failing
 * widget and NDJSON; drill-down rows with paging; a values filter's values; the filters' reach.
 * Numbers are compared with hand-written SQL through {@code POST …/query}.
 */
class DashboardApiIT {
  static TestApp app;
  static Session owner;
  static Session editor;
  static Session viewer;
  static Session outsider;
  static String project;
  static String otherProject;
  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  /** byRegion (orders), bySegment (customers), sqlTotals, sqlBroken, monthly (orders). */
  static Map<String, String> charts = new HashMap<>();

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of());
    owner = app.api.signup();
    editor = app.api.signup();
    viewer = app.api.signup();
    outsider = app.api.signup();
    project = app.api.createProject(owner, "dashboards");
    otherProject = app.api.createProject(outsider, "elsewhere");
    app.api.addMember(owner, project, editor, "editor");
    app.api.addMember(owner, project, viewer, "viewer");
    StringBuilder orders = new StringBuilder("id,order_date,region,amount,customer_id\n");
    // Dates relative to today: 3 orders this week, 2 a month and a half ago, 1 last year.
    Object[][] rows = {
      {1, 0, "East", 100, 1},
      {2, 1, "East", 50, 2},
      {3, 2, "West", 70, 3},
      {4, 45, "East", 30, 2},
      {5, 46, "North", 20, 3},
      {6, 400, "West", 10, 1}
    };
    for (Object[] r : rows) {
      orders
          .append(r[0])
          .append(',')
          .append(TODAY.minusDays((int) r[1]))
          .append(',')
          .append(r[2])
          .append(',')
          .append(r[3])
          .append(',')
          .append(r[4])
          .append('\n');
    }
    String ordersId = upload(project, "orders.csv", orders.toString());
    upload(project, "customers.csv", "id,segment\n1,Enterprise\n2,SMB\n3,SMB\n");
    // orders → customers (many to one), so a customers' dimension reaches orders' charts.
    String modelPath = "/api/v1/projects/" + project + "/datasets/" + ordersId + "/model";
    JsonObject model = ok(app.api.get(modelPath, owner.accessToken()), 200);
    model.put(
        "relationships",
        new JsonArray()
            .add(
                new JsonObject()
                    .put("name", "customer")
                    .put("dataset", "customers")
                    .put("foreignKey", "customer_id")
                    .put("primaryKey", "id")));
    ok(app.api.call(HttpMethod.PUT, modelPath, owner.accessToken(), model), 200);

    charts.put("byRegion", chart(semantic("orders", "region")));
    charts.put("bySegment", chart(semantic("customers", "segment")));
    charts.put(
        "sqlTotals",
        chart(sql("SELECT region, sum(amount) AS total FROM orders GROUP BY region ORDER BY 1")));
    // Plans fine, fails on the first row (division by zero): a widget that fails at run time.
    charts.put(
        "sqlBroken", chart(sql("SELECT region, 100 / (amount - amount) AS boom FROM orders")));
    JsonObject monthly = semantic("orders", null);
    monthly
        .getJsonObject("query")
        .getJsonObject("semantic")
        .put("time", new JsonObject().put("dimension", "order_date").put("granularity", "month"));
    charts.put("monthly", chart(monthly));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  static <T> T await(Future<T> f) {
    try {
      return f.await(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  static String upload(String projectId, String filename, String csv) {
    HttpResponse<Buffer> r =
        await(
            app.http
                .post("/api/v1/projects/" + projectId + "/datasets?wait=true&filename=" + filename)
                .bearerTokenAuthentication(owner.accessToken())
                .putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(csv)));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("id");
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  static JsonObject semantic(String dataset, String dimension) {
    JsonObject q =
        new JsonObject().put("dataset", dataset).put("measures", new JsonArray().add("count"));
    if (dimension != null) q.put("dimensions", new JsonArray().add(dimension));
    return new JsonObject()
        .put("name", "by " + dimension)
        .put("query", new JsonObject().put("semantic", q))
        .put("visualization", new JsonObject().put("type", "bar"));
  }

  static JsonObject sql(String sql) {
    return new JsonObject()
        .put("name", "sql")
        .put("query", new JsonObject().put("sql", sql))
        .put("visualization", new JsonObject().put("type", "table"));
  }

  static String chart(JsonObject c) {
    return ok(app.api.post("/api/v1/projects/" + project + "/charts", owner.accessToken(), c), 201)
        .getString("id");
  }

  static String dashboards() {
    return "/api/v1/projects/" + project + "/dashboards";
  }

  static JsonObject widget(String id, String type, int x, int y) {
    return new JsonObject()
        .put("id", id)
        .put("type", type)
        .put("x", x)
        .put("y", y)
        .put("w", 4)
        .put("h", 3);
  }

  static JsonObject chartWidget(String id, String chart, int x, int y) {
    return widget(id, "chart", x, y).put("chartId", charts.get(chart));
  }

  /**
   * w1 orders by region, w2 customers by segment, w3 SQL totals by region, w4 a failing SQL chart,
   * w5 text, w6 a KPI of orders by region that opts out of the region filter, w7 the region
   * filter's control, w8 orders by month.
   */
  static JsonObject salesDashboard(String name) {
    JsonArray widgets =
        new JsonArray()
            .add(chartWidget("w1", "byRegion", 0, 0))
            .add(chartWidget("w2", "bySegment", 4, 0))
            .add(chartWidget("w3", "sqlTotals", 8, 0))
            .add(chartWidget("w4", "sqlBroken", 0, 3))
            .add(widget("w5", "text", 4, 3).put("markdown", "## Notes <script>alert(1)</script>"))
            .add(
                widget("w6", "kpi", 8, 3)
                    .put("chartId", charts.get("byRegion"))
                    .put("optOut", new JsonArray().add("region")))
            .add(widget("w7", "filter", 0, 6).put("filterId", "region"))
            .add(chartWidget("w8", "monthly", 4, 6));
    JsonArray filters =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("id", "period")
                    .put("type", "date_range")
                    .put("member", "order_date")
                    .put("label", "Period")
                    .putNull("default"))
            .add(
                new JsonObject()
                    .put("id", "region")
                    .put("type", "values")
                    .put("member", "region")
                    .put("default", new JsonArray()))
            .add(
                new JsonObject()
                    .put("id", "segment")
                    .put("type", "values")
                    .put("member", "segment")
                    .put("default", new JsonArray()))
            .add(
                new JsonObject()
                    .put("id", "amount")
                    .put("type", "number_range")
                    .put("member", "amount"));
    return new JsonObject()
        .put("name", name)
        .put("description", "orders and customers")
        .put("columns", 12)
        .putNull("refreshSeconds")
        .put("widgets", widgets)
        .put("filters", filters)
        .put("note", "first cut");
  }

  static JsonObject create(Session s, JsonObject d) {
    return ok(app.api.post(dashboards(), s.accessToken(), d), 201);
  }

  static JsonObject data(String id, JsonObject body) {
    return ok(app.api.post(dashboards() + "/" + id + "/data", viewer.accessToken(), body), 200);
  }

  static Map<String, JsonObject> byWidget(JsonObject answer) {
    Map<String, JsonObject> out = new HashMap<>();
    answer
        .getJsonArray("widgets")
        .forEach(w -> out.put(((JsonObject) w).getString("id"), (JsonObject) w));
    return out;
  }

  /** A result's rows as first cell → last cell (numbers as longs). */
  static Map<String, Long> keyed(JsonObject result) {
    Map<String, Long> out = new HashMap<>();
    JsonArray rows = result.getJsonArray("rows");
    for (int i = 0; i < rows.size(); i++) {
      JsonArray row = rows.getJsonArray(i);
      out.put(
          String.valueOf(row.getValue(0)),
          Math.round(Double.parseDouble(String.valueOf(row.getValue(row.size() - 1)))));
    }
    return out;
  }

  static Map<String, Long> handWritten(String sql) {
    return keyed(
        ok(
            app.api.post(
                "/api/v1/projects/" + project + "/query",
                owner.accessToken(),
                new JsonObject().put("sql", sql)),
            200));
  }

  static List<String> members(JsonObject entry) {
    List<String> out = new ArrayList<>();
    entry.getJsonArray("applied").forEach(a -> out.add(((JsonObject) a).getString("member")));
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void createReadUpdateWithOptimisticConcurrencyVersionsChangeLogAndRestore() {
    JsonObject created = create(editor, salesDashboard("Sales"));
    String id = created.getString("id");
    String path = dashboards() + "/" + id;
    assertThat(created.getInteger("version")).isEqualTo(1);
    assertThat(created.getString("createdBy")).isEqualTo(editor.userId());
    assertThat(created.getJsonArray("widgets")).hasSize(8);
    // Markdown is stored as sent: the web app sanitises it when it draws it.
    assertThat(created.getJsonArray("widgets").getJsonObject(4).getString("markdown"))
        .isEqualTo("## Notes <script>alert(1)</script>");
    assertThat(created.containsKey("note")).isFalse();

    JsonObject read = ok(app.api.get(path, viewer.accessToken()), 200);
    assertThat(read).isEqualTo(created);

    // Move w2, edit w3's title, remove w8, add a filter; sent back as read, with a note.
    JsonObject v2body = read.copy().put("note", "rearranged");
    JsonArray ws = v2body.getJsonArray("widgets");
    ws.getJsonObject(1).put("y", 9);
    ws.getJsonObject(2).put("title", "Totals");
    ws.remove(7);
    v2body
        .getJsonArray("filters")
        .add(new JsonObject().put("id", "seg2").put("type", "values").put("member", "segment"));
    JsonObject v2 = ok(app.api.call(HttpMethod.PUT, path, owner.accessToken(), v2body), 200);
    assertThat(v2.getInteger("version")).isEqualTo(2);
    assertThat(v2.getJsonArray("widgets")).hasSize(7);

    // The same edit from version 1 is stale, in the body or in If-Match; no version is refused.
    JsonObject stale =
        assertError(
            app.api.call(
                HttpMethod.PUT, path, editor.accessToken(), v2body.copy().put("version", 1)),
            409,
            "stale_version");
    assertThat(stale.getJsonObject("details").getInteger("currentVersion")).isEqualTo(2);
    JsonObject noVersion = v2body.copy();
    noVersion.remove("version");
    assertError(
        app.api.call(
            HttpMethod.PUT,
            path,
            editor.accessToken(),
            noVersion,
            MultiMap.caseInsensitiveMultiMap().add("If-Match", "\"1\"")),
        409,
        "stale_version");
    assertError(
        app.api.call(HttpMethod.PUT, path, editor.accessToken(), noVersion),
        400,
        "version_required");

    JsonObject versions = ok(app.api.get(path + "/versions", viewer.accessToken()), 200);
    assertThat(versions.getInteger("currentVersion")).isEqualTo(2);
    JsonArray items = versions.getJsonArray("items");
    assertThat(items.getJsonObject(0).getString("note")).isEqualTo("rearranged");
    assertThat(items.getJsonObject(0).getString("createdByEmail")).isEqualTo(owner.email());
    assertThat(items.getJsonObject(1).getString("note")).isEqualTo("first cut");
    JsonObject one = ok(app.api.get(path + "/versions/1", viewer.accessToken()), 200);
    assertThat(one.getJsonArray("widgets")).hasSize(8);
    assertThat(one.getString("change")).isEqualTo("created");
    assertError(app.api.get(path + "/versions/7", viewer.accessToken()), 404, "not_found");

    // The change log: who changed which widget, and the note.
    JsonObject changes = ok(app.api.get(path + "/changes", viewer.accessToken()), 200);
    JsonObject latest = changes.getJsonArray("items").getJsonObject(0);
    assertThat(latest.getInteger("version")).isEqualTo(2);
    assertThat(latest.getString("createdBy")).isEqualTo(owner.userId());
    assertThat(latest.getString("note")).isEqualTo("rearranged");
    JsonObject w = latest.getJsonObject("widgets");
    assertThat(w.getJsonArray("moved")).containsExactly("w2");
    assertThat(w.getJsonArray("edited")).containsExactly("w3");
    assertThat(w.getJsonArray("removed")).containsExactly("w8");
    assertThat(w.getJsonArray("added")).isEmpty();
    assertThat(latest.getJsonObject("filters").getJsonArray("added")).containsExactly("seg2");
    JsonObject first = changes.getJsonArray("items").getJsonObject(1);
    assertThat(first.getJsonObject("widgets").getJsonArray("added")).hasSize(8);
    // Paged by version.
    JsonObject page1 = ok(app.api.get(path + "/changes?limit=1", viewer.accessToken()), 200);
    assertThat(page1.getLong("total")).isEqualTo(2);
    JsonObject page2 =
        ok(
            app.api.get(
                path + "/changes?limit=1&cursor=" + page1.getString("next"), viewer.accessToken()),
            200);
    assertThat(page2.getJsonArray("items").getJsonObject(0).getInteger("version")).isEqualTo(1);
    assertThat(page2.getString("next")).isNull();

    JsonObject restored =
        ok(
            app.api.post(
                path + "/versions/1/restore",
                editor.accessToken(),
                new JsonObject().put("note", "back to the first cut")),
            200);
    assertThat(restored.getInteger("version")).isEqualTo(3);
    assertThat(restored.getJsonArray("widgets")).hasSize(8);
    JsonObject back =
        ok(app.api.get(path + "/changes", viewer.accessToken()), 200)
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(back.getString("change")).isEqualTo("restored");
    assertThat(back.getInteger("restoredFrom")).isEqualTo(1);
    assertThat(back.getString("note")).isEqualTo("back to the first cut");
    assertThat(back.getJsonObject("widgets").getJsonArray("added")).containsExactly("w8");

    // Deleted: gone from every read.
    assertThat(app.api.delete(path, editor.accessToken()).statusCode()).isEqualTo(204);
    assertError(app.api.get(path, owner.accessToken()), 404, "not_found");
    assertError(app.api.post(path + "/data", owner.accessToken(), null), 404, "not_found");
  }

  @Test
  void viewersReadAndRunEditorsWriteOtherProjectsSeeNothing() {
    JsonObject d = create(owner, salesDashboard("Roles"));
    String path = dashboards() + "/" + d.getString("id");
    assertError(
        app.api.post(dashboards(), viewer.accessToken(), salesDashboard("x")), 403, "forbidden");
    assertError(app.api.call(HttpMethod.PUT, path, viewer.accessToken(), d), 403, "forbidden");
    assertError(app.api.delete(path, viewer.accessToken()), 403, "forbidden");
    assertError(
        app.api.post(path + "/versions/1/restore", viewer.accessToken(), null), 403, "forbidden");
    ok(app.api.get(path, viewer.accessToken()), 200);
    ok(app.api.post(path + "/data", viewer.accessToken(), null), 200);
    assertThat(ok(app.api.get(dashboards(), viewer.accessToken()), 200).getLong("total"))
        .isPositive();
    // An outsider sees nothing, and the dashboard is not reachable through their own project.
    assertError(app.api.get(path, outsider.accessToken()), 404, "not_found");
    assertError(app.api.post(path + "/data", outsider.accessToken(), null), 404, "not_found");
    String elsewhere = "/api/v1/projects/" + otherProject + "/dashboards/" + d.getString("id");
    assertError(app.api.get(elsewhere, outsider.accessToken()), 404, "not_found");
    assertError(app.api.post(elsewhere + "/data", outsider.accessToken(), null), 404, "not_found");
    // A chart of another project cannot be placed on a dashboard here, nor there.
    JsonObject theirs = salesDashboard("theirs");
    assertError(
        app.api.post(
            "/api/v1/projects/" + otherProject + "/dashboards", outsider.accessToken(), theirs),
        400,
        "validation_failed");
  }

  @Test
  void documentsAreCheckedBeforeTheyAreSaved() {
    JsonObject dup = salesDashboard("dup");
    dup.getJsonArray("widgets").getJsonObject(1).put("id", "w1");
    assertThat(
            assertError(
                    app.api.post(dashboards(), editor.accessToken(), dup), 400, "validation_failed")
                .getString("message"))
        .contains("w1");
    JsonObject wide = salesDashboard("wide");
    wide.getJsonArray("widgets").getJsonObject(2).put("x", 10);
    assertError(app.api.post(dashboards(), editor.accessToken(), wide), 400, "validation_failed");
    JsonObject unknownChart = salesDashboard("gone");
    unknownChart
        .getJsonArray("widgets")
        .getJsonObject(0)
        .put("chartId", "00000000-0000-4000-8000-000000000000");
    assertError(
        app.api.post(dashboards(), editor.accessToken(), unknownChart), 400, "validation_failed");
    JsonObject badMember = salesDashboard("member");
    badMember.getJsonArray("filters").getJsonObject(1).put("member", "regoin");
    assertError(app.api.post(dashboards(), editor.accessToken(), badMember), 400, "unknown_member");
    JsonObject dateOnText = salesDashboard("date on text");
    dateOnText.getJsonArray("filters").getJsonObject(0).put("member", "region");
    assertError(
        app.api.post(dashboards(), editor.accessToken(), dateOnText), 400, "unknown_member");
    JsonObject optOut = salesDashboard("opt out");
    optOut.getJsonArray("widgets").getJsonObject(0).put("optOut", new JsonArray().add("nope"));
    assertError(app.api.post(dashboards(), editor.accessToken(), optOut), 400, "validation_failed");
    JsonObject big = salesDashboard("big");
    big.getJsonArray("widgets").getJsonObject(4).put("markdown", "x".repeat(20_001));
    assertError(app.api.post(dashboards(), editor.accessToken(), big), 400, "validation_failed");
  }

  @Test
  void filtersReachWidgetsByNameAndThroughRelationshipsUnlessTheyOptOut() {
    String id = create(editor, salesDashboard("Reach")).getString("id");
    Map<String, JsonObject> all = byWidget(data(id, null));
    // Text and filter widgets get no entry; every chart and KPI widget does.
    assertThat(all.keySet()).containsExactlyInAnyOrder("w1", "w2", "w3", "w4", "w6", "w8");
    assertThat(keyed(all.get("w1")))
        .isEqualTo(handWritten("SELECT region, count(*) FROM orders GROUP BY 1"));

    JsonObject east =
        new JsonObject()
            .put("filters", new JsonObject().put("region", new JsonArray().add("East")));
    Map<String, JsonObject> r = byWidget(data(id, east));
    assertThat(keyed(r.get("w1"))).isEqualTo(Map.of("East", 3L));
    // The SQL chart by its result column, the KPI opted out, the customers' chart has no region.
    assertThat(keyed(r.get("w3"))).isEqualTo(Map.of("East", 180L));
    assertThat(keyed(r.get("w6")))
        .isEqualTo(handWritten("SELECT region, count(*) FROM orders GROUP BY 1"));
    assertThat(members(r.get("w6"))).isEmpty();
    assertThat(members(r.get("w2"))).isEmpty();

    // segment is the customers' dimension: it reaches orders' charts through the relationship.
    JsonObject smb =
        new JsonObject()
            .put("filters", new JsonObject().put("segment", new JsonArray().add("SMB")));
    Map<String, JsonObject> s = byWidget(data(id, smb));
    assertThat(members(s.get("w1"))).containsExactly("customer.segment");
    assertThat(keyed(s.get("w1")))
        .isEqualTo(
            handWritten(
                "SELECT o.region, count(*) FROM orders o JOIN customers c ON c.id = o.customer_id"
                    + " WHERE c.segment = 'SMB' GROUP BY 1"));
    assertThat(keyed(s.get("w2"))).isEqualTo(Map.of("SMB", 2L));
    // The SQL chart has no segment column: not reached.
    assertThat(members(s.get("w3"))).isEmpty();

    // A period and a number range.
    JsonObject week =
        new JsonObject()
            .put(
                "filters",
                new JsonObject()
                    .put("period", "last_7_days")
                    .put("amount", new JsonObject().put("min", 60).putNull("max")));
    Map<String, JsonObject> p = byWidget(data(id, week));
    assertThat(keyed(p.get("w1"))).isEqualTo(Map.of("East", 1L, "West", 1L));
    JsonObject custom =
        new JsonObject()
            .put(
                "filters",
                new JsonObject()
                    .put(
                        "period",
                        new JsonObject()
                            .put("from", TODAY.minusDays(60).toString())
                            .put("to", TODAY.minusDays(30).toString())));
    assertThat(keyed(byWidget(data(id, custom)).get("w1")))
        .isEqualTo(Map.of("East", 1L, "North", 1L));

    // Unknown filters and malformed values are the request's fault.
    assertError(
        app.api.post(
            dashboards() + "/" + id + "/data",
            viewer.accessToken(),
            new JsonObject().put("filters", new JsonObject().put("nope", new JsonArray()))),
        400,
        "validation_failed");
    assertError(
        app.api.post(
            dashboards() + "/" + id + "/data",
            viewer.accessToken(),
            new JsonObject().put("filters", new JsonObject().put("period", "last_week"))),
        400,
        "validation_failed");

    // The reach, without running anything.
    JsonObject scope =
        ok(
            app.api.get(
                dashboards() + "/" + id + "/scope?member=region&member=segment",
                viewer.accessToken()),
            200);
    assertThat(scope.getJsonObject("filters").getJsonArray("region"))
        .containsExactly("w1", "w3", "w4", "w8");
    assertThat(scope.getJsonObject("filters").getJsonArray("segment"))
        .containsExactly("w1", "w2", "w6", "w8");
    assertThat(scope.getJsonObject("members").getJsonArray("region"))
        .containsExactly("w1", "w3", "w4", "w6", "w8");
  }

  static JsonObject measured(String name, String dimension, String... measures) {
    JsonObject c = semantic("orders", dimension).put("name", name);
    c.getJsonObject("query")
        .getJsonObject("semantic")
        .put("measures", new JsonArray(List.of(measures)));
    return c;
  }

  @Test
  void widgetsThatDifferOnlyInTheirMeasuresShareOneQueryAndEachGetsItsOwnColumns() {
    String kpiCount = chart(measured("orders", null, "count"));
    String kpiTotal = chart(measured("revenue", null, "total_amount", "count"));
    String regionTotal = chart(measured("revenue by region", "region", "total_amount"));
    JsonArray widgets =
        new JsonArray()
            .add(chartWidget("w1", "byRegion", 0, 0))
            .add(widget("w2", "chart", 4, 0).put("chartId", regionTotal))
            .add(widget("w3", "kpi", 8, 0).put("chartId", kpiCount))
            .add(widget("w4", "kpi", 0, 3).put("chartId", kpiTotal))
            .add(
                widget("w5", "kpi", 4, 3)
                    .put("chartId", kpiCount)
                    .put("optOut", new JsonArray().add("region")));
    JsonObject doc = salesDashboard("Shared");
    doc.put("widgets", widgets);
    String id = create(editor, doc).getString("id");

    Map<String, JsonObject> all = byWidget(data(id, null));
    assertThat(keyed(all.get("w1")))
        .isEqualTo(handWritten("SELECT region, count(*) FROM orders GROUP BY 1"));
    assertThat(keyed(all.get("w2")))
        .isEqualTo(handWritten("SELECT region, sum(amount) FROM orders GROUP BY 1"));
    assertThat(MeasureBatchTest.names(all.get("w2"))).containsExactly("region", "total_amount");
    // One query for both bars, one for the KPIs (w5 is w3's run: same chart, same filters).
    assertThat(all.get("w1").getString("sql")).isEqualTo(all.get("w2").getString("sql"));
    assertThat(all.get("w3").getString("sql")).isEqualTo(all.get("w4").getString("sql"));
    assertThat(all.get("w1").getString("sql")).isNotEqualTo(all.get("w3").getString("sql"));
    assertThat(all.get("w3").getJsonArray("rows"))
        .isEqualTo(new JsonArray().add(new JsonArray().add(6)));
    assertThat(MeasureBatchTest.names(all.get("w4"))).containsExactly("total_amount", "count");
    assertThat(all.get("w4").getJsonArray("rows").getJsonArray(0).getValue(1)).isEqualTo(6);
    assertThat(
            Math.round(
                Double.parseDouble(
                    String.valueOf(
                        all.get("w4").getJsonArray("rows").getJsonArray(0).getValue(0)))))
        .isEqualTo(280L);

    // The region filter reaches all but w5: w5 runs its own, unfiltered query.
    JsonObject east =
        new JsonObject()
            .put("filters", new JsonObject().put("region", new JsonArray().add("East")));
    Map<String, JsonObject> r = byWidget(data(id, east));
    assertThat(keyed(r.get("w1"))).isEqualTo(Map.of("East", 3L));
    assertThat(keyed(r.get("w2"))).isEqualTo(Map.of("East", 180L));
    assertThat(r.get("w3").getJsonArray("rows"))
        .isEqualTo(new JsonArray().add(new JsonArray().add(3)));
    assertThat(r.get("w5").getJsonArray("rows"))
        .isEqualTo(new JsonArray().add(new JsonArray().add(6)));
    assertThat(r.get("w3").getString("sql")).isEqualTo(r.get("w4").getString("sql"));
    assertThat(r.get("w5").getString("sql")).isNotEqualTo(r.get("w3").getString("sql"));
    assertThat(members(r.get("w5"))).isEmpty();
    assertThat(r.get("w4").getString("chartId")).isEqualTo(kpiTotal);
  }

  @Test
  void aCrossFilterReachesEveryWidgetButItsSource() {
    String id = create(editor, salesDashboard("Cross")).getString("id");
    JsonObject click =
        new JsonObject()
            .put(
                "crossFilters",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("member", "region")
                            .put("values", new JsonArray().add("West"))
                            .put("sourceWidgetId", "w1")));
    Map<String, JsonObject> r = byWidget(data(id, click));
    assertThat(keyed(r.get("w1")))
        .isEqualTo(handWritten("SELECT region, count(*) FROM orders GROUP BY 1"));
    assertThat(keyed(r.get("w6"))).isEqualTo(Map.of("West", 2L));
    assertThat(keyed(r.get("w3"))).isEqualTo(Map.of("West", 80L));
    assertThat(r.get("w6").getJsonArray("applied").getJsonObject(0).getInteger("crossFilter"))
        .isZero();
    // Only the chosen widgets run.
    JsonObject some = click.copy().put("widgets", new JsonArray().add("w3"));
    assertThat(byWidget(data(id, some)).keySet()).containsExactly("w3");
  }

  @Test
  void aFailingWidgetGetsItsOwnErrorAndTheOthersTheirRowsAlsoAsNdjson() {
    String id = create(editor, salesDashboard("Failing")).getString("id");
    JsonObject answer = data(id, null);
    Map<String, JsonObject> r = byWidget(answer);
    JsonObject broken = r.get("w4");
    assertThat(broken.getJsonObject("error").getString("code")).isEqualTo("query_failed");
    assertThat(broken.getJsonObject("error").getString("message")).containsIgnoringCase("zero");
    assertThat(broken.containsKey("rows")).isFalse();
    assertThat(r.get("w3").getJsonArray("rows")).isNotEmpty();
    // The widgets come in the dashboard's order.
    List<String> order = new ArrayList<>();
    answer.getJsonArray("widgets").forEach(w -> order.add(((JsonObject) w).getString("id")));
    assertThat(order).containsExactly("w1", "w2", "w3", "w4", "w6", "w8");

    HttpResponse<Buffer> nd =
        app.api.call(
            HttpMethod.POST,
            dashboards() + "/" + id + "/data",
            viewer.accessToken(),
            new JsonObject(),
            MultiMap.caseInsensitiveMultiMap().add("Accept", "application/x-ndjson"));
    assertThat(nd.statusCode()).isEqualTo(200);
    assertThat(nd.getHeader("Content-Type")).startsWith("application/x-ndjson");
    String[] lines = nd.bodyAsString().split("\n");
    assertThat(lines).hasSize(7);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 6; i++) ids.add(new JsonObject(lines[i]).getString("id"));
    assertThat(ids).containsExactlyInAnyOrder("w1", "w2", "w3", "w4", "w6", "w8");
    JsonObject end = new JsonObject(lines[6]).getJsonObject("@end");
    assertThat(end.getInteger("widgets")).isEqualTo(6);
    assertThat(end.getInteger("errors")).isEqualTo(1);
    assertThat(end.getInteger("dashboardVersion")).isEqualTo(1);
    // A bad request is refused before any line is streamed.
    HttpResponse<Buffer> bad =
        app.api.call(
            HttpMethod.POST,
            dashboards() + "/" + id + "/data",
            viewer.accessToken(),
            new JsonObject().put("filters", new JsonObject().put("nope", new JsonArray())),
            MultiMap.caseInsensitiveMultiMap().add("Accept", "application/x-ndjson"));
    assertError(bad, 400, "validation_failed");
  }

  @Test
  void drillDownPagesTheRowsBehindAMark() {
    String id = create(editor, salesDashboard("Drill")).getString("id");
    String rows = dashboards() + "/" + id + "/widgets/";
    JsonObject east =
        new JsonObject().put("mark", new JsonObject().put("region", "East")).put("limit", 2);
    JsonObject p1 = ok(app.api.post(rows + "w1/rows", viewer.accessToken(), east), 200);
    assertThat(p1.getString("source")).isEqualTo("dataset");
    assertThat(p1.getJsonArray("rows")).hasSize(2);
    assertThat(p1.getString("next")).isNotNull();
    List<String> columns = new ArrayList<>();
    p1.getJsonArray("columns").forEach(c -> columns.add(((JsonObject) c).getString("name")));
    assertThat(columns).contains("id", "order_date", "region", "amount", "customer_id");
    JsonObject p2 =
        ok(
            app.api.post(
                rows + "w1/rows",
                viewer.accessToken(),
                east.copy().put("cursor", p1.getString("next"))),
            200);
    assertThat(p2.getJsonArray("rows")).hasSize(1);
    assertThat(p2.getString("next")).isNull();
    Set<Object> ids = new HashSet<>();
    int idAt = columns.indexOf("id");
    for (JsonObject p : List.of(p1, p2)) {
      p.getJsonArray("rows")
          .forEach(row -> ids.add(String.valueOf(((JsonArray) row).getValue(idAt))));
    }
    assertThat(ids).containsExactlyInAnyOrder("1", "2", "4");

    // With the dashboard's filters: East orders of SMB customers this week.
    JsonObject filtered =
        east.copy()
            .put(
                "filters",
                new JsonObject()
                    .put("segment", new JsonArray().add("SMB"))
                    .put("period", "last_7_days"));
    JsonObject f = ok(app.api.post(rows + "w1/rows", viewer.accessToken(), filtered), 200);
    assertThat(f.getJsonArray("rows")).hasSize(1);
    assertThat(String.valueOf(f.getJsonArray("rows").getJsonArray(0).getValue(idAt)))
        .isEqualTo("2");

    // A period of a time series: the month of the 45-day-old order.
    String month = TODAY.minusDays(45).withDayOfMonth(1).toString();
    JsonObject m =
        ok(
            app.api.post(
                rows + "w8/rows",
                viewer.accessToken(),
                new JsonObject().put("mark", new JsonObject().put("order_date.month", month))),
            200);
    Map<String, Long> expected =
        handWritten(
            "SELECT 'n', count(*) FROM orders WHERE date_trunc('month', order_date) = DATE '"
                + month
                + "'");
    assertThat((long) m.getJsonArray("rows").size()).isEqualTo(expected.get("n"));

    // An SQL chart drills into its own result rows.
    JsonObject sqlRows =
        ok(
            app.api.post(
                rows + "w3/rows",
                viewer.accessToken(),
                new JsonObject().put("mark", new JsonObject().put("region", "West"))),
            200);
    assertThat(sqlRows.getString("source")).isEqualTo("result");
    assertThat(sqlRows.getJsonArray("rows")).hasSize(1);

    assertError(
        app.api.post(
            rows + "w1/rows",
            viewer.accessToken(),
            new JsonObject().put("mark", new JsonObject().put("count", 3))),
        400,
        "validation_failed");
    assertError(app.api.post(rows + "w5/rows", viewer.accessToken(), null), 400, "no_rows");
    assertError(app.api.post(rows + "w99/rows", viewer.accessToken(), null), 404, "not_found");
  }

  @Test
  void aValuesFilterOffersTheValuesInTheData() {
    String id = create(editor, salesDashboard("Values")).getString("id");
    String path = dashboards() + "/" + id + "/filters/";
    JsonObject all = ok(app.api.get(path + "region/values", viewer.accessToken()), 200);
    assertThat(all.getString("dataset")).isEqualTo("orders");
    // Most frequent first.
    assertThat(all.getJsonArray("values")).containsExactly("East", "West", "North");
    assertThat(all.getBoolean("truncated")).isFalse();
    JsonObject some =
        ok(app.api.get(path + "region/values?q=st&limit=1", viewer.accessToken()), 200);
    assertThat(some.getJsonArray("values")).containsExactly("East");
    assertThat(some.getBoolean("truncated")).isTrue();
    // segment lives in customers, reached from the orders charts.
    JsonObject seg = ok(app.api.get(path + "segment/values", viewer.accessToken()), 200);
    assertThat(seg.getJsonArray("values")).containsExactly("SMB", "Enterprise");
    assertError(
        app.api.get(path + "period/values", viewer.accessToken()), 400, "validation_failed");
    assertError(app.api.get(path + "nope/values", viewer.accessToken()), 404, "not_found");
  }
}
