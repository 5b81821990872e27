package com.analyticsstudio.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.ContractCheck;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One timestamp format everywhere: RFC 3339 in UTC with {@code T}, {@code Z} and exactly three
 * fractional digits ({@code 2024-02-29T10:30:00.125Z}) — in the JSON of every resource (accounts,
 * keys, projects, members, audit, datasets and their versions, jobs, charts, dashboards), in
 * dataset profiles (min, max and top values of a timestamp column), and in result cells of
 * timestamp columns (query answers, dataset rows, NDJSON and CSV exports). A cell whose value has
 * microseconds keeps them (six digits): a value is never cut.
 */
class TimestampFormatIT {
  /** Anything that looks like a date with a time, whatever its separator. */
  static final Pattern LOOKS_LIKE_TIMESTAMP = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:.*");

  static final Pattern MILLIS =
      Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$");

  static TestApp app;
  static Session owner;
  static String project;
  static String dataset;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of());
    owner = app.api.signup();
    project = app.api.createProject(owner, "stamps");
    HttpResponse<Buffer> r =
        await(
            app.http
                .post(base() + "/datasets?wait=true&filename=visits.csv")
                .bearerTokenAuthentication(owner.accessToken())
                .putHeader("Content-Type", "text/csv")
                .sendBuffer(
                    Buffer.buffer(
                        "id,at,label\n"
                            + "1,2024-02-29 10:30:00.125,a\n"
                            + "2,2024-03-01 08:00:00,b\n"
                            + "3,2024-03-02 23:59:59.5,c\n"
                            + "4,2024-03-01 08:00:00,d\n")));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    dataset = r.bodyAsJsonObject().getString("id");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static String base() {
    return "/api/v1/projects/" + project;
  }

  static <T> T await(Future<T> f) {
    try {
      return f.await(120, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  static JsonObject get(String path) {
    return ok(app.api.get(path, owner.accessToken()), 200);
  }

  /** Every string in {@code json} that looks like a timestamp, with where it was. */
  static void timestamps(Object json, String at, List<String[]> out) {
    if (json instanceof JsonObject o) {
      for (String k : o.fieldNames()) timestamps(o.getValue(k), at + "." + k, out);
    } else if (json instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) timestamps(a.getValue(i), at + "[" + i + "]", out);
    } else if (json instanceof String s && LOOKS_LIKE_TIMESTAMP.matcher(s).matches()) {
      out.add(new String[] {at, s});
    }
  }

  @Test
  void everyResourceWritesMillisecondUtcTimestamps() throws Exception {
    List<JsonObject> answers = new ArrayList<>();
    answers.add(get("/api/v1/auth/me"));
    answers.add(
        ok(
            app.api.post(
                "/api/v1/api-keys",
                owner.accessToken(),
                new JsonObject().put("name", "ts").put("expiresAt", "2030-01-31T00:00:00+02:00")),
            201));
    answers.add(get("/api/v1/api-keys"));
    answers.add(get("/api/v1/projects"));
    answers.add(get(base()));
    answers.add(get(base() + "/members"));
    answers.add(get(base() + "/audit"));
    answers.add(get(base() + "/datasets"));
    answers.add(get(base() + "/datasets/" + dataset));
    answers.add(get(base() + "/datasets/" + dataset + "/versions"));

    String jobId =
        ok(
                app.api.post(
                    base() + "/query/jobs",
                    owner.accessToken(),
                    new JsonObject().put("sql", "SELECT 1 AS one")),
                202)
            .getString("jobId");
    JsonObject job = null;
    for (int i = 0; i < 600; i++) {
      job = get(base() + "/query/jobs/" + jobId);
      if ("succeeded".equals(job.getString("status"))) break;
      Thread.sleep(50);
    }
    answers.add(job);
    answers.add(get(base() + "/query/jobs"));

    JsonObject chart =
        ok(
            app.api.post(
                base() + "/charts",
                owner.accessToken(),
                new JsonObject()
                    .put("name", "visits")
                    .put(
                        "query",
                        new JsonObject()
                            .put("sql", "SELECT label, count(*) AS n FROM visits GROUP BY label"))
                    .put("visualization", new JsonObject().put("type", "table"))),
            201);
    answers.add(chart);
    answers.add(get(base() + "/charts/" + chart.getString("id")));
    answers.add(get(base() + "/charts"));
    answers.add(get(base() + "/charts/" + chart.getString("id") + "/versions"));

    JsonObject dashboard =
        ok(
            app.api.post(
                base() + "/dashboards",
                owner.accessToken(),
                new JsonObject()
                    .put("name", "visits")
                    .put(
                        "widgets",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("id", "w1")
                                    .put("type", "chart")
                                    .put("chartId", chart.getString("id"))
                                    .put("x", 0)
                                    .put("y", 0)
                                    .put("w", 4)
                                    .put("h", 3)))),
            201);
    answers.add(dashboard);
    answers.add(get(base() + "/dashboards/" + dashboard.getString("id")));
    answers.add(get(base() + "/dashboards"));
    answers.add(get(base() + "/dashboards/" + dashboard.getString("id") + "/versions"));
    answers.add(get(base() + "/dashboards/" + dashboard.getString("id") + "/changes"));

    List<String[]> seen = new ArrayList<>();
    for (JsonObject a : answers) timestamps(a, "", seen);
    List<String> keys = new ArrayList<>();
    for (String[] s : seen) {
      assertThat(s[1]).as("%s", s[0]).matches(MILLIS);
      keys.add(s[0].replaceAll(".*\\.", ""));
    }
    // the check saw the timestamps of each kind of resource, not nothing
    assertThat(keys).contains("createdAt", "updatedAt", "expiresAt", "addedAt", "at");
    assertThat(seen).hasSizeGreaterThan(25);
  }

  @Test
  void profilesWriteTimestampColumnsInTheSameFormat() {
    JsonObject profile = get(base() + "/datasets/" + dataset + "/profile");
    JsonObject at = null;
    for (Object c : profile.getJsonArray("columns")) {
      if ("at".equals(((JsonObject) c).getString("name"))) at = (JsonObject) c;
    }
    assertThat(at).as(profile.encode()).isNotNull();
    assertThat(at.getString("type")).isEqualTo("timestamp");
    assertThat(at.getString("min")).isEqualTo("2024-02-29T10:30:00.125Z");
    assertThat(at.getString("max")).isEqualTo("2024-03-02T23:59:59.500Z");
    JsonArray top = at.getJsonArray("topValues");
    assertThat(top).isNotEmpty();
    assertThat(top.getJsonObject(0).getString("value")).isEqualTo("2024-03-01T08:00:00.000Z");
    for (Object v : top) assertThat(((JsonObject) v).getString("value")).matches(MILLIS);
  }

  @Test
  void resultCellsOfTimestampColumnsUseTheFormatInJsonRowsAndExports() {
    String sql = "SELECT id, at FROM visits ORDER BY id";
    JsonObject answer =
        ok(
            app.api.post(base() + "/query", owner.accessToken(), new JsonObject().put("sql", sql)),
            200);
    JsonArray rows = answer.getJsonArray("rows");
    assertThat(rows.getJsonArray(0).getString(1)).isEqualTo("2024-02-29T10:30:00.125Z");
    assertThat(rows.getJsonArray(1).getString(1)).isEqualTo("2024-03-01T08:00:00.000Z");
    assertThat(rows.getJsonArray(2).getString(1)).isEqualTo("2024-03-02T23:59:59.500Z");

    JsonObject preview = get(base() + "/datasets/" + dataset + "/rows?limit=10");
    List<String[]> seen = new ArrayList<>();
    timestamps(preview.getJsonArray("rows"), "rows", seen);
    assertThat(seen).hasSize(4);
    for (String[] s : seen) assertThat(s[1]).as(s[0]).matches(MILLIS);

    HttpResponse<Buffer> nd = export(new JsonObject().put("sql", sql), "ndjson");
    String[] lines = nd.bodyAsString().split("\n");
    assertThat(new JsonObject(lines[0]).getString("at")).isEqualTo("2024-02-29T10:30:00.125Z");
    assertThat(new JsonObject(lines[1]).getString("at")).isEqualTo("2024-03-01T08:00:00.000Z");
    HttpResponse<Buffer> csv = export(new JsonObject().put("sql", sql), "csv");
    assertThat(csv.bodyAsString()).contains("\r\n3,2024-03-02T23:59:59.500Z\r\n");

    // timestamptz in UTC; a value with microseconds keeps them (a cell is never cut)
    JsonObject tz =
        ok(
            app.api.post(
                base() + "/query",
                owner.accessToken(),
                new JsonObject()
                    .put(
                        "sql",
                        "SELECT timestamptz '2024-01-01 02:00:00+02' AS tz,"
                            + " timestamp '2024-01-01 00:00:00.123456' AS micro")),
            200);
    assertThat(tz.getJsonArray("rows").getJsonArray(0).getString(0))
        .isEqualTo("2024-01-01T00:00:00.000Z");
    assertThat(tz.getJsonArray("rows").getJsonArray(0).getString(1))
        .isEqualTo("2024-01-01T00:00:00.123456Z");
  }

  static HttpResponse<Buffer> export(JsonObject body, String format) {
    String path = base() + "/query/export";
    HttpResponse<Buffer> r =
        await(
            app.http
                .post(path + "?format=" + format)
                .bearerTokenAuthentication(owner.accessToken())
                .sendJsonObject(body));
    ContractCheck.verify(HttpMethod.POST, path, r);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r;
  }
}
