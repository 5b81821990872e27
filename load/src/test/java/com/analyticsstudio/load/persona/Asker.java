package com.analyticsstudio.load.persona;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.analyticsstudio.load.LoadParams;
import com.analyticsstudio.load.Seed;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Asks plain-language questions with an API key, then a follow-up in the same thread. Without
 * {@code OPENAI_API_KEY} on the server the built-in planner answers (the questions are ones it
 * knows); with a model configured this measures the model path, its gate and its fallback.
 */
public final class Asker implements Persona {
  static final List<String> QUESTIONS = List.of(
      "days by weather",
      "average temp max by weather",
      "share of days by weather",
      "average temp max and average temp min by weather",
      "average price by symbol");

  @Override
  public String name() {
    return "ask";
  }

  @Override
  public ScenarioBuilder session(Seed.Data seed, LoadParams params) {
    String ask = "/api/v1/projects/" + seed.projectId() + "/ask";
    return scenario("asker")
        .exec(session -> session.set("question", QUESTIONS.get(ThreadLocalRandom.current().nextInt(QUESTIONS.size()))))
        .exec(http("ask: question").post(ask).header("X-API-Key", seed.apiKey())
            .body(StringBody("{\"question\":#{question.jsonStringify()}}")).asJson()
            .check(status().is(200), jsonPath("$.sql").exists(), jsonPath("$.threadId").saveAs("threadId")))
        .exec(http("ask: follow-up").post(ask).header("X-API-Key", seed.apiKey())
            .body(StringBody("{\"question\":\"average temp max by weather\",\"threadId\":\"#{threadId}\"}")).asJson()
            .check(status().is(200), jsonPath("$.sql").exists()));
  }
}
