package com.analyticsstudio.llm;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OpenAI-compatible server for tests: {@code POST /v1/chat/completions} records every
 * request (path, headers, JSON body) and answers with the next scripted {@link Reply}. With no
 * script left it answers 500, so an unexpected call shows up as a failure, not a hang. The real SDK
 * talks to it over HTTP; nothing of the SDK is mocked.
 */
final class OpenAiTestServer implements AutoCloseable {

  /** One recorded request. */
  record Recorded(String method, String path, MultiMap headers, JsonObject body) {
    /** The text of the messages with this role, joined. */
    String message(String role) {
      StringBuilder out = new StringBuilder();
      JsonArray messages = body.getJsonArray("messages", new JsonArray());
      for (int i = 0; i < messages.size(); i++) {
        JsonObject m = messages.getJsonObject(i);
        if (role.equals(m.getString("role"))) out.append(m.getValue("content"));
      }
      return out.toString();
    }

    String prompt() {
      return message("system") + "\n" + message("user");
    }
  }

  /** A scripted answer. */
  sealed interface Reply permits Completion, Status, Delayed {}

  /** 200 with a chat completion whose message content is {@code content} and a usage block. */
  record Completion(String content, long promptTokens, long completionTokens, String model)
      implements Reply {}

  /** This HTTP status with this body. */
  record Status(int status, String body) implements Reply {}

  /** {@code then}, after {@code millis}. */
  record Delayed(long millis, Reply then) implements Reply {}

  static Completion completion(String content) {
    return new Completion(content, 120, 30, "gpt-4o-mini-2024-07-18");
  }

  static Completion structured(
      String sql, String chartType, String x, String y, String explanation) {
    JsonObject chart =
        new JsonObject().put("type", chartType).put("x", x).put("y", y).putNull("series");
    return completion(
        new JsonObject()
            .put("sql", sql)
            .put("chart", chart)
            .put("explanation", explanation)
            .encode());
  }

  static Status serverError() {
    return new Status(
        500,
        new JsonObject()
            .put("error", new JsonObject().put("message", "boom").put("type", "server_error"))
            .encode());
  }

  private final Vertx vertx;
  private final ArrayDeque<Reply> script = new ArrayDeque<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger abandoned = new AtomicInteger();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger maxActive = new AtomicInteger();
  private HttpServer server;

  private OpenAiTestServer(Vertx vertx) {
    this.vertx = vertx;
  }

  static OpenAiTestServer start(Vertx vertx) throws Exception {
    OpenAiTestServer s = new OpenAiTestServer(vertx);
    s.server =
        vertx
            .createHttpServer()
            .requestHandler(s::handle)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    return s;
  }

  /** What OPENAI_BASE_URL should be. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  synchronized OpenAiTestServer enqueue(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** Drops replies a previous test scripted but did not use. */
  synchronized void reset() {
    script.clear();
  }

  List<Recorded> requests() {
    return List.copyOf(requests);
  }

  Recorded last() {
    return requests.get(requests.size() - 1);
  }

  /** Delayed replies whose client had hung up by the time they were due. */
  int abandoned() {
    return abandoned.get();
  }

  /** The most requests the server was answering at the same time. */
  int maxConcurrent() {
    return maxActive.get();
  }

  private synchronized Reply next() {
    Reply r = script.poll();
    return r != null ? r : new Status(500, "{\"error\":{\"message\":\"no scripted reply left\"}}");
  }

  private void handle(HttpServerRequest req) {
    req.body()
        .onSuccess(
            buf -> {
              JsonObject body = buf.length() == 0 ? new JsonObject() : buf.toJsonObject();
              maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
              AtomicBoolean over = new AtomicBoolean();
              req.response()
                  .endHandler(
                      v -> {
                        if (over.compareAndSet(false, true)) active.decrementAndGet();
                      });
              req.response()
                  .closeHandler(
                      v -> {
                        if (over.compareAndSet(false, true)) active.decrementAndGet();
                      });
              requests.add(
                  new Recorded(
                      req.method().name(),
                      req.path(),
                      MultiMap.caseInsensitiveMultiMap().addAll(req.headers()),
                      body));
              if (!req.path().equals("/v1/chat/completions")) {
                req.response().setStatusCode(404).end("{\"error\":{\"message\":\"not found\"}}");
                return;
              }
              answer(req, next(), body);
            });
  }

  private void answer(HttpServerRequest req, Reply reply, JsonObject body) {
    if (reply instanceof Delayed d) {
      vertx.setTimer(
          d.millis(),
          t -> {
            if (req.response().closed()) {
              abandoned.incrementAndGet();
            } else {
              answer(req, d.then(), body);
            }
          });
    } else if (reply instanceof Status s) {
      req.response()
          .setStatusCode(s.status())
          .putHeader("content-type", "application/json")
          // Keeps the SDK's retry back-off short; it honours retry-after-ms like OpenAI sends it.
          .putHeader("retry-after-ms", "10")
          .end(s.body());
    } else if (reply instanceof Completion c) {
      req.response()
          .putHeader("content-type", "application/json")
          .end(
              new JsonObject()
                  .put("id", "chatcmpl-test")
                  .put("object", "chat.completion")
                  .put("created", 1_700_000_000L)
                  .put("model", c.model())
                  .put(
                      "choices",
                      new JsonArray()
                          .add(
                              new JsonObject()
                                  .put("index", 0)
                                  .putNull("logprobs")
                                  .put("finish_reason", "stop")
                                  .put(
                                      "message",
                                      new JsonObject()
                                          .put("role", "assistant")
                                          .put("content", c.content())
                                          .putNull("refusal"))))
                  .put(
                      "usage",
                      new JsonObject()
                          .put("prompt_tokens", c.promptTokens())
                          .put("completion_tokens", c.completionTokens())
                          .put("total_tokens", c.promptTokens() + c.completionTokens()))
                  .encode());
    }
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
