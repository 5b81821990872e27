package com.analyticsstudio.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmissionTest {

  @Test
  void admitsUpToTheLimitThenRefusesUntilASlotIsFreed() {
    Admission admission = new Admission(2, () -> {});
    assertThat(admission.tryEnter()).isTrue();
    assertThat(admission.tryEnter()).isTrue();
    assertThat(admission.tryEnter()).as("a third request while two are served").isFalse();
    assertThat(admission.inFlight()).as("a refused request holds no slot").isEqualTo(2);
    admission.leave();
    assertThat(admission.tryEnter()).isTrue();
    assertThat(admission.inFlight()).isEqualTo(2);
  }

  @Test
  void healthReadinessAndMetricsAreNeverRefused() {
    assertThat(Admission.exempt("/health")).isTrue();
    assertThat(Admission.exempt("/ready")).isTrue();
    assertThat(Admission.exempt("/metrics")).isTrue();
    assertThat(Admission.exempt("/api/v1/projects")).isFalse();
    assertThat(Admission.exempt("/healthz")).isFalse();
  }

  @Test
  void theLimitIsTheSettingOr128PerCore() {
    assertThat(Admission.limit(AppConfig.load(Map.of("HTTP_MAX_IN_FLIGHT", "7")))).isEqualTo(7);
    assertThat(Admission.limit(AppConfig.load(Map.of())))
        .isEqualTo(128 * Runtime.getRuntime().availableProcessors());
  }

  @Test
  void aRefusalIsA503OverloadedWithRetryAfter() {
    ApiException busy = Overload.busy();
    assertThat(busy.status()).isEqualTo(503);
    assertThat(busy.code()).isEqualTo("overloaded");
    assertThat(busy.retryAfterSeconds()).isEqualTo(1);
    assertThat(busy.details().getString("reason")).contains("HTTP_MAX_IN_FLIGHT");
  }
}
