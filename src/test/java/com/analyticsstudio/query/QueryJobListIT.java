package com.analyticsstudio.query;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET …/query/jobs}: the project's jobs, newest first, paged like every list. */
class QueryJobListIT {
  static TestApp app;
  static QueryApi q;
  static Session owner;
  static String project;
  static final List<String> submitted = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.start(Map.of());
    q = new QueryApi(app);
    owner = app.api.signup();
    project = app.api.createProject(owner, "jobs");
    for (int i = 1; i <= 3; i++) {
      HttpResponse<Buffer> r =
          q.call(
              HttpMethod.POST,
              QueryApi.query(project) + "/jobs",
              owner.accessToken(),
              new JsonObject().put("sql", "SELECT " + i + " AS n"));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
      submitted.add(r.bodyAsJsonObject().getString("jobId"));
    }
    for (String id : submitted) waitFor(id);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static void waitFor(String jobId) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      HttpResponse<Buffer> r =
          q.call(
              HttpMethod.GET,
              QueryApi.query(project) + "/jobs/" + jobId,
              owner.accessToken(),
              null);
      if ("succeeded".equals(r.bodyAsJsonObject().getString("status"))) return;
      Thread.sleep(50);
    }
    throw new AssertionError("job " + jobId + " did not succeed");
  }

  static HttpResponse<Buffer> list(Session s, String p, String query) {
    return q.call(HttpMethod.GET, QueryApi.query(p) + "/jobs" + query, s.accessToken(), null);
  }

  @Test
  void pagesEveryJobOnceNewestFirstWithATotal() {
    JsonObject first = list(owner, project, "?limit=2").bodyAsJsonObject();
    assertThat(first.getInteger("limit")).isEqualTo(2);
    assertThat(first.getLong("total")).isEqualTo(3);
    assertThat(first.getJsonArray("items")).hasSize(2);
    assertThat(first.getString("next")).isNotNull();

    HttpResponse<Buffer> r =
        list(
            owner,
            project,
            "?limit=2&cursor="
                + URLEncoder.encode(first.getString("next"), StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject second = r.bodyAsJsonObject();
    assertThat(second.getJsonArray("items")).hasSize(1);
    assertThat(second.getValue("next")).isNull();
    assertThat(second.containsKey("next")).isTrue();

    List<String> seen = new ArrayList<>();
    for (JsonObject page : List.of(first, second)) {
      JsonArray items = page.getJsonArray("items");
      for (int i = 0; i < items.size(); i++) {
        JsonObject job = items.getJsonObject(i);
        seen.add(job.getString("jobId"));
        assertThat(job.getString("status")).isEqualTo("succeeded");
        assertThat(job.getString("createdAt"))
            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      }
    }
    List<String> newestFirst = new ArrayList<>(submitted);
    Collections.reverse(newestFirst);
    assertThat(seen).isEqualTo(newestFirst);

    JsonObject all = list(owner, project, "").bodyAsJsonObject();
    assertThat(all.getInteger("limit")).isEqualTo(50);
    assertThat(all.getJsonArray("items")).hasSize(3);
    assertThat(all.getValue("next")).isNull();
  }

  @Test
  void badLimitsAndCursorsAreValidationFailed() {
    assertError(list(owner, project, "?limit=0"), 400, "validation_failed");
    assertError(list(owner, project, "?limit=501"), 400, "validation_failed");
    assertError(list(owner, project, "?cursor=garbage"), 400, "validation_failed");
    // well-formed but not a position of this list
    assertError(list(owner, project, "?cursor=c1.e30"), 400, "validation_failed");
  }

  @Test
  void onlyMembersSeeTheJobs() {
    Session stranger = app.api.signup();
    assertError(list(stranger, project, ""), 404, "not_found");
    String other = app.api.createProject(stranger, "empty");
    JsonObject none = list(stranger, other, "").bodyAsJsonObject();
    assertThat(none.getJsonArray("items")).isEmpty();
    assertThat(none.getLong("total")).isZero();
  }
}
