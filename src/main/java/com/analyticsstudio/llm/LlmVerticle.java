package com.analyticsstudio.llm;

import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Replies;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link LlmAddresses} with one {@link LlmClient}. Deploy exactly one instance per process:
 * the concurrency bound and the circuit breaker are per instance.
 *
 * <p>Deployed whether or not {@code OPENAI_API_KEY} is set: without it every request fails at once
 * with {@code llm_not_configured}, so the Ask service has one code path (ask, fall back on any LLM
 * failure) and never waits for a reply timeout from an address nobody serves.
 */
public final class LlmVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LlmVerticle.class);
  private final AppConfig config;
  private LlmClient client;

  public LlmVerticle(AppConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    return LlmClient.create(vertx, config)
        .compose(
            c -> {
              client = c;
              LOG.info(
                  c.configured()
                      ? "LLM path on: model {}, at most {} calls at once, {} s timeout"
                      : "LLM path off (OPENAI_API_KEY is not set): questions go to the built-in planner",
                  config.openAiModel(),
                  config.llm().maxConcurrency(),
                  config.llm().timeoutSeconds());
              return Future.all(
                  serve(
                      LlmAddresses.PLAN,
                      PlanRequest::fromJson,
                      r -> client.plan(r).map(LlmPlan::toJson)),
                  serve(
                      LlmAddresses.REPAIR,
                      RepairRequest::fromJson,
                      r -> client.repair(r).map(LlmPlan::toJson)),
                  serve(
                      LlmAddresses.SUMMARIZE,
                      SummarizeRequest::fromJson,
                      r -> client.summarize(r).map(LlmSummary::toJson)),
                  serve(LlmAddresses.STATUS, j -> j, j -> client.status()));
            });
  }

  private <R> Future<Void> serve(
      String address, Function<JsonObject, R> read, Function<R, Future<JsonObject>> handle) {
    return vertx
        .eventBus()
        .<Object>consumer(address, msg -> Replies.reply(msg, request(msg, read).compose(handle)))
        .completion();
  }

  /** A malformed message is refused (400 invalid_request) before any model call. */
  private static <R> Future<R> request(Message<Object> msg, Function<JsonObject, R> read) {
    Object body = msg.body();
    if (!(body instanceof JsonObject json)) {
      return Future.failedFuture(Messages.invalid("the message body must be a JSON object"));
    }
    try {
      return Future.succeededFuture(read.apply(json));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<?> stop() {
    return client == null
        ? Future.succeededFuture()
        : vertx.executeBlocking(
            () -> {
              client.close();
              return null;
            });
  }
}
