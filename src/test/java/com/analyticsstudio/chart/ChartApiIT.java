package com.analyticsstudio.chart;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.Paging;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Saved charts end to end against real PostgreSQL: CRUD with optimistic concurrency, roles, soft
 * delete, search and cursor paging, versions and restore, runs of semantic and SQL charts with a
 * dashboard's extra filters compared with hand-written SQL through {@code POST …/query}, previews,
 * and idempotent creation.
 */
class ChartApiIT {
  static TestApp app;
  static Session owner;
  static Session editor;
  static Session viewer;
  static Session outsider;
  static String project;

  static final String CARS =
      """
      name,origin,year,horsepower
      chevelle,USA,1970,130
      skylark,USA,1970,165
      corona,Japan,1970,95
      pinto,USA,1971,
      beetle,Europe,1971,46
      civic,Japan,1972,53
      rabbit,Europe,1972,70
      gremlin,USA,1972,100
      mystery,,1972,88
      """;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of());
    owner = app.api.signup();
    editor = app.api.signup();
    viewer = app.api.signup();
    outsider = app.api.signup();
    project = app.api.createProject(owner, "charts");
    app.api.addMember(owner, project, editor, "editor");
    app.api.addMember(owner, project, viewer, "viewer");
    HttpResponse<Buffer> r =
        await(
            app.http
                .post("/api/v1/projects/" + project + "/datasets?wait=true&filename=cars.csv")
                .bearerTokenAuthentication(owner.accessToken())
                .putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(CARS)));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static <T> T await(Future<T> f) {
    try {
      return f.await(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  static String charts() {
    return "/api/v1/projects/" + project + "/charts";
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  static JsonObject semanticChart(String name) {
    return new JsonObject()
        .put("name", name)
        .put("description", "cars by origin")
        .put(
            "query",
            new JsonObject()
                .put(
                    "semantic",
                    new JsonObject()
                        .put("dataset", "cars")
                        .put("measures", new JsonArray().add("count"))
                        .put("dimensions", new JsonArray().add("origin"))))
        .put("visualization", new JsonObject().put("type", "bar").put("title", "Cars"));
  }

  static JsonObject sqlChart(String name, String sql) {
    return new JsonObject()
        .put("name", name)
        .put("query", new JsonObject().put("sql", sql))
        .put("visualization", new JsonObject().put("type", "column").put("stacking", "stacked"));
  }

  static JsonObject create(Session s, JsonObject chart) {
    return ok(app.api.post(charts(), s.accessToken(), chart), 201);
  }

  static JsonObject filter(String member, String op, Object... values) {
    JsonArray vs = new JsonArray();
    for (Object v : values) vs.add(v);
    return new JsonObject().put("member", member).put("operator", op).put("values", vs);
  }

  /** Rows of hand-written SQL through the guarded path, as label → number. */
  static Map<String, Long> handWritten(String sql) {
    JsonArray rows =
        ok(
                app.api.post(
                    "/api/v1/projects/" + project + "/query",
                    owner.accessToken(),
                    new JsonObject().put("sql", sql)),
                200)
            .getJsonArray("rows");
    return keyed(rows);
  }

  /** Every row's cells but the last joined as the key, the last as the number. */
  static Map<String, Long> keyed(JsonArray rows) {
    Map<String, Long> out = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonArray row = rows.getJsonArray(i);
      List<String> key = new ArrayList<>();
      for (int c = 0; c < row.size() - 1; c++) key.add(String.valueOf(row.getValue(c)));
      out.put(String.join("|", key), Long.parseLong(String.valueOf(row.getValue(row.size() - 1))));
    }
    return out;
  }

  @Test
  void createReadUpdateWithOptimisticConcurrencyVersionsAndRestore() {
    JsonObject created = create(editor, semanticChart("Cars by origin"));
    String id = created.getString("id");
    assertThat(created.getInteger("version")).isEqualTo(1);
    assertThat(created.getString("createdBy")).isEqualTo(editor.userId());
    assertThat(created.getJsonObject("query").getJsonObject("semantic").getString("dataset"))
        .isEqualTo("cars");
    String path = charts() + "/" + id;

    JsonObject read = ok(app.api.get(path, viewer.accessToken()), 200);
    assertThat(read).isEqualTo(created);

    // PUT back what was read, changed: version 2.
    JsonObject v2body = read.copy().put("name", "Cars by origin (bars)");
    v2body.getJsonObject("visualization").put("type", "column");
    JsonObject v2 = ok(app.api.call(HttpMethod.PUT, path, editor.accessToken(), v2body), 200);
    assertThat(v2.getInteger("version")).isEqualTo(2);
    assertThat(v2.getString("name")).isEqualTo("Cars by origin (bars)");
    assertThat(v2.getJsonObject("visualization").getString("type")).isEqualTo("column");

    // The same edit again from version 1 is stale, in the body or in If-Match.
    JsonObject stale =
        assertError(
            app.api.call(
                HttpMethod.PUT, path, owner.accessToken(), v2body.copy().put("version", 1)),
            409,
            "stale_version");
    assertThat(stale.getJsonObject("details").getInteger("currentVersion")).isEqualTo(2);
    JsonObject noVersion = v2body.copy();
    noVersion.remove("version");
    assertError(
        app.api.call(
            HttpMethod.PUT,
            path,
            owner.accessToken(),
            noVersion,
            MultiMap.caseInsensitiveMultiMap().add("If-Match", "\"1\"")),
        409,
        "stale_version");
    assertError(
        app.api.call(HttpMethod.PUT, path, owner.accessToken(), noVersion),
        400,
        "version_required");
    JsonObject v3 =
        ok(
            app.api.call(
                HttpMethod.PUT,
                path,
                owner.accessToken(),
                noVersion.copy().put("description", "by If-Match"),
                MultiMap.caseInsensitiveMultiMap().add("If-Match", "\"2\"")),
            200);
    assertThat(v3.getInteger("version")).isEqualTo(3);
    assertThat(v3.getString("updatedBy")).isEqualTo(owner.userId());

    JsonObject versions = ok(app.api.get(path + "/versions", viewer.accessToken()), 200);
    assertThat(versions.getInteger("currentVersion")).isEqualTo(3);
    assertThat(
            versions.getJsonArray("items").stream()
                .map(v -> ((JsonObject) v).getInteger("version")))
        .containsExactly(3, 2, 1);
    JsonObject one = ok(app.api.get(path + "/versions/1", viewer.accessToken()), 200);
    assertThat(one.getString("name")).isEqualTo("Cars by origin");
    assertThat(one.getString("change")).isEqualTo("created");
    assertThat(one.getJsonObject("visualization").getString("type")).isEqualTo("bar");
    assertError(app.api.get(path + "/versions/9", viewer.accessToken()), 404, "not_found");

    JsonObject restored =
        ok(app.api.post(path + "/versions/1/restore", editor.accessToken(), null), 200);
    assertThat(restored.getInteger("version")).isEqualTo(4);
    assertThat(restored.getString("name")).isEqualTo("Cars by origin");
    assertThat(restored.getJsonObject("visualization").getString("type")).isEqualTo("bar");
    JsonObject after = ok(app.api.get(path + "/versions", viewer.accessToken()), 200);
    assertThat(after.getJsonArray("items").getJsonObject(0).getString("change"))
        .isEqualTo("restored");
    assertError(
        app.api.post(path + "/versions/99/restore", editor.accessToken(), null), 404, "not_found");

    // Every change is in the audit log, newest first.
    JsonArray audit =
        ok(
                app.api.get(
                    "/api/v1/projects/" + project + "/audit?limit=200", owner.accessToken()),
                200)
            .getJsonArray("items");
    List<String> actions = new ArrayList<>();
    for (int i = 0; i < audit.size(); i++) {
      JsonObject e = audit.getJsonObject(i);
      if (id.equals(e.getString("entityId"))) actions.add(e.getString("action"));
    }
    assertThat(actions)
        .containsExactly("chart.restore", "chart.update", "chart.update", "chart.create");
  }

  @Test
  void viewersReadAndRunEditorsWriteOutsidersSeeNothing() {
    JsonObject c = create(owner, semanticChart("Roles"));
    String path = charts() + "/" + c.getString("id");
    assertError(app.api.post(charts(), viewer.accessToken(), semanticChart("x")), 403, "forbidden");
    assertError(app.api.call(HttpMethod.PUT, path, viewer.accessToken(), c), 403, "forbidden");
    assertError(app.api.delete(path, viewer.accessToken()), 403, "forbidden");
    assertError(
        app.api.post(path + "/versions/1/restore", viewer.accessToken(), null), 403, "forbidden");
    ok(app.api.get(path, viewer.accessToken()), 200);
    ok(app.api.get(charts(), viewer.accessToken()), 200);
    ok(app.api.post(path + "/data", viewer.accessToken(), new JsonObject()), 200);
    assertError(app.api.get(path, outsider.accessToken()), 404, "not_found");
    assertError(app.api.get(charts(), outsider.accessToken()), 404, "not_found");
    assertError(
        app.api.post(path + "/data", outsider.accessToken(), new JsonObject()), 404, "not_found");
    assertError(app.api.get(path, null), 401, "unauthorized");
  }

  @Test
  void aDeletedChartIsGoneFromEveryReadButItsHistoryIsAudited() {
    String token = "gone" + UUID.randomUUID().toString().substring(0, 8);
    JsonObject c = create(editor, semanticChart("Soon " + token));
    String path = charts() + "/" + c.getString("id");
    assertThat(app.api.delete(path, editor.accessToken()).statusCode()).isEqualTo(204);
    assertError(app.api.get(path, owner.accessToken()), 404, "not_found");
    assertError(app.api.get(path + "/versions", owner.accessToken()), 404, "not_found");
    assertError(app.api.get(path + "/versions/1", owner.accessToken()), 404, "not_found");
    assertError(
        app.api.post(path + "/data", owner.accessToken(), new JsonObject()), 404, "not_found");
    assertError(app.api.call(HttpMethod.PUT, path, owner.accessToken(), c), 404, "not_found");
    assertError(app.api.delete(path, editor.accessToken()), 404, "not_found");
    JsonObject list = ok(app.api.get(charts() + "?q=" + token, owner.accessToken()), 200);
    assertThat(list.getLong("total")).isZero();
    assertThat(list.getJsonArray("items")).isEmpty();
    JsonArray audit =
        ok(
                app.api.get(
                    "/api/v1/projects/" + project + "/audit?limit=200", owner.accessToken()),
                200)
            .getJsonArray("items");
    assertThat(
            audit.stream()
                .map(e -> (JsonObject) e)
                .filter(e -> c.getString("id").equals(e.getString("entityId")))
                .map(e -> e.getString("action")))
        .containsExactly("chart.delete", "chart.create");
  }

  @Test
  void searchesNameAndDescriptionAndPagesWithACursor() {
    String token = "pg" + UUID.randomUUID().toString().substring(0, 8);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      JsonObject body = semanticChart("Paging " + i + (i == 4 ? "" : " " + token));
      if (i == 4) body.put("description", "described " + token.toUpperCase());
      ids.add(create(editor, body).getString("id"));
    }
    create(editor, semanticChart("Not matching"));
    // A LIKE wildcard in q is a character, not a pattern ("_" would match any one character).
    assertThat(ok(app.api.get(charts() + "?q=_", owner.accessToken()), 200).getLong("total"))
        .isZero();

    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      String url =
          charts() + "?q=" + token + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
      JsonObject page = ok(app.api.get(url, viewer.accessToken()), 200);
      assertThat(page.getLong("total")).isEqualTo(5);
      assertThat(page.getInteger("limit")).isEqualTo(2);
      assertThat(page.getJsonArray("items").size()).isBetween(1, 2);
      page.getJsonArray("items")
          .forEach(it -> assertThat(seen.add(((JsonObject) it).getString("id"))).isTrue());
      cursor = page.getString("next");
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).isEqualTo(ids);

    JsonObject first = ok(app.api.get(charts() + "?q=" + token, owner.accessToken()), 200);
    assertThat(first.getJsonArray("items")).hasSize(5);
    assertThat(first.getValue("next")).isNull();
    assertThat(first.getInteger("limit")).isEqualTo(50);

    assertError(
        app.api.get(charts() + "?cursor=bm90LWEtY3Vyc29y", owner.accessToken()),
        400,
        "validation_failed");
    assertError(
        app.api.get(
            charts() + "?cursor=" + first.getJsonArray("items").getJsonObject(0).getString("id"),
            owner.accessToken()),
        400,
        "validation_failed");
    // A cursor of another list (an offset cursor) is not one of this list.
    assertError(
        app.api.get(
            charts() + "?cursor=" + Paging.encode(new JsonObject().put("o", 2)),
            owner.accessToken()),
        400,
        "validation_failed");
    assertError(app.api.get(charts() + "?limit=0", owner.accessToken()), 400, "validation_failed");
    assertError(
        app.api.get(charts() + "?limit=501", owner.accessToken()), 400, "validation_failed");
  }

  @Test
  void aChartIsCheckedWhenSaved() {
    assertError(
        app.api.post(charts(), editor.accessToken(), semanticChart("x").put("colour", "red")),
        400,
        "validation_failed");
    JsonObject both = semanticChart("x");
    both.getJsonObject("query").put("sql", "SELECT 1");
    assertError(app.api.post(charts(), editor.accessToken(), both), 400, "validation_failed");
    assertError(
        app.api.post(
            charts(),
            editor.accessToken(),
            semanticChart("x").put("visualization", new JsonObject().put("type", "radar"))),
        400,
        "validation_failed");
    JsonObject noName = semanticChart("x");
    noName.remove("name");
    assertError(app.api.post(charts(), editor.accessToken(), noName), 400, "validation_failed");

    JsonObject unknownMember = semanticChart("x");
    unknownMember
        .getJsonObject("query")
        .getJsonObject("semantic")
        .put("dimensions", new JsonArray().add("orign"));
    HttpResponse<Buffer> r = app.api.post(charts(), editor.accessToken(), unknownMember);
    assertThat(r.statusCode()).as(r.bodyAsString()).isIn(400, 422);
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("orign");

    assertError(
        app.api.post(charts(), editor.accessToken(), sqlChart("x", "selct origin from cars")),
        400,
        "syntax_error");
    assertError(
        app.api.post(charts(), editor.accessToken(), sqlChart("x", "SELECT * FROM users")),
        403,
        "table_not_allowed");
    HttpResponse<Buffer> badColumn =
        app.api.post(charts(), editor.accessToken(), sqlChart("x", "SELECT nope FROM cars"));
    assertError(badColumn, 422, "query_failed");
  }

  @Test
  void aSemanticChartRunsWithADashboardsFiltersAndMatchesHandWrittenSql() {
    JsonObject c = create(editor, semanticChart("Semantic run"));
    String path = charts() + "/" + c.getString("id") + "/data";
    JsonObject all = ok(app.api.post(path, viewer.accessToken(), new JsonObject()), 200);
    assertThat(all.getInteger("chartVersion")).isEqualTo(1);
    assertThat(all.getInteger("modelVersion")).isPositive();
    assertThat(keyed(all.getJsonArray("rows")))
        .isEqualTo(handWritten("SELECT origin, count(*) FROM cars GROUP BY 1"));

    JsonObject filtered =
        ok(
            app.api.post(
                path,
                viewer.accessToken(),
                new JsonObject()
                    .put(
                        "filters",
                        new JsonArray()
                            .add(filter("year", "gte", 1971))
                            .add(filter("origin", "notEquals", "Europe")))),
            200);
    assertThat(keyed(filtered.getJsonArray("rows")))
        .isEqualTo(
            handWritten(
                "SELECT origin, count(*) FROM cars WHERE year >= 1971"
                    + " AND (origin IS NULL OR origin <> 'Europe') GROUP BY 1"))
        .containsEntry("USA", 2L)
        .containsEntry("null", 1L)
        .doesNotContainKey("Europe");
    assertThat(filtered.getString("sql")).contains("1971");
    JsonObject column = filtered.getJsonArray("columns").getJsonObject(0);
    assertThat(column.getString("name")).isEqualTo("origin");
    assertThat(column.getString("label")).isNotBlank();

    // A filter on a member the model does not have names it.
    HttpResponse<Buffer> bad =
        app.api.post(
            path,
            viewer.accessToken(),
            new JsonObject()
                .put("filters", new JsonArray().add(filter("colour", "equals", "red"))));
    assertThat(bad.statusCode()).isIn(400, 422);
    assertThat(bad.bodyAsJsonObject().getJsonObject("error").getString("message"))
        .contains("colour");
    assertError(
        app.api.post(path, viewer.accessToken(), new JsonObject().put("limit", 3)),
        400,
        "validation_failed");
  }

  @Test
  void anSqlChartIsWrappedWithQuotedFiltersAndMatchesHandWrittenSql() {
    JsonObject c =
        create(
            editor,
            sqlChart(
                "SQL run",
                "SELECT origin, year, count(*) AS cars FROM cars GROUP BY 1, 2 -- per year\n;"));
    String path = charts() + "/" + c.getString("id") + "/data";
    JsonObject all = ok(app.api.post(path, viewer.accessToken(), null), 200);
    assertThat(all.getValue("modelVersion")).isNull();
    assertThat(all.getJsonArray("columns").getJsonObject(2).getString("label")).isEqualTo("cars");
    assertThat(keyed(all.getJsonArray("rows")))
        .isEqualTo(handWritten("SELECT origin, year, count(*) FROM cars GROUP BY 1, 2"));

    JsonObject filtered =
        ok(
            app.api.post(
                path,
                viewer.accessToken(),
                new JsonObject()
                    .put(
                        "filters",
                        new JsonArray()
                            .add(filter("origin", "equals", "USA", "Japan"))
                            .add(filter("year", "gt", "1970")))),
            200);
    assertThat(keyed(filtered.getJsonArray("rows")))
        .isEqualTo(
            handWritten(
                "SELECT origin, year, count(*) FROM cars WHERE origin IN ('USA', 'Japan')"
                    + " AND year > 1970 GROUP BY 1, 2"))
        .containsEntry("USA|1971", 1L)
        .containsEntry("USA|1972", 1L)
        .containsEntry("Japan|1972", 1L)
        .hasSize(3);
    assertThat(filtered.getString("sql"))
        .startsWith("SELECT * FROM (")
        .contains("AS chart_data WHERE \"origin\" IN ('USA', 'Japan') AND \"year\" > '1970'");

    // Hostile names and values are a name and a value: no rows, or the database's refusal.
    JsonObject none =
        ok(
            app.api.post(
                path,
                viewer.accessToken(),
                new JsonObject()
                    .put(
                        "filters",
                        new JsonArray().add(filter("origin", "equals", "USA' OR '1'='1")))),
            200);
    assertThat(none.getJsonArray("rows")).isEmpty();
    HttpResponse<Buffer> evilName =
        app.api.post(
            path,
            viewer.accessToken(),
            new JsonObject()
                .put("filters", new JsonArray().add(filter("origin\" IS NOT NULL OR \"x", "set"))));
    assertError(evilName, 422, "query_failed");
  }

  @Test
  void previewsAnUnsavedChartOfEitherKind() {
    JsonObject draft = semanticChart("draft");
    draft.remove("name");
    draft.put("filters", new JsonArray().add(filter("origin", "equals", "Japan")));
    JsonObject semantic = ok(app.api.post(charts() + "/data", viewer.accessToken(), draft), 200);
    assertThat(keyed(semantic.getJsonArray("rows"))).isEqualTo(Map.of("Japan", 2L));
    assertThat(semantic.containsKey("chartId")).isFalse();

    JsonObject sql =
        sqlChart("draft", "SELECT origin, count(*) AS cars FROM cars GROUP BY 1")
            .put("filters", new JsonArray().add(filter("origin", "set")));
    JsonObject r = ok(app.api.post(charts() + "/data", viewer.accessToken(), sql), 200);
    assertThat(keyed(r.getJsonArray("rows")))
        .isEqualTo(
            handWritten("SELECT origin, count(*) FROM cars WHERE origin IS NOT NULL GROUP BY 1"));
    assertError(
        app.api.post(charts() + "/data", viewer.accessToken(), sqlChart("x", "DELETE FROM cars")),
        403,
        "only_select");
  }

  @Test
  void anIdempotentCreateIsReplayedNotRepeated() {
    String token = "idem" + UUID.randomUUID().toString().substring(0, 8);
    MultiMap key =
        MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", UUID.randomUUID().toString());
    JsonObject body = semanticChart("Once " + token);
    HttpResponse<Buffer> first =
        app.api.call(HttpMethod.POST, charts(), editor.accessToken(), body, key);
    HttpResponse<Buffer> again =
        app.api.call(HttpMethod.POST, charts(), editor.accessToken(), body, key);
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.bodyAsJsonObject().getString("id"))
        .isEqualTo(first.bodyAsJsonObject().getString("id"));
    assertThat(ok(app.api.get(charts() + "?q=" + token, owner.accessToken()), 200).getLong("total"))
        .isEqualTo(1);
    assertError(
        app.api.call(
            HttpMethod.POST, charts(), editor.accessToken(), body.copy().put("name", "other"), key),
        422,
        "idempotency_key_reused");
  }

  @Test
  void aTypoInTheFirstWordIsASyntaxErrorOnTheQueryRoute() {
    JsonObject e =
        assertError(
            app.api.post(
                "/api/v1/projects/" + project + "/query",
                viewer.accessToken(),
                new JsonObject().put("sql", "selct 1")),
            400,
            "syntax_error");
    assertThat(e.getString("message")).contains("did you mean SELECT?");
  }
}
