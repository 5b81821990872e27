package com.analyticsstudio.ask;

import static com.analyticsstudio.common.Http.body;
import static com.analyticsstudio.common.Http.handle;
import static com.analyticsstudio.common.Http.uuidParam;

import com.analyticsstudio.ask.planner.PlanSpec;
import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.Paging;
import com.analyticsstudio.common.Sse;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.UUID;

/** Binds the Ask operations: the answer as JSON or as server-sent events, threads and the log. */
public final class AskRoutes {
  private AskRoutes() {}

  public static void mount(
      RouterBuilder builder, AskService ask, Handler<RoutingContext> rateLimit) {
    builder
        .getRoute("ask")
        .addHandler(rateLimit)
        .addHandler(
            handle(
                200,
                ctx ->
                    ask.ask(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        question(body(ctx)),
                        AskService.Listener.NONE)));
    builder.getRoute("askStream").addHandler(rateLimit).addHandler(ctx -> stream(ctx, ask));
    builder
        .getRoute("listThreads")
        .addHandler(
            handle(
                200,
                ctx ->
                    ask.threads(Principal.of(ctx), uuidParam(ctx, "projectId"), Paging.page(ctx))));
    builder
        .getRoute("getThread")
        .addHandler(
            handle(
                200,
                ctx ->
                    ask.thread(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "threadId"))));
    builder
        .getRoute("askLog")
        .addHandler(
            handle(
                200,
                ctx -> {
                  Paging.Page page = Paging.page(ctx);
                  return ask.log(
                          Principal.of(ctx),
                          uuidParam(ctx, "projectId"),
                          page.limit(),
                          Paging.offset(ctx, page))
                      .map(Paging::withNext);
                }));
    GoldenQuestions golden = ask.golden();
    builder
        .getRoute("listGoldenQuestions")
        .addHandler(
            handle(
                200,
                ctx -> {
                  Paging.Page page = Paging.page(ctx);
                  return golden
                      .list(Principal.of(ctx), uuidParam(ctx, "projectId"))
                      .map(a -> Paging.slice(page, a));
                }));
    builder
        .getRoute("createGoldenQuestion")
        .addHandler(
            handle(
                201,
                ctx -> golden.create(Principal.of(ctx), uuidParam(ctx, "projectId"), body(ctx))));
    builder
        .getRoute("deleteGoldenQuestion")
        .addHandler(
            handle(
                204,
                ctx ->
                    golden.delete(Principal.of(ctx), uuidParam(ctx, "projectId"), goldenId(ctx))));
    builder
        .getRoute("runGoldenQuestions")
        .addHandler(rateLimit)
        .addHandler(handle(200, ctx -> golden.run(Principal.of(ctx), uuidParam(ctx, "projectId"))));
  }

  private static long goldenId(RoutingContext ctx) {
    try {
      return Long.parseLong(ctx.pathParam("goldenId"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("golden question");
    }
  }

  private static AskService.Question question(JsonObject b) {
    return new AskService.Question(
        b.getString("question"),
        uuid(b.getString("datasetId")),
        uuid(b.getString("threadId")),
        plan(b.getJsonObject("plan")),
        dashboard(b.getJsonObject("dashboard")));
  }

  /** {@code {id, filters, crossFilters}}: the dashboard and its state as its data request sends. */
  private static AskService.OnDashboard dashboard(JsonObject d) {
    if (d == null) return null;
    UUID id = uuid(d.getString("id"));
    if (id == null)
      throw ApiException.invalidValue("dashboard.id names a dashboard", "/dashboard/id");
    JsonObject state = d.copy();
    state.remove("id");
    return new AskService.OnDashboard(id, state);
  }

  /**
   * An edited interpretation sent back; its names are checked against the dataset when it is
   * planned again.
   */
  private static PlanSpec plan(JsonObject plan) {
    if (plan == null) return null;
    try {
      return plan.mapTo(PlanSpec.class);
    } catch (RuntimeException e) {
      throw ApiException.badRequest(
          "invalid_plan", "the plan is not a plan this API returned: " + e.getMessage());
    }
  }

  private static UUID uuid(String s) {
    if (s == null || s.isBlank()) return null;
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid_id", "'" + s + "' is not an id");
    }
  }

  /**
   * Server-sent events: {@code plan}, {@code sql}, {@code rows}, {@code answer} as each step is
   * done, or {@code error} with the error envelope; then the stream ends. Events are numbered
   * ({@code id: 1, 2, …}); the stream answers a POST, so it is not resumable: a client that lost it
   * asks again.
   */
  private static void stream(RoutingContext ctx, AskService service) {
    ctx.response()
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    long[] sequence = {0};
    AskService.Listener listener =
        (event, data) -> {
          if (!ctx.response().ended() && !"answer".equals(event)) {
            ctx.response().write(Sse.event(++sequence[0], event, data.encode()));
          }
        };
    service
        .ask(Principal.of(ctx), uuidParam(ctx, "projectId"), question(body(ctx)), listener)
        .onSuccess(
            answer -> ctx.response().end(Sse.event(++sequence[0], "answer", answer.encode())))
        .onFailure(
            e -> {
              ApiException api =
                  e instanceof ApiException a
                      ? a
                      : new ApiException(
                          500,
                          "internal_error",
                          "something went wrong on our side; it has been logged");
              JsonObject error =
                  new JsonObject()
                      .put(
                          "error",
                          new JsonObject()
                              .put("code", api.code())
                              .put("message", api.getMessage())
                              .put("details", api.details())
                              .put("status", api.status()));
              if (!ctx.response().ended()) {
                ctx.response().end(Sse.event(++sequence[0], "error", error.encode()));
              }
            });
  }
}
