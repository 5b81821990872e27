package com.analyticsstudio.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #11's first screen: the build's Brotli and gzip copies go out as they are, chosen by
 * Accept-Encoding, with the asset caching rules; a client that accepts neither gets the file from
 * the static handler; and the warm-up requests every copy once the server listens.
 */
class WebAssetsIT {
  static final byte[] BROTLI = {11, 3, 0x68, 0x69, 3}; // stands in for a .br copy: sent as it is
  static Vertx vertx;
  static HttpServer server;
  static WebClient client;
  static WebAssets assets;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    Path root = Files.createDirectories(dir.resolve("webroot/assets"));
    Files.writeString(
        dir.resolve("webroot/precompressed.json"),
        "{\"files\":[\"assets/app-1.js\",\"index.html\",\"assets/gone.css\"]}");
    Files.writeString(root.resolve("app-1.js"), "console.log('hi');");
    Files.write(root.resolve("app-1.js.br"), BROTLI);
    Files.write(root.resolve("app-1.js.gz"), gzip("console.log('hi');"));
    Files.write(dir.resolve("webroot/index.html.br"), BROTLI);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assets = WebAssets.load(loader);
    }
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    WebAppRoutes.mount(router, assets, List.of("*"));
    server =
        vertx
            .createHttpServer(new HttpServerOptions().setPort(0).setCompressionSupported(true))
            .requestHandler(router)
            .listen()
            .await(10, TimeUnit.SECONDS);
    client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultPort(server.actualPort())
                .setDecompressionSupported(false));
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static byte[] gzip(String text) throws Exception {
    var out = new ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static HttpResponse<Buffer> get(String path, String acceptEncoding) throws Exception {
    var request = client.get(path).putHeader("Accept", "text/html");
    if (acceptEncoding != null) request.putHeader("Accept-Encoding", acceptEncoding);
    return request.send().await(10, TimeUnit.SECONDS);
  }

  @Test
  void listsOnlyFilesThatHaveCopies() {
    assertThat(assets.paths()).containsExactlyInAnyOrder("/assets/app-1.js", "/index.html");
  }

  @Test
  void sendsTheBrotliCopyAsItIsToABrowserThatAcceptsIt() throws Exception {
    HttpResponse<Buffer> r = get("/assets/app-1.js", "gzip, deflate, br");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Encoding")).isEqualTo("br");
    assertThat(r.getHeader("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
    assertThat(r.getHeader("Vary")).isEqualTo("Accept-Encoding");
    assertThat(r.getHeader("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(r.body().getBytes()).isEqualTo(BROTLI);
  }

  @Test
  void sendsGzipWhenBrotliIsRefusedOrNotOffered() throws Exception {
    for (String header : new String[] {"gzip", "br;q=0, gzip;q=0.5"}) {
      HttpResponse<Buffer> r = get("/assets/app-1.js", header);
      assertThat(r.getHeader("Content-Encoding")).as(header).isEqualTo("gzip");
      try (var in = new GZIPInputStream(new ByteArrayInputStream(r.body().getBytes()))) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo("console.log('hi');");
      }
    }
  }

  @Test
  void theIndexPageHasItsCopyTooAndIsNeverCachedForLong() throws Exception {
    HttpResponse<Buffer> r = get("/", "br");
    assertThat(r.getHeader("Content-Encoding")).isEqualTo("br");
    assertThat(r.getHeader("Cache-Control")).isEqualTo("no-cache");
    assertThat(r.getHeader("Content-Type")).startsWith("text/html");
  }

  @Test
  void aClientThatAcceptsNeitherEncodingFallsThroughToTheStaticFiles() throws Exception {
    // No webroot on this test's class path for the static handler: it is not found, not garbled.
    HttpResponse<Buffer> r = get("/assets/app-1.js", "identity");
    assertThat(r.getHeader("Content-Encoding")).isNull();
    assertThat(r.body() == null ? new byte[0] : r.body().getBytes()).isNotEqualTo(BROTLI);
  }

  @Test
  void chooseFollowsTheAcceptEncodingWeights() {
    var both = new WebAssets.Copies("text/css", Buffer.buffer("b"), Buffer.buffer("g"));
    var gzipOnly = new WebAssets.Copies("text/css", null, Buffer.buffer("g"));
    assertThat(WebAssets.choose("br, gzip", both)).isEqualTo("br");
    assertThat(WebAssets.choose("BR;q=0.1", both)).isEqualTo("br");
    assertThat(WebAssets.choose("br;q=0", both)).isNull();
    assertThat(WebAssets.choose("br", gzipOnly)).isNull();
    assertThat(WebAssets.choose("gzip;q=x", both)).isNull();
    assertThat(WebAssets.choose(null, both)).isNull();
  }

  @Test
  void warmupRequestsEveryCopyAndNeverFails() throws Exception {
    Warmup.run(vertx, server.actualPort(), assets).await(30, TimeUnit.SECONDS);
    // A server that is gone only skips the warm-up.
    Warmup.run(vertx, 1, assets).await(30, TimeUnit.SECONDS);
    assertThat(assets.paths()).isNotEmpty();
  }
}
