package com.analyticsstudio.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.AppConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoragesTest {
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    StorageContract.await(vertx.close());
  }

  @Test
  void localWhenNoBucketIsSet() {
    Storage storage =
        Storages.create(vertx, AppConfig.load(Map.of(AppConfig.Keys.UPLOAD_DIR, "some/uploads")));
    assertThat(storage).isInstanceOf(LocalStorage.class);
    assertThat(storage.describe())
        .isEqualTo("local:" + Path.of("some/uploads").toAbsolutePath().normalize());
    StorageContract.await(storage.close());
  }

  @Test
  void s3WhenABucketIsSet() {
    // Building the client reads no credentials and opens no connection.
    Storage storage =
        Storages.create(
            vertx,
            AppConfig.load(
                Map.of(
                    AppConfig.Keys.AWS_S3_BUCKET,
                    "uploads-bucket",
                    AppConfig.Keys.AWS_REGION,
                    "eu-central-1")));
    assertThat(storage).isInstanceOf(S3Storage.class);
    assertThat(storage.describe()).isEqualTo("s3://uploads-bucket");
    StorageContract.await(storage.close());
  }
}
