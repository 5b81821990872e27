package com.analyticsstudio.ratelimit;

import io.vertx.core.Future;

/**
 * Token buckets keyed by a string ({@code login:acct:<email>}, {@code query:user:<id>}). One
 * implementation keeps buckets in Redis so every instance shares them; the other keeps them in
 * process for a single instance without Redis.
 */
public interface RateLimiter {

  /**
   * Takes one token from the bucket {@code key}, which holds {@code capacity} tokens and refills
   * completely every {@code windowSeconds}.
   */
  Future<Decision> acquire(String key, int capacity, int windowSeconds);

  /** The outcome of one acquire: whether allowed, tokens left, and when to retry if not. */
  record Decision(boolean allowed, int limit, int remaining, int retryAfterSeconds, int resetSeconds) {}
}
