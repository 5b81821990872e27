package com.analyticsstudio.chart;

import static com.analyticsstudio.common.Http.body;
import static com.analyticsstudio.common.Http.boolQuery;
import static com.analyticsstudio.common.Http.handle;
import static com.analyticsstudio.common.Http.uuidParam;

import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.Paging;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Locale;

/** Binds the saved-chart operations of the contract to {@link ChartService}. */
public final class ChartRoutes {
  private ChartRoutes() {}

  /** {@code queryLimit}: the {@code query} bucket's rate-limit handler (a chart run is a query). */
  public static void mount(
      RouterBuilder builder, ChartService charts, Handler<RoutingContext> queryLimit) {
    builder
        .getRoute("listCharts")
        .addHandler(
            handle(
                200,
                ctx ->
                    charts.list(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        ctx.request().getParam("q"),
                        Paging.page(ctx))));
    builder
        .getRoute("createChart")
        .addHandler(
            handle(
                201,
                ctx -> charts.create(Principal.of(ctx), uuidParam(ctx, "projectId"), body(ctx))));
    builder
        .getRoute("getChart")
        .addHandler(
            handle(
                200,
                ctx ->
                    charts.get(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "chartId"))));
    builder
        .getRoute("updateChart")
        .addHandler(
            handle(
                200,
                ctx ->
                    charts.update(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "chartId"),
                        body(ctx),
                        ctx.request().getHeader("If-Match"))));
    builder
        .getRoute("deleteChart")
        .addHandler(
            handle(
                204,
                ctx ->
                    charts.delete(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "chartId"),
                        boolQuery(ctx, "force", false))));
    builder
        .getRoute("chartUsedBy")
        .addHandler(
            handle(
                200,
                ctx -> {
                  Paging.Page page = Paging.page(ctx);
                  return charts
                      .usedBy(
                          Principal.of(ctx), uuidParam(ctx, "projectId"), uuidParam(ctx, "chartId"))
                      .map(a -> Paging.slice(page, a));
                }));
    builder
        .getRoute("listChartVersions")
        .addHandler(
            handle(
                200,
                ctx ->
                    charts.versions(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "chartId"))));
    builder
        .getRoute("getChartVersion")
        .addHandler(
            handle(
                200,
                ctx ->
                    charts.version(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "chartId"),
                        version(ctx))));
    builder
        .getRoute("restoreChartVersion")
        .addHandler(
            handle(
                200,
                ctx ->
                    charts.restore(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "chartId"),
                        version(ctx))));
    builder
        .getRoute("runChart")
        .addHandler(queryLimit)
        .addHandler(
            handle(
                200,
                ctx ->
                    charts.data(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "chartId"),
                        body(ctx),
                        noCache(ctx))));
    builder
        .getRoute("previewChart")
        .addHandler(queryLimit)
        .addHandler(
            handle(
                200,
                ctx ->
                    charts.preview(
                        Principal.of(ctx), uuidParam(ctx, "projectId"), body(ctx), noCache(ctx))));
  }

  private static boolean noCache(RoutingContext ctx) {
    String cc = ctx.request().getHeader("Cache-Control");
    return cc != null && cc.toLowerCase(Locale.ROOT).contains("no-cache");
  }

  private static int version(RoutingContext ctx) {
    try {
      return Integer.parseInt(ctx.pathParam("version"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("chart version");
    }
  }
}
