package com.analyticsstudio.query;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.Db;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The query API end to end: results, cache, access, limits, exports, jobs, explain. */
class QueryApiIT {
  static TestApp app;
  static QueryApi q;
  static Session owner;
  static String project;
  static String datasetId;

  static final String WEATHER =
      "date,weather,temp_max\n2024-01-01,sun,10.5\n2024-01-02,rain,8.0\n2024-01-03,sun,12.0\n";
  static final String AGGREGATE =
      "SELECT weather, count(*) AS n, avg(temp_max) AS t FROM weather GROUP BY weather ORDER BY weather";

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("MAX_QUERY_ROWS", "3000", "SLOW_QUERY_MS", "0"));
    q = new QueryApi(app);
    owner = app.api.signup();
    project = app.api.createProject(owner, "weather");
    datasetId = q.upload(owner.accessToken(), project, "weather.csv", WEATHER).getString("id");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static MultiMap headers(String... kv) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < kv.length; i += 2) m.add(kv[i], kv[i + 1]);
    return m;
  }

  @Test
  void runsSqlOverDatasetTableNamesAndCachesTheAnswer() {
    HttpResponse<Buffer> first =
        q.run(
            owner.accessToken(),
            project,
            "SELECT weather, count(*) AS n FROM weather GROUP BY weather ORDER BY 1");
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    JsonObject r = first.bodyAsJsonObject();
    assertThat(r.getJsonArray("columns").getJsonObject(0).getString("name")).isEqualTo("weather");
    assertThat(r.getJsonArray("columns").getJsonObject(1).getString("type")).isEqualTo("integer");
    assertThat(r.getJsonArray("rows")).isEqualTo(new JsonArray("[[\"rain\",1],[\"sun\",2]]"));
    assertThat(r.getInteger("rowCount")).isEqualTo(2);
    assertThat(r.getBoolean("truncated")).isFalse();
    assertThat(r.getLong("elapsedMs")).isNotNegative();
    assertThat(r.getBoolean("cached")).isFalse();
    assertThat(first.getHeader("RateLimit-Limit")).isEqualTo("600000");
    assertThat(first.getHeader("RateLimit-Remaining")).isNotNull();
    assertThat(first.getHeader("RateLimit-Reset")).isNotNull();

    // Cosmetic edits normalise to the same statement: served from the cache.
    HttpResponse<Buffer> again =
        q.run(
            owner.accessToken(),
            project,
            "select   weather, COUNT(*) as n from weather -- again\n group by weather order by 1;");
    assertThat(again.bodyAsJsonObject().getBoolean("cached")).isTrue();
    assertThat(again.bodyAsJsonObject().getJsonArray("rows")).isEqualTo(r.getJsonArray("rows"));

    HttpResponse<Buffer> bypass =
        q.run(
            owner.accessToken(),
            project,
            new JsonObject()
                .put(
                    "sql",
                    "SELECT weather, count(*) AS n FROM weather GROUP BY weather ORDER BY 1"),
            headers("Cache-Control", "no-cache"),
            "");
    assertThat(bypass.bodyAsJsonObject().getBoolean("cached")).isFalse();
    assertThat(bypass.bodyAsJsonObject().getJsonArray("rows")).isEqualTo(r.getJsonArray("rows"));
  }

  @Test
  void aNewDatasetVersionIsNeverServedFromAnOldCacheEntry() {
    Session s = app.api.signup();
    String p = app.api.createProject(s, "versions");
    String id =
        q.upload(s.accessToken(), p, "scores.csv", "name,score\na,1\nb,2\n").getString("id");
    String sql = "SELECT sum(score) AS total FROM scores";
    assertThat(q.run(s.accessToken(), p, sql).bodyAsJsonObject().getJsonArray("rows"))
        .isEqualTo(new JsonArray("[[3]]"));
    assertThat(q.run(s.accessToken(), p, sql).bodyAsJsonObject().getBoolean("cached")).isTrue();

    q.replace(s.accessToken(), p, id, "scores.csv", "name,score\na,10\nb,20\nc,30\n");
    JsonObject after = q.run(s.accessToken(), p, sql).bodyAsJsonObject();
    assertThat(after.getBoolean("cached")).isFalse();
    assertThat(after.getJsonArray("rows")).isEqualTo(new JsonArray("[[60]]"));
  }

  @Test
  void viewersEditorsAndOwnersMayQueryStrangersGet404() {
    Session viewer = app.api.signup();
    Session editor = app.api.signup();
    Session stranger = app.api.signup();
    app.api.addMember(owner, project, viewer, "viewer");
    app.api.addMember(owner, project, editor, "editor");
    assertThat(q.run(viewer.accessToken(), project, AGGREGATE).statusCode()).isEqualTo(200);
    assertThat(q.run(editor.accessToken(), project, AGGREGATE).statusCode()).isEqualTo(200);
    assertThat(q.run(owner.accessToken(), project, AGGREGATE).statusCode()).isEqualTo(200);
    assertError(q.run(stranger.accessToken(), project, AGGREGATE), 404, "not_found");
    assertError(
        q.call(
            HttpMethod.POST,
            QueryApi.query(project) + "/explain",
            stranger.accessToken(),
            new JsonObject().put("sql", AGGREGATE)),
        404,
        "not_found");
    assertError(
        q.call(
            HttpMethod.POST,
            QueryApi.query(project) + "/jobs",
            stranger.accessToken(),
            new JsonObject().put("sql", AGGREGATE)),
        404,
        "not_found");
    assertError(
        q.export(
            stranger.accessToken(), project, new JsonObject().put("sql", AGGREGATE), "?format=csv"),
        404,
        "not_found");
    assertError(q.run(null, project, AGGREGATE), 401, "unauthorized");
  }

  @Test
  void projectsWithTheSameSqlNeverShareACacheEntry() {
    Session a = app.api.signup();
    Session b = app.api.signup();
    String pa = app.api.createProject(a, "a");
    String pb = app.api.createProject(b, "b");
    q.upload(a.accessToken(), pa, "t.csv", "v\nalpha\n");
    q.upload(b.accessToken(), pb, "t.csv", "v\nbravo\n");
    String sql = "SELECT v FROM t";
    assertThat(q.run(a.accessToken(), pa, sql).bodyAsJsonObject().getJsonArray("rows"))
        .isEqualTo(new JsonArray("[[\"alpha\"]]"));
    JsonObject fromB = q.run(b.accessToken(), pb, sql).bodyAsJsonObject();
    assertThat(fromB.getBoolean("cached")).isFalse();
    assertThat(fromB.getJsonArray("rows")).isEqualTo(new JsonArray("[[\"bravo\"]]"));
    JsonObject aAgain = q.run(a.accessToken(), pa, sql).bodyAsJsonObject();
    assertThat(aAgain.getBoolean("cached")).isTrue();
    assertThat(aAgain.getJsonArray("rows")).isEqualTo(new JsonArray("[[\"alpha\"]]"));
  }

  @Test
  void limitsDefaultToOneThousandAndAreCappedByMaxQueryRows() {
    String sql = "SELECT g FROM generate_series(1, 5000) g";
    JsonObject byDefault = q.run(owner.accessToken(), project, sql).bodyAsJsonObject();
    assertThat(byDefault.getInteger("rowCount")).isEqualTo(1000);
    assertThat(byDefault.getBoolean("truncated")).isTrue();
    JsonObject ten =
        q.run(owner.accessToken(), project, new JsonObject().put("sql", sql).put("limit", 10))
            .bodyAsJsonObject();
    assertThat(ten.getInteger("rowCount")).isEqualTo(10);
    assertThat(ten.getJsonArray("rows").getJsonArray(9).getInteger(0)).isEqualTo(10);
    JsonObject capped =
        q.run(owner.accessToken(), project, new JsonObject().put("sql", sql).put("limit", 100_000))
            .bodyAsJsonObject();
    assertThat(capped.getInteger("rowCount")).isEqualTo(3000);
    assertThat(capped.getBoolean("truncated")).isTrue();
    JsonObject all =
        q.run(
                owner.accessToken(),
                project,
                new JsonObject()
                    .put("sql", "SELECT g FROM generate_series(1, 20) g")
                    .put("limit", 20))
            .bodyAsJsonObject();
    assertThat(all.getBoolean("truncated")).isFalse();
    assertError(
        q.run(owner.accessToken(), project, new JsonObject().put("sql", sql).put("limit", 0)),
        400,
        null);
  }

  @Test
  void runawayQueriesStopAtTheTimeout() {
    HttpResponse<Buffer> r =
        q.run(
            owner.accessToken(),
            project,
            new JsonObject()
                .put(
                    "sql",
                    "SELECT count(*) FROM generate_series(1, 100000000) a, generate_series(1, 100000000) b")
                .put("timeoutSeconds", 1));
    assertError(r, 422, "query_timeout");
  }

  @Test
  void badSqlGetsTheEnvelopeWithPostgresMessage() {
    assertError(
        q.run(owner.accessToken(), project, "SELECT nope FROM weather"), 422, "query_failed");
    assertError(q.run(owner.accessToken(), project, "DELETE FROM weather"), 403, "only_select");
    assertError(q.run(owner.accessToken(), project, new JsonObject()), 400, "validation_failed");
  }

  @Test
  void explainReturnsThePlanWithoutRunning() {
    HttpResponse<Buffer> r =
        q.call(
            HttpMethod.POST,
            QueryApi.query(project) + "/explain",
            owner.accessToken(),
            new JsonObject().put("sql", AGGREGATE));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonObject("plan").getJsonObject("Plan")).isNotNull();
    // A statement that would time out is only planned: it answers at once.
    HttpResponse<Buffer> big =
        q.call(
            HttpMethod.POST,
            QueryApi.query(project) + "/explain",
            owner.accessToken(),
            new JsonObject()
                .put(
                    "sql",
                    "SELECT count(*) FROM generate_series(1, 100000000) a, generate_series(1, 100000000) b"));
    assertThat(big.statusCode()).isEqualTo(200);
    assertError(
        q.call(
            HttpMethod.POST,
            QueryApi.query(project) + "/explain",
            owner.accessToken(),
            new JsonObject().put("sql", "SELECT * FROM users")),
        403,
        "table_not_allowed");
  }

  @Test
  void csvExportStreamsManyRowsWithFlatMemory() throws Exception {
    int rows = 400_000;
    String sql =
        "SELECT g AS n, 'row ' || g || ' of the export, padded' AS label, g * 0.5 AS half FROM generate_series(1, "
            + rows
            + ") g";
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    AtomicLong peak = new AtomicLong(before);
    // Live memory, not garbage: how much heap the collector leaves in use while the export runs
    // (sampled right after a full collection, on a thread of its own so no event loop stalls).
    // Used heap without a collection only says how lazily the collector ran.
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (sampling.get()) {
                System.gc();
                peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                LockSupport.parkNanos(250_000_000L);
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    AtomicLong lines = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    HttpClient client = app.vertx.createHttpClient();
    String[] head = new String[3];
    byte[] firstLine = new byte[64];
    try {
      QueryApi.await(
          client
              .request(
                  new RequestOptions()
                      .setMethod(HttpMethod.POST)
                      .setHost("localhost")
                      .setPort(app.config.port())
                      .setURI(QueryApi.query(project) + "/export?format=csv"))
              .compose(
                  req ->
                      req.putHeader("Authorization", "Bearer " + owner.accessToken())
                          .putHeader("Content-Type", "application/json")
                          .send(new JsonObject().put("sql", sql).put("limit", 5_000_000).encode()))
              .compose(
                  resp -> {
                    head[0] = String.valueOf(resp.statusCode());
                    head[1] = resp.getHeader("Content-Type");
                    head[2] = resp.getHeader("Content-Disposition");
                    resp.handler(
                        buf -> {
                          if (bytes.get() == 0)
                            buf.getBytes(0, Math.min(64, buf.length()), firstLine);
                          bytes.addAndGet(buf.length());
                          for (int i = 0; i < buf.length(); i++)
                            if (buf.getByte(i) == '\n') lines.incrementAndGet();
                        });
                    return resp.end();
                  }));
    } finally {
      sampling.set(false);
      client.close();
    }
    assertThat(head[0]).as(new String(firstLine, StandardCharsets.UTF_8)).isEqualTo("200");
    assertThat(head[1]).startsWith("text/csv");
    assertThat(head[2]).startsWith("attachment; filename=\"query-").endsWith(".csv\"");
    assertThat(new String(firstLine)).startsWith("n,label,half\r\n");
    assertThat(lines.get()).isEqualTo(rows + 1);
    assertThat(bytes.get()).isGreaterThan(15_000_000L);
    // Holding the rows would take hundreds of MB, the body alone over 15 MB; streaming keeps a few
    // batches.
    System.out.println(
        "csv export: live heap growth "
            + (peak.get() - before) / 1024
            + " KB for "
            + bytes.get() / 1024
            + " KB sent");
    assertThat(peak.get() - before)
        .as("live heap growth while exporting")
        .isLessThan(16L * 1024 * 1024);
  }

  @Test
  void ndjsonAndXlsxExportsHaveEveryRow() throws Exception {
    String sql = "SELECT g AS n, g::text AS s, g % 2 = 0 AS even FROM generate_series(1, 2500) g";
    HttpResponse<Buffer> nd =
        q.export(
            owner.accessToken(),
            project,
            new JsonObject().put("sql", sql).put("limit", 2500),
            "?format=ndjson");
    assertThat(nd.statusCode()).isEqualTo(200);
    assertThat(nd.getHeader("Content-Type")).startsWith("application/x-ndjson");
    String[] lines = nd.bodyAsString().split("\n");
    assertThat(lines).hasSize(2501);
    assertThat(new JsonObject(lines[2500]))
        .isEqualTo(
            new JsonObject()
                .put(
                    "@end",
                    new JsonObject()
                        .put("rowCount", 2500)
                        .put("truncated", false)
                        .put("rowCap", 2500)));
    assertThat(new JsonObject(lines[1]))
        .isEqualTo(new JsonObject().put("n", 2).put("s", "2").put("even", true));

    HttpResponse<Buffer> x =
        q.export(owner.accessToken(), project, new JsonObject().put("sql", sql), "?format=xlsx");
    assertThat(x.statusCode()).as(x.bodyAsString()).isEqualTo(200);
    assertThat(x.getHeader("Content-Disposition")).endsWith(".xlsx\"");
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(x.body().getBytes()))) {
      var sheet = wb.getSheetAt(0);
      assertThat(sheet.getLastRowNum()).isEqualTo(2500);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("n");
      assertThat(sheet.getRow(2500).getCell(0).getNumericCellValue()).isEqualTo(2500.0);
      assertThat(sheet.getRow(2).getCell(2).getBooleanCellValue()).isTrue();
    }
    // The export's own limit applies; an unknown format is refused.
    HttpResponse<Buffer> ten =
        q.export(
            owner.accessToken(),
            project,
            new JsonObject().put("sql", sql).put("limit", 10),
            "?format=csv");
    assertThat(ten.bodyAsString().split("\r\n")).hasSize(11);
    assertError(
        q.export(owner.accessToken(), project, new JsonObject().put("sql", sql), "?format=pdf"),
        400,
        null);
  }

  @Test
  void jobsRunInTheBackgroundAndPageTheirResult() throws Exception {
    HttpResponse<Buffer> submitted =
        q.call(
            HttpMethod.POST,
            QueryApi.query(project) + "/jobs",
            owner.accessToken(),
            new JsonObject()
                .put("sql", "SELECT g, g * 2 AS twice FROM generate_series(1, 2500) g ORDER BY g"));
    assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(202);
    String jobId = submitted.bodyAsJsonObject().getString("jobId");
    assertThat(submitted.bodyAsJsonObject().getString("status")).isEqualTo("queued");
    JsonObject job = waitFor(owner, project, jobId, "succeeded");
    assertThat(job.getLong("rowCount")).isEqualTo(2500);
    assertThat(job.getBoolean("truncated")).isFalse();

    HttpResponse<Buffer> page =
        q.call(
            HttpMethod.GET,
            QueryApi.query(project) + "/jobs/" + jobId + "/result?offset=995&limit=10",
            owner.accessToken(),
            null);
    assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
    JsonObject p = page.bodyAsJsonObject();
    assertThat(p.getJsonArray("rows")).hasSize(10);
    assertThat(p.getJsonArray("rows").getJsonArray(0)).isEqualTo(new JsonArray("[996,1992]"));
    assertThat(p.getJsonArray("rows").getJsonArray(9)).isEqualTo(new JsonArray("[1005,2010]"));
    assertThat(p.getJsonArray("columns").getJsonObject(1).getString("name")).isEqualTo("twice");
    JsonObject tail =
        q.call(
                HttpMethod.GET,
                QueryApi.query(project) + "/jobs/" + jobId + "/result?offset=2495&limit=100",
                owner.accessToken(),
                null)
            .bodyAsJsonObject();
    assertThat(tail.getJsonArray("rows")).hasSize(5);

    Session stranger = app.api.signup();
    assertError(
        q.call(
            HttpMethod.GET,
            QueryApi.query(project) + "/jobs/" + jobId,
            stranger.accessToken(),
            null),
        404,
        "not_found");
    String other = app.api.createProject(stranger, "other");
    assertError(
        q.call(
            HttpMethod.GET, QueryApi.query(other) + "/jobs/" + jobId, stranger.accessToken(), null),
        404,
        "not_found");
    assertError(
        q.call(
            HttpMethod.GET,
            QueryApi.query(project) + "/jobs/" + jobId + "/result",
            stranger.accessToken(),
            null),
        404,
        "not_found");

    // A refused statement is refused at once, not as a failed job.
    assertError(
        q.call(
            HttpMethod.POST,
            QueryApi.query(project) + "/jobs",
            owner.accessToken(),
            new JsonObject().put("sql", "SELECT * FROM users")),
        403,
        "table_not_allowed");
    // A job failing in the database says why.
    String failing =
        q.call(
                HttpMethod.POST,
                QueryApi.query(project) + "/jobs",
                owner.accessToken(),
                new JsonObject().put("sql", "SELECT 1 / (g - 3) FROM generate_series(1, 5) g"))
            .bodyAsJsonObject()
            .getString("jobId");
    JsonObject failed = waitFor(owner, project, failing, "failed");
    assertThat(failed.getJsonObject("error").getString("code")).isEqualTo("query_failed");
    assertError(
        q.call(
            HttpMethod.GET,
            QueryApi.query(project) + "/jobs/" + failing + "/result",
            owner.accessToken(),
            null),
        409,
        "job_not_finished");
  }

  @Test
  void cancellingAJobStopsItsStatementInsidePostgres() throws Exception {
    String runaway =
        "SELECT count(*) FROM generate_series(1, 100000000) a, generate_series(1, 100000000) b";
    String jobId =
        q.call(
                HttpMethod.POST,
                QueryApi.query(project) + "/jobs",
                owner.accessToken(),
                new JsonObject().put("sql", runaway).put("timeoutSeconds", 120))
            .bodyAsJsonObject()
            .getString("jobId");
    waitFor(owner, project, jobId, "running");
    String tag = "as-job-" + jobId;
    long deadline = System.currentTimeMillis() + 10_000;
    while (activeBackends(tag) == 0 && System.currentTimeMillis() < deadline) Thread.sleep(50);
    assertThat(activeBackends(tag)).as("the job's statement runs in PostgreSQL").isEqualTo(1);

    Session viewer = app.api.signup();
    app.api.addMember(owner, project, viewer, "viewer");
    assertError(
        q.call(
            HttpMethod.DELETE,
            QueryApi.query(project) + "/jobs/" + jobId,
            viewer.accessToken(),
            null),
        403,
        null);

    HttpResponse<Buffer> cancelled =
        q.call(
            HttpMethod.DELETE,
            QueryApi.query(project) + "/jobs/" + jobId,
            owner.accessToken(),
            null);
    assertThat(cancelled.statusCode()).as(cancelled.bodyAsString()).isEqualTo(200);
    assertThat(cancelled.bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
    deadline = System.currentTimeMillis() + 5_000;
    while (activeBackends(tag) > 0 && System.currentTimeMillis() < deadline) Thread.sleep(50);
    assertThat(activeBackends(tag)).as("the statement is gone from pg_stat_activity").isZero();
    Thread.sleep(300);
    assertThat(
            q.call(
                    HttpMethod.GET,
                    QueryApi.query(project) + "/jobs/" + jobId,
                    owner.accessToken(),
                    null)
                .bodyAsJsonObject()
                .getString("status"))
        .isEqualTo("cancelled");
    // The pool is healthy afterwards.
    assertThat(
            q.run(owner.accessToken(), project, new JsonObject().put("sql", AGGREGATE))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void metricsCountCacheHitsAndMisses() {
    q.run(owner.accessToken(), project, AGGREGATE);
    q.run(owner.accessToken(), project, AGGREGATE);
    String metrics = app.api.get("/metrics", null).bodyAsString();
    assertThat(metrics)
        .contains("query_cache_hits_total")
        .contains("query_cache_misses_total")
        .contains("query_latency_seconds_count")
        .contains("query_pool_in_use");
  }

  static long activeBackends(String applicationName) throws Exception {
    try (Connection c = Db.jdbc(app.database);
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                        + "AND application_name = '"
                        + applicationName
                        + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static JsonObject waitFor(Session s, String p, String jobId, String status)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    JsonObject job = null;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<Buffer> r =
          q.call(HttpMethod.GET, QueryApi.query(p) + "/jobs/" + jobId, s.accessToken(), null);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      job = r.bodyAsJsonObject();
      if (status.equals(job.getString("status"))) return job;
      Thread.sleep(50);
    }
    throw new AssertionError("job did not reach " + status + ": " + job);
  }
}
