package com.analyticsstudio.query;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Values round-trip exactly in every answer (JSON, NDJSON, CSV, job pages), every cut is announced,
 * and CSV text that a spreadsheet would run is escaped.
 */
class ExactValuesIT {
  static TestApp app;
  static QueryApi q;
  static Session owner;
  static String project;

  /** A bigint beyond 2^53, the largest safe one, a numeric no double holds, NaN, Infinity, 2.5. */
  static final String EXACT =
      "SELECT 9007199254740993::bigint AS big, 9007199254740991::bigint AS safe,"
          + " 12345678901234567890.123456789::numeric AS dec, 'NaN'::float8 AS nan,"
          + " 'Infinity'::float8 AS inf, 2.50::numeric AS plain, 'NaN'::numeric AS nnan";

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of());
    q = new QueryApi(app);
    owner = app.api.signup();
    project = app.api.createProject(owner, "exact");
    q.upload(
        owner.accessToken(),
        project,
        "cells.csv",
        "label,n\n=cmd|' /C calc'!A0,1\n@SUM(A1),-2\n+1+1,3\n-abc,4\nplain,5\n");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static JsonObject waitFor(String jobId) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    JsonObject job = null;
    while (System.currentTimeMillis() < deadline) {
      job =
          q.call(
                  HttpMethod.GET,
                  QueryApi.query(project) + "/jobs/" + jobId,
                  owner.accessToken(),
                  null)
              .bodyAsJsonObject();
      if ("succeeded".equals(job.getString("status"))) return job;
      Thread.sleep(50);
    }
    throw new AssertionError("job did not succeed: " + job);
  }

  private static JsonObject column(JsonObject answer, int i) {
    return answer.getJsonArray("columns").getJsonObject(i);
  }

  @Test
  void jsonAnswersKeepEveryDigitAndMarkStringColumns() {
    for (int attempt = 0; attempt < 2; attempt++) { // computed, then from the cache
      HttpResponse<Buffer> r = q.run(owner.accessToken(), project, EXACT);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      JsonObject a = r.bodyAsJsonObject();
      assertThat(a.getBoolean("cached")).isEqualTo(attempt == 1);
      assertThat(a.getJsonArray("rows").getJsonArray(0))
          .isEqualTo(
              new JsonArray()
                  .add("9007199254740993")
                  .add(9_007_199_254_740_991L)
                  .add("12345678901234567890.123456789")
                  .add("NaN")
                  .add("Infinity")
                  .add(2.5)
                  .add("NaN"));
      assertThat(r.bodyAsString()).contains(",9007199254740991,").contains(",2.50,");
      assertThat(column(a, 0).getString("encoding")).isEqualTo("string");
      assertThat(column(a, 1).containsKey("encoding")).isFalse();
      assertThat(column(a, 2).getString("encoding")).isEqualTo("string");
      assertThat(column(a, 3).getString("encoding")).isEqualTo("string");
      assertThat(column(a, 5).containsKey("encoding")).isFalse();
    }
  }

  @Test
  void numbersStringModeSendsEveryNumberAsText() {
    HttpResponse<Buffer> r =
        q.run(
            owner.accessToken(),
            project,
            new JsonObject().put("sql", EXACT),
            QueryApiIT.headers(),
            "?numbers=string");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject a = r.bodyAsJsonObject();
    assertThat(a.getJsonArray("rows").getJsonArray(0).getValue(1)).isEqualTo("9007199254740991");
    assertThat(a.getJsonArray("rows").getJsonArray(0).getValue(5)).isEqualTo("2.50");
    for (int i = 0; i < 7; i++) assertThat(column(a, i).getString("encoding")).isEqualTo("string");
    assertError(
        q.run(
            owner.accessToken(),
            project,
            new JsonObject().put("sql", EXACT),
            QueryApiIT.headers(),
            "?numbers=float"),
        400,
        "validation_failed");
  }

  @Test
  void ndjsonKeepsEveryDigitAndEndsWithASummaryLine() {
    HttpResponse<Buffer> r =
        q.export(
            owner.accessToken(), project, new JsonObject().put("sql", EXACT), "?format=ndjson");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    String[] lines = r.bodyAsString().split("\n");
    assertThat(lines).hasSize(2);
    JsonObject row = new JsonObject(lines[0]);
    assertThat(row.getValue("big")).isEqualTo("9007199254740993");
    assertThat(row.getValue("safe")).isEqualTo(9_007_199_254_740_991L);
    assertThat(row.getValue("dec")).isEqualTo("12345678901234567890.123456789");
    assertThat(row.getValue("nan")).isEqualTo("NaN");
    assertThat(row.getValue("inf")).isEqualTo("Infinity");
    assertThat(lines[0]).contains("\"plain\":2.50");
    assertThat(new JsonObject(lines[1]).getJsonObject("@end"))
        .isEqualTo(
            new JsonObject()
                .put("rowCount", 1)
                .put("truncated", false)
                .put("rowCap", app.config.queryEngine().exportMaxRows()));

    HttpResponse<Buffer> strings =
        q.export(
            owner.accessToken(),
            project,
            new JsonObject().put("sql", EXACT),
            "?format=ndjson&numbers=string");
    JsonObject srow = new JsonObject(strings.bodyAsString().split("\n")[0]);
    assertThat(srow.getValue("safe")).isEqualTo("9007199254740991");
    assertThat(srow.getValue("plain")).isEqualTo("2.50");
  }

  @Test
  void csvWritesTheExactDigits() {
    HttpResponse<Buffer> r =
        q.export(owner.accessToken(), project, new JsonObject().put("sql", EXACT), "?format=csv");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsString())
        .isEqualTo(
            "big,safe,dec,nan,inf,plain,nnan\r\n"
                + "9007199254740993,9007199254740991,12345678901234567890.123456789,NaN,Infinity,"
                + "2.50,NaN\r\n");
    assertThat(r.trailers().get(Exports.TRUNCATED_TRAILER)).isEqualTo("false");
  }

  @Test
  void jobPagesKeepEveryDigit() throws InterruptedException {
    HttpResponse<Buffer> submitted =
        q.call(
            HttpMethod.POST,
            QueryApi.query(project) + "/jobs",
            owner.accessToken(),
            new JsonObject().put("sql", EXACT));
    assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(202);
    String jobId = submitted.bodyAsJsonObject().getString("jobId");
    waitFor(jobId);
    JsonObject page =
        q.call(
                HttpMethod.GET,
                QueryApi.query(project) + "/jobs/" + jobId + "/result",
                owner.accessToken(),
                null)
            .bodyAsJsonObject();
    JsonArray row = page.getJsonArray("rows").getJsonArray(0);
    assertThat(row.getValue(0)).isEqualTo("9007199254740993");
    assertThat(row.getValue(2)).isEqualTo("12345678901234567890.123456789");
    assertThat(row.getValue(3)).isEqualTo("NaN");
    assertThat(column(page, 0).getString("encoding")).isEqualTo("string");
    assertThat(column(page, 1).containsKey("encoding")).isFalse();
  }

  @Test
  void everyCutIsAnnounced() throws Exception {
    JsonObject capped =
        new JsonObject().put("sql", "SELECT g FROM generate_series(1, 5) g").put("limit", 2);

    HttpResponse<Buffer> json = q.run(owner.accessToken(), project, capped);
    assertThat(json.bodyAsJsonObject().getBoolean("truncated")).isTrue();

    HttpResponse<Buffer> nd = q.export(owner.accessToken(), project, capped, "?format=ndjson");
    assertThat(nd.getHeader(Exports.ROW_CAP_HEADER)).isEqualTo("2");
    String[] lines = nd.bodyAsString().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(new JsonObject(lines[2]).getJsonObject("@end"))
        .isEqualTo(new JsonObject().put("rowCount", 2).put("truncated", true).put("rowCap", 2));
    assertThat(nd.trailers().get(Exports.TRUNCATED_TRAILER)).isEqualTo("true");

    HttpResponse<Buffer> csv = q.export(owner.accessToken(), project, capped, "?format=csv");
    assertThat(csv.getHeader(Exports.ROW_CAP_HEADER)).isEqualTo("2");
    assertThat(csv.getHeader("Trailer")).isEqualTo(Exports.TRUNCATED_TRAILER);
    assertThat(csv.bodyAsString()).isEqualTo("g\r\n1\r\n2\r\n");
    assertThat(csv.trailers().get(Exports.TRUNCATED_TRAILER)).isEqualTo("true");

    HttpResponse<Buffer> whole =
        q.export(owner.accessToken(), project, capped.copy().put("limit", 5), "?format=csv");
    assertThat(whole.trailers().get(Exports.TRUNCATED_TRAILER)).isEqualTo("false");

    HttpResponse<Buffer> x = q.export(owner.accessToken(), project, capped, "?format=xlsx");
    assertThat(x.statusCode()).isEqualTo(200);
    assertThat(x.getHeader(Exports.ROW_CAP_HEADER)).isEqualTo("2");
    assertThat(x.trailers().get(Exports.TRUNCATED_TRAILER)).isEqualTo("true");
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(x.body().getBytes()))) {
      assertThat(wb.getSheetAt(0).getLastRowNum()).isEqualTo(2);
      assertThat(wb.getSheetName(1)).isEqualTo("Truncated");
    }

    HttpResponse<Buffer> job =
        q.call(HttpMethod.POST, QueryApi.query(project) + "/jobs", owner.accessToken(), capped);
    JsonObject done = waitFor(job.bodyAsJsonObject().getString("jobId"));
    assertThat(done.getBoolean("truncated")).isTrue();
    assertThat(done.getLong("rowCount")).isEqualTo(2);
  }

  @Test
  void xlsxCellsAreTyped() throws Exception {
    HttpResponse<Buffer> x =
        q.export(
            owner.accessToken(),
            project,
            new JsonObject()
                .put(
                    "sql",
                    "SELECT 33::bigint AS n, 2.5::numeric AS d, DATE '2024-01-02' AS day,"
                        + " TIMESTAMPTZ '2024-01-02 03:04:05+00' AS at, 9007199254740993 AS big"),
            "?format=xlsx");
    assertThat(x.statusCode()).as(x.bodyAsString()).isEqualTo(200);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(x.body().getBytes()))) {
      var row = wb.getSheetAt(0).getRow(1);
      assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(33.0);
      assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(2.5);
      assertThat(row.getCell(2).getLocalDateTimeCellValue().toString())
          .isEqualTo("2024-01-02T00:00");
      assertThat(row.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
      assertThat(row.getCell(3).getLocalDateTimeCellValue().toString())
          .isEqualTo("2024-01-02T03:04:05");
      assertThat(row.getCell(4).getStringCellValue()).isEqualTo("9007199254740993");
    }
    assertThat(XlsxWriterTest.SheetXml.of(x.body().getBytes())).contains("<v>33</v>");
  }

  @Test
  void csvEscapesCellsThatSpreadsheetsWouldRun() {
    JsonObject body = new JsonObject().put("sql", "SELECT label, n FROM cells ORDER BY n");
    HttpResponse<Buffer> r = q.export(owner.accessToken(), project, body, "?format=csv");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsString())
        .isEqualTo(
            "label,n\r\n'@SUM(A1),-2\r\n'=cmd|' /C calc'!A0,1\r\n'+1+1,3\r\n'-abc,4\r\nplain,5\r\n");

    HttpResponse<Buffer> raw =
        q.export(owner.accessToken(), project, body, "?format=csv&escapeFormulas=false");
    assertThat(raw.bodyAsString())
        .isEqualTo(
            "label,n\r\n@SUM(A1),-2\r\n=cmd|' /C calc'!A0,1\r\n+1+1,3\r\n-abc,4\r\nplain,5\r\n");
    assertError(
        q.export(owner.accessToken(), project, body, "?format=csv&escapeFormulas=maybe"),
        400,
        "validation_failed");
  }

  @Test
  void runQueryRefusesExportFormatsAndNamesTheExportOperation() {
    HttpResponse<Buffer> r =
        q.run(
            owner.accessToken(),
            project,
            new JsonObject().put("sql", "SELECT 1"),
            QueryApiIT.headers(),
            "?format=csv");
    assertError(r, 400, "validation_failed");
    assertThat(r.bodyAsString()).contains("/query/export");
    assertError(
        q.export(owner.accessToken(), project, new JsonObject().put("sql", "SELECT 1"), ""),
        400,
        "validation_failed");
  }
}
