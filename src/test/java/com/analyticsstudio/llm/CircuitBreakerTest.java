package com.analyticsstudio.llm;

import static com.analyticsstudio.llm.CircuitBreaker.Permit.CALL;
import static com.analyticsstudio.llm.CircuitBreaker.Permit.DENIED;
import static com.analyticsstudio.llm.CircuitBreaker.Permit.PROBE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final CircuitBreaker breaker = new CircuitBreaker(3, 10_000, now::get);

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      assertThat(breaker.tryAcquire()).isEqualTo(CALL);
      breaker.onFailure();
    }
  }

  @Test
  void opensAfterTheThresholdOfConsecutiveFailures() {
    fail(2);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    fail(1);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.tryAcquire()).isEqualTo(DENIED);
    now.addAndGet(4_000);
    assertThat(breaker.retryAfterMillis()).isEqualTo(6_000);
  }

  @Test
  void aSuccessResetsTheCount() {
    fail(2);
    breaker.tryAcquire();
    breaker.onSuccess();
    fail(2);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void halfOpensAfterTheOpenPeriodAndLetsExactlyOneProbeThrough() {
    fail(3);
    now.addAndGet(10_000);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    assertThat(breaker.tryAcquire()).isEqualTo(PROBE);
    assertThat(breaker.tryAcquire()).isEqualTo(DENIED);
    breaker.onSuccess();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.tryAcquire()).isEqualTo(CALL);
  }

  @Test
  void aFailedProbeOpensTheBreakerForAnotherPeriod() {
    fail(3);
    now.addAndGet(10_000);
    assertThat(breaker.tryAcquire()).isEqualTo(PROBE);
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    now.addAndGet(9_999);
    assertThat(breaker.tryAcquire()).isEqualTo(DENIED);
    now.addAndGet(1);
    assertThat(breaker.tryAcquire()).isEqualTo(PROBE);
  }

  @Test
  void anAbandonedProbeLetsTheNextCallerProbe() {
    fail(3);
    now.addAndGet(10_000);
    assertThat(breaker.tryAcquire()).isEqualTo(PROBE);
    breaker.abandon(PROBE);
    assertThat(breaker.tryAcquire()).isEqualTo(PROBE);
    breaker.abandon(CALL); // an ordinary call's abandonment does not free the probe slot
    assertThat(breaker.tryAcquire()).isEqualTo(DENIED);
  }
}
