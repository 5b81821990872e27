package com.analyticsstudio.llm;

import java.util.ArrayDeque;

/**
 * At most {@code maxInFlight} calls at once and at most {@code maxQueue} waiting; a call beyond
 * that is refused at once, so a burst degrades to the planner instead of piling up. Not
 * thread-safe: used from the LLM client's one Vert.x context only.
 */
final class Gate {
  private final int maxInFlight;
  private final int maxQueue;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int inFlight;

  Gate(int maxInFlight, int maxQueue) {
    this.maxInFlight = maxInFlight;
    this.maxQueue = maxQueue;
  }

  /**
   * Runs {@code start} now if a slot is free, later if the queue has room; false if both are full.
   */
  boolean offer(Runnable start) {
    if (inFlight < maxInFlight) {
      inFlight++;
      start.run();
      return true;
    }
    if (waiting.size() < maxQueue) {
      waiting.add(start);
      return true;
    }
    return false;
  }

  /** A call finished: its slot goes to the oldest waiting call. */
  void release() {
    Runnable next = waiting.poll();
    if (next != null) {
      next.run();
    } else {
      inFlight--;
    }
  }

  /** Takes a waiting call out of the queue (it timed out); false if it already started. */
  boolean cancel(Runnable start) {
    return waiting.remove(start);
  }

  int inFlight() {
    return inFlight;
  }

  int queued() {
    return waiting.size();
  }
}
