package com.analyticsstudio.llm;

import static com.analyticsstudio.llm.LlmClientTest.await;
import static com.analyticsstudio.llm.OpenAiTestServer.completion;
import static com.analyticsstudio.llm.OpenAiTestServer.serverError;
import static com.analyticsstudio.llm.OpenAiTestServer.structured;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Replies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event-bus API: JSON in, JSON out, failures through Replies with the llm_* codes. */
class LlmVerticleTest {
  private Vertx vertx;
  private OpenAiTestServer server;
  private LlmBus bus;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = OpenAiTestServer.start(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void deploy(String apiKey) throws Exception {
    AppConfig config =
        AppConfig.load(
            Map.of(
                "OPENAI_API_KEY",
                apiKey,
                "OPENAI_BASE_URL",
                server.baseUrl(),
                "LLM_MAX_RETRIES",
                "0",
                "LLM_TIMEOUT_SECONDS",
                "10"));
    await(vertx.deployVerticle(new LlmVerticle(config)));
    bus = new LlmBus(vertx, config);
  }

  private static Throwable failure(Future<?> f) throws Exception {
    try {
      f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void planRoundTripsOverTheEventBus() throws Exception {
    deploy("sk-test");
    server.enqueue(
        structured(
            "SELECT count(*) AS \"n\" FROM \"sales\" LIMIT 1",
            "kpi",
            null,
            "n",
            "Counts the orders."));
    LlmPlan plan =
        await(
            bus.plan(
                new PlanRequest(
                    "how many orders",
                    Schemas.projectA(),
                    List.of(
                        new ThreadTurn(
                            "total sales", "SELECT sum(\"amount\") FROM \"sales\" LIMIT 1")))));
    assertThat(plan.output().sql()).isEqualTo("SELECT count(*) AS \"n\" FROM \"sales\" LIMIT 1");
    assertThat(plan.output().chart()).isEqualTo(new Chart("kpi", null, "n", null));
    assertThat(plan.output().answerable()).isTrue();
    assertThat(plan.usage().promptTokens()).isEqualTo(120);
    assertThat(plan.usage().costUsd()).isEqualTo(0.000036);
    // The schema survived the JSON trip intact: labels, top values and the thread reached the
    // prompt.
    assertThat(server.last().message("system"))
        .contains("label \"Sales region\"", "most common \"North\" (400)");
    assertThat(server.last().message("user"))
        .contains("Question: \"total sales\"\nSQL: SELECT sum(\"amount\")");
  }

  @Test
  void planReplyHasTheDocumentedShape() throws Exception {
    deploy("sk-test");
    server.enqueue(structured("", "table", null, null, "There is no weather data."));
    JsonObject reply =
        await(
                vertx
                    .eventBus()
                    .<JsonObject>request(
                        LlmAddresses.PLAN,
                        new PlanRequest("weather?", Schemas.projectA(), List.of()).toJson()))
            .body();
    assertThat(reply.fieldNames())
        .containsExactlyInAnyOrder("sql", "chart", "explanation", "answerable", "usage");
    assertThat(reply.getBoolean("answerable")).isFalse();
    assertThat(reply.getJsonObject("chart").fieldNames())
        .containsExactlyInAnyOrder("type", "x", "y", "series");
    assertThat(reply.getJsonObject("usage").fieldNames())
        .containsExactlyInAnyOrder(
            "model", "promptTokens", "completionTokens", "totalTokens", "costUsd", "latencyMs");
  }

  @Test
  void repairAndSummarizeRoundTrip() throws Exception {
    deploy("sk-test");
    server.enqueue(
        structured("SELECT 1", "kpi", null, "n", "Fixed."), completion("There were 1,200 orders."));
    LlmPlan fixed =
        await(
            bus.repair(
                new RepairRequest(
                    "how many orders",
                    Schemas.projectA(),
                    List.of(),
                    "SELECT count(*) FROM \"sale\"",
                    "relation \"sale\" does not exist")));
    assertThat(fixed.output().sql()).isEqualTo("SELECT 1");
    assertThat(server.last().message("user")).contains("relation \"sale\" does not exist");
    LlmSummary summary =
        await(
            bus.summarize(
                new SummarizeRequest(
                    "how many orders", "SELECT 1", List.of("n"), List.of(List.of(1200)))));
    assertThat(summary.text()).isEqualTo("There were 1,200 orders.");
  }

  @Test
  void summarizeAcceptsAQueryResultsColumnObjects() throws Exception {
    deploy("sk-test");
    server.enqueue(completion("Two regions."));
    JsonObject request =
        new JsonObject()
            .put("question", "regions")
            .put("sql", "SELECT 1")
            .put(
                "columns",
                new JsonArray().add(new JsonObject().put("name", "region").put("type", "text")))
            .put("rows", new JsonArray().add(new JsonArray().add("North")))
            .put("rowCount", 2)
            .put("truncated", false);
    JsonObject reply =
        await(vertx.eventBus().<JsonObject>request(LlmAddresses.SUMMARIZE, request)).body();
    assertThat(reply.getString("text")).isEqualTo("Two regions.");
    assertThat(server.last().message("user"))
        .contains("Columns: [\"region\"]", "[\"North\"]", "Result: 2 rows, the first 1 shown.");
  }

  @Test
  void modelFailuresArriveAsTypedLlmExceptions() throws Exception {
    deploy("sk-test");
    server.enqueue(serverError());
    Throwable e = failure(bus.plan(new PlanRequest("q", Schemas.projectA(), List.of())));
    assertThat(e).isInstanceOf(LlmException.class);
    assertThat(((LlmException) e).reason()).isEqualTo(LlmException.Reason.UNAVAILABLE);
    assertThat(((LlmException) e).status()).isEqualTo(503);

    // Raw event-bus callers get the same code through Replies.unwrap.
    server.enqueue(completion("no json here"));
    Throwable raw =
        Replies.unwrap(
            failure(
                vertx
                    .eventBus()
                    .request(
                        LlmAddresses.PLAN,
                        new PlanRequest("q", Schemas.projectA(), List.of()).toJson())));
    assertThat(((ApiException) raw).code()).isEqualTo("llm_invalid_output");
    assertThat(LlmException.reasonOf(raw)).contains(LlmException.Reason.INVALID_OUTPUT);
  }

  @Test
  void withoutAKeyTheVerticleAnswersNotConfigured() throws Exception {
    deploy("");
    Throwable e = failure(bus.plan(new PlanRequest("q", Schemas.projectA(), List.of())));
    assertThat(LlmException.reasonOf(e)).contains(LlmException.Reason.NOT_CONFIGURED);
    assertThat(await(bus.status()).getBoolean("configured")).isFalse();
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void malformedMessagesAreRefusedWithoutCallingTheModel() throws Exception {
    deploy("sk-test");
    for (Object body :
        List.of(
            "not json",
            new JsonObject(),
            new JsonObject().put("question", "q"),
            new JsonObject()
                .put("question", "q")
                .put("schema", new JsonObject().put("projectId", "nope")),
            new JsonObject().put("question", 42).put("schema", Schemas.projectA().toJson()))) {
      Throwable e = Replies.unwrap(failure(vertx.eventBus().request(LlmAddresses.PLAN, body)));
      assertThat(e)
          .isInstanceOfSatisfying(
              ApiException.class,
              a -> {
                assertThat(a.status()).isEqualTo(400);
                assertThat(a.code()).isEqualTo("invalid_request");
              });
    }
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void statusReportsTheModelAndTheBreaker() throws Exception {
    deploy("sk-test");
    JsonObject status = await(bus.status());
    assertThat(status.getBoolean("configured")).isTrue();
    assertThat(status.getString("model")).isEqualTo("gpt-4o-mini");
    assertThat(status.getString("breaker")).isEqualTo("closed");
    assertThat(status.getInteger("inFlight")).isZero();
    assertThat(status.getInteger("queued")).isZero();
  }
}
