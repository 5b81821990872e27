package com.analyticsstudio.ops;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpsIT {
  static TestApp app;
  static Api api;

  @BeforeAll
  static void start() {
    app =
        TestApp.start(
            Map.of(
                "CORS_ORIGINS", "[\"https://app.example.com\"]", "REDIS_URL", TestApp.redisUrl()));
    api = app.api;
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void healthAnswersOk() {
    var r = api.get("/health", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("ok");
  }

  @Test
  void readyChecksPostgresAndRedis() {
    var r = api.get("/ready", null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject checks = r.bodyAsJsonObject().getJsonObject("checks");
    assertThat(checks.getString("postgres")).isEqualTo("up");
    assertThat(checks.getString("redis")).isEqualTo("up");
  }

  @Test
  void metricsExposeRequestsByRouteTemplatePoolAndJvm() {
    var s = api.signup();
    String id = api.createProject(s, "metrics");
    api.get("/api/v1/projects/" + id, s.accessToken());
    String text = api.get("/metrics", null).bodyAsString();
    assertThat(text).contains("vertx_http_server_requests_total");
    assertThat(text).contains("route=\"/api/v1/projects/:projectId\"");
    assertThat(text).doesNotContain("route=\"/api/v1/projects/" + id);
    assertThat(text).contains("jvm_memory_used_bytes");
    assertThat(text).contains("vertx_pool");
  }

  @Test
  void requestIdIsHonouredAndEchoed() {
    var given =
        api.call(
            HttpMethod.GET,
            "/health",
            null,
            null,
            MultiMap.caseInsensitiveMultiMap().add("X-Request-Id", "abc-123"));
    assertThat(given.getHeader("X-Request-Id")).isEqualTo("abc-123");
    var fresh = api.get("/health", null);
    assertThat(fresh.getHeader("X-Request-Id")).isNotBlank();
    var hostile =
        api.call(
            HttpMethod.GET,
            "/health",
            null,
            null,
            MultiMap.caseInsensitiveMultiMap().add("X-Request-Id", "bad id\" with quotes"));
    assertThat(hostile.getHeader("X-Request-Id")).doesNotContain("\"");
  }

  @Test
  void contractIsServedAndDocsWorkOffline() {
    var yaml = api.get("/openapi.yaml", null);
    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.bodyAsString())
        .startsWith("openapi: 3.1")
        .contains("/api/v1/projects/{projectId}/members");
    var docs = api.get("/docs/", null);
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.bodyAsString()).contains("swagger-ui-bundle.js").contains("/openapi.yaml");
    assertThat(api.get("/docs/swagger-ui-bundle.js", null).statusCode()).isEqualTo(200);
    assertThat(api.get("/docs/swagger-ui.css", null).statusCode()).isEqualTo(200);
  }

  @Test
  void corsAllowsConfiguredOriginsOnly() throws Exception {
    HttpResponse<Buffer> allowed =
        api.request(HttpMethod.OPTIONS, "/api/v1/projects")
            .putHeader("Origin", "https://app.example.com")
            .putHeader("Access-Control-Request-Method", "POST")
            .putHeader("Access-Control-Request-Headers", "Authorization,Content-Type")
            .send()
            .await(10, TimeUnit.SECONDS);
    assertThat(allowed.getHeader("Access-Control-Allow-Origin"))
        .isEqualTo("https://app.example.com");
    HttpResponse<Buffer> denied =
        api.request(HttpMethod.GET, "/health")
            .putHeader("Origin", "https://evil.example.com")
            .send()
            .await(10, TimeUnit.SECONDS);
    assertThat(denied.getHeader("Access-Control-Allow-Origin")).isNull();
    assertError(denied, 403, "forbidden");
  }

  @Test
  void unknownRoutesAndMethodsGetTheEnvelope() {
    assertError(api.get("/no/such/page", null), 404, "not_found");
    var s = api.signup();
    assertError(api.get("/api/v1/no-such-thing", s.accessToken()), 404, "not_found");
    assertError(api.call(HttpMethod.PUT, "/health", null, new JsonObject()), 405, null);
  }

  @Test
  void browserNavigationGetsTheWebAppWithLongCachedAssets() throws Exception {
    HttpResponse<Buffer> page =
        api.request(HttpMethod.GET, "/projects/123/datasets")
            .putHeader("Accept", "text/html")
            .send()
            .await(10, TimeUnit.SECONDS);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    String html = page.bodyAsString();
    if (html.contains("/assets/")) {
      String asset = html.replaceAll("(?s).*?src=\"(/assets/[^\"]+\\.js)\".*", "$1");
      HttpResponse<Buffer> js = api.get(asset, null);
      assertThat(js.statusCode()).isEqualTo(200);
      assertThat(js.getHeader("Cache-Control")).contains("immutable");
    }
    // The same unknown path asked for as data is a JSON 404, and unknown API paths never get HTML.
    assertError(api.get("/projects/123/datasets", null), 404, "not_found");
    HttpResponse<Buffer> apiPath =
        api.request(HttpMethod.GET, "/api/v1/nope")
            .putHeader("Accept", "text/html")
            .send()
            .await(10, TimeUnit.SECONDS);
    assertThat(apiPath.getHeader("Content-Type")).startsWith("application/json");
  }

  @Test
  void invalidJsonAndOversizedBodiesGetTheEnvelope() throws Exception {
    HttpResponse<Buffer> broken =
        api.request(HttpMethod.POST, "/api/v1/auth/login")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer("{\"email\": "))
            .await(10, TimeUnit.SECONDS);
    assertError(broken, 400, null);
    HttpResponse<Buffer> huge =
        api.request(HttpMethod.POST, "/api/v1/auth/login")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer("{\"email\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"))
            .await(10, TimeUnit.SECONDS);
    assertError(huge, 413, null);
    HttpResponse<Buffer> wrongType =
        api.request(HttpMethod.POST, "/api/v1/auth/login")
            .putHeader("Content-Type", "text/plain")
            .sendBuffer(Buffer.buffer("hello"))
            .await(10, TimeUnit.SECONDS);
    assertThat(wrongType.statusCode()).isIn(400, 415);
    assertError(wrongType, wrongType.statusCode(), null);
  }
}
