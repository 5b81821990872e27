package com.analyticsstudio.dataset;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.ingest.Workbooks;
import com.analyticsstudio.support.Api;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused upload leaves nothing; a failed new version leaves the live one ready, the failure
 * attached.
 */
class UploadStatesIT {
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

  private static String datasets(String projectId) {
    return "/api/v1/projects/" + projectId + "/datasets";
  }

  private static JsonArray list(Session s, String p) {
    return api.get(datasets(p), s.accessToken()).bodyAsJsonObject().getJsonArray("items");
  }

  @Test
  void aRefusedUploadLeavesNoDatasetNoTableNameAndNoStoredFile() throws Exception {
    Session s = api.signup();
    String p = api.createProject(s, "refusals");
    Path book = Workbooks.sales(dir, "stocks.xlsx", true);
    HttpResponse<Buffer> refused =
        uploads.multipart(
            s.accessToken(), datasets(p) + "?wait=true&sheet=nope", book, Uploads.XLSX, null);
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(422);
    HttpResponse<Buffer> unclosed =
        uploads.multipart(
            s.accessToken(),
            datasets(p) + "?wait=true",
            uploads.write("stocks.csv", "a,b\n1,\"never closed\n2,3\n"),
            "text/csv",
            null);
    assertError(unclosed, 422, "unparsable_file");

    assertThat(list(s, p)).isEmpty();
    assertThat(DatasetIT.tablesOf(app, p)).isEmpty();
    assertThat(storedFiles()).noneMatch(f -> f.contains(p));

    JsonObject good =
        uploads.loaded(s.accessToken(), p, uploads.write("stocks.csv", "a,b\n1,2\n"), "text/csv");
    assertThat(good.getString("tableName"))
        .as("the refused uploads took no table name")
        .isEqualTo("stocks");
    assertThat(good.getValue("lastLoadError")).isNull();
  }

  @Test
  void aRefusedUploadAnswered202IsReadableByIdAsFailedButNotListed() throws Exception {
    Session s = api.signup();
    String p = api.createProject(s, "async refusal");
    HttpResponse<Buffer> accepted =
        uploads.multipart(
            s.accessToken(),
            datasets(p),
            uploads.write("late.csv", "a,b\n1,\"never closed\n2,3\n"),
            "text/csv",
            null);
    assertThat(accepted.statusCode()).isEqualTo(202);
    String id = accepted.bodyAsJsonObject().getString("id");

    HttpResponse<Buffer> events =
        app.http
            .get(datasets(p) + "/" + id + "/events")
            .bearerTokenAuthentication(s.accessToken())
            .send()
            .await(60, TimeUnit.SECONDS);
    assertThat(events.bodyAsString()).contains("event: failed").contains("unparsable_file");

    JsonObject d = api.get(datasets(p) + "/" + id, s.accessToken()).bodyAsJsonObject();
    assertThat(d.getString("status")).isEqualTo("failed");
    assertThat(d.getJsonObject("error").getString("code")).isEqualTo("unparsable_file");
    assertThat(list(s, p)).isEmpty();
    assertThat(
            uploads
                .loaded(s.accessToken(), p, uploads.write("late.csv", "a,b\n1,2\n"), "text/csv")
                .getString("tableName"))
        .isEqualTo("late");
    assertError(api.get(datasets(p) + "/" + id, api.signup().accessToken()), 404, "not_found");
  }

