package com.analyticsstudio.auth;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.analyticsstudio.common.Db;
import com.analyticsstudio.support.Api;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #15 item 6: guessing is slowed without locking the owner out, passwords are checked and
 * hashed whatever their length, and signing out ends access tokens.
 */
class AccountSecurityIT {
  static TestApp app;
  static Api api;

  @BeforeAll
  static void start() {
    // The test client is the trusted proxy, so X-Forwarded-For gives each request its address.
    app =
        TestApp.start(
            Map.of(
                "TRUSTED_PROXIES",
                "127.0.0.1",
                "LOGIN_ATTEMPTS_PER_ADDRESS",
                "8",
                "LOGIN_ATTEMPTS_PER_ACCOUNT",
                "8",
                "LOGIN_FREE_FAILURES",
                "3"));
    api = app.api;
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static HttpResponse<Buffer> login(String email, String password, String address) {
    return api.call(
        HttpMethod.POST,
        "/api/v1/auth/login",
        null,
        new JsonObject().put("email", email).put("password", password),
        MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", address));
  }

  static HttpResponse<Buffer> signup(String email, String password, String address) {
    return api.call(
        HttpMethod.POST,
        "/api/v1/auth/signup",
        null,
        new JsonObject().put("email", email).put("password", password).put("name", "Owner"),
        MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", address));
  }

  @Test
  void aFailingAttackerFromOneAddressDoesNotStopTheOwnerFromAnother() {
    String email = Api.uniqueEmail();
    assertThat(signup(email, Api.PASSWORD, "198.51.100.7").statusCode()).isEqualTo(201);

    int refusedAsThrottled = 0;
    for (int i = 0; i < 12; i++) {
      int status = login(email, "wrong-guess-" + i, "203.0.113.66").statusCode();
      assertThat(status).isIn(401, 429);
      if (status == 429) refusedAsThrottled++;
    }
    assertThat(refusedAsThrottled).as("the attacker is slowed").isPositive();
    // The attacker's address is spent, even with the right password.
    assertError(login(email, Api.PASSWORD, "203.0.113.66"), 429, "rate_limited");

    // The owner, from the address they signed up from, gets in at once with the right password.
    var owner = login(email, Api.PASSWORD, "198.51.100.7");
    assertThat(owner.statusCode()).as(owner.bodyAsString()).isEqualTo(200);
  }

  @Test
  void anAccountUnderAttackDelaysUnknownAddressesWithRetryAfterButNotKnownOnes() throws Exception {
    String email = Api.uniqueEmail();
    assertThat(signup(email, Api.PASSWORD, "198.51.100.20").statusCode()).isEqualTo(201);
    // The first failures are free.
    for (int i = 0; i < 2; i++) {
      assertError(login(email, "wrong-guess-" + i, "203.0.113." + (10 + i)), 401, "unauthorized");
    }
    // A long attack from many addresses has left twelve failures, the last just now (written
    // directly: the delay itself keeps a test from piling them up quickly).
    try (var c = Db.jdbc(app.database);
        var st =
            c.prepareStatement(
                "UPDATE users SET failed_logins = 12, last_failed_login_at = now() WHERE lower(email) = lower(?)")) {
      st.setString(1, email);
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
    // A new address is told to wait, even with the right password (it is not even checked).
    var delayed = login(email, Api.PASSWORD, "192.0.2.99");
    JsonObject error = assertError(delayed, 429, "rate_limited");
    assertThat(error.getString("message")).contains("failed sign-ins for this account");
    assertThat(Integer.parseInt(delayed.getHeader("Retry-After"))).isBetween(400, 512);
    // The owner's known address is not delayed, and the right password resets the count.
    assertThat(login(email, Api.PASSWORD, "198.51.100.20").statusCode()).isEqualTo(200);
    assertThat(login(email, Api.PASSWORD, "192.0.2.99").statusCode()).isEqualTo(200);
  }

  @Test
  void passwordsOver72BytesAreHashedWholeAndWork() {
    String email = Api.uniqueEmail();
    // 100 characters, 300 bytes in UTF-8; two passwords equal in their first 72 bytes differ.
    String longPassword = "ä€1".repeat(33) + "x";
    String samePrefix = longPassword.substring(0, 60) + "different-tail-9";
    assertThat(longPassword.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(72);
    var created = signup(email, longPassword, "198.51.100.30");
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(login(email, longPassword, "198.51.100.30").statusCode()).isEqualTo(200);
    assertError(login(email, samePrefix, "198.51.100.30"), 401, "unauthorized");
    // The longest the contract allows is fine too: no 500 anywhere.
    String longest = "Zq9-".repeat(50);
    assertThat(signup(Api.uniqueEmail(), longest, "198.51.100.30").statusCode()).isEqualTo(201);
    assertError(login(email, longest, "198.51.100.30"), 401, "unauthorized");
  }

  @Test
  void hashesMadeBeforePrehashingStillVerify() throws Exception {
    Session s = api.signup();
    String legacy = BCrypt.withDefaults().hashToString(10, "legacy-pass-77".toCharArray());
    try (var c = Db.jdbc(app.database);
        var st = c.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?::uuid")) {
      st.setString(1, legacy);
      st.setString(2, s.userId());
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
    assertThat(login(s.email(), "legacy-pass-77", "198.51.100.40").statusCode()).isEqualTo(200);
    assertError(login(s.email(), "legacy-pass-78", "198.51.100.40"), 401, "unauthorized");
    // Over 72 bytes cannot match a legacy hash, and is a plain 401, not a 500.
    assertError(
        login(s.email(), "legacy-pass-77" + "y".repeat(80), "198.51.100.40"), 401, "unauthorized");
  }

  @Test
  void shortAndCommonPasswordsAreRefusedWith422() {
    JsonObject shortOne =
        assertError(signup(Api.uniqueEmail(), "aaaaaaa1", "198.51.100.50"), 422, "weak_password");
    assertThat(shortOne.getString("message")).contains("10 characters");
    JsonObject common =
        assertError(
            signup(Api.uniqueEmail(), "password123", "198.51.100.50"), 422, "weak_password");
    assertThat(common.getString("message")).contains("most common passwords");
    assertError(signup(Api.uniqueEmail(), "Qwertyuiop1", "198.51.100.50"), 422, "weak_password");
    JsonObject repetitive =
        assertError(signup(Api.uniqueEmail(), "aaaaaaaaa1", "198.51.100.50"), 422, "weak_password");
    assertThat(repetitive.getJsonObject("details").getJsonArray("problems")).isNotEmpty();
    assertThat(signup(Api.uniqueEmail(), "tidal-ochre-57", "198.51.100.50").statusCode())
        .isEqualTo(201);
  }

  @Test
  void nulCharactersInSignInFieldsAre400NotA500() {
    assertError(login("ada\u0000@example.com", Api.PASSWORD, "198.51.100.60"), 400, "invalid_text");
    assertError(
        signup("ada\u0000@example.com", Api.PASSWORD, "198.51.100.60"), 400, "invalid_text");
    Session s = api.signup();
    assertError(
        api.post("/api/v1/api-keys", s.accessToken(), new JsonObject().put("name", "nul\u0000key")),
        400,
        "invalid_text");
  }

  @Test
  void logoutEndsThatSessionsAccessTokenAndOtherSessionsRefresh() {
    Session s = api.signup();
    var second = login(s.email(), Api.PASSWORD, "198.51.100.70").bodyAsJsonObject();
    assertThat(api.get("/api/v1/auth/me", s.accessToken()).statusCode()).isEqualTo(200);

    assertThat(
            api.post(
                    "/api/v1/auth/logout",
                    s.accessToken(),
                    new JsonObject().put("refreshToken", s.refreshToken()))
                .statusCode())
        .isEqualTo(204);
    assertError(api.get("/api/v1/auth/me", s.accessToken()), 401, "token_revoked");
    assertError(
        api.post(
            "/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", s.refreshToken())),
        401,
        null);
    // The other session's access token ended too, but its refresh token is alive and gets a working
    // one.
    assertError(api.get("/api/v1/auth/me", second.getString("accessToken")), 401, "token_revoked");
    var refreshed =
        api.post(
            "/api/v1/auth/refresh",
            null,
            new JsonObject().put("refreshToken", second.getString("refreshToken")));
    assertThat(refreshed.statusCode()).isEqualTo(200);
    assertThat(
            api.get("/api/v1/auth/me", refreshed.bodyAsJsonObject().getString("accessToken"))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void signOutEverywhereEndsEveryTokenAndRefreshTokenButNotApiKeys() {
    Session s = api.signup();
    var second = login(s.email(), Api.PASSWORD, "198.51.100.80").bodyAsJsonObject();
    String key =
        api.post("/api/v1/api-keys", s.accessToken(), new JsonObject().put("name", "ci"))
            .bodyAsJsonObject()
            .getString("key");
    assertThat(
            api.post("/api/v1/auth/logout", second.getString("accessToken"), new JsonObject())
                .statusCode())
        .isEqualTo(204);
    assertError(api.get("/api/v1/auth/me", s.accessToken()), 401, "token_revoked");
    assertError(api.get("/api/v1/auth/me", second.getString("accessToken")), 401, "token_revoked");
    assertError(
        api.post(
            "/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", s.refreshToken())),
        401,
        null);
    assertError(
        api.post(
            "/api/v1/auth/refresh",
            null,
            new JsonObject().put("refreshToken", second.getString("refreshToken"))),
        401,
        null);
    assertThat(api.get("/api/v1/auth/me", key).statusCode()).isEqualTo(200);
    // Signing in again works.
    assertThat(login(s.email(), Api.PASSWORD, "198.51.100.80").statusCode()).isEqualTo(200);
  }

  @Test
  void anotherInstanceEndsASignedOutTokenOnceItsCacheLapses() {
    // Instance two caches nothing, so the bound is 0: the sign-out made on instance one is seen at
    // once.
    try (TestApp two = TestApp.startAnother(app, Map.of("TOKEN_VERSION_CACHE_SECONDS", "0"))) {
      Session s = api.signup();
      assertThat(two.api.get("/api/v1/auth/me", s.accessToken()).statusCode()).isEqualTo(200);
      assertThat(api.post("/api/v1/auth/logout", s.accessToken(), new JsonObject()).statusCode())
          .isEqualTo(204);
      assertError(two.api.get("/api/v1/auth/me", s.accessToken()), 401, "token_revoked");
    }
  }
}
