package com.analyticsstudio.semantic;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.JsonObject;

/**
 * A formula that cannot be read, typed or compiled, with the place it goes wrong: {@code position}
 * is 1-based (the first character is 1), {@code length} the width of the offending text, so the
 * editor can underline it.
 */
public final class FormulaError extends RuntimeException {
  private final int position;
  private final int length;
  private final String suggestion;

  public FormulaError(String message, int position, int length) {
    this(message, position, length, null);
  }

  public FormulaError(String message, int position, int length, String suggestion) {
    super(
        message
            + " at "
            + position
            + (suggestion == null ? "" : " — did you mean \"" + suggestion + "\"?"),
        null,
        false,
        false);
    this.position = position;
    this.length = Math.max(1, length);
    this.suggestion = suggestion;
  }

  public int position() {
    return position;
  }

  public int length() {
    return length;
  }

  public String suggestion() {
    return suggestion;
  }

  public JsonObject toJson() {
    JsonObject j =
        new JsonObject()
            .put("message", getMessage())
            .put("position", position)
            .put("length", length);
    if (suggestion != null) j.put("suggestion", suggestion);
    return j;
  }

  /**
   * As an API error (400 {@code invalid_formula}) naming where it came from, e.g. {@code
   * measures[2]}.
   */
  public ApiException toApi(String where) {
    return ApiException.badRequest(
        "invalid_formula", where + ": " + getMessage(), toJson().put("member", where));
  }
}
