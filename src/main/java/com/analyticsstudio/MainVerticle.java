package com.analyticsstudio;

import com.analyticsstudio.ask.AskService;
import com.analyticsstudio.ask.SchemaLoader;
import com.analyticsstudio.audit.AuditLog;
import com.analyticsstudio.auth.ApiKeyService;
import com.analyticsstudio.auth.AuthService;
import com.analyticsstudio.auth.CachedTokenVersions;
import com.analyticsstudio.auth.LoginThrottle;
import com.analyticsstudio.auth.PasswordHasher;
import com.analyticsstudio.auth.RateLimits;
import com.analyticsstudio.auth.TokenService;
import com.analyticsstudio.auth.TokenVersions;
import com.analyticsstudio.chart.ChartService;
import com.analyticsstudio.common.Admission;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Db;
import com.analyticsstudio.common.Metrics;
import com.analyticsstudio.common.UsedBy;
import com.analyticsstudio.dashboard.DashboardService;
import com.analyticsstudio.dashboard.PublicLinks;
import com.analyticsstudio.dataset.DatasetService;
import com.analyticsstudio.dataset.EventStreams;
import com.analyticsstudio.dataset.UploadReceiver;
import com.analyticsstudio.http.HttpVerticle;
import com.analyticsstudio.http.Warmup;
import com.analyticsstudio.http.WebAssets;
import com.analyticsstudio.idempotency.Idempotency;
import com.analyticsstudio.ingest.IngestVerticle;
import com.analyticsstudio.llm.LlmBus;
import com.analyticsstudio.llm.LlmVerticle;
import com.analyticsstudio.ops.Readiness;
import com.analyticsstudio.project.ProjectAccess;
import com.analyticsstudio.project.ProjectService;
import com.analyticsstudio.query.FairShare;
import com.analyticsstudio.query.LocalQueryCache;
import com.analyticsstudio.query.QueryCache;
import com.analyticsstudio.query.QueryCatalog;
import com.analyticsstudio.query.QueryClient;
import com.analyticsstudio.query.QueryExecutor;
import com.analyticsstudio.query.QueryJobs;
import com.analyticsstudio.query.QueryMessages;
import com.analyticsstudio.query.QueryService;
import com.analyticsstudio.query.QueryVerticle;
import com.analyticsstudio.query.RedisQueryCache;
import com.analyticsstudio.ratelimit.LocalRateLimiter;
import com.analyticsstudio.ratelimit.RateLimiter;
import com.analyticsstudio.ratelimit.RedisRateLimiter;
import com.analyticsstudio.semantic.ModelCache;
import com.analyticsstudio.semantic.ModelService;
import com.analyticsstudio.semantic.SemanticQueryRunner;
import com.analyticsstudio.semantic.SemanticService;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies migrations, opens the shared resources, builds the application's object graph — every
 * process-wide service, once, handed on through constructors — and deploys the verticles: Ingest,
 * LLM (always: without OPENAI_API_KEY it answers llm_not_configured), Query and HTTP once per core.
 * This is the one place to read what depends on what. Undeploying it (on SIGTERM) undeploys them
 * all, HTTP first so requests drain.
 */
