package com.analyticsstudio.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * In-process caches: Caffeine, bounded, reporting size, hits, misses and evictions as {@code
 * cache_*{cache=name}}.
 */
public final class Caches {
  private Caches() {}

  /**
   * Builds {@code builder}'s cache with statistics and registers its metrics under {@code name}.
   */
  public static <K, V> Cache<K, V> monitored(
      MeterRegistry registry, String name, Caffeine<Object, Object> builder) {
    Cache<K, V> cache = builder.recordStats().build();
    CaffeineCacheMetrics.monitor(registry, cache, name);
    return cache;
  }
}
