package com.analyticsstudio.common;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;

/**
 * The one place a saturated resource becomes "retry shortly": a database pool whose wait queue is
 * full, a wait for a pooled connection longer than {@code DB_MAX_WAIT_MS}, or PostgreSQL refusing
 * connections all answer 503 {@code overloaded} with {@code Retry-After} instead of a 500. Used by
 * {@link FailureHandler} (HTTP) and {@link Replies} (event bus), so every route and every verticle
 * maps them alike.
 */
public final class Overload {
  /** Seconds a shed client is told to wait. */
  public static final int RETRY_AFTER_SECONDS = 1;

  /*
   * Vert.x' SQL pool fails a waiter that outlived the pool's connection timeout with a bare
   * throwable whose only public trait is this message (the class is in an impl package); the ITs
   * that saturate a real pool (ops.OverloadIT) fail if a Vert.x upgrade changes it.
   */
  private static final String POOL_WAIT_TIMEOUT = "Timeout";
  private static final String POOL_QUERY_TIMEOUT = "Timeout waiting for connection";

  private Overload() {}

  /** The 503 for a failure that means "at capacity", or null when it means something else. */
  public static ApiException of(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ApiException) {
        return null;
      }
      if (c instanceof ConnectionPoolTooBusyException) {
        return overloaded("too many requests are waiting for a database connection");
      }
      String message = c.getMessage();
      if (POOL_WAIT_TIMEOUT.equals(message) || POOL_QUERY_TIMEOUT.equals(message)) {
        return overloaded(
            "no database connection became free within the bounded wait (DB_MAX_WAIT_MS)");
      }
      if (c instanceof ConnectException) {
        return ApiException.unavailable(
            "database_unavailable",
            "the database does not accept connections right now; retry shortly",
            RETRY_AFTER_SECONDS);
      }
    }
    return null;
  }

  /**
   * The 503 of a process serving {@code HTTP_MAX_IN_FLIGHT} requests already ({@link Admission}).
   */
  public static ApiException busy() {
    return overloaded(
        "the server is serving as many requests as it admits at once (HTTP_MAX_IN_FLIGHT)");
  }

  private static ApiException overloaded(String reason) {
    return new ApiException(
        503,
        "overloaded",
        "the server is at capacity; retry shortly",
        new JsonObject().put("reason", reason),
        RETRY_AFTER_SECONDS,
        null);
  }
}
