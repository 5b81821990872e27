package com.analyticsstudio.idempotency;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.Db;
import com.analyticsstudio.support.Api;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Idempotency-Key: a retry gets the first answer and never creates a second thing. */
class IdempotencyIT {
  static TestApp app;
  static Api api;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static MultiMap key(String k) {
    return MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", k);
  }

  private static HttpResponse<Buffer> post(Session s, String path, JsonObject body, String k) {
    return api.call(HttpMethod.POST, path, s.accessToken(), body, key(k));
  }

  private static HttpResponse<Buffer> uploadMultipart(
      Session s, String project, Path file, String k) throws Exception {
    MultipartForm form =
        MultipartForm.create()
            .binaryFileUpload("file", file.getFileName().toString(), file.toString(), "text/csv");
    return app.http
        .post("/api/v1/projects/" + project + "/datasets?wait=true")
        .bearerTokenAuthentication(s.accessToken())
        .putHeaders(key(k))
        .sendMultipartForm(form)
        .await(60, TimeUnit.SECONDS);
  }

  @Test
  void aRetriedUploadWithTheSameKeyNeverCreatesASecondDataset() throws Exception {
    Session s = api.signup();
    String project = api.createProject(s, "retries");
    Path csv = Files.writeString(dir.resolve("stocks.csv"), "symbol,price\nAAPL,1\nMSFT,2\n");
    String k = UUID.randomUUID().toString();

    HttpResponse<Buffer> first = uploadMultipart(s, project, csv, k);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> retry = uploadMultipart(s, project, csv, k);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.bodyAsJsonObject().getString("id"))
        .isEqualTo(first.bodyAsJsonObject().getString("id"));
    assertThat(retry.bodyAsJsonObject().getString("tableName")).isEqualTo("stocks");

