package com.analyticsstudio.support;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blocking helpers over the HTTP API, so tests read as a sequence of calls. Every response is
 * checked against the contract ({@link ContractCheck}).
 */
public final class Api {
  public static final String PASSWORD = "correct-horse-42";
  private final WebClient http;

  Api(WebClient http) {
    this.http = http;
  }

  /** A signed-up user with their tokens. */
  public record Session(String userId, String email, String accessToken, String refreshToken) {}

  public static String uniqueEmail() {
    return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  public Session signup() {
    return signup(uniqueEmail());
  }

  public Session signup(String email) {
    HttpResponse<Buffer> r =
        call(
            HttpMethod.POST,
            "/api/v1/auth/signup",
            null,
            new JsonObject()
                .put("email", email)
                .put("password", PASSWORD)
                .put("name", "Test User"));
    if (r.statusCode() != 201) {
      throw new IllegalStateException("signup failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    JsonObject b = r.bodyAsJsonObject();
    return new Session(
        b.getJsonObject("user").getString("id"),
        email,
        b.getString("accessToken"),
        b.getString("refreshToken"));
  }

  public String createProject(Session s, String name) {
    HttpResponse<Buffer> r =
        call(
            HttpMethod.POST,
            "/api/v1/projects",
            s.accessToken(),
            new JsonObject().put("name", name));
    if (r.statusCode() != 201) {
      throw new IllegalStateException(
          "create project failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("id");
  }

  public void addMember(Session owner, String projectId, Session member, String role) {
    HttpResponse<Buffer> r =
        call(
            HttpMethod.POST,
            "/api/v1/projects/" + projectId + "/members",
            owner.accessToken(),
            new JsonObject().put("email", member.email()).put("role", role));
    if (r.statusCode() != 201) {
      throw new IllegalStateException(
          "add member failed: " + r.statusCode() + " " + r.bodyAsString());
    }
  }

  public HttpResponse<Buffer> get(String path, String token) {
    return call(HttpMethod.GET, path, token, null);
  }

  public HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    return call(HttpMethod.POST, path, token, body);
  }

  public HttpResponse<Buffer> patch(String path, String token, JsonObject body) {
    return call(HttpMethod.PATCH, path, token, body);
  }

  public HttpResponse<Buffer> delete(String path, String token) {
    return call(HttpMethod.DELETE, path, token, null);
  }

  public HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body) {
    return call(method, path, token, body, MultiMap.caseInsensitiveMultiMap());
  }

  public HttpResponse<Buffer> call(
      HttpMethod method, String path, String token, JsonObject body, MultiMap headers) {
    HttpRequest<Buffer> req = http.request(method, path).putHeaders(headers);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    try {
      HttpResponse<Buffer> response =
          (body == null ? req.send() : req.sendJsonObject(body)).await(30, TimeUnit.SECONDS);
      ContractCheck.verify(method, path, response);
      return response;
    } catch (TimeoutException e) {
      throw new IllegalStateException(method + " " + path + " timed out", e);
    }
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path) {
    return http.request(method, path);
  }
}
