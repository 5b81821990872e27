package com.analyticsstudio.storage;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The worker pool that runs blocking storage work (file copies, S3 calls), apart from the default
 * pool.
 */
final class StorageWorkers {
  static final String NAME = "storage";

  /** Transfers are I/O-bound; a few at once per process is plenty for uploads of up to 100 MB. */
  static final int POOL_SIZE = 8;

  /**
   * A 100 MB transfer to a slow S3 endpoint can take minutes; this keeps the blocked-thread checker
   * from reporting normal transfers.
   */
  static final long MAX_EXECUTE_MINUTES = 15;

  private StorageWorkers() {}

  static WorkerExecutor create(Vertx vertx) {
    return vertx.createSharedWorkerExecutor(NAME, POOL_SIZE, MAX_EXECUTE_MINUTES, TimeUnit.MINUTES);
  }
}
