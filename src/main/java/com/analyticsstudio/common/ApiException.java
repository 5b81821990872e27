package com.analyticsstudio.common;

import io.vertx.core.json.JsonObject;

/**
 * The one error type of the application. It carries the HTTP status, a stable machine-readable code
 * and a message written for people; the failure handler turns it into {@code
 * {"error":{"code","message","details"}}}.
 */
public class ApiException extends RuntimeException {

  private final int status;
  private final String code;
  private final JsonObject details;
  private final Integer retryAfterSeconds;

  public ApiException(int status, String code, String message) {
    this(status, code, message, null, null, null);
  }

  public ApiException(int status, String code, String message, JsonObject details) {
    this(status, code, message, details, null, null);
  }

  public ApiException(
      int status,
      String code,
      String message,
      JsonObject details,
      Integer retryAfterSeconds,
      Throwable cause) {
    super(message, cause, false, false);
    this.status = status;
    this.code = code;
    this.details = details == null ? new JsonObject() : details;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public JsonObject details() {
    return details;
  }

  /** Seconds for a {@code Retry-After} header (429 and 503), or null. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }

  public static ApiException badRequest(String code, String message, JsonObject details) {
    return new ApiException(400, code, message, details);
  }

  /**
   * 400 {@code validation_failed} for a value the contract refuses, in the router's validator's
   * shape: {@code details.type} {@code invalid_value} and {@code details.location} (a JSON pointer
   * into the body, or {@code query.<name>} for a query parameter). For the checks handlers make
   * themselves, so a caller cannot tell them from the validator's.
   */
  public static ApiException invalidValue(String message, String location) {
    return badRequest(
        "validation_failed",
        message,
        new JsonObject().put("type", "invalid_value").put("location", location));
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  public static ApiException forbidden(String code, String message) {
    return new ApiException(403, code, message);
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, "not_found", what + " was not found");
  }

  public static ApiException conflict(String code, String message) {
    return new ApiException(409, code, message);
  }

  public static ApiException payloadTooLarge(String message, JsonObject details) {
    return new ApiException(413, "payload_too_large", message, details);
  }

  public static ApiException unsupportedMediaType(String message, JsonObject details) {
    return new ApiException(415, "unsupported_media_type", message, details);
  }

  public static ApiException unprocessable(String code, String message) {
    return new ApiException(422, code, message);
  }

  public static ApiException unprocessable(String code, String message, JsonObject details) {
    return new ApiException(422, code, message, details);
  }

  public static ApiException tooManyRequests(String message, int retryAfterSeconds) {
    return new ApiException(429, "rate_limited", message, null, retryAfterSeconds, null);
  }

  public static ApiException unavailable(String code, String message, int retryAfterSeconds) {
    return new ApiException(503, code, message, null, retryAfterSeconds, null);
  }
}
