package com.analyticsstudio.ratelimit;

import io.vertx.core.Future;
import java.util.List;

/**
 * Token buckets keyed by a string ({@code login:addr:<ip>}, {@code query:user:<id>}). One
 * implementation keeps buckets in Redis so every instance shares them; the other keeps them in
 * process for a single instance without Redis.
 */
public interface RateLimiter {

  /**
   * Takes one token from the bucket {@code key}, which holds {@code capacity} tokens and refills
   * completely every {@code windowSeconds}.
   */
  Future<Decision> acquire(String key, int capacity, int windowSeconds);

  /**
   * Takes one token from each of these buckets, atomically: from all of them when every one has a
   * token, from none otherwise (a refused request costs nothing, so a busy project does not drain
   * its members' own buckets). The decisions come back in the order of {@code limits}; each one's
   * {@code allowed} says whether its own bucket had a token, so the request passed only if all did.
   */
  Future<List<Decision>> acquireAll(List<Limit> limits);

  /** One bucket of an {@link #acquireAll} call. */
  record Limit(String key, int capacity, int windowSeconds) {}

  /** The outcome of one acquire: whether allowed, tokens left, and when to retry if not. */
  record Decision(
      boolean allowed, int limit, int remaining, int retryAfterSeconds, int resetSeconds) {}
}
