package com.analyticsstudio.storage;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Objects in one S3 bucket ({@code AWS_S3_BUCKET}), through the synchronous AWS SDK v2 client on
 * the {@value StorageWorkers#NAME} worker pool (never on the event loop).
 *
 * <ul>
 *   <li>Region from {@code AWS_REGION}; {@code AWS_S3_ENDPOINT}, when set, replaces the endpoint
 *       and forces path-style addressing (MinIO, s3rver and other S3-compatible servers).
 *   <li>Credentials from the SDK's default provider chain (environment, system properties, profile,
 *       container and instance roles).
 *   <li>Uploads stream from disk: files up to {@value #MULTIPART_THRESHOLD} bytes go in one {@code
 *       PutObject} with {@link RequestBody#fromFile}; larger ones as a multipart upload of {@value
 *       #PART_SIZE}-byte parts, each part read from its range of the file whenever the SDK asks (to
 *       sign, to send, to retry), so heap use stays flat whatever the file size, and a failed part
 *       is retried alone. A failed multipart upload is aborted so no parts linger. (Checked by
 *       hand: a 100 MiB put and download against s3rver succeed with {@code -Xmx40m}; the
 *       URL-connection client sends the known Content-Length as a fixed-length stream.)
 *   <li>Downloads stream the response body to a temporary file next to the target, then rename it.
 *   <li>{@link #deletePrefix} lists the prefix page by page (1000 keys) and deletes each page with
 *       one {@code DeleteObjects}.
 * </ul>
 */
public final class S3Storage implements Storage {
  /** Files larger than this are uploaded in parts. */
  static final long MULTIPART_THRESHOLD = 16L * 1024 * 1024;

  /** Part size of multipart uploads (S3's minimum is 5 MiB; 100 MB makes 13 parts). */
  static final long PART_SIZE = 8L * 1024 * 1024;

  /** The most keys one {@code DeleteObjects} accepts. */
  static final int DELETE_BATCH = 1000;

  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);
  private static final String BACKEND = "s3";

  private final S3Client s3;
  private final String bucket;
  private final int deleteBatch;
  private final WorkerExecutor workers;

  /** Uses {@code client} (closed by {@link #close()}) for {@code bucket}. */
  public S3Storage(Vertx vertx, S3Client client, String bucket) {
    this(vertx, client, bucket, DELETE_BATCH);
  }

  /** Tests use a small {@code deleteBatch} to exercise paging without thousands of objects. */
  S3Storage(Vertx vertx, S3Client client, String bucket, int deleteBatch) {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("bucket must not be empty");
    }
    if (deleteBatch < 1 || deleteBatch > DELETE_BATCH) {
      throw new IllegalArgumentException("deleteBatch must be between 1 and " + DELETE_BATCH);
    }
    this.s3 = client;
    this.bucket = bucket;
    this.deleteBatch = deleteBatch;
    this.workers = StorageWorkers.create(vertx);
  }

  /** The bucket, region and endpoint of {@code config}, with the default credentials chain. */
  public static S3Storage create(Vertx vertx, AppConfig config) {
    return create(vertx, config, DefaultCredentialsProvider.builder().build());
  }

  /** As {@link #create(Vertx, AppConfig)} with explicit credentials (tests, or a custom chain). */
  public static S3Storage create(
      Vertx vertx, AppConfig config, AwsCredentialsProvider credentials) {
    return new S3Storage(vertx, client(config, credentials), config.awsS3Bucket());
  }

  static S3Client client(
      AppConfig config, AwsCredentialsProvider credentials, ExecutionInterceptor... interceptors) {
    S3ClientBuilder builder =
        S3Client.builder()
            .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor))
            .region(Region.of(config.awsRegion()))
            .credentialsProvider(credentials)
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(60)));
    String endpoint = config.awsS3Endpoint();
    if (endpoint != null && !endpoint.isBlank()) {
      builder
          .endpointOverride(URI.create(endpoint))
          .forcePathStyle(true)
          // Over plain http the SDK signs uploads as an aws-chunked body (and by default adds a
          // trailing CRC32). Servers that do not decode aws-chunked (s3rver is one) store the chunk
          // framing as the object's bytes. Without chunked encoding the SDK signs the whole payload
          // (one extra streamed read of the file to hash it) and sends it as-is, which every
          // S3-compatible server and S3 itself accept; checksums only where the API requires them.
          .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return builder.build();
  }

  public String bucket() {
    return bucket;
  }

  S3Client client() {
    return s3;
  }

  @Override
  public Future<Void> put(String key, Path file, String contentType) {
    return blocking(
        key,
        () -> {
          StorageKeys.requireValidKey(key);
          if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the file to store does not exist: " + file);
          }
          String type =
              contentType == null || contentType.isBlank()
                  ? "application/octet-stream"
                  : contentType;
          long size = Files.size(file);
          if (size <= MULTIPART_THRESHOLD) {
            s3.putObject(
                b -> b.bucket(bucket).key(key).contentType(type).contentLength(size),
                RequestBody.fromFile(file));
          } else {
            putMultipart(key, file, size, type);
          }
          return null;
        });
  }

  private void putMultipart(String key, Path file, long size, String type) {
    String uploadId =
        s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(type)).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      int number = 1;
      for (long offset = 0; offset < size; offset += PART_SIZE, number++) {
        long length = Math.min(PART_SIZE, size - offset);
        int partNumber = number;
        UploadPartResponse r =
            s3.uploadPart(
                b ->
                    b.bucket(bucket)
                        .key(key)
                        .uploadId(uploadId)
                        .partNumber(partNumber)
                        .contentLength(length),
                RequestBody.fromContentProvider(
                    new FileSliceProvider(file, offset, length),
                    length,
                    "application/octet-stream"));
        parts.add(
            CompletedPart.builder()
                .partNumber(partNumber)
                .eTag(r.eTag())
                .checksumCRC32(r.checksumCRC32())
                .checksumCRC32C(r.checksumCRC32C())
                .checksumCRC64NVME(r.checksumCRC64NVME())
                .checksumSHA1(r.checksumSHA1())
                .checksumSHA256(r.checksumSHA256())
                .build());
      }
      s3.completeMultipartUpload(
          b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    } catch (RuntimeException e) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
      } catch (RuntimeException abort) {
        e.addSuppressed(abort);
      }
      throw e;
    }
  }

  @Override
  public Future<Path> download(String key, Path target) {
    return blocking(
        key,
        () -> {
          StorageKeys.requireValidKey(key);
          Path out = target.toAbsolutePath();
          Files.createDirectories(out.getParent());
          Path tmp = Files.createTempFile(out.getParent(), LocalStorage.PARTIAL_PREFIX, ".tmp");
          try {
            try (ResponseInputStream<GetObjectResponse> in =
                s3.getObject(b -> b.bucket(bucket).key(key))) {
              long copied = Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
              Long expected = in.response().contentLength();
              if (expected != null && expected != copied) {
                throw StorageErrors.unavailable(BACKEND, "truncated download", null);
              }
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
          } finally {
            Files.deleteIfExists(tmp);
          }
          return target;
        });
  }

  @Override
  public Future<Boolean> exists(String key) {
    return blocking(
        key,
        () -> {
          StorageKeys.requireValidKey(key);
          try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
          } catch (NoSuchKeyException e) {
            return false;
          } catch (S3Exception e) {
            if (e.statusCode() == 404) {
              return false;
            }
            throw e;
          }
        });
  }

  @Override
  public Future<Long> size(String key) {
    return blocking(
        key,
        () -> {
          StorageKeys.requireValidKey(key);
          return s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
        });
  }

  @Override
  public Future<Void> delete(String key) {
    return blocking(
        key,
        () -> {
          StorageKeys.requireValidKey(key);
          s3.deleteObject(b -> b.bucket(bucket).key(key));
          return null;
        });
  }

  @Override
  public Future<Integer> deletePrefix(String prefix) {
    return blocking(
        null,
        () -> {
          StorageKeys.requireValidPrefix(prefix, false);
          int deleted = 0;
          String token = null;
          do {
            String continuation = token;
            ListObjectsV2Response page =
                s3.listObjectsV2(
                    b ->
                        b.bucket(bucket)
                            .prefix(prefix)
                            .maxKeys(deleteBatch)
                            .continuationToken(continuation));
            List<ObjectIdentifier> ids =
                page.contents().stream()
                    .map(o -> ObjectIdentifier.builder().key(o.key()).build())
                    .toList();
            if (!ids.isEmpty()) {
              DeleteObjectsResponse r =
                  s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
              if (r.hasErrors() && !r.errors().isEmpty()) {
                throw StorageErrors.unavailable(
                    BACKEND,
                    "DeleteObjects failed for "
                        + r.errors().size()
                        + " keys: "
                        + r.errors().get(0).code(),
                    null);
              }
              deleted += ids.size();
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
          } while (token != null);
          return deleted;
        });
  }

  @Override
  public Future<List<String>> list(String prefix) {
    return blocking(
        null,
        () -> {
          StorageKeys.requireValidPrefix(prefix, true);
          List<String> keys = new ArrayList<>();
          for (S3Object o :
              s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            keys.add(o.key());
          }
          Collections.sort(keys);
          return keys;
        });
  }

  @Override
  public Future<Void> check() {
    return blocking(
        null,
        () -> {
          s3.headBucket(
              b -> b.bucket(bucket).overrideConfiguration(o -> o.apiCallTimeout(CHECK_TIMEOUT)));
          return null;
        });
  }

  @Override
  public String describe() {
    return "s3://" + bucket;
  }

  @Override
  public Future<Void> close() {
    return workers
        .close()
        .eventually(
            () -> {
              s3.close();
              return Future.succeededFuture();
            });
  }

  private <T> Future<T> blocking(String key, Callable<T> work) {
    return workers.executeBlocking(
        () -> {
          try {
            return work.call();
          } catch (ApiException | IllegalArgumentException e) {
            throw e;
          } catch (SdkException e) {
            throw translate(e, key);
          } catch (IOException e) {
            throw StorageErrors.unavailable(BACKEND, e.getClass().getSimpleName(), e);
          }
        },
        false);
  }

  /**
   * SDK failures as API errors. Only the S3 error code or a fixed phrase goes into the message: SDK
   * messages can carry endpoints, request ids and (for signature errors) signing details.
   */
  static ApiException translate(SdkException e, String key) {
    if (e instanceof S3Exception s3e) {
      String code =
          s3e.awsErrorDetails() != null && s3e.awsErrorDetails().errorCode() != null
              ? s3e.awsErrorDetails().errorCode()
              : "HTTP " + s3e.statusCode();
      // A missing bucket is also a 404, but it means misconfiguration, not a missing file.
      if (key != null
          && !code.equals("NoSuchBucket")
          && (e instanceof NoSuchKeyException || s3e.statusCode() == 404)) {
        return StorageErrors.notFound(key);
      }
      return StorageErrors.unavailable(BACKEND, code, e);
    }
    if (e instanceof SdkClientException && e.getCause() instanceof ApiException api) {
      return api;
    }
    return StorageErrors.unavailable(
        BACKEND, e instanceof SdkClientException ? "unreachable" : "sdk error", e);
  }
}
