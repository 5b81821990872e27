package com.analyticsstudio.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.ratelimit.RateLimiter.Decision;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {

  @Test
  void allowsCapacityThenRefusesWithRetryAfter() {
    LocalRateLimiter limiter = new LocalRateLimiter();
    for (int i = 0; i < 5; i++) {
      Decision d = limiter.acquire("k", 5, 60).result();
      assertThat(d.allowed()).isTrue();
      assertThat(d.remaining()).isEqualTo(4 - i);
    }
    Decision refused = limiter.acquire("k", 5, 60).result();
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isBetween(1, 12);
  }

  @Test
  void bucketsAreIndependentPerKey() {
    LocalRateLimiter limiter = new LocalRateLimiter();
    assertThat(limiter.acquire("a", 1, 60).result().allowed()).isTrue();
    assertThat(limiter.acquire("a", 1, 60).result().allowed()).isFalse();
    assertThat(limiter.acquire("b", 1, 60).result().allowed()).isTrue();
  }

  @Test
  void refillsOverTime() {
    java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
    LocalRateLimiter limiter = new LocalRateLimiter(nanos::get);
    assertThat(limiter.acquire("r", 20, 1).result().allowed()).isTrue();
    for (int i = 0; i < 19; i++) limiter.acquire("r", 20, 1);
    assertThat(limiter.acquire("r", 20, 1).result().allowed()).isFalse();
    nanos.addAndGet(60_000_000L); // 20 tokens a second: one more after 50 ms
    assertThat(limiter.acquire("r", 20, 1).result().allowed()).isTrue();
  }
}
