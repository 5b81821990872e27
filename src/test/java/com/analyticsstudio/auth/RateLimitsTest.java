package com.analyticsstudio.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.ratelimit.RateLimiter.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
  @Test
  void theTightestBucketIsTheEmptyOneThatFreesLastOrElseTheFullestSpent() {
    Decision open = new Decision(true, 10, 5, 0, 30);
    Decision low = new Decision(true, 3, 1, 0, 40);
    Decision soon = new Decision(false, 60, 0, 1, 60);
    Decision late = new Decision(false, 2, 0, 30, 60);
    assertThat(RateLimits.tightest(List.of(open, low))).isEqualTo(1);
    assertThat(RateLimits.tightest(List.of(open, soon, late))).isEqualTo(2);
    assertThat(RateLimits.tightest(List.of(late, soon))).isZero();
  }
}
