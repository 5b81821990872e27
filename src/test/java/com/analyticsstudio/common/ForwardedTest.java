package com.analyticsstudio.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedTest {
  private final Forwarded forwarded = new Forwarded(List.of("10.0.0.1", "10.0.0.2"));

  @Test
  void theClientIsTheRightmostHopThatIsNotATrustedProxy() {
    assertThat(forwarded.clientFrom("203.0.113.9", "10.0.0.1")).isEqualTo("203.0.113.9");
    // A client can prepend anything; only what our proxies appended is believed.
    assertThat(forwarded.clientFrom("1.2.3.4, 203.0.113.9, 10.0.0.2", "10.0.0.1"))
        .isEqualTo("203.0.113.9");
    assertThat(forwarded.clientFrom("10.0.0.2", "10.0.0.1")).isEqualTo("10.0.0.1");
    assertThat(forwarded.clientFrom(null, "10.0.0.1")).isEqualTo("10.0.0.1");
    assertThat(forwarded.clientFrom(" , ", "10.0.0.1")).isEqualTo("10.0.0.1");
  }
}
