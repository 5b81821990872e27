package com.analyticsstudio.auth;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Throttling works with the in-process limiter and with Redis alike. */
class LoginThrottleIT {

  @ParameterizedTest(name = "redis={0}")
  @ValueSource(booleans = {false, true})
  void tooManyAttemptsForOneAccountAre429WithRetryAfter(boolean redis) {
    try (TestApp app = TestApp.start(settings(redis, "3", "1000"))) {
      Session s = app.api.signup();
      for (int i = 0; i < 3; i++) {
        assertThat(login(app, s.email(), "wrong-password-" + i).statusCode()).isEqualTo(401);
      }
      var blocked = login(app, s.email(), Api.PASSWORD);
      assertError(blocked, 429, "rate_limited");
      assertThat(Integer.parseInt(blocked.getHeader("Retry-After"))).isPositive();
      // Another account from the same address is unaffected.
      Session other = app.api.signup();
      assertThat(login(app, other.email(), Api.PASSWORD).statusCode()).isEqualTo(200);
    }
  }

  @ParameterizedTest(name = "redis={0}")
  @ValueSource(booleans = {false, true})
  void tooManyAttemptsFromOneAddressAre429(boolean redis) {
    try (TestApp app = TestApp.start(settings(redis, "1000", "4"))) {
      for (int i = 0; i < 4; i++) {
        assertThat(login(app, Api.uniqueEmail(), "whatever-1").statusCode()).isEqualTo(401);
      }
      var blocked = login(app, Api.uniqueEmail(), "whatever-1");
      assertError(blocked, 429, "rate_limited");
      assertThat(blocked.getHeader("Retry-After")).isNotBlank();
    }
  }

  private static Map<String, String> settings(boolean redis, String perAccount, String perAddress) {
    return redis
        ? Map.of(
            "LOGIN_ATTEMPTS_PER_ACCOUNT",
            perAccount,
            "LOGIN_ATTEMPTS_PER_ADDRESS",
            perAddress,
            "LOGIN_WINDOW_SECONDS",
            "600",
            "REDIS_URL",
            TestApp.redisUrl())
        : Map.of(
            "LOGIN_ATTEMPTS_PER_ACCOUNT",
            perAccount,
            "LOGIN_ATTEMPTS_PER_ADDRESS",
            perAddress,
            "LOGIN_WINDOW_SECONDS",
            "600");
  }

  private static HttpResponse<Buffer> login(TestApp app, String email, String password) {
    return app.api.post(
        "/api/v1/auth/login", null, new JsonObject().put("email", email).put("password", password));
  }
}
