package com.analyticsstudio.query;

import static com.analyticsstudio.common.Http.uuidParam;

import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.Http;
import com.analyticsstudio.common.Paging;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Binds the query operations of the contract. Every operation goes to the Query verticle through
 * {@link QueryClient} (the one way into the query engine); exports stream from the cursor the Query
 * verticle holds, batch by batch with back-pressure. {@code before} (the rate limit) runs ahead of
 * every operation.
 */
public final class QueryRoutes {
  private QueryRoutes() {}

  public static void mount(
      RouterBuilder builder,
      QueryClient queries,
      WorkerExecutor exportWorkers,
      Path tempDir,
      Handler<RoutingContext> before) {
    builder
        .getRoute("runQuery")
        .setDoValidation(false)
        .addHandler(before)
        .addHandler(
            ctx -> {
              QueryCall call = call(ctx);
              ExportFormat format =
                  ExportFormat.choose(
                      ctx.request().getParam("format"), ctx.request().getHeader("Accept"));
              if (format != null) {
                Exports.send(ctx, queries, call, format, exportWorkers, tempDir);
                return;
              }
              queries
                  .run(call)
                  .onSuccess(
                      reply -> ctx.response().putHeader("Content-Type", Http.JSON).end(reply))
                  .onFailure(ctx::fail);
            });
    builder
        .getRoute("explainQuery")
        .setDoValidation(false)
        .addHandler(before)
        .addHandler(
            ctx ->
                answer(
                    ctx,
                    200,
                    queries.explain(
                        projectId(ctx), userId(ctx), checkedBody(ctx).getString("sql"))));
    builder
        .getRoute("submitQueryJob")
        .setDoValidation(false)
        .addHandler(before)
        .addHandler(ctx -> answer(ctx, 202, queries.submitJob(call(ctx))));
    builder
        .getRoute("getQueryJob")
        .setDoValidation(false)
        .addHandler(before)
        .addHandler(
            ctx ->
                answer(
                    ctx, 200, queries.job(projectId(ctx), userId(ctx), uuidParam(ctx, "jobId"))));
    builder
        .getRoute("listQueryJobs")
        .setDoValidation(false)
        .addHandler(before)
        .addHandler(
            ctx -> {
              Paging.Page page = Paging.page(ctx);
              answer(
                  ctx, 200, queries.jobs(projectId(ctx), userId(ctx), page.limit(), page.after()));
            });
    builder
        .getRoute("getQueryJobResult")
        .setDoValidation(false)
        .addHandler(before)
        .addHandler(
            ctx ->
                answer(
                    ctx,
                    200,
                    queries.jobResult(
                        projectId(ctx),
                        userId(ctx),
                        uuidParam(ctx, "jobId"),
                        Http.intQuery(ctx, "offset", 0, 0, Integer.MAX_VALUE),
                        Http.intQuery(ctx, "limit", 1000, 1, QueryJobs.MAX_RESULT_LIMIT))));
    builder
        .getRoute("cancelQueryJob")
        .setDoValidation(false)
        .addHandler(before)
        .addHandler(
            ctx ->
                answer(
                    ctx,
                    200,
                    queries.cancelJob(projectId(ctx), userId(ctx), uuidParam(ctx, "jobId"))));
  }

  /**
   * The query in the request body, for the caller; {@code Cache-Control: no-cache} (or no-store)
   * bypasses the cache.
   */
  static QueryCall call(RoutingContext ctx) {
    JsonObject b = checkedBody(ctx);
    String cacheControl = ctx.request().getHeader("Cache-Control");
    boolean noCache =
        cacheControl != null
            && (cacheControl.toLowerCase(Locale.ROOT).contains("no-cache")
                || cacheControl.toLowerCase(Locale.ROOT).contains("no-store"));
    return new QueryCall(
        uuidParam(ctx, "projectId"),
        Principal.of(ctx).userId(),
        b.getString("sql"),
        b.getInteger("limit"),
        b.getInteger("timeoutSeconds"),
        noCache,
        "api");
  }

  /**
   * The JSON body checked against the contract's {@code QueryRequest} schema by hand. These routes
   * skip Vert.x's contract validation: its validator rebuilds a map of every schema of the contract
   * for each validation, which cost more CPU than the rest of a cached query together (measured
   * with JFR under the query benchmark). Errors match the validator's: 400 {@code
   * validation_failed}.
   */
  static JsonObject checkedBody(RoutingContext ctx) {
    return checkedBody(
        ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject());
  }

  /**
   * {@link #checkedBody(RoutingContext)} of a parsed body; {@code QueryBodyContractTest} holds it
   * to the schema.
   */
  static JsonObject checkedBody(JsonObject b) {
    if (b == null) {
      throw invalid("the request body must be a JSON object", "/");
    }
    for (String field : b.fieldNames()) {
      if (!BODY_FIELDS.contains(field)) {
        throw invalid(
            "unknown field '" + field + "' (the fields are " + String.join(", ", BODY_FIELDS) + ")",
            "/" + field);
      }
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

  /** The properties of the contract's {@code QueryRequest}; any other is refused. */
  static final List<String> BODY_FIELDS = List.of("sql", "limit", "timeoutSeconds");

  /** The contract's maxLength of {@code sql}. */
  static final int MAX_SQL_CHARS = 100_000;

  private static ApiException invalid(String message, String location) {
    return ApiException.invalidValue(message, location);
  }

  private static UUID projectId(RoutingContext ctx) {
    return uuidParam(ctx, "projectId");
  }

  private static UUID userId(RoutingContext ctx) {
    return Principal.of(ctx).userId();
  }

  private static void answer(RoutingContext ctx, int status, Future<JsonObject> reply) {
    reply.onSuccess(body -> Http.json(ctx, status, body)).onFailure(ctx::fail);
  }
}
