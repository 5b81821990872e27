package com.analyticsstudio.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.ratelimit.LocalRateLimiter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final LoginThrottle throttle =
      new LoginThrottle(
          new LocalRateLimiter(() -> 0L),
          AppConfig.load(Map.of("LOGIN_FREE_FAILURES", "5", "LOGIN_MAX_DELAY_SECONDS", "900")));
  private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void delayStartsAfterTheFreeFailuresAndDoublesUpToTheCeiling() {
    assertThat(throttle.delaySeconds(0)).isZero();
    assertThat(throttle.delaySeconds(4)).isZero();
    assertThat(throttle.delaySeconds(5)).isEqualTo(1);
    assertThat(throttle.delaySeconds(6)).isEqualTo(2);
    assertThat(throttle.delaySeconds(10)).isEqualTo(32);
    assertThat(throttle.delaySeconds(15)).isEqualTo(900);
    assertThat(throttle.delaySeconds(1_000_000)).isEqualTo(900);
  }

  @Test
  void anUnknownAddressWaitsOutTheDelayCountedFromTheLastFailure() {
    // Ten failures: 32 s from the last one.
    assertThat(throttle.accountWaitSeconds(10, t0, false, t0)).isEqualTo(32);
    assertThat(throttle.accountWaitSeconds(10, t0, false, t0.plusSeconds(20))).isEqualTo(12);
    assertThat(throttle.accountWaitSeconds(10, t0, false, t0.plusMillis(31_001))).isEqualTo(1);
    assertThat(throttle.accountWaitSeconds(10, t0, false, t0.plusSeconds(32))).isZero();
  }

  @Test
  void aKnownAddressNeverWaitsAndFreeFailuresCostNothing() {
    assertThat(throttle.accountWaitSeconds(40, t0, true, t0)).isZero();
    assertThat(throttle.accountWaitSeconds(4, t0, false, t0)).isZero();
    assertThat(throttle.accountWaitSeconds(0, null, false, t0)).isZero();
  }
}
