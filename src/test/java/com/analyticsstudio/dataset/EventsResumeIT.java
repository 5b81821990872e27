package com.analyticsstudio.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.Sse;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dataset event streams: every event has an {@code id:}, the id names the state it carries, and a
 * client reconnecting with {@code Last-Event-ID} is not sent the state it already has.
 */
class EventsResumeIT {
  static TestApp app;
  static Session owner;
  static String project;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of());
    owner = app.api.signup();
    project = app.api.createProject(owner, "resume");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  record Event(String id, String event, String data) {}

  /** Opens the stream (with {@code lastEventId} when not null); completes with the whole body. */
  static Future<String> open(String path, String lastEventId) throws Exception {
    HttpClient client = app.vertx.createHttpClient();
    Promise<Void> first = Promise.promise();
    Promise<String> ended = Promise.promise();
    Buffer body = Buffer.buffer();
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost("localhost")
            .setPort(app.config.port())
            .setURI(path)
            .putHeader("Authorization", "Bearer " + owner.accessToken());
    if (lastEventId != null) options.putHeader("Last-Event-ID", lastEventId);
    client
        .request(options)
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
    return ended.future();
  }

  static List<Event> parse(String body) {
    List<Event> out = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      if (block.isBlank() || block.startsWith("retry:")) continue;
      String id = null;
      String event = null;
      String data = null;
      for (String line : block.split("\n")) {
        if (line.startsWith("id: ")) id = line.substring(4);
        if (line.startsWith("event: ")) event = line.substring(7);
        if (line.startsWith("data: ")) data = line.substring(6);
      }
      out.add(new Event(id, event, data));
    }
    return out;
  }

  @Test
  void everyEventHasTheIdOfItsStateAndAResumeSkipsTheStateItHas() throws Exception {
    String datasetId = EventStreamsIT.loadingDataset(app, owner, project);
    String path = "/api/v1/projects/" + project + "/datasets/" + datasetId;
    String loading = app.api.get(path, owner.accessToken()).bodyAsString();
    String loadingId = Sse.id("progress", loading);

    Future<String> a = open(path + "/events", null);
    EventStreamsIT.setStatus(app, datasetId, "ready");
    String bodyA = a.await(20, TimeUnit.SECONDS);
    assertThat(bodyA).startsWith("retry: ");
    List<Event> eventsA = parse(bodyA);
    assertThat(eventsA).extracting(Event::event).contains("progress", "ready");
    for (Event e : eventsA) {
      assertThat(e.id()).as(e.toString()).isEqualTo(Sse.id(e.event(), e.data()));
    }
    assertThat(eventsA.get(0).id()).isEqualTo(loadingId);
    assertThat(eventsA.get(0).data()).contains("\"status\":\"loading\"");

    // Reconnect with the id of the loading state while it is still the state: not sent again.
    EventStreamsIT.setStatus(app, datasetId, "loading");
    assertThat(app.api.get(path, owner.accessToken()).bodyAsString()).isEqualTo(loading);
    Future<String> b = open(path + "/events", loadingId);
    EventStreamsIT.setStatus(app, datasetId, "ready");
    List<Event> eventsB = parse(b.await(20, TimeUnit.SECONDS));
    assertThat(eventsB).extracting(Event::id).doesNotContain(loadingId);
    assertThat(eventsB).extracting(Event::event).endsWith("ready");
    assertThat(eventsB).allSatisfy(e -> assertThat(e.data()).doesNotContain("\"loading\""));

    // An id of another state (or one we never sent): the current state at once.
    EventStreamsIT.setStatus(app, datasetId, "loading");
    Future<String> c = open(path + "/events", "not-an-id-we-sent");
    EventStreamsIT.setStatus(app, datasetId, "ready");
    List<Event> eventsC = parse(c.await(20, TimeUnit.SECONDS));
    assertThat(eventsC.get(0).id()).isEqualTo(loadingId);
    assertThat(eventsC).extracting(Event::event).endsWith("ready");
  }
}
