package com.analyticsstudio.storage;

import com.analyticsstudio.common.AppConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/** Picks the storage backend from the settings. */
public final class Storages {
  private Storages() {}

  /**
   * {@link S3Storage} when {@code AWS_S3_BUCKET} is set, else {@link LocalStorage} under {@code
   * UPLOAD_DIR}.
   */
  public static Storage create(Vertx vertx, AppConfig config) {
    String bucket = config.awsS3Bucket();
    if (bucket != null && !bucket.isBlank()) {
      return S3Storage.create(vertx, config);
    }
    return new LocalStorage(vertx, Path.of(config.uploadDir()));
  }
}
