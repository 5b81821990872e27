package com.analyticsstudio.query;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resource ceilings of user SQL, as a hostile tenant meets them: PostgreSQL's temp_file_limit (set
 * by the non-superuser app role of provision.sql, through V22's grant), the byte cap of a JSON
 * result, and the caps on a project's jobs (active, kept, stored bytes) and on one job's result.
 * Every one is a 4xx with a message, never a 500.
 */
class CeilingsIT {
  private static TestApp app;
  private static QueryApi q;
  private static Session owner;

  @BeforeAll
  static void start() {
    app =
        TestApp.startAsAppRole(
            Map.of(
                "QUERY_TEMP_FILE_LIMIT_MB", "1",
                "QUERY_WORK_MEM_MB", "1",
                "QUERY_MAX_RESULT_MB", "1",
                "QUERY_JOB_MAX_RESULT_MB", "1",
                "QUERY_JOB_MAX_ACTIVE_PER_PROJECT", "2",
                "QUERY_JOB_MAX_STORED_PER_PROJECT", "3",
                "QUERY_JOB_MAX_STORED_MB_PER_PROJECT", "1",
                "QUERY_TIMEOUT_SECONDS", "20"));
    q = new QueryApi(app);
    owner = app.api.signup();
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
  }

  private static HttpResponse<Buffer> query(String project, JsonObject body) {
    return q.run(
        owner.accessToken(),
        project,
        body,
        MultiMap.caseInsensitiveMultiMap().add("Cache-Control", "no-cache"),
        "");
  }

  @Test
  void anExportRowOverSixteenMegabytesIsRefusedBeforeAnyByteIsWritten() {
    String p = app.api.createProject(owner, "one huge row");
    JsonObject huge = new JsonObject().put("sql", "SELECT repeat('x', 20000000) AS big");
    for (String format : List.of("?format=csv", "?format=ndjson", "?format=xlsx")) {
      HttpResponse<Buffer> r = q.export(owner.accessToken(), p, huge, format);
      JsonObject error = assertError(r, 422, "result_too_large");
      assertThat(error.getJsonObject("details").getString("limit")).as(format).isEqualTo("row");
    }
    // A row under the cap streams as before, whole.
    HttpResponse<Buffer> fine =
        q.export(
            owner.accessToken(),
            p,
            new JsonObject().put("sql", "SELECT repeat('y', 2000000) AS big"),
            "?format=csv");
    assertThat(fine.statusCode()).isEqualTo(200);
    assertThat(fine.bodyAsString()).contains("y".repeat(2_000_000));
  }

  @Test
  void aQueryThatSpillsPastTheTempFileLimitIs422WithAMessage() {
    String p = app.api.createProject(owner, "spill");
    HttpResponse<Buffer> r =
        query(
            p,
            new JsonObject()
                .put(
                    "sql",
                    "SELECT count(*) FROM (SELECT g, md5(g::text) AS h FROM generate_series(1, 300000) g"
                        + " ORDER BY h) s"));
    JsonObject error = assertError(r, 422, "query_too_large");
    assertThat(error.getString("message")).contains("temporary disk space");
    assertThat(error.getJsonObject("details").getString("limit")).isEqualTo("temp_file_limit");
    // The string-doubling recursive CTE of the report is stopped the same way, not at 1.6 GB.
    HttpResponse<Buffer> doubling =
        query(
            p,
            new JsonObject()
                .put(
                    "sql",
                    "WITH RECURSIVE r(s, n) AS (SELECT 'x'::text, 1 UNION ALL"
                        + " SELECT s || s, n + 1 FROM r WHERE n < 40) SELECT max(length(s)) FROM r"));
    assertThat(doubling.statusCode()).as(doubling.bodyAsString()).isEqualTo(422);
    // The project still answers small queries.
    assertThat(query(p, new JsonObject().put("sql", "SELECT 1")).statusCode()).isEqualTo(200);
  }