    var items =
        api.get("/api/v1/projects/" + project + "/datasets", s.accessToken())
            .bodyAsJsonObject()
            .getJsonArray("items");
    assertThat(items).hasSize(1);
    // Without a key (or with another one) the same file is a new upload, as before.
    HttpResponse<Buffer> other = uploadMultipart(s, project, csv, UUID.randomUUID().toString());
    assertThat(other.bodyAsJsonObject().getString("tableName")).isEqualTo("stocks_2");
  }

  @Test
  void aProjectRetryIsReplayedAndTheSameKeyWithAnotherBodyIs422() {
    Session s = api.signup();
    String k = "create-sales-project-1";
    HttpResponse<Buffer> first =
        post(s, "/api/v1/projects", new JsonObject().put("name", "Sales"), k);
    assertThat(first.statusCode()).isEqualTo(201);
    HttpResponse<Buffer> retry =
        post(s, "/api/v1/projects", new JsonObject().put("name", "Sales"), k);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertError(
        post(s, "/api/v1/projects", new JsonObject().put("name", "Marketing"), k),
        422,
        "idempotency_key_reused");
    assertThat(
            api.get("/api/v1/projects", s.accessToken()).bodyAsJsonObject().getJsonArray("items"))
        .hasSize(1);

    // Keys belong to their user: another user's same key is a request of its own.
    Session other = api.signup();
    HttpResponse<Buffer> theirs =
        post(other, "/api/v1/projects", new JsonObject().put("name", "Sales"), k);
    assertThat(theirs.statusCode()).isEqualTo(201);
    assertThat(theirs.getHeader("Idempotent-Replayed")).isNull();
    assertThat(theirs.bodyAsJsonObject().getString("id"))
        .isNotEqualTo(first.bodyAsJsonObject().getString("id"));
  }

  @Test
  void aFailedRequestIsNotRememberedSoItsRetryRunsAgain() {
    Session s = api.signup();
    String k = UUID.randomUUID().toString();
    assertError(post(s, "/api/v1/projects", new JsonObject().put("name", ""), k), 400, null);
    HttpResponse<Buffer> fixed = post(s, "/api/v1/projects", new JsonObject().put("name", ""), k);
    assertThat(fixed.getHeader("Idempotent-Replayed")).isNull();
    assertError(
        post(s, "/api/v1/projects", new JsonObject().put("name", "x"), "has spaces"),
        400,
        "invalid_idempotency_key");
  }

  @Test
  void anApiKeyRetryReplaysTheKeyWhichTheTableKeepsOnlySealed() throws Exception {
    Session s = api.signup();
    String k = UUID.randomUUID().toString();
    HttpResponse<Buffer> first =
        post(s, "/api/v1/api-keys", new JsonObject().put("name", "nightly"), k);
    assertThat(first.statusCode()).isEqualTo(201);
    HttpResponse<Buffer> retry =
        post(s, "/api/v1/api-keys", new JsonObject().put("name", "nightly"), k);
    String secret = first.bodyAsJsonObject().getString("key");
    assertThat(retry.bodyAsJsonObject().getString("key")).isEqualTo(secret);
    assertThat(
            api.get("/api/v1/api-keys", s.accessToken()).bodyAsJsonObject().getJsonArray("items"))
        .hasSize(1);
    try (Connection c = Db.jdbc(app.database);
        PreparedStatement ps =
            c.prepareStatement("SELECT key, body FROM idempotency_keys WHERE user_id = ?::uuid")) {
      ps.setString(1, s.userId());
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isNotEqualTo(k).hasSize(64);
        assertThat(new String(rs.getBytes(2), StandardCharsets.ISO_8859_1))
            .doesNotContain(secret)
            .doesNotContain("nightly");
      }
    }
  }

  @Test
  void aQueryJobRetryReturnsTheSameJob() {
    Session s = api.signup();
    String project = api.createProject(s, "jobs");
    String path = "/api/v1/projects/" + project + "/query/jobs";
    String k = UUID.randomUUID().toString();
    HttpResponse<Buffer> first = post(s, path, new JsonObject().put("sql", "SELECT 1 AS one"), k);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(202);
    HttpResponse<Buffer> retry = post(s, path, new JsonObject().put("sql", "SELECT 1 AS one"), k);
    assertThat(retry.statusCode()).isEqualTo(202);
    assertThat(retry.bodyAsJsonObject().getString("jobId"))
        .isEqualTo(first.bodyAsJsonObject().getString("jobId"));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aDuplicateWhileTheFirstUploadIsStillArrivingGets409ThenTheFirstAnswer() throws Exception {
    Session s = api.signup();
    String project = api.createProject(s, "concurrent");
    String k = UUID.randomUUID().toString();
    byte[] body = "id,name\n1,first\n2,second\n".getBytes(StandardCharsets.US_ASCII);
    String path = "/api/v1/projects/" + project + "/datasets?wait=true&filename=slow.csv";
    try (Socket socket = new Socket("127.0.0.1", app.config.port())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\nAuthorization: Bearer "
                  + s.accessToken()
                  + "\r\nIdempotency-Key: "
                  + k
                  + "\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, 5);
      out.flush();
      awaitClaim(s.userId());

      HttpResponse<Buffer> duplicate =
          app.http
              .post(path)
              .bearerTokenAuthentication(s.accessToken())
              .putHeader("Content-Type", "text/csv")
              .putHeaders(key(k))
              .sendBuffer(Buffer.buffer(body))
              .await(60, TimeUnit.SECONDS);
      JsonObject error = assertError(duplicate, 409, "idempotency_in_progress");
      assertThat(error.getString("message")).contains("still running");
      assertThat(duplicate.getHeader("Retry-After")).isEqualTo("1");

      out.write(body, 5, body.length - 5);
      out.flush();
      String answer = readAnswer(socket.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 201");
      String id = new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4)).getString("id");

      HttpResponse<Buffer> later =
          app.http
              .post(path)
              .bearerTokenAuthentication(s.accessToken())
              .putHeader("Content-Type", "text/csv")
              .putHeaders(key(k))
              .sendBuffer(Buffer.buffer(body))
              .await(60, TimeUnit.SECONDS);
      assertThat(later.statusCode()).isEqualTo(201);
      assertThat(later.bodyAsJsonObject().getString("id")).isEqualTo(id);
    }
    assertThat(
            api.get("/api/v1/projects/" + project + "/datasets", s.accessToken())
                .bodyAsJsonObject()
                .getJsonArray("items"))
        .hasSize(1);
  }

  /** Waits (by asking the database, not the clock) until the first request holds its key. */
  private static void awaitClaim(String userId) throws Exception {
    try (Connection c = Db.jdbc(app.database);
        PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM idempotency_keys WHERE user_id = ?::uuid")) {
      ps.setString(1, userId);
      while (true) {
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getInt(1) > 0) return;
        }
      }
    }
  }

  /** One HTTP/1.1 answer with a Content-Length body. */
  private static String readAnswer(InputStream in) throws Exception {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    int length = -1;
    int headEnd = -1;
    byte[] buf = new byte[4096];
    while (headEnd < 0 || got.size() < headEnd + length) {
      int n = in.read(buf);
      if (n < 0) break;
      got.write(buf, 0, n);
      String text = got.toString(StandardCharsets.UTF_8);
      if (headEnd < 0 && text.contains("\r\n\r\n")) {
        headEnd = text.indexOf("\r\n\r\n") + 4;
        String lower = text.substring(0, headEnd).toLowerCase();
        int at = lower.indexOf("content-length:");
        length = Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
      }
    }
    return got.toString(StandardCharsets.UTF_8);
  }
}
