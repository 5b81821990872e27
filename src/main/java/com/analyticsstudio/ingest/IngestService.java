package com.analyticsstudio.ingest;

import com.analyticsstudio.common.DatabaseUrl;
import com.analyticsstudio.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders a load: keep the original in storage, parse and load on the ingest worker pool (CPU and
 * JDBC work, never an event loop), then clean up the scratch file. A failed load also removes the
 * original it stored, so a refusal leaves nothing behind.
 */
public final class IngestService {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  private final Vertx vertx;
  private final Storage storage;
  private final WorkerExecutor workers;
  private final IngestJob job;

  public IngestService(Vertx vertx, Storage storage, WorkerExecutor workers, DatabaseUrl db) {
    this.vertx = vertx;
    this.storage = storage;
    this.workers = workers;
    this.job = new IngestJob(db);
  }

  public Future<JsonObject> load(LoadRequest req) {
    boolean fresh = !"retype".equals(req.mode());
    long started = System.nanoTime();
    Future<Path> file =
        fresh
            ? storage
                .put(req.storageKey(), req.file(), req.contentType())
                .map(
                    v -> {
                      LOG.info(
                          "stored original of dataset {} in {} ms",
                          req.datasetId(),
                          (System.nanoTime() - started) / 1_000_000);
                      return req.file();
                    })
            : scratch().compose(p -> storage.download(req.storageKey(), p));
    return file.compose(
        path -> {
          LoadRequest local =
              new LoadRequest(
                  req.datasetId(),
                  req.projectId(),
                  req.userId(),
                  req.tableName(),
                  req.mode(),
                  path,
                  req.filename(),
                  req.contentType(),
                  req.sheet(),
                  req.storageKey(),
                  req.typeOverrides());
          return workers
              .executeBlocking(() -> job.run(local, size(path)), false)
              .onComplete(ar -> deleteQuietly(path))
              .recover(
                  e ->
                      fresh
                          ? storage
                              .delete(req.storageKey())
                              .transform(x -> Future.<JsonObject>failedFuture(e))
                          : Future.failedFuture(e));
        },
        e -> {
          deleteQuietly(req.file());
          return Future.failedFuture(e);
        });
  }

  private Future<Path> scratch() {
    return vertx.fileSystem().createTempFile("retype", ".src").map(Path::of);
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (Exception e) {
      return -1;
    }
  }

  private void deleteQuietly(Path p) {
    if (p == null) return;
    vertx.fileSystem().delete(p.toString()).onFailure(e -> LOG.debug("scratch {} already gone", p));
  }
}
