package com.analyticsstudio.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import java.net.ConnectException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OverloadTest {

  @Test
  void fullPoolWaitQueueIs503OverloadedWithRetryAfter() {
    ApiException e =
        Overload.of(
            new ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 1"));
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.code()).isEqualTo("overloaded");
    assertThat(e.retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void poolWaitPastTheBoundIs503EvenWhenWrapped() {
    ApiException direct = Overload.of(new VertxException("Timeout", true));
    ApiException wrapped =
        Overload.of(
            new IllegalStateException(
                "query failed", new VertxException("Timeout waiting for connection", true)));
    assertThat(direct.status()).isEqualTo(503);
    assertThat(direct.details().getString("reason")).contains("DB_MAX_WAIT_MS");
    assertThat(wrapped.status()).isEqualTo(503);
    assertThat(wrapped.code()).isEqualTo("overloaded");
  }

  @Test
  void refusedDatabaseConnectionIs503DatabaseUnavailable() {
    ApiException e =
        Overload.of(new ConnectException("Connection refused: localhost/127.0.0.1:5432"));
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.code()).isEqualTo("database_unavailable");
    assertThat(e.retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void otherFailuresAndApiExceptionsAreNotOverload() {
    assertThat(Overload.of(new IllegalStateException("boom"))).isNull();
    assertThat(Overload.of(new VertxException("Timeout reading the body", true))).isNull();
    assertThat(Overload.of(ApiException.badRequest("bad_sql", "Timeout"))).isNull();
    assertThat(Overload.of(null)).isNull();
  }

  @Test
  void failureHandlerAndEventBusRepliesMapOverloadAlike() throws Exception {
    ApiException http = FailureHandler.toApiException(new VertxException("Timeout", true), 500);
    assertThat(http.status()).isEqualTo(503);
    assertThat(http.retryAfterSeconds()).isEqualTo(1);
    // A verticle whose pool is saturated fails its message; the caller gets the same 503, not a
    // 500.
    Vertx vertx = Vertx.vertx();
    try {
      vertx
          .eventBus()
          .consumer(
              "overload.test", m -> Replies.fail(m, new ConnectionPoolTooBusyException("full")));
      Throwable failure =
          vertx
              .eventBus()
              .request("overload.test", "{}")
              .map(m -> (Throwable) null)
              .otherwise(e -> e)
              .await(10, TimeUnit.SECONDS);
      ApiException back = (ApiException) Replies.unwrap(failure);
      assertThat(back.status()).isEqualTo(503);
      assertThat(back.code()).isEqualTo("overloaded");
      assertThat(back.retryAfterSeconds()).isEqualTo(1);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
