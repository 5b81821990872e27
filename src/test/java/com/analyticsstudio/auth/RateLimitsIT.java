package com.analyticsstudio.auth;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimitsIT {

  static HttpResponse<Buffer> query(TestApp app, String project, String header, String value)
      throws Exception {
    return app.http
        .post("/api/v1/projects/" + project + "/query")
        .putHeader(header, value)
        .sendJsonObject(new JsonObject().put("sql", "SELECT 1 AS one"))
        .await(30, TimeUnit.SECONDS);
  }

  static String key(TestApp app, Session s, String name) {
    HttpResponse<Buffer> r =
        app.api.post("/api/v1/api-keys", s.accessToken(), new JsonObject().put("name", name));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("key");
  }

  static void assertLimited(HttpResponse<Buffer> r, String scope) {
    JsonObject error = assertError(r, 429, "rate_limited");
    assertThat(error.getJsonObject("details").getString("scope")).isEqualTo(scope);
    assertThat(Integer.parseInt(r.getHeader("Retry-After"))).isBetween(1, 60);
    assertThat(r.getHeader("RateLimit-Remaining")).isEqualTo("0");
  }

  @Test
  void queryBucketAnswers429WithHeadersAndAnApiKeySharesItsUsersBudget() throws Exception {
    try (TestApp app =
        TestApp.start(
            Map.of(
                "RATE_LIMIT_QUERY_PER_MINUTE",
                "3",
                "RATE_LIMIT_QUERY_PER_USER_PER_MINUTE",
                "3",
                "RATE_LIMIT_UPLOAD_PER_MINUTE",
                "1",
                "RATE_LIMIT_UPLOAD_PER_USER_PER_MINUTE",
                "1"))) {
      Session s = app.api.signup();
      String p = app.api.createProject(s, "limited");
      String bearer = "Bearer " + s.accessToken();
      for (int i = 0; i < 3; i++) {
        HttpResponse<Buffer> ok = query(app, p, "Authorization", bearer);
        assertThat(ok.statusCode()).as(ok.bodyAsString()).isEqualTo(200);
        assertThat(ok.getHeader("RateLimit-Limit")).isEqualTo("3");
        assertThat(ok.getHeader("RateLimit-Remaining")).isEqualTo(String.valueOf(2 - i));
        assertThat(Integer.parseInt(ok.getHeader("RateLimit-Reset"))).isBetween(1, 60);
      }
      HttpResponse<Buffer> refused = query(app, p, "Authorization", bearer);
      assertLimited(refused, "user");
      assertThat(refused.getHeader("RateLimit-Limit")).isEqualTo("3");
      assertThat(refused.getHeader("RateLimit-Reset")).isNotNull();
      assertThat(refused.bodyAsJsonObject().getJsonObject("error").getString("message"))
          .contains("your account");
      // Explain and jobs share the query bucket.
      assertError(
          app.api.post(
              "/api/v1/projects/" + p + "/query/explain",
              s.accessToken(),
              new JsonObject().put("sql", "SELECT 1")),
          429,
          "rate_limited");

      // A fresh API key brings no fresh budget: it is charged to its user too.
      assertLimited(query(app, p, "X-API-Key", key(app, s, "script")), "user");
      // Other routes are not limited by the query bucket.
      assertThat(app.api.get("/api/v1/projects", s.accessToken()).statusCode()).isEqualTo(200);

      // Uploads have their own bucket.
      HttpResponse<Buffer> first =
          app.http
              .post("/api/v1/projects/" + p + "/datasets?wait=true&filename=a.csv")
              .bearerTokenAuthentication(s.accessToken())
              .putHeader("Content-Type", "text/csv")
              .sendBuffer(Buffer.buffer("a\n1\n"))
              .await(30, TimeUnit.SECONDS);
      assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
      assertThat(first.getHeader("RateLimit-Limit")).isEqualTo("1");
      HttpResponse<Buffer> second =
          app.http
              .post("/api/v1/projects/" + p + "/datasets?wait=true&filename=b.csv")
              .bearerTokenAuthentication(s.accessToken())
              .putHeader("Content-Type", "text/csv")
              .sendBuffer(Buffer.buffer("a\n1\n"))
              .await(30, TimeUnit.SECONDS);
      assertError(second, 429, "rate_limited");
      assertThat(second.getHeader("Retry-After")).isNotNull();
      assertThat(app.api.get("/metrics", null).bodyAsString())
          .contains("http_rejections_total{status=\"429\"}");
    }
  }

  @Test
  void perUserLimitHoldsAcrossTwoApiKeys() throws Exception {
    try (TestApp app =
        TestApp.start(
            Map.of(
                "RATE_LIMIT_QUERY_PER_MINUTE",
                "10",
                "RATE_LIMIT_QUERY_PER_USER_PER_MINUTE",
                "3"))) {
      Session s = app.api.signup();
      String p = app.api.createProject(s, "two keys");
      String a = key(app, s, "a");
      String b = key(app, s, "b");
      assertThat(query(app, p, "X-API-Key", a).statusCode()).isEqualTo(200);
      assertThat(query(app, p, "X-API-Key", a).statusCode()).isEqualTo(200);
      HttpResponse<Buffer> third = query(app, p, "X-API-Key", b);
      assertThat(third.statusCode()).isEqualTo(200);
      // The tightest bucket is reported: the user's, with 0 left (key b still has 9).
      assertThat(third.getHeader("RateLimit-Limit")).isEqualTo("3");
      assertThat(third.getHeader("RateLimit-Remaining")).isEqualTo("0");
      assertLimited(query(app, p, "X-API-Key", b), "user");
      assertLimited(query(app, p, "X-API-Key", a), "user");
      assertLimited(query(app, p, "Authorization", "Bearer " + s.accessToken()), "user");
    }
  }

  @Test
  void perKeyLimitStillGivesEachKeyItsOwnShare() throws Exception {
    try (TestApp app = TestApp.start(Map.of("RATE_LIMIT_QUERY_PER_MINUTE", "2"))) {
      Session s = app.api.signup();
      String p = app.api.createProject(s, "per key");
      String a = key(app, s, "a");
      assertThat(query(app, p, "X-API-Key", a).statusCode()).isEqualTo(200);
      assertThat(query(app, p, "X-API-Key", a).statusCode()).isEqualTo(200);
      assertLimited(query(app, p, "X-API-Key", a), "key");
      // The refusal took nothing from the user: another key and the token still pass.
      assertThat(query(app, p, "X-API-Key", key(app, s, "b")).statusCode()).isEqualTo(200);
      assertThat(query(app, p, "Authorization", "Bearer " + s.accessToken()).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void perProjectLimitHoldsAcrossMembersAndOutsidersCannotSpendIt() throws Exception {
    try (TestApp app = TestApp.start(Map.of("RATE_LIMIT_QUERY_PER_PROJECT_PER_MINUTE", "3"))) {
      Session owner = app.api.signup();
      Session member = app.api.signup();
      Session stranger = app.api.signup();
      String p = app.api.createProject(owner, "shared budget");
      String other = app.api.createProject(owner, "other budget");
      app.api.addMember(owner, p, member, "viewer");

      // Someone who is not a member gets 404 however often, and the project's bucket is untouched.
      for (int i = 0; i < 5; i++) {
        assertThat(query(app, p, "Authorization", "Bearer " + stranger.accessToken()).statusCode())
            .isEqualTo(404);
      }
      assertThat(query(app, p, "Authorization", "Bearer " + owner.accessToken()).statusCode())
          .isEqualTo(200);
      assertThat(query(app, p, "Authorization", "Bearer " + owner.accessToken()).statusCode())
          .isEqualTo(200);
      assertThat(query(app, p, "Authorization", "Bearer " + member.accessToken()).statusCode())
          .isEqualTo(200);
      HttpResponse<Buffer> refused =
          query(app, p, "Authorization", "Bearer " + member.accessToken());
      assertLimited(refused, "project");
      assertThat(refused.bodyAsJsonObject().getJsonObject("error").getString("message"))
          .contains("this project");
      assertLimited(query(app, p, "Authorization", "Bearer " + owner.accessToken()), "project");
      // Another project has its own budget.
      assertThat(query(app, other, "Authorization", "Bearer " + owner.accessToken()).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void bucketsLiveInRedisWhenConfigured() throws Exception {
    try (TestApp app =
        TestApp.start(
            Map.of("RATE_LIMIT_QUERY_PER_USER_PER_MINUTE", "2", "REDIS_URL", TestApp.redisUrl()))) {
      Session s = app.api.signup();
      String p = app.api.createProject(s, "redis");
      String bearer = "Bearer " + s.accessToken();
      assertThat(query(app, p, "Authorization", bearer).statusCode()).isEqualTo(200);
      assertThat(query(app, p, "X-API-Key", key(app, s, "k")).statusCode()).isEqualTo(200);
      assertLimited(query(app, p, "Authorization", bearer), "user");
    }
  }

  @Test
  void redisRefusalTakesFromNoBucket() throws Exception {
    try (TestApp app =
        TestApp.start(
            Map.of(
                "RATE_LIMIT_QUERY_PER_MINUTE",
                "1",
                "RATE_LIMIT_QUERY_PER_USER_PER_MINUTE",
                "2",
                "REDIS_URL",
                TestApp.redisUrl()))) {
      Session s = app.api.signup();
      String p = app.api.createProject(s, "redis atomic");
      String a = key(app, s, "a");
      assertThat(query(app, p, "X-API-Key", a).statusCode()).isEqualTo(200);
      assertLimited(query(app, p, "X-API-Key", a), "key");
      assertLimited(query(app, p, "X-API-Key", a), "key");
      // Two refusals of key a left the user's second token in place.
      HttpResponse<Buffer> b = query(app, p, "X-API-Key", key(app, s, "b"));
      assertThat(b.statusCode()).isEqualTo(200);
      assertThat(b.getHeader("RateLimit-Remaining")).isEqualTo("0");
      assertLimited(query(app, p, "Authorization", "Bearer " + s.accessToken()), "user");
    }
  }
}
