package com.analyticsstudio.dataset;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.Db;
import com.analyticsstudio.ingest.Workbooks;
import com.analyticsstudio.support.Api;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetIT {
  static TestApp app;
  static Api api;
  @TempDir static Path dir;
  static Uploads uploads;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    uploads = new Uploads(app, dir);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static String datasets(String projectId) {
    return "/api/v1/projects/" + projectId + "/datasets";
  }

  static Map<String, String> types(JsonObject dataset) {
    Map<String, String> out = new HashMap<>();
    dataset
        .getJsonArray("columns")
        .forEach(
            c -> out.put(((JsonObject) c).getString("name"), ((JsonObject) c).getString("type")));
    return out;
  }

  @Test
  void csvUploadBecomesATypedTableWithPreviewAndProfile() throws Exception {
    Session s = api.signup();
    String p = api.createProject(s, "weather");
    JsonObject d =
        uploads.loaded(s.accessToken(), p, uploads.corpus("seattle-weather.csv"), "text/csv");
    assertThat(d.getString("status")).isEqualTo("ready");
    assertThat(d.getString("tableName")).isEqualTo("seattle_weather");
    assertThat(d.getInteger("version")).isEqualTo(1);
    assertThat(d.getLong("rowCount")).isEqualTo(1461);
    assertThat(types(d))
        .containsEntry("date", "date")
        .containsEntry("precipitation", "decimal")
        .containsEntry("temp_max", "decimal")
        .containsEntry("weather", "text");

    var rows =
        api.get(
            datasets(p) + "/" + d.getString("id") + "/rows?limit=3&sort=-temp_max",
            s.accessToken());
    assertThat(rows.statusCode()).isEqualTo(200);
    JsonObject page = rows.bodyAsJsonObject();
    assertThat(page.getLong("total")).isEqualTo(1461);
    assertThat(page.getJsonArray("rows")).hasSize(3);
    int tempMax = indexOf(page.getJsonArray("columns"), "temp_max");
    assertThat(
            Double.parseDouble(
                page.getJsonArray("rows").getJsonArray(0).getValue(tempMax).toString()))
        .isEqualTo(35.6);

    var profile = api.get(datasets(p) + "/" + d.getString("id") + "/profile", s.accessToken());
    assertThat(profile.statusCode()).isEqualTo(200);
    JsonObject weather = column(profile.bodyAsJsonObject(), "weather");
    assertThat(weather.getJsonArray("topValues").getJsonObject(0).getString("value"))
        .isIn("rain", "sun");
    assertThat(weather.getLong("nulls")).isZero();
    JsonObject precipitation = column(profile.bodyAsJsonObject(), "precipitation");
    assertThat(precipitation.getString("min")).isEqualTo("0.0");
    assertThat(precipitation.getJsonArray("histogram")).hasSize(10);
    long total =
        precipitation.getJsonArray("histogram").stream()
            .mapToLong(b -> ((JsonObject) b).getLong("count"))
            .sum();
    assertThat(total).isEqualTo(1461);
  }

  @Test
  void rawBodyUploadsWithFilenameAndTsvWork() throws Exception {
    Session s = api.signup();
    String p = api.createProject(s, "raw");
    var stocks =
        uploads.raw(
            s.accessToken(),
            datasets(p) + "?wait=true&filename=stocks.csv",
            uploads.corpus("stocks.csv"),
            "text/csv");
    assertThat(stocks.statusCode()).isEqualTo(201);
    assertThat(stocks.bodyAsJsonObject().getString("tableName")).isEqualTo("stocks");
    assertThat(types(stocks.bodyAsJsonObject()))
        .containsEntry("date", "date")
        .containsEntry("price", "decimal")
        .containsEntry("symbol", "text");

    var tsv =
        uploads.raw(
            s.accessToken(),
            datasets(p) + "?wait=true&filename=unemployment.tsv&name=Unemployment%20by%20county",
            uploads.corpus("unemployment.tsv"),
            "text/tab-separated-values");
    assertThat(tsv.statusCode()).isEqualTo(201);
    assertThat(tsv.bodyAsJsonObject().getString("name")).isEqualTo("Unemployment by county");
    assertThat(tsv.bodyAsJsonObject().getString("tableName")).isEqualTo("unemployment_by_county");
    assertThat(tsv.bodyAsJsonObject().getLong("rowCount")).isEqualTo(3218);
  }

  @Test
  void nameAndSheetWorkAsQueryParametersAndAsFormFields() throws Exception {
    // The contract lists each once, as the query parameter; HTML forms may send the fields.
    Session s = api.signup();
    String p = api.createProject(s, "names");
    Path csv = uploads.write("plain.csv", "a,b\n1,2\n");
    var query =
        uploads.multipart(
            s.accessToken(), datasets(p) + "?wait=true&name=From%20query", csv, "text/csv", null);
    assertThat(query.statusCode()).as(query.bodyAsString()).isEqualTo(201);
    assertThat(query.bodyAsJsonObject().getString("name")).isEqualTo("From query");
    var field =
        uploads.multipart(
            s.accessToken(),
            datasets(p) + "?wait=true",
            csv,
            "text/csv",
            MultiMap.caseInsensitiveMultiMap().add("name", "From field"));
    assertThat(field.statusCode()).as(field.bodyAsString()).isEqualTo(201);
    assertThat(field.bodyAsJsonObject().getString("name")).isEqualTo("From field");
    var both =
        uploads.multipart(
            s.accessToken(),
            datasets(p) + "?wait=true&name=Query",
            csv,
            "text/csv",
            MultiMap.caseInsensitiveMultiMap().add("name", "Field"));
    assertThat(both.bodyAsJsonObject().getString("name")).as("the field wins").isEqualTo("Field");

    // A field is held to its parameter's limits.
    JsonObject error =
        assertError(
            uploads.multipart(
                s.accessToken(),
                datasets(p) + "?wait=true",
                csv,
                "text/csv",
                MultiMap.caseInsensitiveMultiMap().add("name", "x".repeat(201))),
            400,
            "validation_failed");
    assertThat(error.getString("message")).contains("200");
    assertError(
        uploads.multipart(
            s.accessToken(),
            datasets(p) + "?wait=true",
            csv,
            "text/csv",
            MultiMap.caseInsensitiveMultiMap().add("sheet", "x".repeat(101))),
        400,
        "validation_failed");
    var list = api.get(datasets(p), s.accessToken()).bodyAsJsonObject();
    assertThat(list.getLong("total")).as("the refused uploads left nothing").isEqualTo(3);
  }

  @Test
  void xlsxAndXlsUploadsSkipTheTitleBlockAndKeepTypes() throws Exception {
    Session s = api.signup();
    String p = api.createProject(s, "sheets");
    Path xlsx = Workbooks.sales(dir, "sales.xlsx", true);
    var r =
        uploads.multipart(
            s.accessToken(),
            datasets(p) + "?wait=true",
            xlsx,
            Uploads.XLSX,
            MultiMap.caseInsensitiveMultiMap().add("sheet", "Sales"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    JsonObject d = r.bodyAsJsonObject();
    assertThat(d.getLong("rowCount")).isEqualTo(3);
    assertThat(types(d))
        .containsEntry("date", "date")
        .containsEntry("region", "text")
        .containsEntry("amount", "decimal")
        .containsEntry("paid", "boolean")
        .containsEntry("updated_at", "timestamp");

    Path xls = Workbooks.sales(dir, "sales.xls", false);
    var old =
        uploads.multipart(
            s.accessToken(),
            datasets(p) + "?wait=true&sheet=Sales",
            xls,
            "application/vnd.ms-excel",
            null);
    assertThat(old.statusCode()).as(old.bodyAsString()).isEqualTo(201);
    assertThat(old.bodyAsJsonObject().getString("tableName")).isEqualTo("sales_2");
    assertThat(types(old.bodyAsJsonObject()))
        .containsEntry("date", "date")
        .containsEntry("paid", "boolean");

    var unknownSheet =
        uploads.multipart(
            s.accessToken(), datasets(p) + "?wait=true&sheet=Nope", xlsx, Uploads.XLSX, null);
    JsonObject error = assertError(unknownSheet, 422, null);
    assertThat(error.getString("message")).contains("Sales");
  }

  @Test
  void asyncUploadAnswers202ThenReportsProgressUntilReady() throws Exception {
    Session s = api.signup();
    String p = api.createProject(s, "async");
    var r =
        uploads.multipart(
            s.accessToken(), datasets(p), uploads.corpus("github.csv"), "text/csv", null);
    assertThat(r.statusCode()).isEqualTo(202);
    String id = r.bodyAsJsonObject().getString("id");
    assertThat(r.bodyAsJsonObject().getString("status"))
        .isIn("receiving", "parsing", "loading", "ready");

    HttpResponse<Buffer> events =
        app.http
            .get(datasets(p) + "/" + id + "/events")
            .bearerTokenAuthentication(s.accessToken())
            .send()
            .await(60, TimeUnit.SECONDS);
    assertThat(events.getHeader("Content-Type")).startsWith("text/event-stream");
    assertThat(events.bodyAsString()).contains("event: ready").contains("\"status\":\"ready\"");

    JsonObject d = api.get(datasets(p) + "/" + id, s.accessToken()).bodyAsJsonObject();
    assertThat(d.getString("status")).isEqualTo("ready");
    assertThat(d.getJsonObject("progress").getLong("rowsLoaded")).isEqualTo(d.getLong("rowCount"));
    assertThat(api.get(datasets(p), s.accessToken()).bodyAsJsonObject().getJsonArray("items"))
        .hasSize(1);
  }

  @Test
  void viewersCannotUploadAndStrangersSeeNothing() throws Exception {
    Session owner = api.signup();
    Session viewer = api.signup();
    Session stranger = api.signup();
    String p = api.createProject(owner, "guarded");
    api.addMember(owner, p, viewer, "viewer");
    Path csv = uploads.write("tiny.csv", "a,b\n1,2\n");
    assertError(
        uploads.multipart(viewer.accessToken(), datasets(p) + "?wait=true", csv, "text/csv", null),
        403,
        "forbidden");
    assertError(
        uploads.multipart(
            stranger.accessToken(), datasets(p) + "?wait=true", csv, "text/csv", null),
        404,
        "not_found");
    JsonObject d = uploads.loaded(owner.accessToken(), p, csv, "text/csv");
    assertThat(
            api.get(datasets(p) + "/" + d.getString("id") + "/rows", viewer.accessToken())
                .statusCode())
        .isEqualTo(200);
    assertError(
        api.get(datasets(p) + "/" + d.getString("id"), stranger.accessToken()), 404, "not_found");
    assertError(
        api.delete(datasets(p) + "/" + d.getString("id"), viewer.accessToken()), 403, "forbidden");
  }

  @Test
  void replaceAndAppendMakeNewVersionsUnderTheSameName() throws Exception {
    Session s = api.signup();
    String p = api.createProject(s, "versions");
    JsonObject d =
        uploads.loaded(
            s.accessToken(),
            p,
            uploads.write("orders.csv", "id,amount\n1,10.5\n2,20\n"),
            "text/csv");
    String base = datasets(p) + "/" + d.getString("id");

    var replaced =
        uploads.multipart(
            s.accessToken(),
            base + "/versions?mode=replace&wait=true",
            uploads.write("orders-v2.csv", "id,amount\n1,1\n2,2\n3,3\n"),
            "text/csv",
            null);
    assertThat(replaced.statusCode()).as(replaced.bodyAsString()).isEqualTo(201);
    assertThat(replaced.bodyAsJsonObject().getInteger("version")).isEqualTo(2);
    assertThat(replaced.bodyAsJsonObject().getLong("rowCount")).isEqualTo(3);
    assertThat(replaced.bodyAsJsonObject().getString("tableName")).isEqualTo("orders");

    var appended =
        uploads.multipart(
            s.accessToken(),
            base + "/versions?mode=append&wait=true",
            uploads.write("orders-more.csv", "id,amount\n4,4\n"),
            "text/csv",
            null);
    assertThat(appended.statusCode()).as(appended.bodyAsString()).isEqualTo(201);
    assertThat(appended.bodyAsJsonObject().getInteger("version")).isEqualTo(3);
    assertThat(appended.bodyAsJsonObject().getLong("rowCount")).isEqualTo(4);

    // Appended values must fit the dataset's types (amount became integer with version 2).
    var wrongType =
        uploads.multipart(
            s.accessToken(),
            base + "/versions?mode=append&wait=true",
            uploads.write("orders-frac.csv", "id,amount\n5,4.25\n"),
            "text/csv",
            null);
    assertThat(assertError(wrongType, 422, "values_do_not_convert").getString("message"))
        .contains("4.25");

    var mismatch =
        uploads.multipart(
            s.accessToken(),
            base + "/versions?mode=append&wait=true",
            uploads.write("orders-bad.csv", "id,total,note\n5,5,x\n"),
            "text/csv",
            null);
    JsonObject error = assertError(mismatch, 422, "columns_differ");
    assertThat(error.getJsonObject("details").getJsonArray("missing")).containsExactly("amount");
    assertThat(error.getJsonObject("details").getJsonArray("unexpected"))
        .containsExactly("total", "note");

    // A failed replace leaves the previous version live and intact.
    var broken =
        uploads.multipart(
            s.accessToken(),
            base + "/versions?mode=replace&wait=true",
            uploads.bytes(
                "broken.csv", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13}),
            "text/csv",
            null);
    assertThat(broken.statusCode()).isIn(415, 422);
    JsonObject after = api.get(base, s.accessToken()).bodyAsJsonObject();
    assertThat(after.getInteger("version")).isEqualTo(3);
    assertThat(api.get(base + "/rows", s.accessToken()).bodyAsJsonObject().getJsonArray("rows"))
        .hasSize(4);
    assertThat(
            api.get(base + "/versions", s.accessToken()).bodyAsJsonObject().getJsonArray("items"))
        .hasSize(3);
  }

  @Test
  void typeOverrideReloadsOrExplainsWhichValuesDoNotConvert() throws Exception {
    Session s = api.signup();
    String p = api.createProject(s, "retype");
    JsonObject d =
        uploads.loaded(
            s.accessToken(),
            p,
            uploads.write("codes.csv", "code,label\n1,alpha\n2,beta\n3,gamma\n"),
            "text/csv");
    assertThat(types(d)).containsEntry("code", "integer");
    String base = datasets(p) + "/" + d.getString("id");

    var asText =
        api.patch(
            base,
            s.accessToken(),
            new JsonObject()
                .put(
                    "columns",
                    new JsonArray().add(new JsonObject().put("name", "code").put("type", "text"))));
    assertThat(asText.statusCode()).as(asText.bodyAsString()).isEqualTo(200);
    assertThat(types(asText.bodyAsJsonObject())).containsEntry("code", "text");
    assertThat(asText.bodyAsJsonObject().getInteger("version")).isEqualTo(2);

    var impossible =
        api.patch(
            base,
            s.accessToken(),
            new JsonObject()
                .put(
                    "columns",
                    new JsonArray()
                        .add(new JsonObject().put("name", "label").put("type", "integer"))));
    JsonObject error = assertError(impossible, 422, null);
    assertThat(error.getString("message")).contains("alpha");
    JsonObject still = api.get(base, s.accessToken()).bodyAsJsonObject();
    assertThat(still.getInteger("version")).isEqualTo(2);
    assertThat(types(still)).containsEntry("label", "text");
  }

  @Test
  void deleteDropsTheTableAndStoredFilesAndIsAudited() throws Exception {
    Session s = api.signup();
    String p = api.createProject(s, "delete");
    JsonObject d =
        uploads.loaded(s.accessToken(), p, uploads.write("gone.csv", "x\n1\n"), "text/csv");
    assertThat(storedFiles()).anyMatch(f -> f.contains(d.getString("id")));
    assertThat(api.delete(datasets(p) + "/" + d.getString("id"), s.accessToken()).statusCode())
        .isEqualTo(204);
    assertError(api.get(datasets(p) + "/" + d.getString("id"), s.accessToken()), 404, "not_found");
    assertThat(storedFiles()).noneMatch(f -> f.contains(d.getString("id")));
    assertThat(tablesOf(p)).isEmpty();
    JsonArray audit =
        api.get("/api/v1/projects/" + p + "/audit", s.accessToken())
            .bodyAsJsonObject()
            .getJsonArray("items");
    assertThat(audit.getJsonObject(0).getString("action")).isEqualTo("dataset.delete");
    assertThat(audit.getJsonObject(1).getString("action")).isEqualTo("dataset.create");
  }

  @Test
  void deletingAProjectDropsItsSchemaAndRole() throws Exception {
    Session s = api.signup();
    String p = api.createProject(s, "doomed");
    uploads.loaded(s.accessToken(), p, uploads.write("t.csv", "x\n1\n"), "text/csv");
    assertThat(tablesOf(p)).isNotEmpty();
    assertThat(api.delete("/api/v1/projects/" + p, s.accessToken()).statusCode()).isEqualTo(204);
    try (var c = Db.jdbc(app.database);
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT count(*) FROM pg_roles WHERE rolname = 'as_r_"
                        + p.replace("-", "")
                        + "'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
    assertThat(tablesOf(p)).isEmpty();
  }

  static JsonObject column(JsonObject profile, String name) {
    return profile.getJsonArray("columns").stream()
        .map(JsonObject.class::cast)
        .filter(c -> c.getString("name").equals(name))
        .findFirst()
        .orElseThrow();
  }

  static int indexOf(JsonArray columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.getJsonObject(i).getString("name").equals(name)) return i;
    }
    throw new AssertionError("no column " + name);
  }

  static List<String> storedFiles() throws Exception {
    return storedFiles(app);
  }

  static List<String> storedFiles(TestApp app) throws Exception {
    try (var files = Files.walk(app.uploadDir())) {
      return files.filter(Files::isRegularFile).map(Path::toString).toList();
    }
  }

  static List<String> tablesOf(String projectId) throws Exception {
    return tablesOf(app, projectId);
  }

  static List<String> tablesOf(TestApp app, String projectId) throws Exception {
    List<String> out = new ArrayList<>();
    try (var c = Db.jdbc(app.database);
        var st =
            c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
      st.setString(1, "p_" + projectId.replace("-", ""));
      var rs = st.executeQuery();
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }
}
