package com.analyticsstudio.auth;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token versions read from {@code users.token_version} and kept per process for {@code
 * TOKEN_VERSION_CACHE_SECONDS}, so an authenticated request costs no query while the entry is
 * fresh. Versions only grow: an entry is never replaced by a lower one, so a read that raced a
 * sign-out cannot bring an ended token back.
 */
public final class CachedTokenVersions implements TokenVersions {
  private static final String VERSION_OF = "SELECT token_version FROM users WHERE id = $1";
  private static final int MAX_ENTRIES = 100_000;

  private final Pool pool;
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();

  /**
   * @param nanoTime the ticker ({@code System::nanoTime}; tests pass a fake one)
   */
  public CachedTokenVersions(Pool pool, int ttlSeconds, LongSupplier nanoTime) {
    this.pool = pool;
    this.ttlNanos = ttlSeconds * 1_000_000_000L;
    this.nanoTime = nanoTime;
  }

  @Override
  public Future<Integer> current(UUID userId) {
    long now = nanoTime.getAsLong();
    Entry e = entries.get(userId);
    if (e != null && now - e.readAt < ttlNanos) {
      return Future.succeededFuture(e.version);
    }
    return pool.preparedQuery(VERSION_OF)
        .execute(Tuple.of(userId))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                entries.remove(userId);
                return Future.failedFuture(
                    ApiException.unauthorized("this account no longer exists"));
              }
              int version = rows.iterator().next().getInteger("token_version");
              remember(userId, version, now);
              return Future.succeededFuture(version);
            });
  }

  @Override
  public void advanced(UUID userId, int version) {
    remember(userId, version, nanoTime.getAsLong());
  }

  private void remember(UUID userId, int version, long now) {
    if (ttlNanos == 0) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.merge(
        userId, new Entry(version, now), (old, fresh) -> old.version > fresh.version ? old : fresh);
  }

  private record Entry(int version, long readAt) {}
}
