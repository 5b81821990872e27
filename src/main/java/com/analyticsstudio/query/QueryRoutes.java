package com.analyticsstudio.query;

import static com.analyticsstudio.common.Http.body;
import static com.analyticsstudio.common.Http.uuidParam;

import com.analyticsstudio.auth.Principal;

import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Http;
import com.analyticsstudio.common.Replies;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * Binds the query operations of the contract. Everything but exports goes to the Query verticle
 * over the event bus ({@link QueryAddresses}); exports stream from {@link QueryService} in this
 * verticle because a response body cannot cross the bus. {@code before} (the rate limit) runs
 * ahead of every operation.
 */
public final class QueryRoutes {
  /** Added to the longest query time before the HTTP side stops waiting for the Query verticle. */
  private static final long BUS_GRACE_MS = 10_000;

  private QueryRoutes() {}

  public static void mount(RouterBuilder builder, Vertx vertx, AppConfig config, QueryService service,
                           WorkerExecutor exportWorkers, Path tempDir, Handler<RoutingContext> before) {
    builder.getRoute("runQuery").addHandler(before).addHandler(ctx -> {
      QueryCall call = call(ctx);
      ExportFormat format = ExportFormat.choose(ctx.request().getParam("format"), ctx.request().getHeader("Accept"));
      if (format != null) {
        Exports.send(ctx, service, call, format, exportWorkers, tempDir);
        return;
      }
      vertx.eventBus().<Buffer>request(QueryAddresses.RUN, call.toJson(), delivery(config, call))
          .onSuccess(reply -> ctx.response().putHeader("Content-Type", Http.JSON).end(reply.body()))
          .onFailure(e -> ctx.fail(Replies.unwrap(e)));
    });
    builder.getRoute("explainQuery").addHandler(before).addHandler(ctx -> {
      JsonObject msg = ids(ctx).put("sql", body(ctx).getString("sql"));
      ask(vertx, ctx, QueryAddresses.EXPLAIN, msg, 200, config);
    });
    builder.getRoute("submitQueryJob").addHandler(before).addHandler(ctx ->
        ask(vertx, ctx, QueryAddresses.JOB_SUBMIT, call(ctx).toJson(), 202, config));
    builder.getRoute("getQueryJob").addHandler(before).addHandler(ctx ->
        ask(vertx, ctx, QueryAddresses.JOB_GET, ids(ctx).put("jobId", jobId(ctx)), 200, config));
    builder.getRoute("getQueryJobResult").addHandler(before).addHandler(ctx ->
        ask(vertx, ctx, QueryAddresses.JOB_RESULT, ids(ctx).put("jobId", jobId(ctx))
            .put("offset", (long) Http.intQuery(ctx, "offset", 0, 0, Integer.MAX_VALUE))
            .put("limit", Http.intQuery(ctx, "limit", 1000, 1, QueryJobs.MAX_RESULT_LIMIT)), 200, config));
    builder.getRoute("cancelQueryJob").addHandler(before).addHandler(ctx ->
        ask(vertx, ctx, QueryAddresses.JOB_CANCEL, ids(ctx).put("jobId", jobId(ctx)), 200, config));
  }

  /** The query in the request body, for the caller; {@code Cache-Control: no-cache} (or no-store) bypasses the cache. */
  static QueryCall call(RoutingContext ctx) {
    JsonObject b = body(ctx);
    String cacheControl = ctx.request().getHeader("Cache-Control");
    boolean noCache = cacheControl != null
        && (cacheControl.toLowerCase(Locale.ROOT).contains("no-cache") || cacheControl.toLowerCase(Locale.ROOT).contains("no-store"));
    return new QueryCall(uuidParam(ctx, "projectId"), Principal.of(ctx).userId(), b.getString("sql"),
        b.getInteger("limit"), b.getInteger("timeoutSeconds"), noCache, "api");
  }

  private static JsonObject ids(RoutingContext ctx) {
    return new JsonObject().put("projectId", uuidParam(ctx, "projectId").toString())
        .put("userId", Principal.of(ctx).userId().toString());
  }

  private static String jobId(RoutingContext ctx) {
    UUID id = uuidParam(ctx, "jobId");
    return id.toString();
  }

  private static DeliveryOptions delivery(AppConfig config, QueryCall call) {
    int timeout = call.timeoutSeconds() == null ? config.queryTimeoutSeconds()
        : Math.min(call.timeoutSeconds(), config.queryTimeoutSeconds());
    return new DeliveryOptions().setSendTimeout(
        (Math.min(timeout, QueryRequest.MAX_TIMEOUT_SECONDS) + QueryExecutor.CLIENT_GRACE_SECONDS) * 1000L + BUS_GRACE_MS);
  }

  private static void ask(Vertx vertx, RoutingContext ctx, String address, JsonObject msg, int status, AppConfig config) {
    vertx.eventBus().<JsonObject>request(address, msg, new DeliveryOptions().setSendTimeout(60_000))
        .onSuccess(reply -> Http.json(ctx, status, reply.body()))
        .onFailure(e -> ctx.fail(Replies.unwrap(e)));
  }

}
