package com.analyticsstudio.common;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * Carries {@link ApiException}s across the event bus: the failure code is the HTTP status and the
 * message is the error JSON, so the HTTP side answers exactly what the service decided.
 */
public final class Replies {
  private Replies() {}

  public static <T> void reply(Message<?> message, Future<T> result) {
    result.onSuccess(message::reply).onFailure(e -> fail(message, e));
  }

  public static void fail(Message<?> message, Throwable e) {
    ApiException overload = Overload.of(e);
    ApiException api =
        e instanceof ApiException a
            ? a
            : overload != null
                ? overload
                : new ApiException(
                    500, "internal_error", "something went wrong on our side; it has been logged");
    message.fail(
        api.status(),
        new JsonObject()
            .put("code", api.code())
            .put("message", api.getMessage())
            .put("details", api.details())
            .put("retryAfter", api.retryAfterSeconds())
            .encode());
  }

  /** The ApiException a failed request carried, or a 503 when nobody answered in time. */
  public static Throwable unwrap(Throwable e) {
    if (e instanceof ReplyException r) {
      if (r.failureType() == ReplyFailure.RECIPIENT_FAILURE && r.failureCode() >= 400) {
        try {
          JsonObject j = new JsonObject(r.getMessage());
          return new ApiException(
              r.failureCode(),
              j.getString("code"),
              j.getString("message"),
              j.getJsonObject("details"),
              j.getInteger("retryAfter"),
              null);
        } catch (RuntimeException notJson) {
          return new ApiException(r.failureCode(), "failed", r.getMessage());
        }
      }
      return ApiException.unavailable(
          "service_unavailable", "the service did not answer in time; retry shortly", 2);
    }
    return e;
  }
}
