package com.analyticsstudio.dashboard;

import static com.analyticsstudio.common.Http.body;
import static com.analyticsstudio.common.Http.handle;
import static com.analyticsstudio.common.Http.intQuery;
import static com.analyticsstudio.common.Http.respond;
import static com.analyticsstudio.common.Http.uuidParam;

import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.Forwarded;
import com.analyticsstudio.common.Paging;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Binds the dashboard operations of the contract to {@link DashboardService}. */
public final class DashboardRoutes {
  static final String NDJSON = "application/x-ndjson";

  private DashboardRoutes() {}

  /**
   * {@code queryLimit}: the {@code query} bucket's rate-limit handler (a data request queries);
   * {@code publicLimit}: the public links' (per link and client address).
   */
  public static void mount(
      RouterBuilder builder,
      DashboardService dashboards,
      PublicLinks links,
      Handler<RoutingContext> queryLimit,
      Handler<RoutingContext> publicLimit) {
    builder
        .getRoute("listDashboards")
        .addHandler(
            handle(
                200,
                ctx ->
                    dashboards.list(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        ctx.request().getParam("q"),
                        Paging.page(ctx))));
    builder
        .getRoute("createDashboard")
        .addHandler(
            handle(
                201,
                ctx ->
                    dashboards.create(Principal.of(ctx), uuidParam(ctx, "projectId"), body(ctx))));
    builder
        .getRoute("getDashboard")
        .addHandler(
            handle(
                200,
                ctx -> dashboards.get(Principal.of(ctx), uuidParam(ctx, "projectId"), id(ctx))));
    builder
        .getRoute("updateDashboard")
        .addHandler(
            handle(
                200,
                ctx ->
                    dashboards.update(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        id(ctx),
                        body(ctx),
                        ctx.request().getHeader("If-Match"))));
    builder
        .getRoute("deleteDashboard")
        .addHandler(
            handle(
                204,
                ctx -> dashboards.delete(Principal.of(ctx), uuidParam(ctx, "projectId"), id(ctx))));
    builder
        .getRoute("listDashboardVersions")
        .addHandler(
            handle(
                200,
                ctx ->
                    dashboards.versions(Principal.of(ctx), uuidParam(ctx, "projectId"), id(ctx))));
    builder
        .getRoute("getDashboardVersion")
        .addHandler(
            handle(
                200,
                ctx ->
                    dashboards.version(
                        Principal.of(ctx), uuidParam(ctx, "projectId"), id(ctx), version(ctx))));
    builder
        .getRoute("restoreDashboardVersion")
        .addHandler(
            handle(
                200,
                ctx ->
                    dashboards.restore(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        id(ctx),
                        version(ctx),
                        body(ctx))));
    builder
        .getRoute("listDashboardChanges")
        .addHandler(
            handle(
                200,
                ctx ->
                    dashboards.changes(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        id(ctx),
                        Paging.page(ctx))));
    builder
        .getRoute("getDashboardScope")
        .addHandler(
            handle(
                200,
                ctx ->
                    dashboards.scope(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        id(ctx),
                        ctx.queryParam("member"))));
    builder
        .getRoute("runDashboard")
        .addHandler(queryLimit)
        .addHandler(
            ctx ->
                data(
                    ctx,
                    dashboards,
                    () ->
                        dashboards.plan(
                            Principal.of(ctx),
                            uuidParam(ctx, "projectId"),
                            id(ctx),
                            body(ctx),
                            noCache(ctx))));
    mountLinks(builder, dashboards, links, publicLimit);
    builder
        .getRoute("dashboardWidgetRows")
        .addHandler(queryLimit)
        .addHandler(
            handle(
                200,
                ctx ->
                    dashboards.rows(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        id(ctx),
                        ctx.pathParam("widgetId"),
                        body(ctx),
                        noCache(ctx))));
    builder
        .getRoute("dashboardFilterValues")
        .addHandler(queryLimit)
        .addHandler(
            handle(
                200,
                ctx ->
                    dashboards.filterValues(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        id(ctx),
                        ctx.pathParam("filterId"),
                        ctx.request().getParam("q"),
                        intQuery(ctx, "limit", 100, 1, 1000))));
  }

