package com.analyticsstudio.ratelimit;

import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** In-process token buckets: the default when no {@code REDIS_URL} is configured. */
public final class LocalRateLimiter implements RateLimiter {
  private static final int MAX_BUCKETS = 100_000;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final LongSupplier clockNanos;

  public LocalRateLimiter() {
    this(System::nanoTime);
  }

  /** {@code clockNanos}: the time buckets refill by (a fake clock in tests). */
  LocalRateLimiter(LongSupplier clockNanos) {
    this.clockNanos = clockNanos;
  }

  @Override
  public Future<Decision> acquire(String key, int capacity, int windowSeconds) {
    long now = clockNanos.getAsLong();
    if (buckets.size() > MAX_BUCKETS) {
      evictFull(now);
    }
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
    return Future.succeededFuture(bucket.take(capacity, windowSeconds, now));
  }

  private void evictFull(long now) {
    buckets.entrySet().removeIf(e -> e.getValue().idleSince(now) > 3_600_000_000_000L);
  }

  private static final class Bucket {
    private double tokens;
    private long updated;

    Bucket(int capacity, long now) {
      this.tokens = capacity;
      this.updated = now;
    }

    synchronized long idleSince(long now) {
      return now - updated;
    }

    synchronized Decision take(int capacity, int windowSeconds, long now) {
      double ratePerNano = capacity / (windowSeconds * 1e9);
      tokens = Math.min(capacity, tokens + (now - updated) * ratePerNano);
      updated = now;
      if (tokens >= 1) {
        tokens -= 1;
        // Seconds until full again, counted after this take (as the Redis script does).
        int reset = (int) Math.ceil((capacity - tokens) / ratePerNano / 1e9);
        return new Decision(true, capacity, (int) Math.floor(tokens), 0, reset);
      }
      int reset = (int) Math.ceil((capacity - tokens) / ratePerNano / 1e9);
      int retry = (int) Math.max(1, Math.ceil((1 - tokens) / ratePerNano / 1e9));
      return new Decision(false, capacity, 0, retry, reset);
    }
  }
}
