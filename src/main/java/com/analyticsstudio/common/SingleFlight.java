package com.analyticsstudio.common;

import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Identical concurrent requests share one computation: the first caller of a key starts it, callers
 * arriving while it runs get the same future, and the key is free again once it completed.
 */
public final class SingleFlight<K, V> {
  private final Map<K, Future<V>> running = new ConcurrentHashMap<>();

  /** The running computation of {@code key}, or {@code compute}'s, started now. */
  public Future<V> run(K key, Supplier<Future<V>> compute) {
    @SuppressWarnings("unchecked")
    Future<V>[] mine = new Future[1];
    Future<V> f = running.computeIfAbsent(key, k -> mine[0] = compute.get());
    if (mine[0] != null) {
      Future<V> started = mine[0];
      started.onComplete(ar -> running.remove(key, started));
      if (started.isComplete()) running.remove(key, started);
    }
    return f;
  }

  /** Keys running now (for tests and gauges). */
  public int size() {
    return running.size();
  }
}
