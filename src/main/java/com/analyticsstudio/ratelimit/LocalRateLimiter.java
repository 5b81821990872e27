package com.analyticsstudio.ratelimit;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * In-process token buckets: the default when no {@code REDIS_URL} is configured. Every operation
 * holds the limiter's lock for a few arithmetic steps, which makes taking from several buckets at
 * once atomic.
 */
public final class LocalRateLimiter implements RateLimiter {
  private static final int MAX_BUCKETS = 100_000;
  private static final long IDLE_NANOS = 3_600_000_000_000L;
  private final Map<String, Bucket> buckets = new HashMap<>();
  private final LongSupplier nanoTime;

  public LocalRateLimiter() {
    this(System::nanoTime);
  }

  /**
   * @param nanoTime the ticker (tests pass a fake one)
   */
  public LocalRateLimiter(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  @Override
  public Future<Decision> acquire(String key, int capacity, int windowSeconds) {
    return Future.succeededFuture(take(List.of(new Limit(key, capacity, windowSeconds))).get(0));
  }

  @Override
  public Future<List<Decision>> acquireAll(List<Limit> limits) {
    return Future.succeededFuture(take(limits));
  }

  private synchronized List<Decision> take(List<Limit> limits) {
    long now = nanoTime.getAsLong();
    if (buckets.size() > MAX_BUCKETS) {
      buckets.values().removeIf(b -> now - b.updated > IDLE_NANOS);
    }
    List<Bucket> held = new ArrayList<>(limits.size());
    boolean all = true;
    for (Limit l : limits) {
      Bucket b = buckets.computeIfAbsent(l.key(), k -> new Bucket(l.capacity(), now));
      b.refill(l.capacity(), l.windowSeconds(), now);
      held.add(b);
      all &= b.tokens >= 1;
    }
    List<Decision> out = new ArrayList<>(limits.size());
    for (int i = 0; i < limits.size(); i++) {
      Limit l = limits.get(i);
      Bucket b = held.get(i);
      if (all) {
        b.tokens -= 1;
      }
      out.add(b.decision(all || b.tokens >= 1, l.capacity(), l.windowSeconds()));
    }
    return out;
  }

  private static final class Bucket {
    private double tokens;
    private long updated;

    Bucket(int capacity, long now) {
      this.tokens = capacity;
      this.updated = now;
    }

    void refill(int capacity, int windowSeconds, long now) {
      tokens = Math.min(capacity, tokens + (now - updated) * ratePerNano(capacity, windowSeconds));
      updated = now;
    }

    Decision decision(boolean allowed, int capacity, int windowSeconds) {
      double rate = ratePerNano(capacity, windowSeconds);
      // Seconds until full again, counted after this take (as the Redis script does).
      int reset = (int) Math.ceil((capacity - tokens) / rate / 1e9);
      if (allowed) {
        return new Decision(true, capacity, (int) Math.floor(tokens), 0, reset);
      }
      int retry = (int) Math.max(1, Math.ceil((1 - tokens) / rate / 1e9));
      return new Decision(false, capacity, 0, retry, reset);
    }

    private static double ratePerNano(int capacity, int windowSeconds) {
      return capacity / (windowSeconds * 1e9);
    }
  }
}
