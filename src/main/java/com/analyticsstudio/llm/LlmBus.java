package com.analyticsstudio.llm;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Replies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The typed way to call the LLM verticle over the event bus, from any verticle (e.g. the Ask
 * service). The send timeout outlasts {@code LLM_TIMEOUT_SECONDS}, so a slow model ends as {@code
 * llm_timeout}, not as a generic reply timeout. Failures come back as {@link LlmException} (other
 * {@link ApiException}s, e.g. 400 invalid_request, unchanged).
 */
public final class LlmBus {
  /** Margin over the LLM deadline for the event-bus round trip. */
  private static final long MARGIN_MS = 5_000;

  private final Vertx vertx;
  private final DeliveryOptions options;

  public LlmBus(Vertx vertx, AppConfig config) {
    this.vertx = vertx;
    this.options =
        new DeliveryOptions()
            .setSendTimeout(TimeUnit.SECONDS.toMillis(config.llm().timeoutSeconds()) + MARGIN_MS);
  }

  public Future<LlmPlan> plan(PlanRequest request) {
    return send(LlmAddresses.PLAN, request.toJson(), LlmPlan::fromJson);
  }

  public Future<LlmPlan> repair(RepairRequest request) {
    return send(LlmAddresses.REPAIR, request.toJson(), LlmPlan::fromJson);
  }

  public Future<LlmSummary> summarize(SummarizeRequest request) {
    return send(LlmAddresses.SUMMARIZE, request.toJson(), LlmSummary::fromJson);
  }

  /** See {@link LlmClient#status()}. */
  public Future<JsonObject> status() {
    return send(LlmAddresses.STATUS, new JsonObject(), j -> j);
  }

  private <T> Future<T> send(String address, JsonObject body, Function<JsonObject, T> read) {
    return vertx
        .eventBus()
        .<JsonObject>request(address, body, options)
        .map(reply -> read.apply(reply.body()))
        .recover(e -> Future.failedFuture(typed(Replies.unwrap(e))));
  }

  private static Throwable typed(Throwable e) {
    if (e instanceof ApiException a && !(e instanceof LlmException)) {
      return LlmException.Reason.ofCode(a.code())
          .<Throwable>map(
              r -> new LlmException(r, a.getMessage(), a.details(), a.retryAfterSeconds(), null))
          .orElse(a);
    }
    return e;
  }
}
