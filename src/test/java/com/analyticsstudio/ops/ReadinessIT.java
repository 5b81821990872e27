package com.analyticsstudio.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.DatabaseUrl;
import com.analyticsstudio.support.TcpProxy;
import com.analyticsstudio.support.TestApp;
import com.analyticsstudio.support.TestDatabases;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ReadinessIT {

  @Test
  void readyTurns503WhenPostgresIsUnreachableAndBackWithoutRestart() throws Exception {
    DatabaseUrl db = TestDatabases.create("as_ready");
    try (TcpProxy proxy = new TcpProxy(db.host(), db.port());
        TestApp app =
            TestApp.start(
                Map.of(),
                db,
                new DatabaseUrl(
                    "127.0.0.1",
                    proxy.port(),
                    db.database(),
                    db.user(),
                    db.password(),
                    Map.of()))) {
      assertThat(app.api.get("/ready", null).statusCode()).isEqualTo(200);

      proxy.down();
      HttpResponse<Buffer> down = awaitReady(app, r -> r.statusCode() == 503);
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.bodyAsJsonObject().getString("status")).isEqualTo("unavailable");
      assertThat(down.bodyAsJsonObject().getJsonObject("checks").getString("postgres"))
          .startsWith("down");
      assertThat(down.getHeader("Retry-After")).isNotBlank();
      // The process itself is alive all along.
      assertThat(app.api.get("/health", null).statusCode()).isEqualTo(200);

      proxy.up();
      HttpResponse<Buffer> back = awaitReady(app, r -> r.statusCode() == 200);
      assertThat(back.statusCode()).isEqualTo(200);
      assertThat(back.bodyAsJsonObject().getJsonObject("checks").getString("postgres"))
          .isEqualTo("up");
    }
  }

  private static HttpResponse<Buffer> awaitReady(TestApp app, Predicate<HttpResponse<Buffer>> until)
      throws InterruptedException {
    HttpResponse<Buffer> last = null;
    for (int i = 0; i < 40; i++) {
      last = app.api.get("/ready", null);
      if (until.test(last)) {
        return last;
      }
      Thread.sleep(250);
    }
    return last;
  }
}
