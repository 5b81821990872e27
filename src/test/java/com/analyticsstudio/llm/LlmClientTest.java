package com.analyticsstudio.llm;

import static com.analyticsstudio.llm.OpenAiTestServer.completion;
import static com.analyticsstudio.llm.OpenAiTestServer.serverError;
import static com.analyticsstudio.llm.OpenAiTestServer.structured;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client through the real OpenAI SDK against {@link OpenAiTestServer}. */
class LlmClientTest {
  private static final String SQL =
      "SELECT \"region\", sum(\"amount\") AS \"total\" FROM \"sales\" GROUP BY 1 LIMIT 100";

  private Vertx vertx;
  private OpenAiTestServer server;
  private LlmClient client;

  @BeforeEach
  void start() throws Exception {
    vertx =
        Vertx.vertx(
            new VertxOptions()
                .setWarningExceptionTime(500)
                .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(500)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    server = OpenAiTestServer.start(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) client.close();
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The circuit breaker's clock: tests move it instead of sleeping. */
  private final AtomicLong clockMs = new AtomicLong(1_000_000);

  /**
   * Waits (bounded) until {@code condition} holds: the server notices a cancelled call on its own
   * time.
   */
  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(20);
  }

  private LlmClient client(String... settings) throws Exception {
    Map<String, String> values =
        new HashMap<>(
            Map.of(
                "OPENAI_API_KEY",
                "sk-test-key",
                "OPENAI_BASE_URL",
                server.baseUrl(),
                "OPENAI_MODEL",
                "gpt-4o-mini",
                "LLM_MAX_RETRIES",
                "0",
                "LLM_TIMEOUT_SECONDS",
                "10"));
    for (int i = 0; i < settings.length; i += 2) values.put(settings[i], settings[i + 1]);
    client = await(LlmClient.create(vertx, AppConfig.load(values), clockMs::get));
    return client;
  }

  private static PlanRequest question(String q) {
    return new PlanRequest(q, Schemas.projectA(), List.of());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static LlmException failure(Future<?> f) throws Exception {
    try {
      f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(LlmException.class);
      return (LlmException) e.getCause();
    }
    throw new AssertionError("expected the call to fail");
  }

  @Test
  void planSendsTheModelTheJsonSchemaFormatAndTheProjectsSchema() throws Exception {
    client();
    server.enqueue(structured(SQL, "bar", "region", "total", "Total sales per region."));
    LlmPlan plan = await(client.plan(question("total sales by region")));

    assertThat(plan.output().sql()).isEqualTo(SQL);
    assertThat(plan.output().chart()).isEqualTo(new Chart("bar", "region", "total", null));
    assertThat(plan.output().explanation()).isEqualTo("Total sales per region.");

    OpenAiTestServer.Recorded req = server.last();
    assertThat(req.method()).isEqualTo("POST");
    assertThat(req.path()).isEqualTo("/v1/chat/completions");
    assertThat(req.headers().get("Authorization")).isEqualTo("Bearer sk-test-key");
    assertThat(req.body().getString("model")).isEqualTo("gpt-4o-mini");
    JsonObject format = req.body().getJsonObject("response_format");
    assertThat(format.getString("type")).isEqualTo("json_schema");
    assertThat(format.getJsonObject("json_schema").getString("name")).isEqualTo("sql_answer");
    assertThat(format.getJsonObject("json_schema").getBoolean("strict")).isTrue();
    assertThat(format.getJsonObject("json_schema").getJsonObject("schema"))
        .isEqualTo(PromptBuilder.planJsonSchema());

    assertThat(req.message("system"))
        .contains(
            "PostgreSQL dialect",
            "Double-quote every table and column identifier",
            "Table \"sales\" (dataset \"Sales 2024\")",
            "\"region\" text, label \"Sales region\"",
            "most common \"North\" (400)",
            "\"customer_name\" text",
            "e.g. \"Ada Lovelace\"",
            "LIMIT of at most 100000");
    assertThat(req.message("user")).isEqualTo("Question: \"total sales by region\"");
    assertThat(req.prompt())
        .doesNotContain("payroll_secret", "salary_eur", "Zebulon", Schemas.PROJECT_A.toString());
  }

  @Test
  void usageCarriesTokensModelAndCostFromTheConfiguredPrices() throws Exception {
    client("LLM_PRICE_INPUT_PER_1M", "2.50", "LLM_PRICE_OUTPUT_PER_1M", "10");
    server.enqueue(
        new OpenAiTestServer.Completion(
            "{\"sql\":\"SELECT 1\",\"explanation\":\"x\"}",
            1_000_000,
            200_000,
            "gpt-4o-2024-08-06"));
    LlmUsage usage = await(client.plan(question("q"))).usage();
    assertThat(usage.model()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(usage.promptTokens()).isEqualTo(1_000_000);
    assertThat(usage.completionTokens()).isEqualTo(200_000);
    assertThat(usage.totalTokens()).isEqualTo(1_200_000);
    assertThat(usage.costUsd()).isEqualTo(4.50);
    assertThat(usage.latencyMs()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void defaultPricesAreGpt4oMinis() throws Exception {
    client();
    server.enqueue(
        completion(
            "{\"sql\":\"SELECT 1\",\"explanation\":\"x\"}")); // 120 prompt + 30 completion tokens
    assertThat(await(client.plan(question("q"))).usage().costUsd()).isEqualTo(0.000036);
  }

  @Test
  void aCodeFencedAnswerIsParsed() throws Exception {
    client();
    server.enqueue(
        completion(
            "```json\n{\"sql\":\"SELECT 1;\",\"chart\":{\"type\":\"kpi\",\"x\":null,\"y\":\"n\",\"series\":null},"
                + "\"explanation\":\"One.\"}\n```"));
    PlanOutput out = await(client.plan(question("q"))).output();
    assertThat(out.sql()).isEqualTo("SELECT 1");
    assertThat(out.chart().type()).isEqualTo("kpi");
  }

  @Test
  void malformedContentFailsAsInvalidOutputWithTheUsageKept() throws Exception {
    client();
    server.enqueue(completion("I think you should look at the sales table."));
    LlmException e = failure(client.plan(question("q")));
    assertThat(e.reason()).isEqualTo(LlmException.Reason.INVALID_OUTPUT);
    assertThat(e.code()).isEqualTo("llm_invalid_output");
    assertThat(e.details().getJsonObject("usage").getLong("promptTokens")).isEqualTo(120);
    assertThat(e.details().getString("content")).startsWith("I think");
  }

  @Test
  void repairSendsThePreviousSqlAndTheDatabaseError() throws Exception {
    client();
    server.enqueue(structured(SQL, "bar", "region", "total", "Fixed the column name."));
    LlmPlan plan =
        await(
            client.repair(
                new RepairRequest(
                    question("total sales by region"),
                    "SELECT \"regon\" FROM \"sales\" LIMIT 10",
                    "column \"regon\" does not exist")));
    assertThat(plan.output().sql()).isEqualTo(SQL);
    OpenAiTestServer.Recorded req = server.last();
    assertThat(req.body().getJsonObject("response_format").getString("type"))
        .isEqualTo("json_schema");
    assertThat(req.message("user"))
        .contains(
            "SELECT \"regon\" FROM \"sales\" LIMIT 10",
            "column \"regon\" does not exist",
            "Question: \"total sales by region\"");
    assertThat(req.message("system")).contains("Table \"sales\"");
  }

  @Test
  void summarizeSendsTheBoundedResultAndReturnsTheSentence() throws Exception {
    client();
    server.enqueue(completion("North sold the most, 4,000 EUR."));
    LlmSummary summary =
        await(
            client.summarize(
                new SummarizeRequest(
                    "which region sold most",
                    SQL,
                    List.of("region", "total"),
                    List.of(List.of("North", 4000), List.of("South", 3000)))));
    assertThat(summary.text()).isEqualTo("North sold the most, 4,000 EUR.");
    assertThat(summary.usage().completionTokens()).isEqualTo(30);
    OpenAiTestServer.Recorded req = server.last();
    assertThat(req.body().containsKey("response_format")).isFalse();
    assertThat(req.message("user")).contains("[\"North\",4000]", "[\"South\",3000]", SQL);
  }

  @Test
  void aSlowModelFailsWithLlmTimeoutWithinTheTimeout() throws Exception {
    client("LLM_TIMEOUT_SECONDS", "1");
    server.enqueue(new OpenAiTestServer.Delayed(2_500, completion("{\"sql\":\"SELECT 1\"}")));
    LlmException e = failure(client.plan(question("q")));
    assertThat(e.reason()).isEqualTo(LlmException.Reason.TIMEOUT);
    assertThat(e.code()).isEqualTo("llm_timeout");
    assertThat(await(client.status()).getInteger("inFlight")).isZero();
    // The HTTP call was cancelled: the server finds its client gone, and nothing was retried.
    eventually(() -> server.abandoned() == 1);
    assertThat(server.abandoned()).isEqualTo(1);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void serverErrorsAreRetriedThenFailAsLlmUnavailable() throws Exception {
    client("LLM_MAX_RETRIES", "1");
    server.enqueue(serverError(), serverError());
    LlmException e = failure(client.plan(question("q")));
    assertThat(e.reason()).isEqualTo(LlmException.Reason.UNAVAILABLE);
    assertThat(e.code()).isEqualTo("llm_unavailable");
    assertThat(e.details().getInteger("status")).isEqualTo(500);
    assertThat(server.requests()).hasSize(2);
    assertThat(server.requests())
        .extracting(r -> r.headers().get("x-stainless-retry-count"))
        .containsExactly("0", "1");
  }

  @Test
  void aRetrySucceedsWhenTheServerRecovers() throws Exception {
    client("LLM_MAX_RETRIES", "1");
    server.enqueue(serverError(), structured("SELECT 1", "kpi", null, "n", "One."));
    assertThat(await(client.plan(question("q"))).output().sql()).isEqualTo("SELECT 1");
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void anUnreachableServerFailsAsLlmUnavailable() throws Exception {
    String url = server.baseUrl();
    server.close();
    client("OPENAI_BASE_URL", url);
    LlmException e = failure(client.plan(question("q")));
    assertThat(e.reason()).isEqualTo(LlmException.Reason.UNAVAILABLE);
    server = OpenAiTestServer.start(vertx); // for stop()
  }

  @Test
  void theBreakerOpensAfterConsecutiveFailuresShortCircuitsThenHalfOpens() throws Exception {
    client("LLM_BREAKER_FAILURES", "2", "LLM_BREAKER_OPEN_SECONDS", "1");
    server.enqueue(serverError(), serverError());
    assertThat(failure(client.plan(question("q"))).reason())
        .isEqualTo(LlmException.Reason.UNAVAILABLE);
    assertThat(failure(client.plan(question("q"))).reason())
        .isEqualTo(LlmException.Reason.UNAVAILABLE);
    assertThat(await(client.status()).getString("breaker")).isEqualTo("open");

    LlmException open = failure(client.plan(question("q")));
    assertThat(open.reason()).isEqualTo(LlmException.Reason.CIRCUIT_OPEN);
    assertThat(open.code()).isEqualTo("llm_circuit_open");
    assertThat(open.retryAfterSeconds()).isEqualTo(1);
    assertThat(
            failure(client.summarize(new SummarizeRequest("q", "SELECT 1", List.of(), List.of())))
                .reason())
        .isEqualTo(LlmException.Reason.CIRCUIT_OPEN);
    assertThat(server.requests()).hasSize(2); // short-circuited: the server saw nothing more

    clockMs.addAndGet(1_100);
    assertThat(await(client.status()).getString("breaker")).isEqualTo("half_open");
    server.enqueue(structured("SELECT 1", "kpi", null, "n", "One."));
    assertThat(await(client.plan(question("q"))).output().sql()).isEqualTo("SELECT 1");
    assertThat(server.requests()).hasSize(3);
    assertThat(await(client.status()).getString("breaker")).isEqualTo("closed");
  }

  @Test
  void invalidOutputDoesNotTripTheBreaker() throws Exception {
    client("LLM_BREAKER_FAILURES", "1");
    server.enqueue(completion("not json"), completion("still not json"));
    assertThat(failure(client.plan(question("q"))).reason())
        .isEqualTo(LlmException.Reason.INVALID_OUTPUT);
    assertThat(failure(client.plan(question("q"))).reason())
        .isEqualTo(LlmException.Reason.INVALID_OUTPUT);
    assertThat(await(client.status()).getString("breaker")).isEqualTo("closed");
  }

  @Test
  void callsBeyondTheConcurrencyAndQueueBoundsAreRefusedAtOnce() throws Exception {
    client("LLM_MAX_CONCURRENCY", "1", "LLM_MAX_QUEUE", "1");
    OpenAiTestServer.Reply slow =
        new OpenAiTestServer.Delayed(1_000, structured("SELECT 1", "kpi", null, "n", "One."));
    server.enqueue(slow, slow);
    Future<LlmPlan> first = client.plan(question("q1"));
    Future<LlmPlan> second = client.plan(question("q2"));
    LlmException busy = failure(client.plan(question("q3")));
    assertThat(first.isComplete()).as("refused at once, while the first call still runs").isFalse();
    assertThat(busy.reason()).isEqualTo(LlmException.Reason.BUSY);
    assertThat(busy.code()).isEqualTo("llm_busy");
    assertThat(await(first).output().sql()).isEqualTo("SELECT 1");
    assertThat(await(second).output().sql()).isEqualTo("SELECT 1");
    assertThat(server.requests()).hasSize(2);
    assertThat(server.maxConcurrent()).isEqualTo(1);
  }

  @Test
  void callsWaitingForASlotTimeOutWithinTheTimeoutToo() throws Exception {
    client("LLM_MAX_CONCURRENCY", "1", "LLM_MAX_QUEUE", "4", "LLM_TIMEOUT_SECONDS", "1");
    OpenAiTestServer.Reply slow =
        new OpenAiTestServer.Delayed(3_000, completion("{\"sql\":\"SELECT 1\"}"));
    server.enqueue(slow, slow, slow);
    List<Future<LlmPlan>> calls =
        List.of(
            client.plan(question("q1")), client.plan(question("q2")), client.plan(question("q3")));
    for (Future<LlmPlan> call : calls) {
      assertThat(failure(call).reason()).isEqualTo(LlmException.Reason.TIMEOUT);
    }
    // The deadline runs from admission, waiting included: the queued calls time out in the queue,
    // not
    // one after another once a slot frees (which would have sent all three to the server).
    assertThat(server.requests().size()).isLessThan(3);
    assertThat(await(client.status()).getInteger("queued")).isZero();
  }

  @Test
  void withoutAnApiKeyEveryCallFailsAsNotConfiguredWithoutARequest() throws Exception {
    client("OPENAI_API_KEY", "");
    assertThat(client.configured()).isFalse();
    LlmException e = failure(client.plan(question("q")));
    assertThat(e.reason()).isEqualTo(LlmException.Reason.NOT_CONFIGURED);
    assertThat(e.code()).isEqualTo("llm_not_configured");
    assertThat(server.requests()).isEmpty();
  }
}
