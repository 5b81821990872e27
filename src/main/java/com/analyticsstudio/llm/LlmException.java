package com.analyticsstudio.llm;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Why a model call gave no usable answer. Every reason means the same thing to the Ask service:
 * answer with the built-in planner and say why. It is an {@link ApiException}, so it crosses the
 * event bus through {@link com.analyticsstudio.common.Replies} unchanged.
 */
public final class LlmException extends ApiException {

  /** The typed reasons, each with its stable error code and HTTP status. */
  public enum Reason {
    /** No {@code OPENAI_API_KEY}: the LLM path is switched off. */
    NOT_CONFIGURED("llm_not_configured", 503),
    /** The model server failed: HTTP error after the SDK's retries, connection refused or reset. */
    UNAVAILABLE("llm_unavailable", 503),
    /** No answer within {@code LLM_TIMEOUT_SECONDS} (waiting for a slot included). */
    TIMEOUT("llm_timeout", 504),
    /** The model answered, but not with the structure asked for (or refused). */
    INVALID_OUTPUT("llm_invalid_output", 502),
    /** Too many recent failures: calls are refused without contacting the server for a while. */
    CIRCUIT_OPEN("llm_circuit_open", 503),
    /** Every slot is busy and the wait queue is full. */
    BUSY("llm_busy", 503);

    private final String code;
    private final int status;

    Reason(String code, int status) {
      this.code = code;
      this.status = status;
    }

    public String code() {
      return code;
    }

    public int status() {
      return status;
    }

    /** The reason with this error code, if it is one of ours. */
    public static Optional<Reason> ofCode(String code) {
      for (Reason r : values()) {
        if (r.code.equals(code)) return Optional.of(r);
      }
      return Optional.empty();
    }
  }

  private final Reason reason;

  public LlmException(Reason reason, String message) {
    this(reason, message, null, null, null);
  }

  public LlmException(
      Reason reason,
      String message,
      JsonObject details,
      Integer retryAfterSeconds,
      Throwable cause) {
    super(reason.status(), reason.code(), message, details, retryAfterSeconds, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /**
   * The LLM reason behind a failure, whether it is an {@code LlmException} or an {@code
   * ApiException} rebuilt by {@code Replies.unwrap} on the other side of the event bus.
   */
  public static Optional<Reason> reasonOf(Throwable e) {
    if (e instanceof LlmException l) return Optional.of(l.reason);
    if (e instanceof ApiException a) return Reason.ofCode(a.code());
    return Optional.empty();
  }
}
