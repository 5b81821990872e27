package com.analyticsstudio.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.ratelimit.RateLimiter.Decision;
import com.analyticsstudio.ratelimit.RateLimiter.Limit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {
  private final AtomicLong now = new AtomicLong();
  private final LocalRateLimiter limiter = new LocalRateLimiter(now::get);

  private List<Decision> take(Limit... limits) {
    return limiter.acquireAll(List.of(limits)).result();
  }

  @Test
  void takesFromEveryBucketWhenAllHaveATokenAndFromNoneOtherwise() {
    Limit key = new Limit("q:key:a", 1, 60);
    Limit user = new Limit("q:user:u", 3, 60);
    List<Decision> first = take(key, user);
    assertThat(first).allMatch(Decision::allowed);
    assertThat(first.get(0).remaining()).isZero();
    assertThat(first.get(1).remaining()).isEqualTo(2);

    List<Decision> refused = take(key, user);
    assertThat(refused.get(0).allowed()).isFalse();
    assertThat(refused.get(0).retryAfterSeconds()).isBetween(59, 61);
    // The user's bucket had a token and still has it: the refusal took nothing.
    assertThat(refused.get(1).allowed()).isTrue();
    assertThat(take(new Limit("q:key:b", 1, 60), user).get(1).remaining()).isEqualTo(1);
  }

  @Test
  void bucketsRefillOverTheirWindowOnTheLimitersClock() {
    Limit user = new Limit("q:user:u", 2, 60);
    take(user);
    take(user);
    assertThat(take(user).get(0).allowed()).isFalse();
    now.addAndGet(TimeUnit.SECONDS.toNanos(29));
    Decision early = take(user).get(0);
    assertThat(early.allowed()).isFalse();
    assertThat(early.retryAfterSeconds()).isBetween(1, 2);
    now.addAndGet(TimeUnit.SECONDS.toNanos(2));
    assertThat(take(user).get(0).allowed()).isTrue();
    now.addAndGet(TimeUnit.MINUTES.toNanos(5));
    assertThat(take(user).get(0).remaining()).isEqualTo(1);
  }
}