  /**
   * {@code POST …/data}: one JSON answer, or with {@code Accept: application/x-ndjson} a line per
   * widget as each finishes and a closing {@code @end} line. The plan (checks, 4xx) comes first, so
   * a stream only starts for a request that will be answered.
   */
  private static void data(
      RoutingContext ctx,
      DashboardService dashboards,
      Supplier<Future<DashboardService.Plan>> planned) {
    try {
      Future<DashboardService.Plan> plan = planned.get();
      if (!wantsNdjson(ctx)) {
        respond(ctx, 200, plan.compose(p -> dashboards.execute(p, e -> {})));
        return;
      }
      plan.onFailure(ctx::fail)
          .onSuccess(
              p -> {
                HttpServerResponse res = ctx.response();
                res.setStatusCode(200).setChunked(true).putHeader("Content-Type", NDJSON);
                res.putHeader("Cache-Control", "no-store");
                AtomicInteger errors = new AtomicInteger();
                dashboards
                    .execute(
                        p,
                        entry -> {
                          if (entry.containsKey("error")) errors.incrementAndGet();
                          if (!res.closed() && !res.ended()) res.write(entry.encode() + "\n");
                        })
                    .onComplete(
                        ar -> {
                          if (res.closed() || res.ended()) return;
                          JsonObject end =
                              new JsonObject()
                                  .put("widgets", p.widgets().size())
                                  .put("errors", errors.get())
                                  .put("dashboardVersion", p.dashboardVersion());
                          res.end(new JsonObject().put("@end", end).encode() + "\n");
                        });
              });
    } catch (RuntimeException e) {
      ctx.fail(e);
    }
  }

  /** The link operations (editors) and the public ones (the token is the credential). */
  private static void mountLinks(
      RouterBuilder builder,
      DashboardService dashboards,
      PublicLinks links,
      Handler<RoutingContext> publicLimit) {
    builder
        .getRoute("createDashboardLink")
        .addHandler(
            handle(
                201,
                ctx ->
                    links
                        .create(Principal.of(ctx), uuidParam(ctx, "projectId"), id(ctx), body(ctx))
                        .map(link -> link.put("url", origin(ctx) + link.getString("url")))));
    builder
        .getRoute("listDashboardLinks")
        .addHandler(
            handle(
                200,
                ctx -> {
                  Paging.Page page = Paging.page(ctx);
                  return links
                      .list(Principal.of(ctx), uuidParam(ctx, "projectId"), id(ctx))
                      .map(a -> Paging.slice(page, a));
                }));
    builder
        .getRoute("revokeDashboardLink")
        .addHandler(
            handle(
                204,
                ctx ->
                    links.revoke(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        id(ctx),
                        ctx.pathParam("token"))));
    builder
        .getRoute("getPublicDashboard")
        .addHandler(publicLimit)
        .addHandler(handle(200, ctx -> links.dashboard(ctx.pathParam("token"))));
    builder
        .getRoute("runPublicDashboard")
        .addHandler(publicLimit)
        .addHandler(
            ctx -> data(ctx, dashboards, () -> links.plan(ctx.pathParam("token"), body(ctx))));
    builder
        .getRoute("publicDashboardFilterValues")
        .addHandler(publicLimit)
        .addHandler(
            handle(
                200,
                ctx ->
                    links.filterValues(
                        ctx.pathParam("token"),
                        ctx.pathParam("filterId"),
                        ctx.request().getParam("q"),
                        intQuery(ctx, "limit", 100, 1, 1000))));
  }

  /**
   * The origin the caller reached us at ({@code https://studio.example.com}), for a link's {@code
   * url}; empty (a path-only url) when the request names no host.
   */
  private static String origin(RoutingContext ctx) {
    String host = ctx.request().getHeader("Host");
    if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.:\\[\\]-]+")) return "";
    return (Forwarded.secure(ctx) ? "https" : "http") + "://" + host;
  }

  static boolean wantsNdjson(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.toLowerCase(Locale.ROOT).contains(NDJSON);
  }

  private static UUID id(RoutingContext ctx) {
    return uuidParam(ctx, "dashboardId");
  }

  private static boolean noCache(RoutingContext ctx) {
    String cc = ctx.request().getHeader("Cache-Control");
    return cc != null && cc.toLowerCase(Locale.ROOT).contains("no-cache");
  }

  private static int version(RoutingContext ctx) {
    try {
      return Integer.parseInt(ctx.pathParam("version"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("dashboard version");
    }
  }
}
