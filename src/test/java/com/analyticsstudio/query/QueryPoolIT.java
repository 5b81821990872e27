package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueryPoolIT {

  @Test
  void userSqlHasItsOwnPoolAndAFullQueueAnswers503AtOnce() throws Exception {
    // One project and user on purpose: the fair share (FairShareIT) is lifted so the pool's own
    // queue is what refuses.
    try (TestApp app =
        TestApp.start(
            Map.of(
                "QUERY_POOL_SIZE",
                "1",
                "QUERY_MAX_WAIT_QUEUE",
                "0",
                "PROJECT_MAX_CONCURRENT",
                "10",
                "USER_MAX_CONCURRENT",
                "10"))) {
      Session s = app.api.signup();
      String p = app.api.createProject(s, "busy");
      JsonObject slow =
          new JsonObject()
              .put(
                  "sql",
                  "SELECT count(*) FROM generate_series(1, 100000000) a, generate_series(1, 100000000) b")
              .put("timeoutSeconds", 3);
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        calls.add(
            app.http
                .post(QueryApi.query(p))
                .bearerTokenAuthentication(s.accessToken())
                .putHeader("Cache-Control", "no-cache")
                .sendJsonObject(slow));
      }
      Thread.sleep(500);
      // While the one user-SQL connection is busy, the app's own queries are served at once.
      long t0 = System.nanoTime();
      assertThat(app.api.get("/api/v1/projects", s.accessToken()).statusCode()).isEqualTo(200);
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
      Future.join(calls).await(30, TimeUnit.SECONDS);
      List<HttpResponse<Buffer>> rejected =
          calls.stream().map(Future::result).filter(r -> r.statusCode() == 503).toList();
      long timedOut = calls.stream().map(Future::result).filter(r -> r.statusCode() == 422).count();
      assertThat(rejected).isNotEmpty();
      assertThat(timedOut).isPositive();
      assertThat(rejected.size() + timedOut)
          .as("statuses %s", calls.stream().map(f -> f.result().statusCode()).toList())
          .isEqualTo(6);
      assertThat(rejected.get(0).getHeader("Retry-After")).isEqualTo("1");
      assertThat(rejected.get(0).bodyAsJsonObject().getJsonObject("error").getString("code"))
          .isEqualTo("overloaded");
      assertThat(app.api.get("/metrics", null).bodyAsString())
          .contains("http_rejections_total{status=\"503\"}");
    }
  }
}
