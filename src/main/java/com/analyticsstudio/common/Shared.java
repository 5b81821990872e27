package com.analyticsstudio.common;

import io.vertx.core.Vertx;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One instance per Vert.x instance of a process-wide resource (in-process cache, rate limiter),
 * shared by all verticle instances. Keyed by Vert.x so tests running several apps stay apart.
 */
public final class Shared {
  private static final Map<Vertx, Map<String, Object>> RESOURCES = new WeakHashMap<>();

  private Shared() {}

  @SuppressWarnings("unchecked")
  public static synchronized <T> T of(Vertx vertx, String key, Supplier<T> create) {
    return (T) RESOURCES.computeIfAbsent(vertx, v -> new ConcurrentHashMap<>())
        .computeIfAbsent(key, k -> create.get());
  }
}