  @Test
  void aFailedAppendOrTypeChangeLeavesTheDatasetReadyWithTheFailureOnTheAttemptedVersion()
      throws Exception {
    Session s = api.signup();
    String p = api.createProject(s, "live");
    JsonObject d =
        uploads.loaded(
            s.accessToken(), p, uploads.write("orders.csv", "id,label\n1,a\n2,b\n"), "text/csv");
    String base = datasets(p) + "/" + d.getString("id");

    assertError(
        uploads.multipart(
            s.accessToken(),
            base + "/versions?mode=append&wait=true",
            uploads.write("orders-bad.csv", "id,total\n3,3\n"),
            "text/csv",
            null),
        422,
        "columns_differ");
    JsonObject after = api.get(base, s.accessToken()).bodyAsJsonObject();
    assertThat(after.getString("status")).isEqualTo("ready");
    assertThat(after.getInteger("version")).isEqualTo(1);
    assertThat(after.getValue("error")).isNull();
    JsonObject last = after.getJsonObject("lastLoadError");
    assertThat(last.getInteger("version")).isEqualTo(2);
    assertThat(last.getString("mode")).isEqualTo("append");
    assertThat(last.getString("code")).isEqualTo("columns_differ");
    assertThat(last.getString("filename")).isEqualTo("orders-bad.csv");
    assertThat(last.getString("failedAt"))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(api.get(base + "/rows", s.accessToken()).bodyAsJsonObject().getJsonArray("rows"))
        .hasSize(2);

    var retype =
        api.patch(
            base,
            s.accessToken(),
            new JsonObject()
                .put(
                    "columns",
                    new JsonArray()
                        .add(new JsonObject().put("name", "label").put("type", "integer"))));
    assertError(retype, 422, null);
    after = api.get(base, s.accessToken()).bodyAsJsonObject();
    assertThat(after.getString("status")).isEqualTo("ready");
    assertThat(after.getJsonObject("lastLoadError").getString("mode")).isEqualTo("retype");

    var replaced =
        uploads.multipart(
            s.accessToken(),
            base + "/versions?mode=replace&wait=true",
            uploads.write("orders-v2.csv", "id,label\n1,a\n"),
            "text/csv",
            null);
    assertThat(replaced.statusCode()).isEqualTo(201);
    assertThat(replaced.bodyAsJsonObject().getValue("lastLoadError"))
        .as("a success clears it")
        .isNull();
  }

  @Test
  void aControlCharacterInTheFileNameIsA400AndLeavesNothing() throws Exception {
    Session s = api.signup();
    String p = api.createProject(s, "names");
    Path csv = uploads.write("plain.csv", "a\n1\n");
    assertError(
        uploads.raw(
            s.accessToken(), datasets(p) + "?wait=true&filename=bad%00name.csv", csv, "text/csv"),
        400,
        "invalid_text");
    assertError(
        uploads.multipart(
            s.accessToken(), datasets(p) + "?wait=true&name=x%00y", csv, "text/csv", null),
        400,
        "invalid_text");
    assertThat(list(s, p)).isEmpty();
  }

  @Test
  void sixteenHundredNumberColumnsAre422NamingPostgresLimitsAndLeaveNothing() throws Exception {
    Session s = api.signup();
    String p = api.createProject(s, "wide");
    StringBuilder wide = new StringBuilder();
    for (int i = 0; i < 1600; i++) wide.append(i == 0 ? "" : ",").append("c").append(i);
    wide.append('\n');
    for (int i = 0; i < 1600; i++) wide.append(i == 0 ? "" : ",").append(1_000_000_000_000L + i);
    wide.append('\n');
    JsonObject error =
        assertError(
            uploads.multipart(
                s.accessToken(),
                datasets(p) + "?wait=true",
                uploads.write("wide.csv", wide.toString()),
                "text/csv",
                null),
            422,
            "row_too_big");
    assertThat(error.getString("message")).contains("1,600 columns").contains("8,160 bytes");
    assertThat(list(s, p)).isEmpty();
    assertThat(DatasetIT.tablesOf(app, p)).isEmpty();
    assertThat(storedFiles()).noneMatch(f -> f.contains(p));
  }

  private static List<String> storedFiles() throws Exception {
    Path root = app.uploadDir();
    if (!Files.exists(root)) return List.of();
    try (var files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(Path::toString).toList();
    }
  }
}
