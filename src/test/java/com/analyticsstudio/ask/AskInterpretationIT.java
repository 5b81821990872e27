package com.analyticsstudio.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18 end to end through the API: the interpretation comes back as chips, an edited plan runs
 * again without retyping, follow-ups keep or drop context by rule, "start over" resets, ambiguous
 * words come back as runnable readings, and sentences are computed from every row.
 */
class AskInterpretationIT {
  static TestApp app;
  static Session owner;
  static String project;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.start();
    owner = app.api.signup();
    project = app.api.createProject(owner, "weather");
    AskIT.upload(app, owner, project, dir, "seattle-weather.csv");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private HttpResponse<Buffer> post(JsonObject body) {
    return app.api.post("/api/v1/projects/" + project + "/ask", owner.accessToken(), body);
  }

  private JsonObject ask(String question, String threadId) {
    JsonObject body = new JsonObject().put("question", question);
    if (threadId != null) body.put("threadId", threadId);
    HttpResponse<Buffer> r = post(body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private Object scalar(String sql) {
    var r =
        app.api.post(
            "/api/v1/projects/" + project + "/query",
            owner.accessToken(),
            new JsonObject().put("sql", sql));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("rows").getJsonArray(0).getValue(0);
  }

  private static JsonArray filters(JsonObject answer) {
    return answer.getJsonObject("interpretation").getJsonArray("filters");
  }

  @Test
  void theAnswerCarriesItsInterpretationAsChipsAndItsPlan() {
    JsonObject a = ask("average temp max of rainy days per year", null);
    JsonObject i = a.getJsonObject("interpretation");
    assertThat(i.getJsonArray("measures").getJsonObject(0).getString("label"))
        .isEqualTo("average temp max");
    assertThat(i.getJsonArray("groupings").getJsonObject(0).getString("kind"))
        .isEqualTo("time_grain");
    assertThat(filters(a).getJsonObject(0).getString("label")).isEqualTo("weather is rain");
    assertThat(filters(a).getJsonObject(0).getBoolean("carried")).isFalse();
    assertThat(a.getJsonObject("plan").getString("tableName")).isEqualTo("seattle_weather");
    assertThat(a.getString("answerSource")).isEqualTo("planner");
    // a reopened thread shows the same chips
    JsonObject thread =
        app.api
            .get(
                "/api/v1/projects/" + project + "/threads/" + a.getString("threadId"),
                owner.accessToken())
            .bodyAsJsonObject();
    JsonObject stored = thread.getJsonArray("exchanges").getJsonObject(0);
    assertThat(stored.getJsonObject("interpretation")).isEqualTo(i);
    assertThat(stored.getJsonObject("plan")).isEqualTo(a.getJsonObject("plan"));
  }

  @Test
  void anEditedPlanRunsAgainWithoutRetyping() {
    JsonObject a = ask("how many rainy days in 2014", null);
    JsonObject plan = a.getJsonObject("plan");
    JsonArray kept = new JsonArray();
    for (Object f : plan.getJsonArray("filters")) {
      if (!"weather".equals(((JsonObject) f).getString("column"))) kept.add(f);
    }
    plan.put("filters", kept); // the "weather is rain" chip removed
    HttpResponse<Buffer> r =
        post(
            new JsonObject()
                .put("question", "how many rainy days in 2014")
                .put("threadId", a.getString("threadId"))
                .put("plan", plan));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject edited = r.bodyAsJsonObject();
    assertThat(edited.getString("sql")).doesNotContain("'rain'");
    Object all2014 =
        scalar(
            "SELECT count(*) FROM seattle_weather WHERE date >= '2014-01-01' AND date < '2015-01-01'");
    assertThat(edited.getJsonArray("rows").getJsonArray(0).getValue(0).toString())
        .isEqualTo(all2014.toString());
  }

  @Test
  void aPlanNamingAnotherProjectsTableOrAColumnThatDoesNotExistIsRefused() {
    JsonObject a = ask("average wind by weather", null);
    JsonObject plan = a.getJsonObject("plan").copy();
    plan.getJsonArray("measures").getJsonObject(0).put("column", "password_hash");
    HttpResponse<Buffer> r =
        post(new JsonObject().put("question", "average wind by weather").put("plan", plan));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(422);
    JsonObject other = a.getJsonObject("plan").copy().put("tableName", "users");
    r = post(new JsonObject().put("question", "average wind by weather").put("plan", other));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(422);
  }

  @Test
  void aRefinementKeepsTheContextAndMarksWhatWasCarriedOver() {
    JsonObject first = ask("how many rainy days in 2014", null);
    JsonObject next = ask("what about 2015?", first.getString("threadId"));
    assertThat(next.getString("sql")).contains("'rain'").contains("2015-01-01");
    JsonArray fs = filters(next);
    JsonObject weather = null;
    for (Object f : fs)
      if ("weather".equals(((JsonObject) f).getString("column"))) weather = (JsonObject) f;
    assertThat(weather).isNotNull();
    assertThat(weather.getBoolean("carried")).isTrue();
  }

  @Test
  void aQuestionWithItsOwnMeasureAndGroupingStartsFresh() {
    JsonObject first = ask("how many rainy days in 2014", null);
    JsonObject next = ask("trend of precipitation per year", first.getString("threadId"));
    assertThat(next.getString("sql")).doesNotContain("'rain'").doesNotContain("2014");
    assertThat(next.getInteger("rowCount")).isEqualTo(4);
  }

  @Test
  void startOverAlwaysForgetsThePreviousTurn() {
    JsonObject first = ask("how many rainy days in 2014", null);
    HttpResponse<Buffer> reset =
        post(
            new JsonObject()
                .put("question", "start over")
                .put("threadId", first.getString("threadId")));
    assertThat(reset.statusCode()).isEqualTo(422);
    assertThat(reset.bodyAsJsonObject().getJsonObject("error").getString("message"))
        .startsWith("Starting over");
    JsonObject next = ask("only snowy days", first.getString("threadId"));
    assertThat(next.getString("sql"))
        .contains("'snow'")
        .doesNotContain("'rain'")
        .doesNotContain("2014");
    JsonObject again = ask("start over: average wind by weather", first.getString("threadId"));
    assertThat(again.getString("sql")).doesNotContain("'snow'");
  }

  @Test
  void aWordThatFitsTwoColumnsComesBackAsRunnableReadings() {
    HttpResponse<Buffer> r = post(new JsonObject().put("question", "average temperature"));
    assertThat(r.statusCode()).isEqualTo(422);
    JsonArray alternatives =
        r.bodyAsJsonObject()
            .getJsonObject("error")
            .getJsonObject("details")
            .getJsonArray("alternatives");
    assertThat(alternatives).hasSize(2);
    JsonObject pick = alternatives.getJsonObject(1);
    HttpResponse<Buffer> run =
        post(
            new JsonObject()
                .put("question", "average temperature")
                .put("plan", pick.getJsonObject("plan")));
    assertThat(run.statusCode()).as(run.bodyAsString()).isEqualTo(200);
    assertThat(run.bodyAsJsonObject().getString("sql")).contains(pick.getString("label"));
  }

  @Test
  void theSentenceIsComputedFromEveryRowOfTheResult() {
    JsonObject grouped = ask("average temp min by weather", null);
    String lowest =
        scalar("SELECT weather FROM seattle_weather GROUP BY 1 ORDER BY avg(temp_min) ASC LIMIT 1")
            .toString();
    assertThat(grouped.getString("answer")).contains(lowest + " is lowest");
    JsonObject top = ask("top 3 days by wind", null);
    String day =
        scalar("SELECT date::text FROM seattle_weather ORDER BY wind DESC, date LIMIT 1")
            .toString();
    assertThat(top.getString("answer")).as("a top-N answer names its items").contains(day);
    JsonObject rows = ask("list rainy days", null);
    assertThat(rows.getString("answer"))
        .startsWith(String.format(Locale.ROOT, "%,d", rows.getInteger("rowCount")));
  }
}
