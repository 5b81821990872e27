package com.analyticsstudio.semantic;

import static com.analyticsstudio.common.Http.body;
import static com.analyticsstudio.common.Http.handle;
import static com.analyticsstudio.common.Http.uuidParam;

import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.Http;
import com.analyticsstudio.common.Paging;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Locale;

/** Binds the model and semantic query operations of the contract. */
public final class SemanticRoutes {
  private SemanticRoutes() {}

  /**
   * {@code queryLimit}: the rate-limit handler of the {@code query} bucket (a semantic query is a
   * query).
   */
  public static void mount(
      RouterBuilder builder,
      ModelService models,
      SemanticService semantic,
      Handler<RoutingContext> queryLimit) {
    builder
        .getRoute("getModel")
        .addHandler(
            handle(
                200,
                ctx ->
                    models.get(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "datasetId"))));
    builder
        .getRoute("putModel")
        .addHandler(
            handle(
                200,
                ctx ->
                    models.put(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "datasetId"),
                        body(ctx),
                        ctx.request().getHeader("If-Match"),
                        Http.boolQuery(ctx, "force", false))));
    builder
        .getRoute("modelMemberUsedBy")
        .addHandler(
            handle(
                200,
                ctx -> {
                  Paging.Page page = Paging.page(ctx);
                  return models
                      .usedBy(
                          Principal.of(ctx),
                          uuidParam(ctx, "projectId"),
                          uuidParam(ctx, "datasetId"),
                          ctx.pathParam("member"))
                      .map(a -> Paging.slice(page, a));
                }));
    builder
        .getRoute("listModelVersions")
        .addHandler(
            handle(
                200,
                ctx -> {
                  Paging.Page page = Paging.page(ctx);
                  return models
                      .versions(
                          Principal.of(ctx),
                          uuidParam(ctx, "projectId"),
                          uuidParam(ctx, "datasetId"))
                      .map(a -> Paging.slice(page, a));
                }));
    builder
        .getRoute("restoreModelVersion")
        .addHandler(
            handle(
                200,
                ctx ->
                    models.restore(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "datasetId"),
                        version(ctx))));
    builder
        .getRoute("validateModel")
        .addHandler(
            handle(
                200,
                ctx ->
                    models.validate(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "datasetId"),
                        body(ctx))));
    // The query body is read and checked by SemanticRequest, field by field, with messages that
    // name
    // the member (the contract's generic validator cannot); validating it twice cost a cached
    // semantic query most of its time (scripts/bench/semantic: ~1/6 of the req/s with it).
    builder
        .getRoute("semanticQuery")
        .setDoValidation(false)
        .addHandler(queryLimit)
        .addHandler(
            ctx -> {
              // The encoded answer as bytes, like POST …/query (no JSON object in between).
              Future<Buffer> answer;
              try {
                answer =
                    semantic.queryEncoded(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        jsonBody(ctx),
                        noCache(ctx));
              } catch (RuntimeException e) {
                ctx.fail(e);
                return;
              }
              answer
                  .onSuccess(b -> ctx.response().putHeader("Content-Type", Http.JSON).end(b))
                  .onFailure(ctx::fail);
            });
    builder
        .getRoute("compileSemanticQuery")
        .setDoValidation(false)
        .addHandler(queryLimit)
        .addHandler(
            handle(
                200,
                ctx ->
                    semantic.compile(
                        Principal.of(ctx), uuidParam(ctx, "projectId"), jsonBody(ctx))));
  }

  /** The JSON object body of a route the contract's validator skips; 400 when it is not one. */
  private static JsonObject jsonBody(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body() == null ? null : ctx.body().asJsonObject();
      if (body == null)
        throw ApiException.badRequest(
            "invalid_request", "the body must be a JSON object (the semantic query)");
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw ApiException.badRequest(
          "invalid_request", "the body is not a JSON object: " + e.getMessage());
    }
  }

  private static boolean noCache(RoutingContext ctx) {
    String cc = ctx.request().getHeader("Cache-Control");
    return cc != null && cc.toLowerCase(Locale.ROOT).contains("no-cache");
  }

  private static int version(RoutingContext ctx) {
    try {
      return Integer.parseInt(ctx.pathParam("version"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("model version");
    }
  }
}
