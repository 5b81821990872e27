package com.analyticsstudio.http;

import com.analyticsstudio.ask.AskRoutes;
import com.analyticsstudio.ask.AskService;
import com.analyticsstudio.audit.AuditLog;
import com.analyticsstudio.auth.ApiKeyService;
import com.analyticsstudio.auth.AuthHandler;
import com.analyticsstudio.auth.AuthRoutes;
import com.analyticsstudio.auth.AuthService;
import com.analyticsstudio.auth.RateLimits;
import com.analyticsstudio.auth.RateLimits.Bucket;
import com.analyticsstudio.auth.Scopes;
import com.analyticsstudio.auth.TokenService;
import com.analyticsstudio.auth.TokenVersions;
import com.analyticsstudio.chart.ChartRoutes;
import com.analyticsstudio.chart.ChartService;
import com.analyticsstudio.common.Admission;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.FailureHandler;
import com.analyticsstudio.common.Forwarded;
import com.analyticsstudio.common.RequestLog;
import com.analyticsstudio.dashboard.DashboardRoutes;
import com.analyticsstudio.dashboard.DashboardService;
import com.analyticsstudio.dashboard.PublicLinks;
import com.analyticsstudio.dataset.DatasetRoutes;
import com.analyticsstudio.dataset.DatasetService;
import com.analyticsstudio.dataset.EventStreams;
import com.analyticsstudio.idempotency.Idempotency;
import com.analyticsstudio.ops.MetricsAccess;
import com.analyticsstudio.ops.OpsRoutes;
import com.analyticsstudio.ops.Readiness;
import com.analyticsstudio.project.ProjectAccess;
import com.analyticsstudio.project.ProjectRoutes;
import com.analyticsstudio.project.ProjectService;
import com.analyticsstudio.query.QueryClient;
import com.analyticsstudio.query.QueryRoutes;
import com.analyticsstudio.semantic.ModelService;
import com.analyticsstudio.semantic.SemanticRoutes;
import com.analyticsstudio.semantic.SemanticService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.RequestBody;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Routing, authentication, validation against the OpenAPI contract. Deployed once per core; the
 * instances share the services {@link com.analyticsstudio.MainVerticle} built ({@link Services}).
 */
public final class HttpVerticle extends VerticleBase {
  /** Largest JSON body accepted by non-streaming routes. */
  private static final long JSON_BODY_LIMIT = 1024 * 1024;

  /** What the routes call: process-wide services, built once. */
  public record Services(
      PrometheusMeterRegistry registry,
      TokenService tokens,
      ApiKeyService apiKeys,
      AuthService auth,
      ProjectAccess access,
      ProjectService projects,
      AuditLog audit,
      DatasetService datasets,
      Readiness readiness,
      RateLimits rateLimits,
      AskService ask,
      QueryClient queries,
      WorkerExecutor exportWorkers,
      Admission admission,
      Idempotency idempotency,
      TokenVersions tokenVersions,
      EventStreams eventStreams,
      ModelService models,
      SemanticService semantic,
      ChartService charts,
      DashboardService dashboards,
      PublicLinks publicLinks,
      WebAssets webAssets) {}

  private final AppConfig config;
  private final Services s;
  private HttpServer server;

  public HttpVerticle(AppConfig config, Services services) {
    this.config = config;
    this.s = services;
  }

