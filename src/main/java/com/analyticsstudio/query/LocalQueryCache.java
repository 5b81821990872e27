package com.analyticsstudio.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * The in-process cache (Caffeine): at most {@code maxEntries} entries whose values hold at most
 * {@code maxBytes} together, each living its own TTL, so it fits a small container whatever is
 * queried. Caffeine bounds the bytes (entries weigh their size); the count is held by evicting the
 * coldest entries past it. Shared by every verticle of the process; eviction runs on the calling
 * thread, so both bounds hold when {@link #put} returns.
 */
public final class LocalQueryCache implements QueryCache {
  private final long maxBytes;
  private final int maxEntries;
  private final Cache<String, Entry> entries;

  private record Entry(Buffer value, long ttlNanos, int weight) {}

  public LocalQueryCache(int maxEntries, long maxBytes) {
    this(maxEntries, maxBytes, Ticker.systemTicker(), null);
  }

  /** {@code registry}: where its {@code cache_*{cache="query"}} metrics go (null: none). */
  public LocalQueryCache(int maxEntries, long maxBytes, Ticker ticker, MeterRegistry registry) {
    this.maxBytes = maxBytes;
    this.maxEntries = maxEntries;
    Caffeine<String, Entry> builder =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(Runnable::run)
            .maximumWeight(maxBytes)
            .weigher((String key, Entry e) -> e.weight)
            .expireAfter(
                new Expiry<String, Entry>() {
                  @Override
                  public long expireAfterCreate(String key, Entry e, long now) {
                    return e.ttlNanos;
                  }

                  @Override
                  public long expireAfterUpdate(String key, Entry e, long now, long current) {
                    return e.ttlNanos;
                  }

                  @Override
                  public long expireAfterRead(String key, Entry e, long now, long current) {
                    return current;
                  }
                });
    if (registry != null) {
      entries = builder.recordStats().build();
      CaffeineCacheMetrics.monitor(registry, entries, "query");
    } else {
      entries = builder.build();
    }
  }

  @Override
  public Future<Buffer> get(String key) {
    Entry e = entries.getIfPresent(key);
    return Future.succeededFuture(e == null ? null : e.value);
  }

  @Override
  public Future<Void> put(String key, Buffer value, int ttlSeconds) {
    long size = weight(key, value);
    if (ttlSeconds <= 0 || maxEntries == 0 || size > maxBytes) {
      return Future.succeededFuture();
    }
    entries.put(
        key,
        new Entry(value, ttlSeconds * 1_000_000_000L, (int) Math.min(Integer.MAX_VALUE, size)));
    entries.cleanUp();
    long over = entries.estimatedSize() - maxEntries;
    if (over > 0) {
      entries
          .policy()
          .eviction()
          .ifPresent(e -> e.coldest((int) over).keySet().forEach(entries::invalidate));
    }
    return Future.succeededFuture();
  }

  /** Entries held now. */
  public int size() {
    entries.cleanUp();
    return (int) entries.estimatedSize();
  }

  /** Bytes held now (values plus keys). */
  public long bytes() {
    entries.cleanUp();
    long total = 0;
    for (var e : entries.asMap().entrySet()) total += weight(e.getKey(), e.getValue().value);
    return total;
  }

  /**
   * Value bytes, plus the key and a fixed overhead per entry so many tiny results are bounded too.
   */
  private static long weight(String key, Buffer value) {
    return value.length() + 2L * key.length() + 96;
  }
}
