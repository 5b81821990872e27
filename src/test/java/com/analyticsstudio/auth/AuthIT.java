package com.analyticsstudio.auth;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.Db;
import com.analyticsstudio.support.Api;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthIT {
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
  void signupReturnsUserAndTokens() {
    String email = Api.uniqueEmail();
    var r =
        api.post(
            "/api/v1/auth/signup",
            null,
            new JsonObject().put("email", email).put("password", Api.PASSWORD).put("name", "Ada"));
    assertThat(r.statusCode()).isEqualTo(201);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getJsonObject("user").getString("email")).isEqualTo(email);
    assertThat(body.getJsonObject("user").getString("name")).isEqualTo("Ada");
    assertThat(body.getString("accessToken")).contains(".");
    assertThat(body.getString("refreshToken")).startsWith("rt_");
    assertThat(body.getInteger("expiresIn")).isEqualTo(30 * 60);
    assertThat(body.getJsonObject("user").containsKey("passwordHash")).isFalse();
  }

  @Test
  void passwordIsStoredAsBcryptHashOnly() throws Exception {
    Session s = api.signup();
    try (var c = Db.jdbc(app.database);
        var st = c.prepareStatement("SELECT password_hash FROM users WHERE id = ?::uuid")) {
      st.setString(1, s.userId());
      var rs = st.executeQuery();
      assertThat(rs.next()).isTrue();
      // bcrypt of base64(SHA-256(password)), marked so the verifier knows (PasswordHasher).
      assertThat(rs.getString(1)).startsWith("bcrypt-sha256$$2").doesNotContain(Api.PASSWORD);
    }
  }

  @Test
  void emailsAreUniqueWhateverTheirCase() {
    String email = Api.uniqueEmail();
    api.signup(email);
    var r =
        api.post(
            "/api/v1/auth/signup",
            null,
            new JsonObject()
                .put("email", email.toUpperCase())
                .put("password", Api.PASSWORD)
                .put("name", "Twin"));
    assertError(r, 409, "email_taken");
  }

  @Test
  void weakPasswordsAreRefusedWith422ListingTheProblems() {
    var r =
        api.post(
            "/api/v1/auth/signup",
            null,
            new JsonObject()
                .put("email", Api.uniqueEmail())
                .put("password", "short")
                .put("name", "Weak"));
    JsonObject error = assertError(r, 422, "weak_password");
    assertThat(error.getJsonObject("details").getJsonArray("problems")).isNotEmpty();
    assertThat(error.getString("message")).contains("10 characters");
  }

  @Test
  void signupWithMissingFieldsIs400WithEnvelope() {
    var r = api.post("/api/v1/auth/signup", null, new JsonObject().put("email", Api.uniqueEmail()));
    assertError(r, 400, "validation_failed");
  }

  @Test
  void loginWorksCaseInsensitivelyAndWrongPasswordIs401() {
    Session s = api.signup();
    var ok =
        api.post(
            "/api/v1/auth/login",
            null,
            new JsonObject().put("email", s.email().toUpperCase()).put("password", Api.PASSWORD));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.bodyAsJsonObject().getJsonObject("user").getString("id")).isEqualTo(s.userId());

    var wrong =
        api.post(
            "/api/v1/auth/login",
            null,
            new JsonObject().put("email", s.email()).put("password", "wrong-password-1"));
    assertError(wrong, 401, "unauthorized");
    var unknown =
        api.post(
            "/api/v1/auth/login",
            null,
            new JsonObject().put("email", Api.uniqueEmail()).put("password", Api.PASSWORD));
    JsonObject e = assertError(unknown, 401, "unauthorized");
    assertThat(e.getString("message"))
        .isEqualTo(wrong.bodyAsJsonObject().getJsonObject("error").getString("message"));
  }

  @Test
  void meReturnsTheSignedInUser() {
    Session s = api.signup();
    var r = api.get("/api/v1/auth/me", s.accessToken());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("email")).isEqualTo(s.email());
  }

  @Test
  void refreshRotatesAndTheNewPairWorks() {
    Session s = api.signup();
    var r =
        api.post(
            "/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", s.refreshToken()));
    assertThat(r.statusCode()).isEqualTo(200);
    String newRefresh = r.bodyAsJsonObject().getString("refreshToken");
    assertThat(newRefresh).isNotEqualTo(s.refreshToken());
    assertThat(
            api.get("/api/v1/auth/me", r.bodyAsJsonObject().getString("accessToken")).statusCode())
        .isEqualTo(200);
    assertThat(
            api.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", newRefresh))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void reusedRefreshTokenIsRefusedAndEndsTheWholeFamily() {
    Session s = api.signup();
    var first =
        api.post(
            "/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", s.refreshToken()));
    String rotated = first.bodyAsJsonObject().getString("refreshToken");

    var reuse =
        api.post(
            "/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", s.refreshToken()));
    assertError(reuse, 401, "unauthorized");
    // The thief's (or victim's) newer token from the same sign-in is dead too.
    var after =
        api.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", rotated));
    assertError(after, 401, "unauthorized");
  }

  @Test
  void unknownRefreshTokenIs401() {
    assertError(
        api.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", "rt_nope")),
        401,
        "unauthorized");
  }

  @Test
  void logoutRevokesTheRefreshToken() {
    Session s = api.signup();
    var out =
        api.post(
            "/api/v1/auth/logout",
            s.accessToken(),
            new JsonObject().put("refreshToken", s.refreshToken()));
    assertThat(out.statusCode()).isEqualTo(204);
    assertError(
        api.post(
            "/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", s.refreshToken())),
        401,
        "unauthorized");
  }

  @Test
  void logoutWithoutTokenEndsEverySession() {
    Session s = api.signup();
    var login =
        api.post(
            "/api/v1/auth/login",
            null,
            new JsonObject().put("email", s.email()).put("password", Api.PASSWORD));
    String second = login.bodyAsJsonObject().getString("refreshToken");
    assertThat(api.post("/api/v1/auth/logout", s.accessToken(), new JsonObject()).statusCode())
        .isEqualTo(204);
    assertError(
        api.post(
            "/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", s.refreshToken())),
        401,
        null);
    assertError(
        api.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", second)),
        401,
        null);
  }

  @Test
  void missingCredentialsAre401WithEnvelope() {
    var r = api.get("/api/v1/auth/me", null);
    assertError(r, 401, "unauthorized");
    assertThat(r.getHeader("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void expiredTokenIs401() {
    Session s = api.signup();
    String expired =
        signer(app.config.secretKey())
            .generateToken(
                new JsonObject()
                    .put("sub", s.userId())
                    .put("iss", TokenService.ISSUER)
                    .put("exp", System.currentTimeMillis() / 1000 - 120)
                    .put("iat", System.currentTimeMillis() / 1000 - 4000),
                new JWTOptions().setAlgorithm("HS256"));
    assertError(api.get("/api/v1/auth/me", expired), 401, "unauthorized");
  }

  @Test
  void tokenSignedWithAnotherKeyIs401() {
    Session s = api.signup();
    String forged =
        signer("another-secret-0123456789-abcdefghijklmnop")
            .generateToken(
                new JsonObject().put("sub", s.userId()).put("iss", TokenService.ISSUER),
                new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(10));
    assertError(api.get("/api/v1/auth/me", forged), 401, "unauthorized");
  }

  @Test
  void unsignedAlgNoneTokenIs401() {
    Session s = api.signup();
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        b64.encodeToString(
            new JsonObject()
                .put("sub", s.userId())
                .put("iss", TokenService.ISSUER)
                .put("exp", System.currentTimeMillis() / 1000 + 600)
                .encode()
                .getBytes(StandardCharsets.UTF_8));
    assertError(api.get("/api/v1/auth/me", header + "." + payload + "."), 401, "unauthorized");
    assertError(api.get("/api/v1/auth/me", header + "." + payload), 401, "unauthorized");
  }

  @Test
  void garbageTokenIs401() {
    assertError(api.get("/api/v1/auth/me", "not.a.jwt"), 401, "unauthorized");
  }

  private static JWTAuth signer(String secret) {
    return JWTAuth.create(
        app.vertx,
        new JWTAuthOptions()
            .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
  }
}
