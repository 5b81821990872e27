package com.analyticsstudio.query;

import static com.analyticsstudio.common.Http.uuidParam;

import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.Http;
import com.analyticsstudio.common.Paging;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
      Handler<RoutingContext> before) {
    builder
        .getRoute("runQuery")
        .setDoValidation(false)
        .addHandler(before)
        .addHandler(
            ctx -> {
              String format = ctx.request().getParam("format");
              if (format != null && !"json".equalsIgnoreCase(format)) {
                // exports have their own operation, so a generated client types both answers
                throw ApiException.invalidValue(
                    "format must be json here; exports are POST /api/v1/projects/{projectId}"
                        + "/query/export?format=csv|ndjson|xlsx",
                    "query.format");
              }
              boolean numbersAsStrings = numbersAsStrings(ctx);
              QueryCall call = call(ctx);
              queries
                  .run(call)
                  .onSuccess(
                      reply ->
                          ctx.response()
                              .putHeader("Content-Type", Http.JSON)
                              .end(numbersAsStrings ? allNumbersAsStrings(reply) : reply))
                  .onFailure(ctx::fail);
            });
    builder
        .getRoute("exportQuery")
        .setDoValidation(false)
        .addHandler(before)
        .addHandler(
            ctx -> {
              ExportFormat format = ExportFormat.export(ctx.request().getParam("format"));
              Exports.Options options =
                  new Exports.Options(
                      Http.boolQuery(ctx, "escapeFormulas", true), numbersAsStrings(ctx));
              Exports.send(
                  ctx, queries, call(ctx), format, options, queries.exportMaxRows(), exportWorkers);
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
                        projectId(ctx),
                        userId(ctx),
                        checkedBody(ctx).getString("sql"),
                        params(checkedBody(ctx)))));
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

  /** {@code ?numbers=exact} (the default) or {@code string}. */
  static boolean numbersAsStrings(RoutingContext ctx) {
    String numbers = ctx.request().getParam("numbers");
    if (numbers == null || "exact".equals(numbers)) return false;
    if ("string".equals(numbers)) return true;
    throw ApiException.invalidValue("numbers must be exact or string", "query.numbers");
  }

  /**
   * A query answer with every integer and decimal column as strings ({@code numbers=string}). The
   * stored answer already holds every number exactly (strings where a double would round), so the
   * numbers parsed back here are the ones a double holds.
   */
  static Buffer allNumbersAsStrings(Buffer reply) {
    JsonObject answer;
    try {
      answer = new JsonObject(DECIMALS.readValue(reply.getBytes(), MAP));
    } catch (IOException e) {
      throw new IllegalStateException("the query service answered malformed JSON", e);
    }
    JsonArray columns = answer.getJsonArray("columns");
    JsonArray rows = answer.getJsonArray("rows");
    if (columns != null && rows != null) ResultValues.encodeColumns(columns, rows, true);
    return answer.toBuffer();
  }

  /** Reads JSON decimals as BigDecimal, so {@code 2.50} keeps its scale as text. */
  private static final ObjectMapper DECIMALS =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

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
        "api",
        params(b));
  }

  /**
   * The checked body's {@code params}: the values of {@code $1}, {@code $2}, …; empty if absent.
   */
  static List<Object> params(JsonObject checked) {
    JsonArray params = checked.getJsonArray("params");
    return params == null ? List.of() : params.getList();
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
    if (b.containsKey("params")) {
      if (!(b.getValue("params") instanceof JsonArray values)) {
        throw invalid("params must be an array of the values of $1, $2, …", "/params");
      }
      if (values.size() > MAX_PARAMS) {
        throw invalid("params has more than " + MAX_PARAMS + " values", "/params");
      }
      for (int i = 0; i < values.size(); i++) {
        Object v = values.getValue(i);
        if (!(v == null || v instanceof String || v instanceof Number || v instanceof Boolean)) {
          throw invalid(
              "params[" + i + "] must be a string, number, boolean or null", "/params/" + i);
        }
      }
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
  static final List<String> BODY_FIELDS = List.of("sql", "params", "limit", "timeoutSeconds");

  /** The contract's maxItems of {@code params} (the lexer's limit on {@code $n}). */
  static final int MAX_PARAMS = PgLexer.MAX_PARAMS;

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
