package com.analyticsstudio;

import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Db;
import com.analyticsstudio.common.Resources;
import com.analyticsstudio.http.HttpVerticle;
import com.analyticsstudio.ingest.IngestVerticle;
import com.analyticsstudio.llm.LlmVerticle;
import com.analyticsstudio.query.QueryService;
import com.analyticsstudio.query.QueryVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies migrations, opens the shared resources, then deploys the Ingest verticle, the LLM
 * verticle (always: without OPENAI_API_KEY it answers llm_not_configured), the Query verticle
 * and the HTTP verticle once per core.
 * Undeploying it (on SIGTERM) undeploys them all, HTTP first so requests drain.
 */
public final class MainVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);
  private final AppConfig config;
  private Resources resources;

  public MainVerticle(AppConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    int instances = config.httpInstances() > 0 ? config.httpInstances() : Runtime.getRuntime().availableProcessors();
    return vertx.executeBlocking(() -> {
          Db.migrate(config.database());
          return null;
        })
        .compose(v -> {
          resources = Resources.open(vertx, config);
          return vertx.deployVerticle(new IngestVerticle(config, resources.storage()));
        })
        .compose(v -> vertx.deployVerticle(new LlmVerticle(config)))
        .compose(v -> {
          QueryService queries = QueryService.forProcess(vertx, resources, config);
          java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
          return vertx.deployVerticle(() -> new QueryVerticle(config, queries, queries.jobs(), first.getAndSet(false)),
              new DeploymentOptions().setInstances(instances));
        })
        .compose(v -> {
          return vertx.deployVerticle(() -> new HttpVerticle(config, resources), new DeploymentOptions().setInstances(instances));
        })
        .onSuccess(id -> LOG.info("{} {} listening on port {} with {} HTTP instances ({} environment)",
            config.appName(), config.appVersion(), config.port(), instances, config.environment()));
  }

  /** Runs after the child verticles have stopped (and drained), so connections close last. */
  @Override
  public Future<?> stop() {
    return resources == null ? Future.succeededFuture() : resources.close();
  }
}
