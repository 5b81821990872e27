package com.analyticsstudio.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.Db;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A saturated pool answers 503 + Retry-After once the bounded wait ({@code DB_MAX_WAIT_MS}) is
 * over, on the HTTP path and across the event bus alike; it is never a 500 and nobody waits on. (A
 * full wait queue: {@code PoolOverloadIT}, {@code query.QueryPoolIT}.)
 */
class OverloadIT {

  @Test
  void appPoolWaitPastTheBoundAnswers503WithRetryAfterWhileHealthAnswers() throws Exception {
    Map<String, String> one =
        Map.of(
            "DB_POOL_SIZE",
            "1",
            "DB_MAX_OVERFLOW",
            "0",
            "DB_MAX_WAIT_QUEUE",
            "100",
            "DB_MAX_WAIT_MS",
            "100");
    try (TestApp app = TestApp.start(one)) {
      Session s = app.api.signup();
      app.api.createProject(s, "held");
      try (Connection jdbc = Db.jdbc(app.database);
          Statement st = jdbc.createStatement()) {
        // The app pool's only connection gets stuck behind this lock: the next requests can only
        // wait.
        jdbc.setAutoCommit(false);
        st.execute("LOCK TABLE projects IN ACCESS EXCLUSIVE MODE");
        int n = 6;
        CountDownLatch answered = new CountDownLatch(n - 1);
        List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          calls.add(
              app.http
                  .get("/api/v1/projects")
                  .bearerTokenAuthentication(s.accessToken())
                  .send()
                  .onComplete(ar -> answered.countDown()));
        }
        assertThat(answered.await(30, TimeUnit.SECONDS))
            .as("all but the stuck request are answered")
            .isTrue();
        List<HttpResponse<Buffer>> shed =
            calls.stream().filter(Future::isComplete).map(Future::result).toList();
        assertThat(shed)
            .hasSize(n - 1)
            .allSatisfy(
                r -> {
                  assertThat(r.statusCode()).isEqualTo(503);
                  assertThat(r.getHeader("Retry-After")).isEqualTo("1");
                  JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
                  assertThat(error.getString("code")).isEqualTo("overloaded");
                  assertThat(error.getJsonObject("details").getString("reason"))
                      .contains("DB_MAX_WAIT_MS");
                });
        // Health and readiness answer while the pool is stuck.
        assertThat(app.api.get("/health", null).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> ready = app.api.get("/ready", null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.getHeader("Retry-After")).isNotBlank();
        jdbc.commit();
        Future.join(calls).await(30, TimeUnit.SECONDS);
        assertThat(calls.stream().filter(f -> f.result().statusCode() == 200))
            .as("the stuck request completes")
            .hasSize(1);
      }
      assertThat(app.api.get("/api/v1/projects", s.accessToken()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void requestsBeyondHttpMaxInFlightAre503AtOnceWhileHealthReadyAndMetricsAnswer()
      throws Exception {
    try (TestApp app = TestApp.start(Map.of("HTTP_MAX_IN_FLIGHT", "1"))) {
      Session s = app.api.signup();
      app.api.createProject(s, "held");
      try (Connection jdbc = Db.jdbc(app.database);
          Statement st = jdbc.createStatement()) {
        jdbc.setAutoCommit(false);
        st.execute("LOCK TABLE projects IN ACCESS EXCLUSIVE MODE");
        // This request takes the one slot and stays in flight behind the lock.
        Future<HttpResponse<Buffer>> held =
            app.http.get("/api/v1/projects").bearerTokenAuthentication(s.accessToken()).send();
        // Probe only once it holds the slot (/metrics is never refused, so watching it takes none):
        // on a busy machine the held request can arrive late, and a probe then would take the slot.
        long held0 = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < held0
            && !app.api.get("/metrics", null).bodyAsString().contains("http_in_flight 1.0")) {
          Thread.sleep(20);
        }
        assertThat(app.api.get("/metrics", null).bodyAsString()).contains("http_in_flight 1.0");
        HttpResponse<Buffer> refused = null;
        // Bounded by time, not by a count: on a busy machine the held request can reach the
        // server late, and until it holds the slot the probes are served.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && (refused == null || refused.statusCode() != 503)) {
          refused = app.api.get("/api/v1/auth/me", s.accessToken());
          assertThat(refused.statusCode())
              .as("served before the held request arrived, or refused")
              .isIn(200, 503);
        }
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.bodyAsJsonObject().getJsonObject("error").getString("code"))
            .isEqualTo("overloaded");
        assertThat(refused.getHeader("X-Request-Id"))
            .as("refusals are logged like any request")
            .isNotBlank();
        assertThat(app.api.get("/health", null).statusCode()).isEqualTo(200);
        assertThat(app.api.get("/metrics", null).bodyAsString())
            .contains("http_rejections_total{status=\"503\"}");
        jdbc.commit();
        assertThat(held.await(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      assertThat(app.api.get("/api/v1/projects", s.accessToken()).statusCode())
          .as("the slot is free again")
          .isEqualTo(200);
    }
  }

  @Test
  void userSqlPoolWaitPastTheBoundAnswers503OnTheDirectAndTheEventBusRoutes() throws Exception {
    // One project and user on purpose: the fair share (query.FairShareIT) is lifted so the pool's
    // bounded wait is what refuses.
    Map<String, String> one =
        Map.of(
            "QUERY_POOL_SIZE",
            "1",
            "QUERY_MAX_WAIT_QUEUE",
            "100",
            "DB_MAX_WAIT_MS",
            "100",
            "PROJECT_MAX_CONCURRENT",
            "10",
            "USER_MAX_CONCURRENT",
            "10");
    try (TestApp app = TestApp.start(one)) {
      Session s = app.api.signup();
      String p = app.api.createProject(s, "busy");
      String base = "/api/v1/projects/" + p + "/query";
      JsonObject slow =
          new JsonObject()
              .put(
                  "sql",
                  "SELECT count(*) FROM generate_series(1, 100000000) a, generate_series(1, 100000000) b")
              .put("timeoutSeconds", 5);
      Future<HttpResponse<Buffer>> holding =
          app.http
              .post(base)
              .bearerTokenAuthentication(s.accessToken())
              .putHeader("Cache-Control", "no-cache")
              .sendJsonObject(slow);
      // POST …/query calls the service on the event loop; a wait past the bound is a 503 there.
      HttpResponse<Buffer> direct = null;
      for (int i = 0; i < 50 && (direct == null || direct.statusCode() != 503); i++) {
        direct = app.api.post(base, s.accessToken(), new JsonObject().put("sql", "SELECT " + i));
        assertThat(direct.statusCode())
            .as("a quick query is served or shed, never failed")
            .isIn(200, 503);
      }
      assertThat(direct.statusCode()).isEqualTo(503);
      assertThat(direct.getHeader("Retry-After")).isEqualTo("1");
      assertThat(direct.bodyAsJsonObject().getJsonObject("error").getString("code"))
          .isEqualTo("overloaded");
      // …/explain goes through the Query verticle: the same 503 comes back across the bus, not a
      // 500.
      HttpResponse<Buffer> viaBus =
          app.api.post(base + "/explain", s.accessToken(), new JsonObject().put("sql", "SELECT 1"));
      assertThat(viaBus.statusCode()).as(viaBus.bodyAsString()).isEqualTo(503);
      assertThat(viaBus.getHeader("Retry-After")).isEqualTo("1");
      assertThat(viaBus.bodyAsJsonObject().getJsonObject("error").getString("code"))
          .isEqualTo("overloaded");
      assertThat(holding.await(30, TimeUnit.SECONDS).statusCode())
          .as("the slow query times out as usual")
          .isEqualTo(422);
      assertThat(
              app.api
                  .post(base, s.accessToken(), new JsonObject().put("sql", "SELECT 1"))
                  .statusCode())
          .isEqualTo(200);
    }
  }
}
