package com.analyticsstudio.ratelimit;

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

  static HttpResponse<Buffer> query(TestApp app, String project, String header, String value) throws Exception {
    return app.http.post("/api/v1/projects/" + project + "/query").putHeader(header, value)
        .sendJsonObject(new JsonObject().put("sql", "SELECT 1 AS one")).await(30, TimeUnit.SECONDS);
  }

  @Test
  void queryBucketAnswers429WithHeadersPerUserAndPerApiKey() throws Exception {
    try (TestApp app = TestApp.start(Map.of("RATE_LIMIT_QUERY_PER_MINUTE", "3", "RATE_LIMIT_UPLOAD_PER_MINUTE", "1"))) {
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
      assertError(refused, 429, "rate_limited");
      assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 60);
      assertThat(refused.getHeader("RateLimit-Limit")).isEqualTo("3");
      assertThat(refused.getHeader("RateLimit-Remaining")).isEqualTo("0");
      assertThat(refused.getHeader("RateLimit-Reset")).isNotNull();
      // Explain and jobs share the query bucket.
      assertError(app.api.post("/api/v1/projects/" + p + "/query/explain", s.accessToken(),
          new JsonObject().put("sql", "SELECT 1")), 429, "rate_limited");

      // An API key has a bucket of its own.
      String key = app.api.post("/api/v1/api-keys", s.accessToken(), new JsonObject().put("name", "script"))
          .bodyAsJsonObject().getString("key");
      assertThat(query(app, p, "X-API-Key", key).statusCode()).isEqualTo(200);
      // Other routes are not limited by the query bucket.
      assertThat(app.api.get("/api/v1/projects", s.accessToken()).statusCode()).isEqualTo(200);

      // Uploads have their own bucket.
      HttpResponse<Buffer> first = app.http.post("/api/v1/projects/" + p + "/datasets?wait=true&filename=a.csv")
          .bearerTokenAuthentication(s.accessToken()).putHeader("Content-Type", "text/csv")
          .sendBuffer(Buffer.buffer("a\n1\n")).await(30, TimeUnit.SECONDS);
      assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
      assertThat(first.getHeader("RateLimit-Limit")).isEqualTo("1");
      HttpResponse<Buffer> second = app.http.post("/api/v1/projects/" + p + "/datasets?wait=true&filename=b.csv")
          .bearerTokenAuthentication(s.accessToken()).putHeader("Content-Type", "text/csv")
          .sendBuffer(Buffer.buffer("a\n1\n")).await(30, TimeUnit.SECONDS);
      assertError(second, 429, "rate_limited");
      assertThat(second.getHeader("Retry-After")).isNotNull();
      assertThat(app.api.get("/metrics", null).bodyAsString()).contains("http_rejections_total{status=\"429\"}");
    }
  }

  @Test
  void bucketsLiveInRedisWhenConfigured() throws Exception {
    try (TestApp app = TestApp.start(Map.of("RATE_LIMIT_QUERY_PER_MINUTE", "2", "REDIS_URL", TestApp.redisUrl()))) {
      Session s = app.api.signup();
      String p = app.api.createProject(s, "redis");
      String bearer = "Bearer " + s.accessToken();
      assertThat(query(app, p, "Authorization", bearer).statusCode()).isEqualTo(200);
      assertThat(query(app, p, "Authorization", bearer).statusCode()).isEqualTo(200);
      assertError(query(app, p, "Authorization", bearer), 429, "rate_limited");
    }
  }
}
