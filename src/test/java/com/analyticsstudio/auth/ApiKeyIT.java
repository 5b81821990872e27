package com.analyticsstudio.auth;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiKeyIT {
  static TestApp app;
  static Api api;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void keyIsShownOnceAndStoredHashed() throws Exception {
    Session s = api.signup();
    var created = api.post("/api/v1/api-keys", s.accessToken(), new JsonObject().put("name", "etl"));
    assertThat(created.statusCode()).isEqualTo(201);
    String key = created.bodyAsJsonObject().getString("key");
    assertThat(key).startsWith("as_");
    assertThat(created.bodyAsJsonObject().getString("prefix")).isEqualTo(key.substring(0, 10));

    var list = api.get("/api/v1/api-keys", s.accessToken());
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.bodyAsString()).doesNotContain(key);
    assertThat(list.bodyAsJsonObject().getJsonArray("items")).hasSize(1);

    try (var c = com.analyticsstudio.common.Db.jdbc(app.database);
         var rs = c.createStatement().executeQuery("SELECT key_hash FROM api_keys")) {
      while (rs.next()) {
        assertThat(rs.getString(1)).isNotEqualTo(key).hasSize(64);
      }
    }
  }

  @Test
  void keyAuthenticatesAsItsOwnerByBearerAndByHeader() {
    Session s = api.signup();
    String key = api.post("/api/v1/api-keys", s.accessToken(), new JsonObject().put("name", "bot")
        .put("scopes", new io.vertx.core.json.JsonArray().add("admin"))).bodyAsJsonObject().getString("key");
    var bearer = api.get("/api/v1/auth/me", key);
    assertThat(bearer.statusCode()).isEqualTo(200);
    assertThat(bearer.bodyAsJsonObject().getString("id")).isEqualTo(s.userId());

    var header = api.call(HttpMethod.GET, "/api/v1/auth/me", null, null,
        MultiMap.caseInsensitiveMultiMap().add("X-API-Key", key));
    assertThat(header.statusCode()).isEqualTo(200);
    assertThat(header.bodyAsJsonObject().getString("id")).isEqualTo(s.userId());

    // A key with the admin scope can act for its owner on projects too.
    var project = api.post("/api/v1/projects", key, new JsonObject().put("name", "made by key"));
    assertThat(project.statusCode()).isEqualTo(201);
  }

  @Test
  void revokedKeyIsRefused() {
    Session s = api.signup();
    var created = api.post("/api/v1/api-keys", s.accessToken(), new JsonObject().put("name", "temp")).bodyAsJsonObject();
    String key = created.getString("key");
    assertThat(api.get("/api/v1/auth/me", key).statusCode()).isEqualTo(200);

    var del = api.delete("/api/v1/api-keys/" + created.getString("id"), s.accessToken());
    assertThat(del.statusCode()).isEqualTo(204);
    assertError(api.get("/api/v1/auth/me", key), 401, "unauthorized");
    assertThat(api.get("/api/v1/api-keys", s.accessToken()).bodyAsJsonObject().getJsonArray("items")).isEmpty();
  }

  @Test
  void anotherUsersKeyCannotBeRevoked() {
    Session owner = api.signup();
    Session other = api.signup();
    String id = api.post("/api/v1/api-keys", owner.accessToken(), new JsonObject().put("name", "mine"))
        .bodyAsJsonObject().getString("id");
    assertError(api.delete("/api/v1/api-keys/" + id, other.accessToken()), 404, "not_found");
  }

  @Test
  void unknownKeyIs401() {
    assertError(api.get("/api/v1/auth/me", "as_definitely-not-a-key"), 401, "unauthorized");
    var header = api.call(HttpMethod.GET, "/api/v1/auth/me", null, null,
        MultiMap.caseInsensitiveMultiMap().add("X-API-Key", "as_nope"));
    assertError(header, 401, "unauthorized");
  }
}
