package com.analyticsstudio.dataset;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.ingest.Workbooks;
import com.analyticsstudio.support.Api;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad file gets a clear 4xx, leaves nothing behind, and others keep being served. */
class BadUploadIT {
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
    project = api.createProject(s, "bad inputs");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static String path() {
    return "/api/v1/projects/" + project + "/datasets?wait=true";
  }

  @Test
  void badFilesAreRefusedClearlyWhileQueriesKeepSucceeding() throws Exception {
    JsonObject good =
        uploads.loaded(s.accessToken(), project, uploads.corpus("seattle-weather.csv"), "text/csv");
    String rows =
        "/api/v1/projects/" + project + "/datasets/" + good.getString("id") + "/rows?limit=50";

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger served = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Thread reader =
        new Thread(
            () -> {
              while (running.get()) {
                var r = api.get(rows, s.accessToken());
                if (r.statusCode() == 200 && r.bodyAsJsonObject().getJsonArray("rows").size() == 50)
                  served.incrementAndGet();
                else failed.incrementAndGet();
              }
            });
    reader.start();
    try {
      refuseAll();
    } finally {
      running.set(false);
      reader.join();
    }
    assertThat(failed.get()).as("preview requests that failed during bad uploads").isZero();
    assertThat(served.get()).isPositive();

    // Nothing remains from the refusals: only the good dataset is ready, has a table and a file.
    var list =
        api.get("/api/v1/projects/" + project + "/datasets", s.accessToken())
            .bodyAsJsonObject()
            .getJsonArray("items");
    assertThat(list.stream().map(JsonObject.class::cast).toList())
        .as("no dataset row remains from a refusal")
        .hasSize(1)
        .allMatch(
            d ->
                d.getString("id").equals(good.getString("id"))
                    && "ready".equals(d.getString("status")));
    assertThat(DatasetIT.tablesOf(app, project))
        .containsExactlyInAnyOrder("seattle_weather", "seattle_weather__v1");
    assertThat(storedFilesUnder("datasets"))
        .hasSize(1)
        .allMatch(f -> f.contains(good.getString("id")));
    assertThat(storedFilesUnder("temp")).isEmpty();
  }

  private void refuseAll() throws Exception {
    assertError(
        uploads.multipart(
            s.accessToken(), path(), uploads.bytes("empty.csv", new byte[0]), "text/csv", null),
        422,
        "empty_file");

    byte[] noise = new byte[20_000];
    new Random(7).nextBytes(noise);
    assertThat(
            uploads
                .multipart(
                    s.accessToken(), path(), uploads.bytes("noise.csv", noise), "text/csv", null)
                .statusCode())
        .isIn(415, 422);

    byte[] png = new byte[4096];
    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 0, png, 0, 8);
    HttpResponse<Buffer> pngResponse =
        uploads.multipart(
            s.accessToken(), path(), uploads.bytes("photo.csv", png), "text/csv", null);
    assertThat(pngResponse.statusCode()).isIn(415, 422);
    assertError(pngResponse, pngResponse.statusCode(), null);

    HttpResponse<Buffer> notZip =
        uploads.multipart(
            s.accessToken(),
            path(),
            uploads.write("fake.xlsx", "this is not a workbook"),
            Uploads.XLSX,
            null);
    assertThat(notZip.statusCode()).isIn(415, 422);

    Path bomb = Workbooks.zipBomb(dir, "bomb.xlsx", 300);
    assertThat(Files.size(bomb)).isLessThan(1024 * 1024);
    HttpResponse<Buffer> bombResponse =
        uploads.multipart(s.accessToken(), path(), bomb, Uploads.XLSX, null);
    assertThat(bombResponse.statusCode()).isIn(413, 422);
    assertError(bombResponse, bombResponse.statusCode(), null);

    StringBuilder wide = new StringBuilder();
    for (int i = 0; i < 1601; i++) wide.append(i == 0 ? "" : ",").append("c").append(i);
    wide.append('\n');
    for (int i = 0; i < 1601; i++) wide.append(i == 0 ? "" : ",").append(i);
    assertError(
        uploads.multipart(
            s.accessToken(), path(), uploads.write("wide.csv", wide + "\n"), "text/csv", null),
        422,
        null);

    byte[] undecidable = new byte[3000];
    for (int i = 0; i < undecidable.length; i++)
      undecidable[i] = (byte) (i % 3 == 0 ? 0x01 : 0x81 + (i % 20));
    assertThat(
            uploads
                .multipart(
                    s.accessToken(),
                    path(),
                    uploads.bytes("odd.csv", undecidable),
                    "text/csv",
                    null)
                .statusCode())
        .isIn(415, 422);

    assertError(
        uploads.raw(
            s.accessToken(), path(), uploads.write("doc.pdf", "%PDF-1.4"), "application/pdf"),
        415,
        "unsupported_media_type");

    Path big = dir.resolve("big.csv");
    byte[] line = "1234567890,abcdefghij,2024-01-01\n".getBytes();
    try (var out = Files.newOutputStream(big)) {
      for (int i = 0; i < 70_000; i++) out.write(line);
    }
    HttpResponse<Buffer> declared =
        uploads.raw(s.accessToken(), path() + "&filename=big.csv", big, "text/csv");
    assertError(declared, 413, "payload_too_large");

    HttpResponse<Buffer> streamed = chunked(big);
    assertError(streamed, 413, "payload_too_large");
  }

  /** Sends the file without Content-Length, so only counting the bytes can catch it. */
  private HttpResponse<Buffer> chunked(Path file) throws Exception {
    ReadStream<Buffer> body =
        app.vertx
            .fileSystem()
            .open(file.toString(), new OpenOptions().setRead(true))
            .await(10, TimeUnit.SECONDS);
    Future<HttpResponse<Buffer>> r =
        app.http
            .post(path() + "&filename=big.csv")
            .bearerTokenAuthentication(s.accessToken())
            .putHeader("Content-Type", "text/csv")
            .sendStream(body);
    return r.await(60, TimeUnit.SECONDS);
  }

  private static List<String> storedFilesUnder(String prefix) throws Exception {
    Path root = app.uploadDir().resolve(prefix);
    if (!Files.exists(root)) return new ArrayList<>();
    try (var files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(Path::toString).toList();
    }
  }
}
