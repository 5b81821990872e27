package com.analyticsstudio.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.audit.AuditLog;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.Db;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A cached key lookup still honours the key's expiry, on the service's (fake) clock. */
class ApiKeyCacheIT {
  static TestApp app;
  static Pool pool;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    pool = Db.pool(app.vertx, app.config);
  }

  @AfterAll
  static void stop() {
    pool.close();
    app.close();
  }

  /** A clock the test moves. */
  static final class FakeClock extends Clock {
    Instant now;

    FakeClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aKeyThatExpiresWhileItsLookupIsCachedIsRefusedFromTheCache() throws Exception {
    Session s = app.api.signup();
    Instant expiresAt = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    JsonObject created =
        app.api
            .post(
                "/api/v1/api-keys",
                s.accessToken(),
                new JsonObject().put("name", "soon").put("expiresAt", expiresAt.toString()))
            .bodyAsJsonObject();
    String key = created.getString("key");

    FakeClock clock = new FakeClock(expiresAt.minusSeconds(2));
    ApiKeyService keys =
        new ApiKeyService(
            pool,
            new AuditLog(pool),
            null,
            app.config.security(),
            clock,
            new SimpleMeterRegistry());
    assertThat(keys.authenticate(key).await(10, TimeUnit.SECONDS).apiKeyId().toString())
        .isEqualTo(created.getString("id"));

    // From now on the database would call the key valid for an hour: only the cached entry knows.
    try (var c = Db.jdbc(app.database);
        var st =
            c.prepareStatement(
                "UPDATE api_keys SET expires_at = now() + interval '1 hour' WHERE id = ?::uuid")) {
      st.setString(1, created.getString("id"));
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
    clock.now = clock.now.plus(Duration.ofSeconds(1));
    assertThat(keys.authenticate(key).await(10, TimeUnit.SECONDS)).isNotNull();
    clock.now = clock.now.plus(Duration.ofSeconds(2)); // past expiresAt, 3 s after caching (< 5 s)
    var refused = keys.authenticate(key);
    try {
      refused.await(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // asserted below
    }
    assertThat(refused.failed()).isTrue();
    assertThat(((ApiException) refused.cause()).code()).isEqualTo("api_key_expired");
  }
}