  @Test
  void aJsonResultOverTheByteCapIs422ResultTooLarge() {
    String p = app.api.createProject(owner, "wide");
    HttpResponse<Buffer> r =
        query(
            p,
            new JsonObject()
                .put("sql", "SELECT repeat('x', 1000) AS wide FROM generate_series(1, 2000)")
                .put("limit", 5000));
    JsonObject error = assertError(r, 422, "result_too_large");
    assertThat(error.getString("message")).contains("1 MB").contains("export");
    HttpResponse<Buffer> under =
        query(
            p,
            new JsonObject()
                .put("sql", "SELECT repeat('x', 1000) AS wide FROM generate_series(1, 500)")
                .put("limit", 5000));
    assertThat(under.statusCode()).as(under.bodyAsString()).isEqualTo(200);
    assertThat(under.bodyAsJsonObject().getInteger("rowCount")).isEqualTo(500);
  }

  @Test
  void aJobWhoseResultOutgrowsItsByteCapFailsWithResultTooLarge() throws Exception {
    String p = app.api.createProject(owner, "bigjob");
    String job = submit(p, "SELECT repeat('x', 1000) FROM generate_series(1, 3000)");
    JsonObject failed = waitFor(p, job, "failed");
    assertThat(failed.getJsonObject("error").getString("code")).isEqualTo("result_too_large");
    assertThat(failed.getJsonObject("error").getString("message")).contains("MB");
  }

  @Test
  void aProjectKeepsABoundedNumberOfJobsAndBytesOfResults() throws Exception {
    String p = app.api.createProject(owner, "kept");
    for (int i = 0; i < 3; i++) waitFor(p, submit(p, "SELECT " + i), "succeeded");
    JsonObject error = assertError(submitResponse(p, "SELECT 4"), 429, "job_storage_full").copy();
    assertThat(error.getString("message")).contains("QUERY_JOB_MAX_STORED_PER_PROJECT");

    String heavy = app.api.createProject(owner, "heavy");
    // Two results of about 0.6 MB each: together over the project's 1 MB.
    for (int i = 0; i < 2; i++) {
      waitFor(
          heavy,
          submit(heavy, "SELECT repeat('y', 1000), " + i + " FROM generate_series(1, 600)"),
          "succeeded");
    }
    HttpResponse<Buffer> full = submitResponse(heavy, "SELECT 1");
    JsonObject bytes = assertError(full, 429, "job_storage_full");
    assertThat(bytes.getJsonObject("details").getLong("storedBytes")).isGreaterThan(1024 * 1024);
    assertThat(Integer.parseInt(full.getHeader("Retry-After"))).isPositive();
  }

  @Test
  void aProjectRunsABoundedNumberOfJobsAtOnce() throws Exception {
    String p = app.api.createProject(owner, "active");
    String slow =
        "SELECT count(*) FROM generate_series(1, 100000000) a, generate_series(1, 100000000) b";
    String one = submit(p, slow);
    String two = submit(p, slow);
    HttpResponse<Buffer> third = submitResponse(p, slow);
    JsonObject error = assertError(third, 429, "too_many_jobs");
    assertThat(error.getString("message")).contains("QUERY_JOB_MAX_ACTIVE_PER_PROJECT");
    assertThat(third.getHeader("Retry-After")).isNotBlank();
    for (String job : new String[] {one, two}) {
      HttpResponse<Buffer> cancelled =
          q.call(HttpMethod.DELETE, QueryApi.query(p) + "/jobs/" + job, owner.accessToken(), null);
      assertThat(cancelled.statusCode()).as(cancelled.bodyAsString()).isIn(200, 202);
    }
    assertThat(submitResponse(p, "SELECT 1").statusCode()).isEqualTo(202);
  }

  private static HttpResponse<Buffer> submitResponse(String p, String sql) {
    return q.call(
        HttpMethod.POST,
        QueryApi.query(p) + "/jobs",
        owner.accessToken(),
        new JsonObject().put("sql", sql));
  }

  private static String submit(String p, String sql) {
    HttpResponse<Buffer> r = submitResponse(p, sql);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
    return r.bodyAsJsonObject().getString("jobId");
  }

  private static JsonObject waitFor(String p, String jobId, String status)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    JsonObject job = null;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<Buffer> r =
          q.call(HttpMethod.GET, QueryApi.query(p) + "/jobs/" + jobId, owner.accessToken(), null);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      job = r.bodyAsJsonObject();
      if (status.equals(job.getString("status"))) return job;
      assertThat(job.getString("status")).as("job %s", job).isIn("queued", "running");
      Thread.sleep(100);
    }
    throw new AssertionError("job did not reach " + status + ": " + job);
  }
}
