package com.analyticsstudio.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

  @Test
  void concurrentCallersShareOneComputationUntilItCompletes() {
    SingleFlight<String, Integer> flights = new SingleFlight<>();
    AtomicInteger started = new AtomicInteger();
    Promise<Integer> first = Promise.promise();
    Future<Integer> a =
        flights.run(
            "k",
            () -> {
              started.incrementAndGet();
              return first.future();
            });
    Future<Integer> b =
        flights.run(
            "k",
            () -> {
              started.incrementAndGet();
              return Future.succeededFuture(2);
            });
    Future<Integer> other =
        flights.run(
            "other",
            () -> {
              started.incrementAndGet();
              return Future.succeededFuture(3);
            });
    assertThat(b).isSameAs(a);
    assertThat(other.result()).isEqualTo(3);
    assertThat(started.get()).isEqualTo(2);
    assertThat(flights.size()).isEqualTo(1); // "other" completed at once and left

    first.complete(1);
    assertThat(b.result()).isEqualTo(1);
    assertThat(flights.size()).isZero();
    assertThat(flights.run("k", () -> Future.succeededFuture(4)).result()).isEqualTo(4);
  }

  @Test
  void aFailedComputationIsNotRemembered() {
    SingleFlight<String, Integer> flights = new SingleFlight<>();
    assertThat(flights.run("k", () -> Future.failedFuture("down")).failed()).isTrue();
    assertThat(flights.run("k", () -> Future.succeededFuture(5)).result()).isEqualTo(5);
  }
}
