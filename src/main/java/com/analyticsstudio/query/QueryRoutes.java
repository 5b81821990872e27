package com.analyticsstudio.query;

import static com.analyticsstudio.common.Http.uuidParam;

import com.analyticsstudio.auth.Principal;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Http;
import com.analyticsstudio.common.Replies;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * Binds the query operations of the contract. Running SQL ({@code runQuery}) and exports call the
 * process's {@link QueryService} directly on this event loop: a streamed body cannot cross the bus,
 * and for the hottest route of the API the bus hop (a JSON copy each way and two thread switches,
 * ~12% of its throughput under the query benchmark) bought nothing, since the service is the same
 * object the Query verticle serves. Explain and jobs go to the Query verticle over the event bus
 * ({@link QueryAddresses}), as do other features' queries (Ask). {@code before} (the rate limit)
 * runs ahead of every operation.
 */
public final class QueryRoutes {
  private QueryRoutes() {}

  public static void mount(RouterBuilder builder, Vertx vertx, AppConfig config, QueryService service,
                           WorkerExecutor exportWorkers, Path tempDir, Handler<RoutingContext> before) {
    builder.getRoute("runQuery").setDoValidation(false).addHandler(before).addHandler(ctx -> {
      QueryCall call = call(ctx);
      ExportFormat format = ExportFormat.choose(ctx.request().getParam("format"), ctx.request().getHeader("Accept"));
      if (format != null) {
        Exports.send(ctx, service, call, format, exportWorkers, tempDir);
        return;
      }
      service.run(call)
          .onSuccess(reply -> ctx.response().putHeader("Content-Type", Http.JSON).end(reply))
          .onFailure(e -> ctx.fail(Replies.unwrap(e)));
    });
    builder.getRoute("explainQuery").setDoValidation(false).addHandler(before).addHandler(ctx -> {
      JsonObject msg = ids(ctx).put("sql", checkedBody(ctx).getString("sql"));
      ask(vertx, ctx, QueryAddresses.EXPLAIN, msg, 200, config);
    });
    builder.getRoute("submitQueryJob").setDoValidation(false).addHandler(before).addHandler(ctx ->
        ask(vertx, ctx, QueryAddresses.JOB_SUBMIT, call(ctx).toJson(), 202, config));
    builder.getRoute("getQueryJob").setDoValidation(false).addHandler(before).addHandler(ctx ->
        ask(vertx, ctx, QueryAddresses.JOB_GET, ids(ctx).put("jobId", jobId(ctx)), 200, config));
    builder.getRoute("getQueryJobResult").setDoValidation(false).addHandler(before).addHandler(ctx ->
        ask(vertx, ctx, QueryAddresses.JOB_RESULT, ids(ctx).put("jobId", jobId(ctx))
            .put("offset", (long) Http.intQuery(ctx, "offset", 0, 0, Integer.MAX_VALUE))
            .put("limit", Http.intQuery(ctx, "limit", 1000, 1, QueryJobs.MAX_RESULT_LIMIT)), 200, config));
    builder.getRoute("cancelQueryJob").setDoValidation(false).addHandler(before).addHandler(ctx ->
        ask(vertx, ctx, QueryAddresses.JOB_CANCEL, ids(ctx).put("jobId", jobId(ctx)), 200, config));
  }

  /** The query in the request body, for the caller; {@code Cache-Control: no-cache} (or no-store) bypasses the cache. */
  static QueryCall call(RoutingContext ctx) {
    JsonObject b = checkedBody(ctx);
    String cacheControl = ctx.request().getHeader("Cache-Control");
    boolean noCache = cacheControl != null
        && (cacheControl.toLowerCase(Locale.ROOT).contains("no-cache") || cacheControl.toLowerCase(Locale.ROOT).contains("no-store"));
    return new QueryCall(uuidParam(ctx, "projectId"), Principal.of(ctx).userId(), b.getString("sql"),
        b.getInteger("limit"), b.getInteger("timeoutSeconds"), noCache, "api");
  }

  /**
   * The JSON body checked against the contract's {@code QueryRequest} schema by hand. These routes
   * skip Vert.x's contract validation: its validator rebuilds a map of every schema of the contract
   * for each validation, which cost more CPU than the rest of a cached query together (measured
   * with JFR under the query benchmark). Errors match the validator's: 400 {@code validation_failed}.
   */
  static JsonObject checkedBody(RoutingContext ctx) {
    JsonObject b = ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
    if (b == null) {
      throw invalid("the request body must be a JSON object", "/");
    }
    if (!(b.getValue("sql") instanceof String sql) || sql.isEmpty()) {
      throw invalid("sql is required: a non-empty string", "/sql");
    }
    if (sql.length() > MAX_SQL_CHARS) {
      throw invalid("sql is longer than " + MAX_SQL_CHARS + " characters", "/sql");
    }
    for (String field : new String[] {"limit", "timeoutSeconds"}) {
      Object v = b.getValue(field);
      if (v != null && !(v instanceof Integer i && i >= 1)) {
        throw invalid(field + " must be a whole number of at least 1", "/" + field);
      }
    }
    return b;
  }

  /** The contract's maxLength of {@code sql}. */
  static final int MAX_SQL_CHARS = 100_000;

  private static ApiException invalid(String message, String location) {
    return new ApiException(400, "validation_failed", message,
        new JsonObject().put("type", "invalid_value").put("location", location));
  }

  private static JsonObject ids(RoutingContext ctx) {
    return new JsonObject().put("projectId", uuidParam(ctx, "projectId").toString())
        .put("userId", Principal.of(ctx).userId().toString());
  }

  private static String jobId(RoutingContext ctx) {
    UUID id = uuidParam(ctx, "jobId");
    return id.toString();
  }


  private static void ask(Vertx vertx, RoutingContext ctx, String address, JsonObject msg, int status, AppConfig config) {
    vertx.eventBus().<JsonObject>request(address, msg, new DeliveryOptions().setSendTimeout(60_000))
        .onSuccess(reply -> Http.json(ctx, status, reply.body()))
        .onFailure(e -> ctx.fail(Replies.unwrap(e)));
  }

}
