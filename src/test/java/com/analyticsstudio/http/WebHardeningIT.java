package com.analyticsstudio.http;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.support.Api;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue #15 item 7: security headers, HSTS behind TLS, /metrics access, NUL bytes. */
class WebHardeningIT {
  private static final String METRICS_TOKEN = "scrape-token-0123456789";
  private static final Pattern SCRIPT =
      Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL);
  private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
  static TestApp app;
  static Api api;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("TRUSTED_PROXIES", "127.0.0.1", "METRICS_TOKEN", METRICS_TOKEN));
    api = app.api;
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static HttpResponse<Buffer> get(String path, String... headers) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < headers.length; i += 2) h.add(headers[i], headers[i + 1]);
    return api.call(HttpMethod.GET, path, null, null, h);
  }

  static void assertHardened(HttpResponse<Buffer> r) {
    String csp = r.getHeader("Content-Security-Policy");
    assertThat(csp)
        .as("CSP of %s", r.bodyAsString())
        .contains("default-src 'self'")
        .contains("frame-ancestors 'none'")
        .contains("object-src 'none'")
        .doesNotContain("'unsafe-eval'");
    assertThat(scriptSrc(csp)).doesNotContain("'unsafe-inline'");
    assertThat(r.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
  }

  static String scriptSrc(String csp) {
    for (String directive : csp.split(";")) {
      if (directive.trim().startsWith("script-src")) return directive.trim();
    }
    throw new AssertionError("no script-src in " + csp);
  }

  /**
   * What a browser enforcing the CSP would load of this page: every inline script must be allowed
   * by its hash, every script and stylesheet come from this origin and be served with the right
   * type (nosniff makes browsers refuse a script served as anything else).
   */
  static void assertPageRunsUnderItsPolicy(String path) {
    HttpResponse<Buffer> page = get(path, "Accept", "text/html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertHardened(page);
    String html = page.bodyAsString();
    String scripts = scriptSrc(page.getHeader("Content-Security-Policy"));
    Matcher m = SCRIPT.matcher(html);
    int inline = 0;
    while (m.find()) {
      if (!m.group(1).contains("src=") && !m.group(2).isBlank()) {
        inline++;
        assertThat(scripts).contains("'sha256-" + SecurityHeaders.sha256Base64(m.group(2)) + "'");
      }
    }
    List<String> assets = new ArrayList<>();
    Matcher a = ASSET.matcher(html);
    while (a.find()) {
      String url = a.group(1);
      assertThat(url).as("same-origin asset").doesNotStartWith("http").doesNotStartWith("//");
      if (url.endsWith(".js") || url.endsWith(".css")) assets.add(url);
    }
    for (String url : assets) {
      HttpResponse<Buffer> asset = get(url.startsWith("/") ? url : path + url);
      assertThat(asset.statusCode()).as(url).isEqualTo(200);
      assertThat(asset.getHeader("Content-Type"))
          .as(url)
          .startsWith(url.endsWith(".js") ? "text/javascript" : "text/css");
      assertThat(asset.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }
    assertThat(inline + assets.size()).as("the page loads something").isPositive();
  }

  @Test
  void swaggerUiAtDocsRunsUnderTheContentSecurityPolicy() {
    assertPageRunsUnderItsPolicy("/docs/");
  }

  @Test
  void theWebAppPageRunsUnderTheContentSecurityPolicy() {
    HttpResponse<Buffer> page = get("/", "Accept", "text/html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertHardened(page);
    if (getClass().getClassLoader().getResource("webroot/index.html") != null) {
      assertPageRunsUnderItsPolicy("/");
    } else {
      assertThat(page.bodyAsString()).contains("not built into this jar").doesNotContain("<script");
    }
  }

  @Test
  void apiResponsesAndErrorsCarryTheHeadersToo() {
    assertHardened(get("/health"));
    HttpResponse<Buffer> unauthorized = get("/api/v1/projects");
    assertError(unauthorized, 401, "unauthorized");
    assertHardened(unauthorized);
    HttpResponse<Buffer> missing = get("/nothing-here");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertHardened(missing);
    assertThat(get("/health").getHeader("Strict-Transport-Security"))
        .as("plain HTTP gets no HSTS")
        .isNull();
  }

  @Test
  void hstsWhenATrustedProxySaysTheClientUsedTls() {
    assertThat(get("/health", "X-Forwarded-Proto", "https").getHeader("Strict-Transport-Security"))
        .isEqualTo("max-age=31536000");
    assertThat(get("/health", "X-Forwarded-Proto", "http").getHeader("Strict-Transport-Security"))
        .isNull();
    // Without trusted proxies the header is a client's claim and ignored; HSTS=always sends it
    // regardless.
    try (TestApp untrusting = TestApp.start(Map.of());
        TestApp always =
            TestApp.startAnother(
                untrusting, Map.of("HSTS", "always", "HSTS_MAX_AGE_SECONDS", "600"))) {
      var claimed =
          untrusting.api.call(
              HttpMethod.GET,
              "/health",
              null,
              null,
              MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-Proto", "https"));
      assertThat(claimed.getHeader("Strict-Transport-Security")).isNull();
      assertThat(always.api.get("/health", null).getHeader("Strict-Transport-Security"))
          .isEqualTo("max-age=600");
    }
  }

  @Test
  void framingIsAPerRouteOption() throws Exception {
    Router router = Router.router(app.vertx);
    router.route().handler(new SecurityHeaders(app.config.security()));
    router
        .get("/embed")
        .handler(SecurityHeaders.framingAllowed(List.of("https://intranet.example.com")));
    router.get("/embed").handler(ctx -> ctx.end("embeddable"));
    router.get("/page").handler(ctx -> ctx.end("not embeddable"));
    int port = TestApp.freePort();
    var server =
        app.vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(port)
            .await(10, TimeUnit.SECONDS);
    try {
      WebClient client = WebClient.create(app.vertx);
      var embed = client.get(port, "localhost", "/embed").send().await(10, TimeUnit.SECONDS);
      assertThat(embed.getHeader("Content-Security-Policy"))
          .contains("frame-ancestors https://intranet.example.com");
      assertThat(embed.getHeader("X-Frame-Options")).isNull();
      var page = client.get(port, "localhost", "/page").send().await(10, TimeUnit.SECONDS);
      assertThat(page.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
      assertThat(page.getHeader("X-Frame-Options")).isEqualTo("DENY");
    } finally {
      server.close();
    }
  }

  @Test
  void metricsNeedTheBearerToken() {
    HttpResponse<Buffer> anonymous = get("/metrics");
    assertError(anonymous, 401, "unauthorized");
    assertThat(anonymous.getHeader("WWW-Authenticate")).startsWith("Bearer");
    assertError(
        get("/metrics", "Authorization", "Bearer not-the-token-at-all"), 401, "unauthorized");
    HttpResponse<Buffer> scraped = get("/metrics", "Authorization", "Bearer " + METRICS_TOKEN);
    assertThat(scraped.statusCode()).isEqualTo(200);
    assertThat(scraped.bodyAsString()).contains("jvm_memory_used_bytes");
  }

  @Test
  void metricsAreClosedInProductionWithoutAToken() {
    try (TestApp prod = TestApp.start(Map.of(AppConfig.Keys.ENVIRONMENT, "production"))) {
      assertError(prod.api.get("/metrics", null), 403, "metrics_disabled");
      assertThat(prod.api.get("/health", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void nulInThePathQueryOrHeadersIs400NotA500() throws Exception {
    assertError(get("/api/v1/projects?name=a%00b"), 400, "invalid_text");
    Api.Session s = api.signup();
    String p = api.createProject(s, "nul");
    var upload =
        app.http
            .post("/api/v1/projects/" + p + "/datasets?filename=a%00.csv")
            .bearerTokenAuthentication(s.accessToken())
            .putHeader("Content-Type", "text/csv")
            .sendBuffer(Buffer.buffer("a\n1\n"))
            .await(30, TimeUnit.SECONDS);
    assertError(upload, 400, "invalid_text");
    // A raw NUL in a header (clients refuse to send one, so write the request by hand).
    String status =
        rawStatusLine(
            "GET /api/v1/auth/me HTTP/1.1\r\nHost: localhost\r\nX-API-Key: as_\0x\r\n"
                + "Connection: close\r\n\r\n");
    assertThat(status).matches("HTTP/1\\.1 4\\d\\d .*");
  }

  static String rawStatusLine(String request) throws Exception {
    try (Socket socket = new Socket("localhost", app.config.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) line.append((char) c);
      return line.toString();
    }
  }
}
