package com.analyticsstudio.query;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.ContractCheck;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET …/query/jobs/{jobId}/result/export}: a succeeded job's stored rows as CSV, NDJSON or
 * XLSX, written exactly as {@code exportQuery} writes the same query's rows, with the job's {@code
 * truncated} announced the same way (row cap header, trailer, NDJSON's last line, XLSX sheet).
 */
class QueryJobExportIT {
  static TestApp app;
  static QueryApi q;
  static Session owner;
  static String project;

  /** Text a spreadsheet would run, an exact decimal, a big integer, a date and a timestamp. */
  static final String CELLS =
      "SELECT label, n, n * 2.50 AS amount, 9007199254740993::bigint + n AS big,"
          + " date '2024-02-29' + n::int AS day, timestamp '2024-02-29 10:30:00.125' + n * interval '1"
          + " hour' AS at FROM cells ORDER BY n";

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of());
    q = new QueryApi(app);
    owner = app.api.signup();
    project = app.api.createProject(owner, "job-export");
    q.upload(
        owner.accessToken(),
        project,
        "cells.csv",
        "label,n\n=cmd|' /C calc'!A0,1\n@SUM(A1),2\n\"a,b\",3\n-abc,4\nplain,5\n");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static String jobs() {
    return QueryApi.query(project) + "/jobs";
  }

  static String submit(JsonObject body) {
    HttpResponse<Buffer> r = q.call(HttpMethod.POST, jobs(), owner.accessToken(), body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
    return r.bodyAsJsonObject().getString("jobId");
  }

  static JsonObject waitFor(String jobId, String status) throws InterruptedException {
    JsonObject job = null;
    for (int i = 0; i < 600; i++) {
      job =
          q.call(HttpMethod.GET, jobs() + "/" + jobId, owner.accessToken(), null)
              .bodyAsJsonObject();
      if (status.equals(job.getString("status"))) return job;
      Thread.sleep(50);
    }
    throw new AssertionError("job did not become " + status + ": " + job);
  }

  static HttpResponse<Buffer> export(Session who, String jobId, String query) {
    String path = jobs() + "/" + jobId + "/result/export";
    var req = app.http.get(path + query);
    if (who != null) req.bearerTokenAuthentication(who.accessToken());
    HttpResponse<Buffer> r = QueryApi.await(req.send());
    ContractCheck.verify(HttpMethod.GET, path, r);
    return r;
  }

  @Test
  void aTruncatedJobExportsLikeTheQueryAndSaysItWasCut() throws Exception {
    JsonObject body = new JsonObject().put("sql", CELLS).put("limit", 3);
    String jobId = submit(body);
    JsonObject job = waitFor(jobId, "succeeded");
    assertThat(job.getBoolean("truncated")).isTrue();
    assertThat(job.getInteger("rowLimit")).isEqualTo(3);

    for (String format : new String[] {"csv", "ndjson"}) {
      HttpResponse<Buffer> direct =
          q.export(owner.accessToken(), project, body, "?format=" + format);
      HttpResponse<Buffer> r = export(owner, jobId, "?format=" + format);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      assertThat(r.getHeader("Content-Type")).isEqualTo(direct.getHeader("Content-Type"));
      assertThat(r.getHeader("Content-Disposition"))
          .isEqualTo("attachment; filename=\"query-job-" + jobId + "." + format + "\"");
      assertThat(r.getHeader(Exports.ROW_CAP_HEADER)).isEqualTo("3");
      assertThat(r.getHeader("Trailer")).isEqualTo(Exports.TRUNCATED_TRAILER);
      assertThat(r.trailers().get(Exports.TRUNCATED_TRAILER)).isEqualTo("true");
      // byte for byte what exportQuery writes for the same query and limit
      assertThat(r.bodyAsString()).as(format).isEqualTo(direct.bodyAsString());
    }

    String csv = export(owner, jobId, "?format=csv").bodyAsString();
    assertThat(csv)
        .startsWith("label,n,amount,big,day,at\r\n")
        .contains("'=cmd|' /C calc'!A0,1,2.50,9007199254740994,2024-03-01,")
        .contains("\r\n'@SUM(A1),2,5.00,9007199254740995,");
    assertThat(csv.split("\r\n")).hasSize(4);
    assertThat(export(owner, jobId, "?format=csv&escapeFormulas=false").bodyAsString())
        .contains("\r\n=cmd|' /C calc'!A0,1,");

    String[] lines = export(owner, jobId, "?format=ndjson").bodyAsString().split("\n");
    assertThat(lines).hasSize(4);
    assertThat(new JsonObject(lines[3]).getJsonObject("@end"))
        .isEqualTo(new JsonObject().put("rowCount", 3).put("truncated", true).put("rowCap", 3));
    assertThat(lines[0]).contains("\"amount\":2.50").contains("\"big\":\"9007199254740994\"");
    assertThat(
            new JsonObject(
                    export(owner, jobId, "?format=ndjson&numbers=string")
                        .bodyAsString()
                        .split("\n")[0])
                .getValue("n"))
        .isEqualTo("1");

    HttpResponse<Buffer> x = export(owner, jobId, "?format=xlsx");
    assertThat(x.statusCode()).isEqualTo(200);
    assertThat(x.getHeader(Exports.ROW_CAP_HEADER)).isEqualTo("3");
    assertThat(x.trailers().get(Exports.TRUNCATED_TRAILER)).isEqualTo("true");
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(x.body().getBytes()))) {
      Sheet rows = wb.getSheetAt(0);
      assertThat(rows.getLastRowNum()).isEqualTo(3);
      assertThat(rows.getRow(1).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(rows.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(1.0);
      assertThat(rows.getRow(1).getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(rows.getRow(1).getCell(4).getCellStyle().getDataFormatString())
          .isEqualTo("yyyy-mm-dd");
      assertThat(rows.getRow(1).getCell(0).getStringCellValue()).isEqualTo("=cmd|' /C calc'!A0");
      assertThat(wb.getNumberOfSheets()).isEqualTo(2);
      assertThat(wb.getSheetName(1)).isEqualTo("Truncated");
    }
  }

  @Test
  void aWholeJobOfManyPagesExportsEveryRowOnce() throws Exception {
    // more than one stored page (1,000 rows) and more than one export batch (2,000 rows)
    JsonObject body =
        new JsonObject().put("sql", "SELECT g, 'r' || g AS label FROM generate_series(1, 4500) g");
    String jobId = submit(body);
    JsonObject job = waitFor(jobId, "succeeded");
    assertThat(job.getBoolean("truncated")).isFalse();
    assertThat(job.getLong("rowCount")).isEqualTo(4500);

    HttpResponse<Buffer> r = export(owner, jobId, "?format=csv");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.getHeader(Exports.ROW_CAP_HEADER))
        .isEqualTo(String.valueOf(job.getInteger("rowLimit")));
    assertThat(r.trailers().get(Exports.TRUNCATED_TRAILER)).isEqualTo("false");
    String[] lines = r.bodyAsString().split("\r\n");
    assertThat(lines).hasSize(4501);
    for (int i = 1; i <= 4500; i++) assertThat(lines[i]).isEqualTo(i + ",r" + i);

    String[] nd = export(owner, jobId, "?format=ndjson").bodyAsString().split("\n");
    assertThat(nd).hasSize(4501);
    assertThat(new JsonObject(nd[4500]).getJsonObject("@end").getBoolean("truncated")).isFalse();
    assertThat(new JsonObject(nd[4500]).getJsonObject("@end").getLong("rowCount")).isEqualTo(4500);

    HttpResponse<Buffer> x = export(owner, jobId, "?format=xlsx");
    assertThat(x.trailers().get(Exports.TRUNCATED_TRAILER)).isEqualTo("false");
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(x.body().getBytes()))) {
      assertThat(wb.getSheetAt(0).getLastRowNum()).isEqualTo(4500);
      assertThat(wb.getSheetAt(0).getRow(4500).getCell(0).getNumericCellValue()).isEqualTo(4500.0);
      assertThat(wb.getNumberOfSheets()).isEqualTo(1);
    }
  }

  @Test
  void onlyASucceededJobOfTheCallersProjectExportsAndTheFormatIsChecked() throws Exception {
    String failing =
        submit(new JsonObject().put("sql", "SELECT 1 / (g - 3) FROM generate_series(1, 5) g"));
    waitFor(failing, "failed");
    HttpResponse<Buffer> r = export(owner, failing, "?format=csv");
    assertError(r, 409, "job_not_finished");
    assertThat(r.getHeader(Exports.ROW_CAP_HEADER)).isNull();

    String ok = submit(new JsonObject().put("sql", "SELECT 1 AS one"));
    waitFor(ok, "succeeded");
    assertError(export(owner, ok, ""), 400, "validation_failed");
    assertError(export(owner, ok, "?format=json"), 400, "validation_failed");
    assertError(export(owner, ok, "?format=csv&escapeFormulas=maybe"), 400, "validation_failed");
    assertError(export(owner, ok, "?format=ndjson&numbers=float"), 400, "validation_failed");
    assertError(export(owner, UUID.randomUUID().toString(), "?format=csv"), 404, "not_found");
    assertError(export(null, ok, "?format=csv"), 401, null);

    Session outsider = app.api.signup();
    assertError(export(outsider, ok, "?format=csv"), 404, null);
    Session viewer = app.api.signup();
    app.api.addMember(owner, project, viewer, "viewer");
    HttpResponse<Buffer> read = export(viewer, ok, "?format=csv");
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    assertThat(read.bodyAsString()).isEqualTo("one\r\n1\r\n");
  }
}
