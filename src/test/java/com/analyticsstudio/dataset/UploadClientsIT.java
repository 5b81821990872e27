package com.analyticsstudio.dataset;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads as real clients send them: a refused body is still answered to clients that write the
 * whole body before reading (Python's http.client and requests, Node's http), and files that mix
 * encodings load without mojibake.
 */
class UploadClientsIT {
  static TestApp app;
  static Api api;
  @TempDir static Path dir;
  static Uploads uploads;
  static Session s;
  static String project;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("MAX_UPLOAD_MB", "1"));
    api = app.api;
    uploads = new Uploads(app, dir);
    s = api.signup();
    project = api.createProject(s, "clients");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** What a client that writes everything first and only then reads gets back. */
  record Answer(int status, String headers, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  /**
   * Writes the request head and the whole body on a plain socket, then reads the answer to the end
   * of the connection, as a client that does not read early does. The test's timeout is the hang
   * this guards against; the socket read timeout only keeps a broken run from waiting forever.
   */
  private static Answer writeAllThenRead(String head, byte[] body, boolean chunked)
      throws Exception {
    try (Socket socket = new Socket("127.0.0.1", app.config.port())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      if (chunked) {
        for (int off = 0; off < body.length; off += 16 * 1024) {
          int n = Math.min(16 * 1024, body.length - off);
          out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(body, off, n);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      } else {
        out.write(body);
      }
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) >= 0) {
        got.write(buf, 0, n);
      }
      String text = got.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String headers = text.substring(0, split);
      int status = Integer.parseInt(headers.substring(9, 12));
      return new Answer(status, headers, text.substring(split + 4));
    }
  }

  private static byte[] csvOf(int bytes) {
    byte[] body = new byte[bytes];
    byte[] line = "1234567890,abcdefghij,2024-01-01\n".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < bytes; i++) body[i] = line[i % line.length];
    return body;
  }

  private static String head(String token, String extra) {
    return "POST /api/v1/projects/"
        + project
        + "/datasets?wait=true&filename=big.csv HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nContent-Type: text/csv\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
        + extra
        + "\r\n";
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aClientThatWritesTheWholeTooLargeBodyFirstStillReadsThe413() throws Exception {
    byte[] body = csvOf(3 * 1024 * 1024);
    Answer a =
        writeAllThenRead(
            head(s.accessToken(), "Content-Length: " + body.length + "\r\n"), body, false);
    assertThat(a.status()).isEqualTo(413);
    assertThat(a.headers().toLowerCase()).contains("connection: close");
    assertThat(a.json().getJsonObject("error").getString("code")).isEqualTo("payload_too_large");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aChunkedTooLargeBodyWrittenWholeFirstIsAnswered413Too() throws Exception {
    byte[] body = csvOf(3 * 1024 * 1024);
    Answer a =
        writeAllThenRead(head(s.accessToken(), "Transfer-Encoding: chunked\r\n"), body, true);
    assertThat(a.status()).isEqualTo(413);
    assertThat(a.json().getJsonObject("error").getJsonObject("details").getLong("limitBytes"))
        .isEqualTo(1024 * 1024);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anUploadRefusedBeforeItsBodyIsReadIsAnsweredToo() throws Exception {
    byte[] body = csvOf(512 * 1024);
    Answer anonymous =
        writeAllThenRead(head(null, "Content-Length: " + body.length + "\r\n"), body, false);
    assertThat(anonymous.status()).isEqualTo(401);
    String pdf =
        head(s.accessToken(), "Content-Length: " + body.length + "\r\n")
            .replace("text/csv", "application/pdf");
    assertThat(writeAllThenRead(pdf, body, false).status()).isEqualTo(415);
    // The refused uploads left nothing behind.
    assertThat(
            api
                .get("/api/v1/projects/" + project + "/datasets", s.accessToken())
                .bodyAsJsonObject()
                .getJsonArray("items")
                .stream()
                .map(d -> ((JsonObject) d).getString("name")))
        .doesNotContain("big");
  }

  @Test
  void aFileUtf8ForItsFirst100KbAndLatin1AfterLoadsWithoutMojibakeAndNamesTheLatin1Lines()
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("id,city\n".getBytes(StandardCharsets.UTF_8));
    int line = 1;
    while (bytes.size() < 100 * 1024) {
      bytes.write((++line + ",São Paulo\n").getBytes(StandardCharsets.UTF_8));
    }
    int firstLatin1 = line + 1;
    for (int i = 0; i < 3; i++) {
      bytes.write((++line + ",São Paulo\n").getBytes(StandardCharsets.ISO_8859_1));
    }
    JsonObject d =
        uploads.loaded(
            s.accessToken(), project, uploads.bytes("mixed.csv", bytes.toByteArray()), "text/csv");
    assertThat(d.getLong("rowCount")).isEqualTo(line - 1);
    assertThat(d.getJsonArray("warnings").getString(0))
        .startsWith(
            "lines "
                + firstLatin1
                + ", "
                + (firstLatin1 + 1)
                + " and "
                + (firstLatin1 + 2)
                + " are not valid UTF-8");
    var distinct =
        api.post(
                "/api/v1/projects/" + project + "/query",
                s.accessToken(),
                new JsonObject()
                    .put("sql", "SELECT DISTINCT city FROM " + d.getString("tableName")))
            .bodyAsJsonObject();
    assertThat(distinct.getJsonArray("rows").stream().map(Object::toString).toList())
        .containsExactly("[\"São Paulo\"]");
    assertError(
        api.get(
            "/api/v1/projects/" + project + "/datasets/" + d.getString("id") + "/rows?limit=0",
            s.accessToken()),
        400,
        null);
    assertThat(Arrays.asList(d.getJsonArray("warnings").getString(0).split(" ")))
        .contains("Windows-1252");
  }
}
