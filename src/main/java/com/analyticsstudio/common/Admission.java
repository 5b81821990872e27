package com.analyticsstudio.common;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission control for the whole process: at most {@code HTTP_MAX_IN_FLIGHT} requests are being
 * served at once; one more is answered 503 {@code overloaded} + {@code Retry-After} at once, before
 * any work. When the CPU (not a pool) is what runs out — a 0.5 vCPU task at twice its rate — this
 * is what keeps the latency of the accepted requests bounded (in flight / throughput) instead of
 * letting every request queue in the event loop. Health, readiness and metrics are never refused.
 * One instance is shared by every HTTP verticle; a platform handler, so it runs before body
 * handling and authentication (a refused request costs no parsing and no token check).
 */
public final class Admission implements PlatformHandler {
  /**
   * Paths that always answer: orchestrators and scrapers must see an overloaded process as alive.
   */
  static final Set<String> EXEMPT = Set.of("/health", "/ready", "/metrics");

  private final int max;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Runnable onReject;

  public Admission(int max, Runnable onReject) {
    this.max = max;
    this.onReject = onReject;
  }

  /**
   * {@code HTTP_MAX_IN_FLIGHT}, or 128 per core the JVM sees (1 in a 0.5 vCPU task) when it is 0.
   */
  public static int limit(AppConfig config) {
    return config.httpMaxInFlight() > 0
        ? config.httpMaxInFlight()
        : 128 * Runtime.getRuntime().availableProcessors();
  }

  /** Takes a slot, or returns false when all are taken. */
  boolean tryEnter() {
    if (inFlight.incrementAndGet() > max) {
      inFlight.decrementAndGet();
      return false;
    }
    return true;
  }

  void leave() {
    inFlight.decrementAndGet();
  }

  /** Requests admitted and not yet answered (the {@code http_in_flight} gauge). */
  public int inFlight() {
    return inFlight.get();
  }

  static boolean exempt(String path) {
    return path != null && EXEMPT.contains(path);
  }

  /** Admits (and releases when the response ends) or refuses with 503. */
  @Override
  public void handle(RoutingContext ctx) {
    if (exempt(ctx.request().path())) {
      ctx.next();
      return;
    }
    if (!tryEnter()) {
      onReject.run();
      FailureHandler.write(ctx, Overload.busy());
      return;
    }
    ctx.addEndHandler(v -> leave());
    ctx.next();
  }
}
