package com.analyticsstudio.llm;

import com.analyticsstudio.common.AppConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.JsonValue;
import com.openai.core.Params;
import com.openai.core.PrepareRequest;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.completions.CompletionUsage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LLM path's Java API: question → structured SQL answer, a repair round, the answer sentence.
 * Calls go through the official OpenAI SDK's async (OkHttp) client, so no Vert.x thread waits on a
 * model; completions hop back to this client's Vert.x context before any state is touched.
 *
 * <p>Every call is bounded: a {@link CircuitBreaker} refuses calls while the model keeps failing, a
 * {@link Gate} bounds calls in flight and waiting, a timer ends a call after {@code
 * LLM_TIMEOUT_SECONDS} (waiting included) and the SDK retries transient errors {@code
 * LLM_MAX_RETRIES} times within that deadline. A call that gives no usable answer fails with an
 * {@link LlmException} whose {@link LlmException.Reason} tells the Ask service why it falls back.
 *
 * <p>Without {@code OPENAI_API_KEY} the client makes no SDK client and every call fails with {@link
 * LlmException.Reason#NOT_CONFIGURED}.
 */
public final class LlmClient {
  private static final Logger LOG = LoggerFactory.getLogger(LlmClient.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SCHEMA_NAME = "sql_answer";

  private final Vertx vertx;
  private final Context context;
  private final OpenAIClientAsync sdk;
  private final String model;
  private final AppConfig.Llm limits;
  private final PromptBuilder prompts;
  private final CircuitBreaker breaker;
  private final Gate gate;
  private final WorkerExecutor starter;
  private final ResponseFormatJsonSchema planFormat = planFormat();

  private LlmClient(
      Vertx vertx, Context context, OpenAIClientAsync sdk, AppConfig config, LongSupplier clockMs) {
    this.vertx = vertx;
    this.context = context;
    this.sdk = sdk;
    this.model = config.openAiModel();
    this.limits = config.llm();
    this.prompts = new PromptBuilder(config.maxQueryRows());
    this.breaker =
        new CircuitBreaker(
            limits.breakerFailures(),
            TimeUnit.SECONDS.toMillis(limits.breakerOpenSeconds()),
            clockMs);
    this.gate = new Gate(limits.maxConcurrency(), limits.maxQueue());
    // The SDK prepares a request synchronously, with Kotlin reflection that takes seconds the first
    // time: calls are started on this small pool, never on an event loop, then run async on OkHttp.
    this.starter =
        sdk == null ? null : vertx.createSharedWorkerExecutor("llm", limits.maxConcurrency());
  }

  /**
   * A client bound to the caller's Vert.x context (its state lives there). Building the SDK client
   * loads OkHttp and Jackson modules, so it runs on a worker.
   */
  public static Future<LlmClient> create(Vertx vertx, AppConfig config) {
    return create(vertx, config, System::currentTimeMillis);
  }

  /**
   * {@link #create(Vertx, AppConfig)} with the clock the circuit breaker keeps its open time by
   * (tests use a fake one).
   */
  static Future<LlmClient> create(Vertx vertx, AppConfig config, LongSupplier clockMs) {
    Context context = vertx.getOrCreateContext();
    if (config.openAiApiKey().isBlank()) {
      return Future.succeededFuture(new LlmClient(vertx, context, null, config, clockMs));
    }
    return vertx.executeBlocking(
        () -> {
          OpenAIOkHttpClientAsync.Builder b =
              OpenAIOkHttpClientAsync.builder()
                  .apiKey(config.openAiApiKey())
                  .timeout(Duration.ofSeconds(config.llm().timeoutSeconds()))
                  .maxRetries(config.llm().maxRetries());
          if (!config.openAiBaseUrl().isBlank()) b.baseUrl(config.openAiBaseUrl());
          warmUp(config.openAiModel());
          return new LlmClient(vertx, context, b.build(), config, clockMs);
        });
  }

  /**
   * The SDK finds a request's model name by Kotlin reflection, which loads and parses metadata for
   * seconds the first time on a small box. Doing it once here keeps that cost out of the first
   * question's deadline.
   */
  private static void warmUp(String model) {
    try {
      Params params =
          ChatCompletionCreateParams.builder()
              .model(model)
              .addUserMessage("warm-up")
              .responseFormat(planFormat())
              .build();
      // Kotlin marks it synthetic, so Java code can only reach it reflectively.
      PrepareRequest.class.getMethod("modelNameOrNull", Params.class).invoke(null, params);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.debug("SDK warm-up skipped: {}", e.toString());
    }
  }

  /**
   * False when no {@code OPENAI_API_KEY} is set: every call then fails with {@code
   * llm_not_configured}.
   */
  public boolean configured() {
    return sdk != null;
  }

  /** The configured model name. */
  public String model() {
    return model;
  }

  /**
   * The question as SQL (or an explanation of why the datasets cannot answer it), a chart and the
   * usage.
   */
  public Future<LlmPlan> plan(PlanRequest request) {
    return structured(prompts.plan(request));
  }

  /** One more try at SQL the database refused, given its error text. */
  public Future<LlmPlan> repair(RepairRequest request) {
    return structured(prompts.repair(request));
  }

  /** The answer sentence for a result. */
  public Future<LlmSummary> summarize(SummarizeRequest request) {
    return call(prompts.summarize(request), false)
        .map(c -> new LlmSummary(parsed(c, () -> OutputParser.sentence(c.content())), c.usage()));
  }

  /**
   * {@code {"configured","model","breaker":"closed|open|half_open","inFlight","queued"}}, read on
   * the client's context.
   */
  public Future<JsonObject> status() {
    Promise<JsonObject> p = Promise.promise();
    context.runOnContext(
        v ->
            p.complete(
                new JsonObject()
                    .put("configured", configured())
                    .put("model", model)
                    .put("breaker", breaker.state().name().toLowerCase(Locale.ROOT))
                    .put("inFlight", gate.inFlight())
                    .put("queued", gate.queued())));
    return p.future();
  }

  /** Closes the SDK client's connections and threads (blocking: call it from a worker). */
  public void close() {
    if (sdk != null) {
      starter.close();
      sdk.close();
    }
  }

  private Future<LlmPlan> structured(Prompt prompt) {
    return call(prompt, true)
        .map(c -> new LlmPlan(parsed(c, () -> OutputParser.plan(c.content())), c.usage()));
  }

  /** Parse failures keep the usage: the tokens were spent and the exchange log wants them. */
  private static <T> T parsed(Completion c, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (LlmException e) {
      throw new LlmException(
          e.reason(),
          e.getMessage(),
          new JsonObject()
              .put("usage", c.usage().toJson())
              .put("content", PromptBuilder.cut(c.content(), 500)),
          null,
          null);
    }
  }

  private record Completion(String content, LlmUsage usage) {}

  private Future<Completion> call(Prompt prompt, boolean structured) {
    if (sdk == null) {
      return Future.failedFuture(
          new LlmException(
              LlmException.Reason.NOT_CONFIGURED,
              "no language model is configured (OPENAI_API_KEY is not set)"));
    }
    ChatCompletionCreateParams.Builder params =
        ChatCompletionCreateParams.builder()
            .model(model)
            .addSystemMessage(prompt.system())
            .addUserMessage(prompt.user());
    if (structured) params.responseFormat(planFormat);
    Promise<Completion> promise = Promise.promise();
    ChatCompletionCreateParams built = params.build();
    context.runOnContext(v -> admit(built, promise));
    return promise.future();
  }

  /**
   * On the context: breaker, then a slot (or a place in the queue), with the deadline running from
   * now.
   */
  private void admit(ChatCompletionCreateParams params, Promise<Completion> promise) {
    CircuitBreaker.Permit permit = breaker.tryAcquire();
    if (permit == CircuitBreaker.Permit.DENIED) {
      int retryAfter =
          (int) Math.max(1, TimeUnit.MILLISECONDS.toSeconds(breaker.retryAfterMillis() + 999));
      promise.fail(
          new LlmException(
              LlmException.Reason.CIRCUIT_OPEN,
              "the language model failed repeatedly; it is not called for a while",
              null,
              retryAfter,
              null));
      return;
    }
    Call call = new Call(params, permit, promise);
    call.timer =
        vertx.setTimer(TimeUnit.SECONDS.toMillis(limits.timeoutSeconds()), id -> call.timeout());
    if (!gate.offer(call)) {
      vertx.cancelTimer(call.timer);
      breaker.abandon(permit);
      promise.fail(
          new LlmException(
              LlmException.Reason.BUSY,
              "the language model is busy with other questions",
              null,
              1,
              null));
    }
  }

  /** One model call; every method runs on the client's context. */
  private final class Call implements Runnable {
    private final ChatCompletionCreateParams params;
    private final CircuitBreaker.Permit permit;
    private final Promise<Completion> promise;
    private long timer;
    private boolean started;
    private boolean timedOut;
    private long startedAt;
    private CompletableFuture<ChatCompletion> future;

    Call(
        ChatCompletionCreateParams params,
        CircuitBreaker.Permit permit,
        Promise<Completion> promise) {
      this.params = params;
      this.permit = permit;
      this.promise = promise;
    }

    @Override
    public void run() {
      started = true;
      startedAt = System.nanoTime();
      starter
          .executeBlocking(() -> sdk.chat().completions().create(params), false)
          .onComplete(
              ar -> {
                future = ar.succeeded() ? ar.result() : CompletableFuture.failedFuture(ar.cause());
                if (timedOut) future.cancel(true);
                // OkHttp completes the future on its own threads: hop back before touching any
                // state.
                future.whenComplete(
                    (completion, error) -> context.runOnContext(v -> finished(completion, error)));
              });
    }

    void timeout() {
      String message = "the language model did not answer within " + limits.timeoutSeconds() + " s";
      if (!started) {
        gate.cancel(this);
        breaker.abandon(permit);
        promise.tryFail(
            new LlmException(LlmException.Reason.TIMEOUT, message + " (every slot stayed busy)"));
        return;
      }
      timedOut = true;
      breaker.onFailure();
      // Cancel first: it cancels the HTTP call and queues finished(), which frees the slot before
      // anyone who reacts to the failure can look at the gate.
      if (future != null) future.cancel(true);
      promise.tryFail(new LlmException(LlmException.Reason.TIMEOUT, message));
    }

    private void finished(ChatCompletion completion, Throwable error) {
      gate.release();
      if (timedOut) return;
      vertx.cancelTimer(timer);
      long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
      LlmException failure = error == null ? null : failure(unwrap(error));
      Completion result = null;
      if (failure == null) {
        try {
          result = completion(completion, latencyMs);
        } catch (OpenAIInvalidDataException e) {
          failure =
              new LlmException(
                  LlmException.Reason.UNAVAILABLE,
                  "the model server's answer is not a chat completion",
                  null,
                  null,
                  e);
        }
      }
      if (failure != null) {
        breaker.onFailure();
        LOG.warn(
            "LLM call failed after {} ms: {} ({})",
            latencyMs,
            failure.code(),
            failure.getMessage());
        promise.tryFail(failure);
      } else {
        breaker.onSuccess();
        LOG.debug(
            "LLM call took {} ms, {} prompt + {} completion tokens",
            latencyMs,
            result.usage().promptTokens(),
            result.usage().completionTokens());
        promise.tryComplete(result);
      }
    }
  }

  private Completion completion(ChatCompletion c, long latencyMs) {
    String answeredBy = c._model().asString().filter(s -> !s.isBlank()).orElse(model);
    long in = 0;
    long out = 0;
    CompletionUsage u = c._usage().asKnown().orElse(null);
    if (u != null) {
      in = u._promptTokens().asKnown().orElse(0L);
      out = u._completionTokens().asKnown().orElse(0L);
    }
    LlmUsage usage =
        new LlmUsage(
            answeredBy,
            in,
            out,
            LlmUsage.cost(in, out, limits.priceInputPer1M(), limits.priceOutputPer1M()),
            latencyMs);
    if (c.choices().isEmpty()) return new Completion("", usage);
    ChatCompletionMessage message = c.choices().get(0).message();
    String refusal = message._refusal().asString().orElse(null);
    if (refusal != null && !refusal.isBlank()) {
      throw new LlmException(
          LlmException.Reason.INVALID_OUTPUT,
          "the model refused: " + PromptBuilder.cut(refusal, 300),
          new JsonObject().put("usage", usage.toJson()),
          null,
          null);
    }
    return new Completion(message._content().asString().orElse(""), usage);
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static LlmException failure(Throwable e) {
    if (e instanceof LlmException l) return l;
    if (e instanceof OpenAIServiceException s) {
      return new LlmException(
          LlmException.Reason.UNAVAILABLE,
          "the language model server answered HTTP "
              + s.statusCode()
              + (s.statusCode() == 401 || s.statusCode() == 403 ? " (check OPENAI_API_KEY)" : ""),
          new JsonObject().put("status", s.statusCode()),
          null,
          e);
    }
    if (e instanceof CancellationException) {
      return new LlmException(
          LlmException.Reason.UNAVAILABLE, "the language model call was cancelled");
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedIOException) {
        return new LlmException(
            LlmException.Reason.TIMEOUT,
            "the language model did not answer in time",
            null,
            null,
            e);
      }
    }
    return new LlmException(
        LlmException.Reason.UNAVAILABLE,
        "the language model server could not be reached (" + e.getClass().getSimpleName() + ")",
        null,
        null,
        e);
  }

  /**
   * The structured-output format: strict JSON schema, so a conforming server can only answer this
   * shape.
   */
  private static ResponseFormatJsonSchema planFormat() {
    ResponseFormatJsonSchema.JsonSchema.Schema.Builder schema =
        ResponseFormatJsonSchema.JsonSchema.Schema.builder();
    JsonNode node;
    try {
      node = MAPPER.readTree(PromptBuilder.planJsonSchema().encode());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      schema.putAdditionalProperty(field.getKey(), JsonValue.fromJsonNode(field.getValue()));
    }
    return ResponseFormatJsonSchema.builder()
        .jsonSchema(
            ResponseFormatJsonSchema.JsonSchema.builder()
                .name(SCHEMA_NAME)
                .strict(true)
                .schema(schema.build())
                .build())
        .build();
  }
}
