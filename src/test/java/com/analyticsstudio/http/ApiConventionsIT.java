package com.analyticsstudio.http;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api;
import com.analyticsstudio.support.ContractCheck;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #17 item 5, the HTTP conventions: 415 for a body that is not JSON, 405 with {@code Allow},
 * HEAD wherever GET is, ETag and 304, {@code Cache-Control}, unknown body fields named.
 */
class ApiConventionsIT {
  static TestApp app;
  static Api api;
  static Api.Session owner;
  static String projectId;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of());
    api = app.api;
    owner = api.signup();
    projectId = api.createProject(owner, "Conventions");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<Buffer> send(
      HttpMethod method, String path, String contentType, String body) throws Exception {
    var req = api.request(method, path).bearerTokenAuthentication(owner.accessToken());
    if (contentType != null) req.putHeader("Content-Type", contentType);
    HttpResponse<Buffer> r =
        (body == null ? req.send() : req.sendBuffer(Buffer.buffer(body)))
            .await(30, TimeUnit.SECONDS);
    ContractCheck.verify(method, path, r);
    return r;
  }

  @Test
  void aBodyThatIsNotJsonIs415BeforeAnythingRuns() throws Exception {
    String query = "/api/v1/projects/" + projectId + "/query";
    JsonObject error =
        assertError(
            send(HttpMethod.POST, query, "text/plain", "{\"sql\": \"select 1\"}"),
            415,
            "unsupported_media_type");
    assertThat(error.getJsonObject("details").getString("received")).isEqualTo("text/plain");
    assertError(
        send(HttpMethod.POST, "/api/v1/projects", "application/x-www-form-urlencoded", "name=x"),
        415,
        "unsupported_media_type");
    assertError(
        send(HttpMethod.POST, "/api/v1/projects", null, "{\"name\": \"x\"}"),
        415,
        "unsupported_media_type");
    // JSON with a charset, and the +json family, are JSON.
    HttpResponse<Buffer> ok =
        send(HttpMethod.POST, query, "application/json; charset=utf-8", "{\"sql\": \"select 1\"}");
    assertThat(ok.statusCode()).as(ok.bodyAsString()).isEqualTo(200);
    // An upload is not JSON and is not refused for it.
    HttpResponse<Buffer> upload =
        send(
            HttpMethod.POST,
            "/api/v1/projects/" + projectId + "/datasets?filename=t.csv&wait=true",
            "text/csv",
            "a,b\n1,2\n");
    assertThat(upload.statusCode()).as(upload.bodyAsString()).isIn(201, 202);
  }

  @Test
  void aMethodThePathDoesNotHaveIs405WithAllow() throws Exception {
    HttpResponse<Buffer> r = send(HttpMethod.DELETE, "/api/v1/projects", null, null);
    assertError(r, 405, "method_not_allowed");
    assertThat(r.getHeader("Allow")).isEqualTo("GET, HEAD, POST");
    HttpResponse<Buffer> one =
        send(HttpMethod.POST, "/api/v1/projects/" + projectId, "application/json", "{}");
    assertError(one, 405, "method_not_allowed");
    assertThat(one.getHeader("Allow").split(", ")).contains("GET", "HEAD", "PATCH", "DELETE");
  }

  @Test
  void headAnswersLikeGetWithoutTheBody() throws Exception {
    String path = "/api/v1/projects/" + projectId;
    HttpResponse<Buffer> get = send(HttpMethod.GET, path, null, null);
    HttpResponse<Buffer> head = send(HttpMethod.HEAD, path, null, null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body() == null || head.body().length() == 0).isTrue();
    assertThat(head.getHeader("ETag")).isEqualTo(get.getHeader("ETag")).isNotBlank();
    assertThat(head.getHeader("Content-Type")).startsWith("application/json");
    // HEAD follows GET's access rules: a stranger gets 404 there too.
    Api.Session stranger = api.signup();
    HttpResponse<Buffer> hidden =
        api.call(
            HttpMethod.HEAD,
            path,
            stranger.accessToken(),
            null,
            MultiMap.caseInsensitiveMultiMap());
    assertThat(hidden.statusCode()).isEqualTo(404);
  }

  @Test
  void resourceGetsCarryAnETagAndAnswer304WhileUnchanged() throws Exception {
    String path = "/api/v1/projects/" + projectId;
    HttpResponse<Buffer> first = send(HttpMethod.GET, path, null, null);
    String tag = first.getHeader("ETag");
    assertThat(tag).startsWith("W/\"");
    assertThat(first.getHeader("Cache-Control")).isEqualTo("private, no-cache");
    MultiMap ifNoneMatch = MultiMap.caseInsensitiveMultiMap().add("If-None-Match", tag);
    HttpResponse<Buffer> again =
        api.call(HttpMethod.GET, path, owner.accessToken(), null, ifNoneMatch);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body() == null || again.body().length() == 0).isTrue();
    assertThat(again.getHeader("ETag")).isEqualTo(tag);

    api.patch(path, owner.accessToken(), new JsonObject().put("description", "changed"));
    HttpResponse<Buffer> changed =
        api.call(HttpMethod.GET, path, owner.accessToken(), null, ifNoneMatch);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.getHeader("ETag")).isNotEqualTo(tag);
    assertThat(changed.bodyAsJsonObject().getString("description")).isEqualTo("changed");
  }

  @Test
  void secretsAndWritesAreNoStore() {
    HttpResponse<Buffer> login =
        api.post(
            "/api/v1/auth/login",
            null,
            new JsonObject().put("email", owner.email()).put("password", Api.PASSWORD));
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.getHeader("Cache-Control")).isEqualTo("no-store");
    HttpResponse<Buffer> key =
        api.post(
            "/api/v1/api-keys",
            owner.accessToken(),
            new JsonObject().put("name", "ci").put("scopes", new JsonArray().add("read")));
    assertThat(key.statusCode()).as(key.bodyAsString()).isEqualTo(201);
    assertThat(key.getHeader("Cache-Control")).isEqualTo("no-store");
    HttpResponse<Buffer> query =
        api.post(
            "/api/v1/projects/" + projectId + "/query",
            owner.accessToken(),
            new JsonObject().put("sql", "select 1"));
    assertThat(query.getHeader("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void unknownBodyFieldsAreRefusedByName() {
    JsonObject error =
        assertError(
            api.post(
                "/api/v1/projects/" + projectId + "/query",
                owner.accessToken(),
                new JsonObject().put("sql", "select 1").put("limt", 5)),
            400,
            "validation_failed");
    assertThat(error.getString("message")).contains("limt");
    JsonObject created =
        assertError(
            api.post(
                "/api/v1/projects",
                owner.accessToken(),
                new JsonObject().put("name", "x").put("descripton", "typo")),
            400,
            "validation_failed");
    assertThat(created.encode()).contains("descripton");
  }
}