public final class MainVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);
  private final AppConfig config;
  private final PrometheusMeterRegistry registry;
  private Resources resources;

  public MainVerticle(AppConfig config, PrometheusMeterRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    int instances =
        config.httpInstances() > 0
            ? config.httpInstances()
            : Runtime.getRuntime().availableProcessors();
    QueryMessages.registerCodecs(vertx.eventBus());
    return vertx
        .executeBlocking(
            () -> {
              Db.migrate(config.database());
              return ceilings().allowed(Db.maySet(config.database(), "temp_file_limit"));
            })
        .compose(
            ceilings -> {
              resources = Resources.open(vertx, config);
              return vertx
                  .executeBlocking(() -> WebAssets.load(MainVerticle.class.getClassLoader()))
                  .compose(assets -> deploy(instances, ceilings, assets));
            })
        .onSuccess(
            id ->
                LOG.info(
                    "{} {} listening on port {} with {} HTTP instances ({} environment)",
                    config.appName(),
                    config.appVersion(),
                    config.port(),
                    instances,
                    config.environment()));
  }

  /** The resource ceilings of user SQL, from QUERY_TEMP_FILE_LIMIT_MB, work_mem and result caps. */
  private QueryExecutor.Ceilings ceilings() {
    return new QueryExecutor.Ceilings(
        config.fairness().tempFileLimitKb(),
        config.workMemKb(),
        config.fairness().maxResultBytes());
  }

  private Future<String> deploy(
      int instances, QueryExecutor.Ceilings ceilings, WebAssets webAssets) {
    Pool pool = resources.pool();

    // The query engine: the guarded path, its catalog, cache and jobs, served by the Query
    // verticle.
    QueryCatalog catalog = new QueryCatalog(pool, System::currentTimeMillis);
    AppConfig.QueryEngine q = config.queryEngine();
    QueryCache cache =
        resources.redisClient() != null
            ? new RedisQueryCache(resources.redisClient(), config.redisKeyPrefix() + "qc:")
            : new LocalQueryCache(
                q.cacheMaxEntries(), q.cacheMaxBytes(), Ticker.systemTicker(), registry);
    QueryExecutor executor = new QueryExecutor(vertx, resources.queryPool(), ceilings, pool);
    QueryService queryService =
        new QueryService(vertx, pool, executor, catalog, cache, config, registry);
    QueryJobs jobs =
        new QueryJobs(
            vertx,
            pool,
            queryService,
            executor,
            q.jobConcurrency(),
            config.fairness(),
            q.jobTtlHours());
    QueryClient queries = new QueryClient(vertx, config);

    // Accounts, projects, datasets, Ask: plain services the HTTP instances share.
    RateLimiter limiter =
        resources.redis() != null
            ? new RedisRateLimiter(resources.redis(), config.redisKeyPrefix() + "rl:")
            : new LocalRateLimiter();
    AuditLog audit = new AuditLog(pool);
    TokenService tokens = new TokenService(vertx, config);
    ApiKeyService apiKeys =
        new ApiKeyService(pool, audit, limiter, config.security(), Clock.systemUTC(), registry);
    TokenVersions tokenVersions =
        new CachedTokenVersions(
            pool, config.security().tokenVersionCacheSeconds(), System::nanoTime);
    PasswordHasher hasher =
        new PasswordHasher(
            vertx.createSharedWorkerExecutor(
                "bcrypt", Math.max(2, Runtime.getRuntime().availableProcessors())));
    AuthService auth =
        new AuthService(
            pool,
            hasher,
            tokens,
            new LoginThrottle(limiter, config),
            tokenVersions,
            Clock.systemUTC(),
            config);
    ProjectAccess access = new ProjectAccess(pool);
    ProjectService projects = new ProjectService(pool, access, audit);
    DatasetService datasets =
        new DatasetService(
            vertx,
            pool,
            access,
            audit,
            resources.storage(),
            new UploadReceiver(vertx, config.maxUploadBytes()),
            Path.of(config.uploadDir(), "temp"));
    projects.onDelete(datasets::dropProject);
    projects.onAccessChange(catalog::invalidate);
    datasets.onProjectChange(catalog::invalidate);
    EventStreams eventStreams = new EventStreams(access::isMember);
    projects.onAccessChange(eventStreams::recheck);
    ModelService models = new ModelService(pool, access, audit, new ModelCache());
    SemanticService semantic = new SemanticService(models, new SemanticQueryRunner(queries));
    ChartService charts = new ChartService(pool, access, audit, semantic, queries);
    DashboardService dashboards =
        new DashboardService(
            vertx,
            pool,
            access,
            audit,
            charts,
            models,
            semantic,
            Clock.systemUTC(),
            // A data request runs its widgets within the user's fair share of the pool, and never
            // more at once than the pool has connections (past them a widget would wait out
            // DB_MAX_WAIT_MS and answer 503 overloaded).
            Math.min(
                FairShare.Limits.of(config.queryEngine(), config.fairness()).perUser(),
                config.queryEngine().poolSize()));
    AskService ask =
        new AskService(
            vertx,
            pool,
            access,
            new SchemaLoader(pool, datasets, registry),
            new LlmBus(vertx, config),
            !config.openAiApiKey().isBlank(),
            queries,
            models,
            semantic,
            dashboards,
            Clock.systemUTC());
    // Dependency safety: datasets, models and charts ask what uses them; charts and dashboards
    // answer (charts first: dashboards name those that show a chart found).
    UsedBy.Registry uses = new UsedBy.Registry();
    uses.register(charts::usesOf);
    uses.register(dashboards::usesOf);
    datasets.usedBy(uses);
    models.usedBy(uses);
    charts.usedBy(uses);
    Admission admission =
        new Admission(Admission.limit(config), Metrics.rejections(registry, 503)::increment);
    Gauge.builder("http.in.flight", admission, Admission::inFlight)
        .description("requests admitted and not yet answered (HTTP_MAX_IN_FLIGHT bounds them)")
        .register(registry);
    HttpVerticle.Services services =
        new HttpVerticle.Services(
            registry,
            tokens,
            apiKeys,
            auth,
            access,
            projects,
            audit,
            datasets,
            new Readiness(pool, resources.redis(), resources.storage()),
            // Only members are charged to a project's bucket; the query catalog remembers
            // membership.
            new RateLimits(
                limiter,
                (project, user) -> catalog.get(project, user, false).map(c -> true),
                config,
                registry),
            ask,
            queries,
            vertx.createSharedWorkerExecutor("export-xlsx", 2),
            admission,
            new Idempotency(pool),
            tokenVersions,
            eventStreams,
            models,
            semantic,
            charts,
            dashboards,
            new PublicLinks(
                pool,
                access,
                audit,
                dashboards,
                charts,
                config.security().publicLinkSecret(),
                Clock.systemUTC()),
            webAssets);

    AtomicBoolean maintainer = new AtomicBoolean(true);
    return vertx
        .deployVerticle(new IngestVerticle(config, resources.storage(), catalog::invalidate))
        .compose(v -> vertx.deployVerticle(new LlmVerticle(config)))
        .compose(
            v ->
                vertx.deployVerticle(
                    () ->
                        new QueryVerticle(config, queryService, jobs, maintainer.getAndSet(false)),
                    new DeploymentOptions().setInstances(instances)))
        .compose(
            v ->
                vertx.deployVerticle(
                    () -> new HttpVerticle(config, services),
                    new DeploymentOptions().setInstances(instances)))
        // Warming runs beside the started server, not in its start: a SIGTERM right after startup
        // must find a deployed verticle to drain.
        .onSuccess(
            id -> {
              if (config.httpWarmup()) {
                Warmup.run(vertx, config.port(), webAssets);
              }
            });
  }

  /** Runs after the child verticles have stopped (and drained), so connections close last. */
  @Override
  public Future<?> stop() {
    return resources == null ? Future.succeededFuture() : resources.close();
  }
}
