package com.analyticsstudio.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.Db;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue #15: a removed member's open /events stream kept receiving dataset metadata. */
class EventStreamsIT {

  /**
   * An open SSE stream: its first event has arrived; {@link #ended} completes with the whole body.
   */
  record Stream(Future<String> ended) {}

  static Stream open(TestApp app, String path, String token) throws Exception {
    HttpClient client = app.vertx.createHttpClient();
    Promise<Void> first = Promise.promise();
    Promise<String> ended = Promise.promise();
    Buffer body = Buffer.buffer();
    client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost("localhost")
                .setPort(app.config.port())
                .setURI(path)
                .putHeader("Authorization", "Bearer " + token))
        .compose(req -> req.send())
        .onSuccess(
            resp -> {
              resp.handler(
                  chunk -> {
                    body.appendBuffer(chunk);
                    first.tryComplete();
                  });
              resp.endHandler(v -> ended.tryComplete(body.toString()));
              resp.exceptionHandler(ended::tryFail);
            })
        .onFailure(first::tryFail);
    first.future().await(20, TimeUnit.SECONDS);
    return new Stream(ended.future());
  }

  /** A loaded dataset put back into "loading", so its event stream stays open. */
  static String loadingDataset(TestApp app, Session owner, String project) throws Exception {
    var r =
        app.http
            .post("/api/v1/projects/" + project + "/datasets?wait=true&filename=a.csv")
            .bearerTokenAuthentication(owner.accessToken())
            .putHeader("Content-Type", "text/csv")
            .sendBuffer(Buffer.buffer("a,b\n1,2\n"))
            .await(60, TimeUnit.SECONDS);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    String id = r.bodyAsJsonObject().getString("id");
    setStatus(app, id, "loading");
    return id;
  }

  static void setStatus(TestApp app, String datasetId, String status) throws Exception {
    try (var c = Db.jdbc(app.database);
        var st = c.prepareStatement("UPDATE datasets SET status = ? WHERE id = ?::uuid")) {
      st.setString(1, status);
      st.setString(2, datasetId);
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
  }

  @Test
  void removingAMemberClosesTheirOpenStreamAtOnceAndLeavesOthersOpen() throws Exception {
    // The periodic re-check is an hour away: what closes the stream is the removal itself.
    try (TestApp app = TestApp.start(Map.of("EVENTS_MEMBERSHIP_CHECK_SECONDS", "3600"))) {
      Session owner = app.api.signup();
      Session member = app.api.signup();
      String p = app.api.createProject(owner, "streams");
      app.api.addMember(owner, p, member, "viewer");
      String id = loadingDataset(app, owner, p);
      String events = "/api/v1/projects/" + p + "/datasets/" + id + "/events";

      Stream theirs = open(app, events, member.accessToken());
      Stream mine = open(app, events, owner.accessToken());
      assertThat(
              app.api
                  .delete(
                      "/api/v1/projects/" + p + "/members/" + member.userId(), owner.accessToken())
                  .statusCode())
          .isEqualTo(204);

      String body = theirs.ended().await(20, TimeUnit.SECONDS);
      assertThat(body)
          .contains("event: progress")
          .contains("event: revoked")
          .contains("access_revoked");
      assertThat(mine.ended().isComplete()).as("the owner's stream is still open").isFalse();
      // The owner's stream ends the usual way.
      setStatus(app, id, "ready");
      assertThat(mine.ended().await(20, TimeUnit.SECONDS))
          .contains("event: ready")
          .doesNotContain("revoked");
    }
  }

  @Test
  void aStreamOnAnotherInstanceEndsAtItsNextMembershipCheck() throws Exception {
    try (TestApp app = TestApp.start(Map.of("EVENTS_MEMBERSHIP_CHECK_SECONDS", "3600"));
        TestApp two = TestApp.startAnother(app, Map.of("EVENTS_MEMBERSHIP_CHECK_SECONDS", "1"))) {
      Session owner = app.api.signup();
      Session member = app.api.signup();
      String p = app.api.createProject(owner, "streams elsewhere");
      app.api.addMember(owner, p, member, "viewer");
      String id = loadingDataset(app, owner, p);

      Stream theirs =
          open(two, "/api/v1/projects/" + p + "/datasets/" + id + "/events", member.accessToken());
      assertThat(
              app.api
                  .delete(
                      "/api/v1/projects/" + p + "/members/" + member.userId(), owner.accessToken())
                  .statusCode())
          .isEqualTo(204);
      String body = theirs.ended().await(30, TimeUnit.SECONDS);
      assertThat(body).contains("event: progress").contains("event: failed");
      assertThat(body.lastIndexOf("event: progress")).isLessThan(body.indexOf("event: failed"));
    }
  }
}
