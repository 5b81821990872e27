package com.analyticsstudio.http;

import com.analyticsstudio.audit.AuditLog;
import com.analyticsstudio.auth.ApiKeyService;
import com.analyticsstudio.auth.AuthHandler;
import com.analyticsstudio.auth.AuthRoutes;
import com.analyticsstudio.auth.AuthService;
import com.analyticsstudio.auth.LoginThrottle;
import com.analyticsstudio.auth.PasswordHasher;
import com.analyticsstudio.auth.TokenService;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Resources;
import com.analyticsstudio.common.FailureHandler;
import com.analyticsstudio.ask.AskRoutes;
import com.analyticsstudio.ask.AskService;
import com.analyticsstudio.llm.LlmBus;
import com.analyticsstudio.dataset.DatasetRoutes;
import com.analyticsstudio.dataset.DatasetService;
import com.analyticsstudio.dataset.UploadReceiver;
import com.analyticsstudio.common.RequestLog;
import com.analyticsstudio.common.Shared;
import com.analyticsstudio.ops.OpsRoutes;
import com.analyticsstudio.ops.Readiness;
import com.analyticsstudio.project.ProjectAccess;
import com.analyticsstudio.project.ProjectRoutes;
import com.analyticsstudio.project.ProjectService;
import com.analyticsstudio.query.QueryRoutes;
import com.analyticsstudio.query.QueryService;
import com.analyticsstudio.ratelimit.LocalRateLimiter;
import com.analyticsstudio.ratelimit.RateLimits;
import com.analyticsstudio.ratelimit.RateLimits.Bucket;
import com.analyticsstudio.ratelimit.RateLimiter;
import com.analyticsstudio.ratelimit.RedisRateLimiter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Routing, authentication, validation against the OpenAPI contract. Deployed once per core; the
 * instances share the database pool and the in-process limiter.
 */
public final class HttpVerticle extends VerticleBase {
  /** Largest JSON body accepted by non-streaming routes. */
  private static final long JSON_BODY_LIMIT = 1024 * 1024;

  private final AppConfig config;
  private final Resources resources;
  private HttpServer server;

  public HttpVerticle(AppConfig config, Resources resources) {
    this.config = config;
    this.resources = resources;
  }

  @Override
  public Future<?> start() {
    Pool pool = resources.pool();
    RedisAPI redis = resources.redis();
    RateLimiter limiter = redis != null
        ? new RedisRateLimiter(redis, config.redisKeyPrefix() + "rl:")
        : Shared.of(vertx, "rate-limiter", LocalRateLimiter::new);
    PrometheusMeterRegistry registry = Shared.of(vertx, Metrics.REGISTRY, Metrics::newRegistry);

    AuditLog audit = new AuditLog(pool);
    TokenService tokens = new TokenService(vertx, config);
    ApiKeyService apiKeys = new ApiKeyService(pool, audit, Shared.of(vertx, "api-key-cache", ApiKeyService::newCache));
    PasswordHasher hasher = new PasswordHasher(
        vertx.createSharedWorkerExecutor("bcrypt", Math.max(2, Runtime.getRuntime().availableProcessors())));
    AuthService auth = new AuthService(pool, hasher, tokens, new LoginThrottle(limiter, config), config);
    ProjectAccess access = new ProjectAccess(pool);
    ProjectService projects = new ProjectService(pool, access, audit);
    Readiness readiness = new Readiness(pool, redis, resources.storage());
    DatasetService datasets = new DatasetService(vertx, pool, access, audit, resources.storage(),
        new UploadReceiver(vertx, config.maxUploadBytes()), Path.of(config.uploadDir(), "temp"));
    projects.onDelete(datasets::dropProject);
    projects.onAccessChange(id -> com.analyticsstudio.query.QueryCatalog.invalidate(vertx, id));
    RateLimits rateLimits = new RateLimits(limiter, config, registry);
    QueryService queries = QueryService.forProcess(vertx, resources, config);

    return Contract.load(vertx)
        .compose(contract -> {
          RouterBuilder builder = RouterBuilder.create(vertx, contract.routing(), RequestExtractor.withBodyHandler());
          builder.rootHandler(new RequestLog());
          if (!config.corsOrigins().isEmpty()) {
            builder.rootHandler(cors());
          }
          builder.rootHandler(new SelectiveBodyHandler(BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT),
              DatasetRoutes::isUpload));
          builder.rootHandler(new AuthHandler(tokens, apiKeys));

          OpsRoutes.mount(builder, readiness, registry, contract.text(), config.appVersion());
          AuthRoutes.mount(builder, auth, apiKeys);
          ProjectRoutes.mount(builder, projects, access, audit);
          builder.getRoute("uploadDataset").addHandler(rateLimits.handler(Bucket.UPLOAD));
          builder.getRoute("uploadDatasetVersion").addHandler(rateLimits.handler(Bucket.UPLOAD));
          DatasetRoutes.mount(builder, vertx, datasets);
          AskRoutes.mount(builder, new AskService(vertx, pool, access, datasets, new LlmBus(vertx, config),
              !config.openAiApiKey().isBlank()), rateLimits.handler(Bucket.ASK));
          QueryRoutes.mount(builder, vertx, config, queries,
              vertx.createSharedWorkerExecutor("export-xlsx", 2), Path.of(config.uploadDir(), "temp"),
              rateLimits.handler(Bucket.QUERY));
          com.analyticsstudio.semantic.SemanticRoutes.mount(builder, vertx, pool, access, audit, rateLimits.handler(Bucket.QUERY));

          List<String> unbound = builder.getRoutes().stream()
              .filter(r -> r.getHandlers().isEmpty())
              .map(r -> r.getOperation().getOperationId())
              .toList();
          if (!unbound.isEmpty()) {
            // Every documented operation must be served: a contract that promises more than
            // the server does is a bug, caught at startup.
            return Future.failedFuture(new IllegalStateException("operations without handlers: " + unbound));
          }
          Router router = builder.createRouter();
          OpsRoutes.mountDocs(router);
          WebAppRoutes.mount(router);
          FailureHandler failures = new FailureHandler();
          router.route().failureHandler(failures);
          for (int status : new int[] {400, 401, 403, 404, 405, 413, 415, 500, 503}) {
            router.errorHandler(status, failures);
          }
          server = vertx.createHttpServer(new HttpServerOptions()
              .setPort(config.port())
              .setCompressionSupported(true)
              .setIdleTimeout(120));
          return server.requestHandler(router).listen();
        });
  }

  private CorsHandler cors() {
    CorsHandler cors = CorsHandler.create()
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH, HttpMethod.PUT,
            HttpMethod.DELETE, HttpMethod.OPTIONS))
        .allowedHeaders(Set.of("Authorization", "Content-Type", "X-API-Key", RequestLog.HEADER, "Cache-Control"))
        .exposedHeaders(Set.of(RequestLog.HEADER, "Retry-After", "RateLimit-Limit", "RateLimit-Remaining",
            "RateLimit-Reset", "Content-Disposition"))
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
    return server == null ? Future.succeededFuture()
        : server.shutdown(config.shutdownGraceSeconds(), TimeUnit.SECONDS);
  }
}
