package com.analyticsstudio.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden questions: saved with their expected answer, run against today's planner on the project's
 * own data.
 */
class GoldenQuestionsIT {
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

  private String path(String rest) {
    return "/api/v1/projects/" + project + "/golden-questions" + rest;
  }

  private JsonObject save(String question, String sql, boolean ordered) {
    var r =
        app.api.post(
            path(""),
            owner.accessToken(),
            new JsonObject()
                .put("question", question)
                .put("expectedSql", sql)
                .put("ordered", ordered));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  @Test
  void aRunSaysForEachQuestionWhetherThePlannerStillAnswersItRight() {
    JsonObject right =
        save(
            "how many rainy days were there?",
            "SELECT count(*) FROM seattle_weather WHERE weather = 'rain'",
            false);
    JsonObject wrong =
        save(
            "how many sunny days were there?",
            "SELECT count(*) FROM seattle_weather WHERE weather = 'fog'",
            false);
    JsonObject refused = save("what is the meaning of life", "SELECT 42", false);
    var r = app.api.post(path("/run"), owner.accessToken(), new JsonObject());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject run = r.bodyAsJsonObject();
    assertThat(run.getInteger("total")).isGreaterThanOrEqualTo(3);
    assertThat(run.getValue("modelPassed")).isNull();
    for (Object o : run.getJsonArray("items")) {
      JsonObject it = (JsonObject) o;
      String status = it.getJsonObject("planner").getString("status");
      if (it.getLong("id").equals(right.getLong("id"))) assertThat(status).isEqualTo("pass");
      if (it.getLong("id").equals(wrong.getLong("id"))) {
        assertThat(status).isEqualTo("fail");
        assertThat(it.getJsonObject("planner").getString("detail")).contains("expected");
      }
      if (it.getLong("id").equals(refused.getLong("id"))) assertThat(status).isEqualTo("refused");
    }
    var list = app.api.get(path(""), owner.accessToken());
    assertThat(list.bodyAsJsonObject().getJsonArray("items").size())
        .isEqualTo(run.getInteger("total"));
  }

  @Test
  void anExpectedSqlThatDoesNotRunOrReadsAppTablesIsRefused() {
    var bad =
        app.api.post(
            path(""),
            owner.accessToken(),
            new JsonObject().put("question", "q").put("expectedSql", "SELECT * FROM users"));
    assertThat(bad.statusCode()).as(bad.bodyAsString()).isIn(403, 422);
    var missing =
        app.api.post(path(""), owner.accessToken(), new JsonObject().put("question", "q"));
    assertThat(missing.statusCode()).isEqualTo(400);
  }

  @Test
  void aGoldenQuestionCanBeDeletedOnce() {
    JsonObject g = save("average wind", "SELECT avg(wind) FROM seattle_weather", false);
    assertThat(app.api.delete(path("/" + g.getLong("id")), owner.accessToken()).statusCode())
        .isEqualTo(204);
    assertThat(app.api.delete(path("/" + g.getLong("id")), owner.accessToken()).statusCode())
        .isEqualTo(404);
  }

  @Test
  void viewersSeeAndRunButOnlyOwnersSave() {
    Session viewer = app.api.signup();
    app.api.addMember(owner, project, viewer, "viewer");
    assertThat(app.api.get(path(""), viewer.accessToken()).statusCode()).isEqualTo(200);
    var r =
        app.api.post(
            path(""),
            viewer.accessToken(),
            new JsonObject()
                .put("question", "how many rows")
                .put("expectedSql", "SELECT count(*) FROM seattle_weather"));
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void anotherUserSeesNoneOfTheProjectsGoldenQuestions() {
    Session stranger = app.api.signup();
    assertThat(app.api.get(path(""), stranger.accessToken()).statusCode()).isEqualTo(404);
    assertThat(app.api.post(path("/run"), stranger.accessToken(), new JsonObject()).statusCode())
        .isEqualTo(404);
  }
}
