package com.analyticsstudio.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PoolOverloadIT {

  @Test
  void fullWaitQueueAnswers503WithRetryAfterAtOnce() throws Exception {
    Map<String, String> tiny =
        Map.of("DB_POOL_SIZE", "1", "DB_MAX_OVERFLOW", "0", "DB_MAX_WAIT_QUEUE", "1");
    try (TestApp app = TestApp.start(tiny)) {
      // Setup, not the behaviour under test: with one connection, startup's own work (job
      // maintenance, catalog reads) may hold it for a moment, so sign-up may be told to retry.
      Session s = null;
      for (int attempt = 0; s == null; attempt++) {
        try {
          s = app.api.signup();
        } catch (IllegalStateException retry) {
          if (attempt >= 50) throw retry;
          Thread.sleep(100);
        }
      }
      app.api.createProject(s, "busy");
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        calls.add(
            app.http.get("/api/v1/projects").bearerTokenAuthentication(s.accessToken()).send());
      }
      Future.join(calls).await(30, TimeUnit.SECONDS);
      long ok = calls.stream().filter(f -> f.result().statusCode() == 200).count();
      List<HttpResponse<Buffer>> rejected =
          calls.stream().map(Future::result).filter(r -> r.statusCode() == 503).toList();
      assertThat(ok + rejected.size())
          .as("every call is either served or told to retry")
          .isEqualTo(60);
      assertThat(ok).isPositive();
      assertThat(rejected).isNotEmpty();
      HttpResponse<Buffer> one = rejected.get(0);
      assertThat(one.getHeader("Retry-After")).isEqualTo("1");
      assertThat(one.bodyAsJsonObject().getJsonObject("error").getString("code"))
          .isEqualTo("overloaded");
      // Once the burst is over, the server serves normally again.
      assertThat(app.api.get("/api/v1/projects", s.accessToken()).statusCode()).isEqualTo(200);
    }
  }
}
