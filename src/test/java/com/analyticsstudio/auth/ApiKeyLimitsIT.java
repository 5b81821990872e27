package com.analyticsstudio.auth;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API keys cannot be minted without limit (issue #15: 100 keys in 1.1 s, each a fresh quota). */
class ApiKeyLimitsIT {

  @Test
  void keyCreationIsLimitedPerUserPerHourWith429() {
    try (TestApp app = TestApp.start(Map.of("API_KEY_CREATE_PER_HOUR", "3"))) {
      Session s = app.api.signup();
      for (int i = 0; i < 3; i++) {
        assertThat(
                app.api
                    .post(
                        "/api/v1/api-keys", s.accessToken(), new JsonObject().put("name", "k" + i))
                    .statusCode())
            .isEqualTo(201);
      }
      var refused =
          app.api.post(
              "/api/v1/api-keys", s.accessToken(), new JsonObject().put("name", "one more"));
      JsonObject error = assertError(refused, 429, "rate_limited");
      assertThat(error.getJsonObject("details").getString("bucket")).isEqualTo("api_key_create");
      assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isPositive();
      // Revoking does not refill the hour's budget, and another user has their own.
      assertThat(
              app.api
                  .get("/api/v1/api-keys", s.accessToken())
                  .bodyAsJsonObject()
                  .getJsonArray("items"))
          .hasSize(3);
      assertThat(
              app.api
                  .post(
                      "/api/v1/api-keys",
                      app.api.signup().accessToken(),
                      new JsonObject().put("name", "mine"))
                  .statusCode())
          .isEqualTo(201);
    }
  }

  @Test
  void liveKeysAreCappedPerUserWith409UntilOneIsRevoked() {
    try (TestApp app = TestApp.start(Map.of("API_KEY_MAX_ACTIVE", "2"))) {
      Session s = app.api.signup();
      String first =
          app.api
              .post("/api/v1/api-keys", s.accessToken(), new JsonObject().put("name", "a"))
              .bodyAsJsonObject()
              .getString("id");
      assertThat(
              app.api
                  .post("/api/v1/api-keys", s.accessToken(), new JsonObject().put("name", "b"))
                  .statusCode())
          .isEqualTo(201);
      JsonObject error =
          assertError(
              app.api.post("/api/v1/api-keys", s.accessToken(), new JsonObject().put("name", "c")),
              409,
              "api_key_limit");
      assertThat(error.getJsonObject("details").getInteger("maxActive")).isEqualTo(2);
      assertThat(app.api.delete("/api/v1/api-keys/" + first, s.accessToken()).statusCode())
          .isEqualTo(204);
      assertThat(
              app.api
                  .post("/api/v1/api-keys", s.accessToken(), new JsonObject().put("name", "c"))
                  .statusCode())
          .isEqualTo(201);
    }
  }
}
