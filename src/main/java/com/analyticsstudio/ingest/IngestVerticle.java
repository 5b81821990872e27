package com.analyticsstudio.ingest;

import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Replies;
import com.analyticsstudio.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Serves {@link IngestAddresses#LOAD}. Parsing and COPY run on a small worker pool (two loads at a
 * time by default) so big uploads neither block event loops nor take every core.
 */
public final class IngestVerticle extends VerticleBase {
  /** Loads that run at once; more wait their turn in the pool's queue. */
  static final int CONCURRENT_LOADS = 2;

  private final AppConfig config;
  private final Storage storage;
  private final Consumer<UUID> projectChanged;
  private WorkerExecutor workers;

  /**
   * {@code projectChanged} hears of every load that ends (the query engine forgets what it
   * remembered).
   */
  public IngestVerticle(AppConfig config, Storage storage, Consumer<UUID> projectChanged) {
    this.config = config;
    this.storage = storage;
    this.projectChanged = projectChanged;
  }

  @Override
  public Future<?> start() {
    workers = vertx.createSharedWorkerExecutor("ingest", CONCURRENT_LOADS, 2, TimeUnit.HOURS);
    IngestService service = new IngestService(vertx, storage, workers, config.database());
    return vertx
        .eventBus()
        .<JsonObject>consumer(
            IngestAddresses.LOAD,
            msg -> {
              LoadRequest req = LoadRequest.fromJson(msg.body());
              // A new live version changes what the project's queries read: forget the remembered
              // catalog
              // before the caller hears the load is done.
              Replies.reply(
                  msg, service.load(req).andThen(ar -> projectChanged.accept(req.projectId())));
            })
        .completion();
  }

  @Override
  public Future<?> stop() {
    return workers == null ? Future.succeededFuture() : workers.close();
  }
}
