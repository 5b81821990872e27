package com.analyticsstudio.semantic;

import static com.analyticsstudio.common.Http.body;
import static com.analyticsstudio.common.Http.handle;
import static com.analyticsstudio.common.Http.uuidParam;

import com.analyticsstudio.audit.AuditLog;
import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.project.ProjectAccess;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;

/** Binds the model and semantic query operations of the contract. */
public final class SemanticRoutes {
  private SemanticRoutes() {}

  /** {@code queryLimit}: the rate-limit handler of the {@code query} bucket (a semantic query is a query). */
  public static void mount(RouterBuilder builder, ModelService models, SemanticService semantic,
                           Handler<RoutingContext> queryLimit) {
    builder.getRoute("getModel").addHandler(handle(200, ctx ->
        models.get(Principal.of(ctx), uuidParam(ctx, "projectId"), uuidParam(ctx, "datasetId"))));
    builder.getRoute("putModel").addHandler(handle(200, ctx ->
        models.put(Principal.of(ctx), uuidParam(ctx, "projectId"), uuidParam(ctx, "datasetId"), body(ctx),
            ctx.request().getHeader("If-Match"))));
    builder.getRoute("listModelVersions").addHandler(handle(200, ctx ->
        models.versions(Principal.of(ctx), uuidParam(ctx, "projectId"), uuidParam(ctx, "datasetId"))));
    builder.getRoute("restoreModelVersion").addHandler(handle(200, ctx ->
        models.restore(Principal.of(ctx), uuidParam(ctx, "projectId"), uuidParam(ctx, "datasetId"), version(ctx))));
    builder.getRoute("validateModel").addHandler(handle(200, ctx ->
        models.validate(Principal.of(ctx), uuidParam(ctx, "projectId"), uuidParam(ctx, "datasetId"), body(ctx))));
    builder.getRoute("semanticQuery").addHandler(queryLimit).addHandler(handle(200, ctx ->
        semantic.query(Principal.of(ctx), uuidParam(ctx, "projectId"), body(ctx), noCache(ctx))));
    builder.getRoute("compileSemanticQuery").addHandler(queryLimit).addHandler(handle(200, ctx ->
        semantic.compile(Principal.of(ctx), uuidParam(ctx, "projectId"), body(ctx))));
  }

  private static boolean noCache(RoutingContext ctx) {
    String cc = ctx.request().getHeader("Cache-Control");
    return cc != null && cc.toLowerCase(java.util.Locale.ROOT).contains("no-cache");
  }

  private static int version(RoutingContext ctx) {
    try {
      return Integer.parseInt(ctx.pathParam("version"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("model version");
    }
  }
}
