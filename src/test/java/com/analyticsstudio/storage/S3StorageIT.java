package com.analyticsstudio.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The storage contract against a real S3-compatible server: s3rver, started by this test (see
 * {@link S3rver}), reached through the same client settings production uses with {@code
 * AWS_S3_ENDPOINT}.
 */
class S3StorageIT extends StorageContract {
  private static final String BUCKET = "analytics-test";
  private static final AwsCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create(S3rver.ACCESS_KEY, S3rver.SECRET_KEY));
  private S3rver server;

  @Override
  protected Storage open(Vertx vertx) throws Exception {
    server = S3rver.start();
    AppConfig config = config(server.endpoint(), BUCKET);
    S3Client client = S3Storage.client(config, CREDENTIALS);
    client.createBucket(b -> b.bucket(BUCKET));
    return new S3Storage(vertx, client, BUCKET);
  }

  @Override
  protected void shutdown() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static AppConfig config(String endpoint, String bucket) {
    return AppConfig.load(
        Map.of(
            AppConfig.Keys.AWS_S3_BUCKET, bucket,
            AppConfig.Keys.AWS_S3_ENDPOINT, endpoint,
            AppConfig.Keys.AWS_REGION, "eu-west-1"));
  }

  @Test
  void describeNamesTheBucket() {
    assertThat(storage.describe()).isEqualTo("s3://" + BUCKET);
  }

  @Test
  void largeFilesGoUpInPartsAndSmallOnesInOnePut() throws Exception {
    List<String> operations = new CopyOnWriteArrayList<>();
    ExecutionInterceptor recorder =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
          }
        };
    S3Storage recorded =
        new S3Storage(
            vertx,
            S3Storage.client(config(server.endpoint(), BUCKET), CREDENTIALS, recorder),
            BUCKET);
    try {
      String key = StorageKeys.temp("parts-" + UUID.randomUUID() + ".bin");
      Path source = tmp.resolve("parts.bin");
      String sha =
          writeRandom(source, 2 * S3Storage.PART_SIZE + 1, 7); // 3 parts, the last of 1 byte
      await(recorded.put(key, source, "application/octet-stream"));
      assertThat(operations)
          .containsExactly(
              "CreateMultipartUpload",
              "UploadPart",
              "UploadPart",
              "UploadPart",
              "CompleteMultipartUpload");
      assertThat(sha256(await(recorded.download(key, tmp.resolve("parts-copy.bin")))))
          .isEqualTo(sha);

      operations.clear();
      Path atThreshold = tmp.resolve("threshold.bin");
      writeRandom(atThreshold, S3Storage.MULTIPART_THRESHOLD, 8);
      await(
          recorded.put(
              StorageKeys.temp("single-" + UUID.randomUUID()),
              atThreshold,
              "application/octet-stream"));
      assertThat(operations).containsExactly("PutObject");
    } finally {
      await(recorded.close());
    }
  }

  @Test
  void contentTypeIsStored() throws Exception {
    String key = StorageKeys.temp("typed-" + UUID.randomUUID() + ".csv");
    await(storage.put(key, text("t.csv", "a"), "text/csv"));
    assertThat(
            ((S3Storage) storage).client().headObject(b -> b.bucket(BUCKET).key(key)).contentType())
        .isEqualTo("text/csv");
  }

  @Test
  void deletePrefixPagesThroughMoreKeysThanOneBatch() throws Exception {
    S3Storage paged =
        new S3Storage(
            vertx, S3Storage.client(config(server.endpoint(), BUCKET), CREDENTIALS), BUCKET, 3);
    try {
      String prefix = StorageKeys.projectPrefix(UUID.randomUUID());
      Path file = text("p.csv", "x");
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        keys.add(prefix + "k" + i);
        await(paged.put(prefix + "k" + i, file, "text/csv"));
      }
      String kept = StorageKeys.projectPrefix(UUID.randomUUID()) + "kept";
      await(paged.put(kept, file, "text/csv"));

      assertThat(await(paged.deletePrefix(prefix))).isEqualTo(8);
      assertThat(await(paged.list(prefix))).isEmpty();
      assertThat(await(paged.exists(kept))).isTrue();
    } finally {
      await(paged.close());
    }
  }

  @Test
  void unreachableEndpointIs503WithARetryHint() throws Exception {
    String secret = "very-secret-value-123";
    AwsCredentialsProvider creds =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", secret));
    String closedPort = "http://127.0.0.1:" + S3rver.freePort();
    Storage down = S3Storage.create(vertx, config(closedPort, BUCKET), creds);
    try {
      ApiException e = assertApiError(down.check(), 503, "storage_unavailable");
      assertThat(e.retryAfterSeconds()).isEqualTo(StorageErrors.RETRY_AFTER_SECONDS);
      assertThat(e.details().getString("reason")).isEqualTo("unreachable");
      assertNoSecret(e, secret);
      assertNoSecret(assertApiError(down.exists("temp/x"), 503, "storage_unavailable"), secret);
      assertNoSecret(
          assertApiError(
              down.put("temp/x", text("x", "x"), "text/plain"), 503, "storage_unavailable"),
          secret);
    } finally {
      await(down.close());
    }
  }

  @Test
  void wrongCredentialsAre503WithoutLeakingThem() throws Exception {
    String secret = "another-secret-value-456";
    AwsCredentialsProvider creds =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("WRONGKEY", secret));
    Storage denied = S3Storage.create(vertx, config(server.endpoint(), BUCKET), creds);
    try {
      ApiException e = assertApiError(denied.list("temp/"), 503, "storage_unavailable");
      assertThat(e.details().getString("reason")).isEqualTo("InvalidAccessKeyId");
      assertNoSecret(e, secret);
      assertApiError(denied.check(), 503, "storage_unavailable");
    } finally {
      await(denied.close());
    }
  }

  @Test
  void missingBucketFailsTheReadinessCheck() throws Exception {
    Storage missing =
        S3Storage.create(vertx, config(server.endpoint(), "no-such-bucket"), CREDENTIALS);
    try {
      assertApiError(missing.check(), 503, "storage_unavailable");
      ApiException e = assertApiError(missing.list("temp/"), 503, "storage_unavailable");
      assertThat(e.details().getString("reason")).isEqualTo("NoSuchBucket");
    } finally {
      await(missing.close());
    }
  }

  private static void assertNoSecret(ApiException e, String secret) {
    assertThat(e.getMessage()).doesNotContain(secret);
    assertThat(e.details().encode()).doesNotContain(secret);
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
    }
  }
}
