package com.analyticsstudio.storage;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.JsonObject;

/** The storage layer's failures, as the application's one error type. */
final class StorageErrors {
  /** Seconds a client should wait before retrying when storage is unavailable. */
  static final int RETRY_AFTER_SECONDS = 30;

  private StorageErrors() {}

  static ApiException notFound(String key) {
    return new ApiException(
        404, "file_not_found", "The stored file was not found", new JsonObject().put("key", key));
  }

  static ApiException invalidKey(String key, String why) {
    return new ApiException(
        400,
        "invalid_storage_key",
        "Invalid storage key: " + why,
        new JsonObject().put("key", printable(key)));
  }

  /**
   * Storage cannot serve the request right now. {@code reason} must be safe to show: an error code
   * or a short fixed phrase, never a message that could carry credentials or signed URLs.
   */
  static ApiException unavailable(String backend, String reason, Throwable cause) {
    return new ApiException(
        503,
        "storage_unavailable",
        "File storage is unavailable; try again in " + RETRY_AFTER_SECONDS + " seconds",
        new JsonObject().put("backend", backend).put("reason", reason),
        RETRY_AFTER_SECONDS,
        cause);
  }

  /** The key with control characters escaped and length capped, for error details. */
  static String printable(String key) {
    if (key == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder();
    key.codePoints()
        .limit(200)
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", c));
              } else {
                sb.appendCodePoint(c);
              }
            });
    return sb.toString();
  }
}
