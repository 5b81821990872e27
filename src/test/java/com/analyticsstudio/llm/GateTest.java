package com.analyticsstudio.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateTest {
  private final Gate gate = new Gate(2, 1);
  private final List<String> started = new ArrayList<>();

  private Runnable call(String name) {
    return () -> started.add(name);
  }

  @Test
  void startsUpToTheLimitQueuesUpToTheBoundAndRefusesTheRest() {
    assertThat(gate.offer(call("a"))).isTrue();
    assertThat(gate.offer(call("b"))).isTrue();
    assertThat(gate.offer(call("c"))).isTrue();
    assertThat(gate.offer(call("d"))).isFalse();
    assertThat(started).containsExactly("a", "b");
    assertThat(gate.inFlight()).isEqualTo(2);
    assertThat(gate.queued()).isEqualTo(1);
  }

  @Test
  void aReleasedSlotGoesToTheOldestWaitingCall() {
    gate.offer(call("a"));
    gate.offer(call("b"));
    gate.offer(call("c"));
    gate.release();
    assertThat(started).containsExactly("a", "b", "c");
    assertThat(gate.inFlight()).isEqualTo(2);
    gate.release();
    gate.release();
    assertThat(gate.inFlight()).isZero();
  }

  @Test
  void aCancelledWaitingCallNeverStarts() {
    gate.offer(call("a"));
    gate.offer(call("b"));
    Runnable c = call("c");
    gate.offer(c);
    assertThat(gate.cancel(c)).isTrue();
    gate.release();
    assertThat(started).containsExactly("a", "b");
    assertThat(gate.inFlight()).isEqualTo(1);
  }
}
