package com.analyticsstudio.llm;

import java.util.function.LongSupplier;

/**
 * Stops calling a model that keeps failing. Closed: calls go through; {@code threshold} consecutive
 * failures open it. Open: calls are refused for {@code openMillis}. Then half-open: exactly one
 * call (the probe) goes through; its success closes the breaker, its failure opens it again. Not
 * thread-safe: the LLM client uses it from its one Vert.x context only.
 *
 * <p>Hand-written because {@code vertx-circuit-breaker} is not published for Vert.x 5.0.10, and the
 * state machine is small enough to test completely with a fake clock.
 */
final class CircuitBreaker {
  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  /** What {@link #tryAcquire()} granted. */
  enum Permit {
    DENIED,
    CALL,
    PROBE
  }

  private final int threshold;
  private final long openMillis;
  private final LongSupplier clock;
  private State state = State.CLOSED;
  private int failures;
  private long openedAt;
  private boolean probing;

  CircuitBreaker(int threshold, long openMillis, LongSupplier clock) {
    this.threshold = threshold;
    this.openMillis = openMillis;
    this.clock = clock;
  }

  /**
   * May a call go ahead? In half-open state the first caller becomes the probe, the others are
   * denied.
   */
  Permit tryAcquire() {
    if (state == State.OPEN && clock.getAsLong() - openedAt >= openMillis) {
      state = State.HALF_OPEN;
      probing = false;
    }
    return switch (state) {
      case CLOSED -> Permit.CALL;
      case OPEN -> Permit.DENIED;
      case HALF_OPEN -> {
        if (probing) yield Permit.DENIED;
        probing = true;
        yield Permit.PROBE;
      }
    };
  }

  /** The model answered: the breaker closes. */
  void onSuccess() {
    state = State.CLOSED;
    failures = 0;
    probing = false;
  }

  /** The model failed: count it, or reopen when the probe failed. */
  void onFailure() {
    failures++;
    if (state == State.HALF_OPEN || failures >= threshold) {
      state = State.OPEN;
      openedAt = clock.getAsLong();
      probing = false;
    }
  }

  /**
   * The call never reached the model (no free slot): a probe lets the next caller probe instead.
   */
  void abandon(Permit permit) {
    if (permit == Permit.PROBE && state == State.HALF_OPEN) probing = false;
  }

  State state() {
    if (state == State.OPEN && clock.getAsLong() - openedAt >= openMillis) return State.HALF_OPEN;
    return state;
  }

  /** Milliseconds until an open breaker lets a probe through (0 when it would now). */
  long retryAfterMillis() {
    return state == State.OPEN ? Math.max(0, openMillis - (clock.getAsLong() - openedAt)) : 0;
  }
}
