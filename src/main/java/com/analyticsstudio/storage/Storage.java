package com.analyticsstudio.storage;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.List;

/**
 * Where original uploaded files live. Keys are '/'-separated, e.g. {@code
 * datasets/<project>/<dataset>/<version>/original.csv}; scratch files under {@code temp/}. Build
 * keys with {@link StorageKeys}.
 *
 * <p>Every method is safe to call from the event loop: blocking work runs on a worker pool.
 * Failures are {@link com.analyticsstudio.common.ApiException}s:
 *
 * <ul>
 *   <li>404 {@code file_not_found}: the key does not exist ({@link #size}, {@link #download});
 *   <li>400 {@code invalid_storage_key}: the key or prefix is not a safe relative key (for example
 *       it contains {@code ..}, starts with '/', has empty segments or control characters);
 *   <li>503 {@code storage_unavailable} with a retry hint: the backend cannot be reached or refused
 *       the request.
 * </ul>
 *
 * Prefixes match like S3 prefixes: as plain strings, so {@code "a/b"} also matches {@code
 * "a/bc/x"}; {@link StorageKeys} prefixes end with '/' for that reason.
 */
public interface Storage {

  /**
   * Uploads a local file under {@code key}, replacing any previous object; streamed, never read
   * whole into memory.
   */
  Future<Void> put(String key, Path file, String contentType);

  /**
   * Copies the object to {@code target} (streamed; parents created; replaced atomically) and
   * returns it.
   */
  Future<Path> download(String key, Path target);

  Future<Boolean> exists(String key);

  /** Size in bytes, or a failed future with a 404 {@code file_not_found}. */
  Future<Long> size(String key);

  /** Removes the object; succeeds whether or not it existed. */
  Future<Void> delete(String key);

  /**
   * Deletes every key starting with {@code prefix} (which must not be empty) and returns how many
   * were deleted.
   */
  Future<Integer> deletePrefix(String prefix);

  /** Every key starting with {@code prefix} ("" lists everything), sorted. */
  Future<List<String>> list(String prefix);

  /**
   * Readiness: local, the directory is writable; S3, the bucket answers {@code HeadBucket}. Fails
   * with 503.
   */
  Future<Void> check();

  /**
   * For logs and readiness, e.g. {@code local:/srv/uploads} or {@code s3://bucket}. Never contains
   * credentials.
   */
  String describe();

  /** Releases the worker pool and clients. */
  Future<Void> close();
}
