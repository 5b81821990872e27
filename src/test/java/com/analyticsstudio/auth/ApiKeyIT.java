package com.analyticsstudio.auth;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.Db;
import com.analyticsstudio.support.Api;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
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
    var created =
        api.post("/api/v1/api-keys", s.accessToken(), new JsonObject().put("name", "etl"));
    assertThat(created.statusCode()).isEqualTo(201);
    String key = created.bodyAsJsonObject().getString("key");
    assertThat(key).startsWith("as_");
    assertThat(created.bodyAsJsonObject().getString("prefix")).isEqualTo(key.substring(0, 10));

    var list = api.get("/api/v1/api-keys", s.accessToken());
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.bodyAsString()).doesNotContain(key);
    assertThat(list.bodyAsJsonObject().getJsonArray("items")).hasSize(1);

    try (var c = Db.jdbc(app.database);
        var rs = c.createStatement().executeQuery("SELECT key_hash FROM api_keys")) {
      while (rs.next()) {
        assertThat(rs.getString(1)).isNotEqualTo(key).hasSize(64);
      }
    }
  }

  @Test
  void keyAuthenticatesAsItsOwnerByBearerAndByHeader() {
    Session s = api.signup();
    String key =
        api.post(
                "/api/v1/api-keys",
                s.accessToken(),
                new JsonObject().put("name", "bot").put("scopes", new JsonArray().add("admin")))
            .bodyAsJsonObject()
            .getString("key");
    var bearer = api.get("/api/v1/auth/me", key);
    assertThat(bearer.statusCode()).isEqualTo(200);
    assertThat(bearer.bodyAsJsonObject().getString("id")).isEqualTo(s.userId());

    var header =
        api.call(
            HttpMethod.GET,
            "/api/v1/auth/me",
            null,
            null,
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
    var created =
        api.post("/api/v1/api-keys", s.accessToken(), new JsonObject().put("name", "temp"))
            .bodyAsJsonObject();
    String key = created.getString("key");
    assertThat(api.get("/api/v1/auth/me", key).statusCode()).isEqualTo(200);

    var del = api.delete("/api/v1/api-keys/" + created.getString("id"), s.accessToken());
    assertThat(del.statusCode()).isEqualTo(204);
    assertError(api.get("/api/v1/auth/me", key), 401, "unauthorized");
    assertThat(
            api.get("/api/v1/api-keys", s.accessToken()).bodyAsJsonObject().getJsonArray("items"))
        .isEmpty();
  }

  @Test
  void anotherUsersKeyCannotBeRevoked() {
    Session owner = api.signup();
    Session other = api.signup();
    String id =
        api.post("/api/v1/api-keys", owner.accessToken(), new JsonObject().put("name", "mine"))
            .bodyAsJsonObject()
            .getString("id");
    assertError(api.delete("/api/v1/api-keys/" + id, other.accessToken()), 404, "not_found");
  }

  static JsonObject createKey(Session s, JsonObject body) {
    var r = api.post("/api/v1/api-keys", s.accessToken(), body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  @Test
  void keysDefaultToReadScopeAndListShowScopesAndExpiry() {
    Session s = api.signup();
    JsonObject created = createKey(s, new JsonObject().put("name", "reader"));
    assertThat(created.getJsonArray("scopes")).containsExactly("read");
    assertThat(created.getValue("expiresAt")).isNull();
    assertThat(created.getBoolean("expired")).isFalse();
    // ISO_OFFSET_DATE_TIME always writes the seconds; toString() drops ":00", which RFC 3339
    // (and the contract) refuses — the test failed whenever it ran in a minute's first second.
    String at =
        OffsetDateTime.now(ZoneOffset.UTC)
            .plusDays(30)
            .withNano(0)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    createKey(
        s,
        new JsonObject()
            .put("name", "loader")
            .put("scopes", new JsonArray().add("upload").add("read"))
            .put("expiresAt", at));
    JsonArray items =
        api.get("/api/v1/api-keys", s.accessToken()).bodyAsJsonObject().getJsonArray("items");
    JsonObject loader = items.getJsonObject(0);
    assertThat(loader.getString("name")).isEqualTo("loader");
    assertThat(loader.getJsonArray("scopes")).containsExactly("read", "upload");
    assertThat(OffsetDateTime.parse(loader.getString("expiresAt")).toInstant())
        .isEqualTo(OffsetDateTime.parse(at).toInstant());
    assertThat(loader.getBoolean("expired")).isFalse();
  }

  @Test
  void aReadOnlyKeyQueriesButCannotUploadOrAdministerWith403InsufficientScope() throws Exception {
    Session s = api.signup();
    String p = api.createProject(s, "scoped");
    String reader = createKey(s, new JsonObject().put("name", "reader")).getString("key");
    String loader =
        createKey(
                s,
                new JsonObject().put("name", "loader").put("scopes", new JsonArray().add("upload")))
            .getString("key");

    var query =
        api.post(
            "/api/v1/projects/" + p + "/query",
            reader,
            new JsonObject().put("sql", "SELECT 1 AS one"));
    assertThat(query.statusCode()).as(query.bodyAsString()).isEqualTo(200);
    assertThat(api.get("/api/v1/projects/" + p + "/datasets", reader).statusCode()).isEqualTo(200);

    var upload =
        app.http
            .post("/api/v1/projects/" + p + "/datasets?wait=true&filename=a.csv")
            .bearerTokenAuthentication(reader)
            .putHeader("Content-Type", "text/csv")
            .sendBuffer(Buffer.buffer("a\n1\n"))
            .await(30, TimeUnit.SECONDS);
    JsonObject refused = assertError(upload, 403, "insufficient_scope");
    assertThat(refused.getJsonObject("details").getString("required")).isEqualTo("upload");
    assertThat(refused.getJsonObject("details").getJsonArray("granted")).containsExactly("read");
    assertError(
        api.post("/api/v1/projects", reader, new JsonObject().put("name", "nope")),
        403,
        "insufficient_scope");
    assertError(
        api.patch("/api/v1/projects/" + p, reader, new JsonObject().put("name", "renamed")),
        403,
        "insufficient_scope");
    // A key cannot mint keys (with more scopes) unless it is an admin key.
    assertError(
        api.post(
            "/api/v1/api-keys",
            reader,
            new JsonObject().put("name", "escalate").put("scopes", new JsonArray().add("admin"))),
        403,
        "insufficient_scope");

    var loaded =
        app.http
            .post("/api/v1/projects/" + p + "/datasets?wait=true&filename=a.csv")
            .bearerTokenAuthentication(loader)
            .putHeader("Content-Type", "text/csv")
            .sendBuffer(Buffer.buffer("a\n1\n"))
            .await(30, TimeUnit.SECONDS);
    assertThat(loaded.statusCode()).as(loaded.bodyAsString()).isEqualTo(201);
    // upload alone does not include reads.
    assertError(
        api.post(
            "/api/v1/projects/" + p + "/query", loader, new JsonObject().put("sql", "SELECT 1")),
        403,
        "insufficient_scope");
    // The signed-in user holds every scope.
    assertThat(
            api.patch(
                    "/api/v1/projects/" + p,
                    s.accessToken(),
                    new JsonObject().put("name", "renamed"))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void unknownScopesAndPastExpiriesAreRefusedWith422() {
    Session s = api.signup();
    assertError(
        api.post(
            "/api/v1/api-keys",
            s.accessToken(),
            new JsonObject().put("name", "x").put("scopes", new JsonArray().add("root"))),
        400,
        "validation_failed");
    assertError(
        api.post(
            "/api/v1/api-keys",
            s.accessToken(),
            new JsonObject().put("name", "x").put("expiresAt", "2001-01-01T00:00:00Z")),
        422,
        "invalid_expiry");
  }

  @Test
  void anExpiredKeyIsRefusedWith401ApiKeyExpired() throws Exception {
    Session s = api.signup();
    JsonObject created =
        createKey(
            s,
            new JsonObject()
                .put("name", "short-lived")
                .put("expiresAt", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString()));
    // Its hour passes (written in the database, before the key was ever used, so no cache holds
    // it).
    try (var c = Db.jdbc(app.database);
        var st =
            c.prepareStatement(
                "UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = ?::uuid")) {
      st.setString(1, created.getString("id"));
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
    assertError(api.get("/api/v1/auth/me", created.getString("key")), 401, "api_key_expired");
    JsonObject listed =
        api.get("/api/v1/api-keys", s.accessToken())
            .bodyAsJsonObject()
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(listed.getBoolean("expired")).isTrue();
  }

  @Test
  void unknownKeyIs401() {
    assertError(api.get("/api/v1/auth/me", "as_definitely-not-a-key"), 401, "unauthorized");
    var header =
        api.call(
            HttpMethod.GET,
            "/api/v1/auth/me",
            null,
            null,
            MultiMap.caseInsensitiveMultiMap().add("X-API-Key", "as_nope"));
    assertError(header, 401, "unauthorized");
  }
}
