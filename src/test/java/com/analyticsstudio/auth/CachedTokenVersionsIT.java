package com.analyticsstudio.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.Db;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bound on how late a sign-out elsewhere is noticed is the cache's lifetime, on a fake ticker.
 */
class CachedTokenVersionsIT {
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

  static void bump(String userId) throws Exception {
    try (var c = Db.jdbc(app.database);
        var st =
            c.prepareStatement(
                "UPDATE users SET token_version = token_version + 1 WHERE id = ?::uuid")) {
      st.setString(1, userId);
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
  }

  @Test
  void aVersionWrittenElsewhereIsSeenOnceTheCacheEntryLapses() throws Exception {
    AtomicLong now = new AtomicLong();
    CachedTokenVersions versions = new CachedTokenVersions(pool, 10, now::get);
    Session s = app.api.signup();
    UUID user = UUID.fromString(s.userId());
    assertThat(versions.current(user).await(10, TimeUnit.SECONDS)).isZero();

    bump(s.userId()); // a sign-out handled by another instance
    now.addAndGet(TimeUnit.SECONDS.toNanos(9));
    assertThat(versions.current(user).await(10, TimeUnit.SECONDS)).as("still cached").isZero();
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertThat(versions.current(user).await(10, TimeUnit.SECONDS))
        .as("re-read after 10 s")
        .isEqualTo(1);
  }

  @Test
  void aLocalSignOutIsSeenAtOnceAndNeverUndoneByAnOlderRead() throws Exception {
    AtomicLong now = new AtomicLong();
    CachedTokenVersions versions = new CachedTokenVersions(pool, 10, now::get);
    Session s = app.api.signup();
    UUID user = UUID.fromString(s.userId());
    assertThat(versions.current(user).await(10, TimeUnit.SECONDS)).isZero();
    versions.advanced(user, 3);
    assertThat(versions.current(user).await(10, TimeUnit.SECONDS)).isEqualTo(3);
    versions.advanced(user, 2); // a late, older value
    assertThat(versions.current(user).await(10, TimeUnit.SECONDS)).isEqualTo(3);
  }

  @Test
  void aDeletedAccountFails() {
    CachedTokenVersions versions = new CachedTokenVersions(pool, 10, System::nanoTime);
    assertThatThrownBy(() -> versions.current(UUID.randomUUID()).await(10, TimeUnit.SECONDS))
        .hasMessageContaining("no longer exists");
  }
}