  @Override
  public Future<?> start() {
    return Contract.load(vertx)
        .compose(
            contract -> {
              RouterBuilder builder =
                  RouterBuilder.create(vertx, contract.routing(), new DecodeOnceExtractor());
              builder.rootHandler(new HeadAsGet());
              builder.rootHandler(new RequestLog());
              builder.rootHandler(s.admission());
              builder.rootHandler(new Forwarded(config.security().trustedProxies()));
              builder.rootHandler(new SecurityHeaders(config.security()));
              builder.rootHandler(new NulGuard());
              builder.rootHandler(new PercentEncodingGuard());
              ApiConventions conventions =
                  new ApiConventions(new RouteIndex(Contract.parse(contract.text().toString())));
              builder.rootHandler(conventions);
              if (!config.corsOrigins().isEmpty()) {
                builder.rootHandler(cors());
              }
              builder.rootHandler(
                  new SelectiveBodyHandler(
                      BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT),
                      DatasetRoutes::isUpload));
              builder.rootHandler(new AuthHandler(s.tokens(), s.apiKeys(), s.tokenVersions()));
              Scopes.guard(builder);
              for (OpenAPIRoute route : builder.getRoutes()) {
                RequestBody body = route.getOperation().getRequestBody();
                if (body != null
                    && body.getContent().size() == 1
                    && body.getContent().containsKey("application/json")) {
                  route.addHandler(ApiConventions::requireJson);
                }
              }
              // Idempotency-Key on every POST that creates something; before the operations' own
              // handlers.
              for (String op :
                  List.of(
                      "createProject",
                      "createApiKey",
                      "uploadDataset",
                      "uploadDatasetVersion",
                      "submitQueryJob",
                      "createChart",
                      "createDashboard",
                      "createDashboardLink")) {
                builder.getRoute(op).addHandler(s.idempotency().handler(op));
              }

              builder.getRoute("metrics").addHandler(MetricsAccess.handler(config));
              // What each operation has before the features add theirs (checks, limits).
              Map<String, Integer> checksOnly = new HashMap<>();
              builder
                  .getRoutes()
                  .forEach(
                      r ->
                          checksOnly.put(
                              r.getOperation().getOperationId(), r.getHandlers().size()));
              OpsRoutes.mount(
                  builder, s.readiness(), s.registry(), contract.text(), config.appVersion());
              AuthRoutes.mount(builder, s.auth(), s.apiKeys());
              ProjectRoutes.mount(builder, s.projects(), s.access(), s.audit());
              builder.getRoute("uploadDataset").addHandler(s.rateLimits().handler(Bucket.UPLOAD));
              builder
                  .getRoute("uploadDatasetVersion")
                  .addHandler(s.rateLimits().handler(Bucket.UPLOAD));
              DatasetRoutes.mount(
                  builder,
                  vertx,
                  s.datasets(),
                  s.eventStreams(),
                  config.security().eventsMembershipCheckSeconds());
              AskRoutes.mount(builder, s.ask(), s.rateLimits().handler(Bucket.ASK));
              QueryRoutes.mount(
                  builder, s.queries(), s.exportWorkers(), s.rateLimits().handler(Bucket.QUERY));
              SemanticRoutes.mount(
                  builder, s.models(), s.semantic(), s.rateLimits().handler(Bucket.QUERY));
              ChartRoutes.mount(builder, s.charts(), s.rateLimits().handler(Bucket.QUERY));
              DashboardRoutes.mount(
                  builder,
                  s.dashboards(),
                  s.publicLinks(),
                  s.rateLimits().handler(Bucket.QUERY),
                  s.rateLimits().publicLink());

              List<String> unbound =
                  builder.getRoutes().stream()
                      .map(r -> r.getOperation().getOperationId())
                      .filter(
                          id ->
                              builder.getRoute(id).getHandlers().size()
                                  <= checksOnly.getOrDefault(id, 0))
                      .toList();
              if (!unbound.isEmpty()) {
                // Every documented operation must be served: a contract that promises more than
                // the server does is a bug, caught at startup.
                return Future.failedFuture(
                    new IllegalStateException("operations without handlers: " + unbound));
              }
              Router router = builder.createRouter();
              OpsRoutes.mountDocs(router);
              WebAppRoutes.mount(
                  router, s.webAssets(), config.security().publicEmbedFrameAncestors());
              FailureHandler failures = new FailureHandler();
              router.route().failureHandler(failures);
              for (int status : new int[] {400, 401, 403, 404, 413, 415, 500, 503}) {
                router.errorHandler(status, failures);
              }
              router.errorHandler(
                  405,
                  ctx -> {
                    conventions.allowHeader(ctx);
                    failures.handle(ctx);
                  });
              server =
                  vertx.createHttpServer(
                      new HttpServerOptions()
                          .setPort(config.port())
                          .setCompressionSupported(true)
                          .setIdleTimeout(120));
              return server.requestHandler(router).listen();
            });
  }

  private CorsHandler cors() {
    CorsHandler cors =
        CorsHandler.create()
            .allowedMethods(
                Set.of(
                    HttpMethod.GET,
                    HttpMethod.POST,
                    HttpMethod.PATCH,
                    HttpMethod.PUT,
                    HttpMethod.DELETE,
                    HttpMethod.OPTIONS))
            .allowedHeaders(
                Set.of(
                    "Authorization",
                    "Content-Type",
                    "X-API-Key",
                    RequestLog.HEADER,
                    "Cache-Control",
                    Idempotency.HEADER))
            .exposedHeaders(
                Set.of(
                    RequestLog.HEADER,
                    "Retry-After",
                    "RateLimit-Limit",
                    "RateLimit-Remaining",
                    "RateLimit-Reset",
                    "Content-Disposition",
                    Idempotency.REPLAYED))
            .maxAgeSeconds(600);
    if (config.corsOrigins().contains("*")) {
      cors.addOrigin("*");
    } else {
      cors.addOrigins(config.corsOrigins()).allowCredentials(true);
    }
    return cors;
  }

  /** Stops accepting connections and lets in-flight requests finish, up to the grace period. */
  @Override
  public Future<?> stop() {
    return server == null
        ? Future.succeededFuture()
        : server.shutdown(config.shutdownGraceSeconds(), TimeUnit.SECONDS);
  }
}
