package com.analyticsstudio.common;

import io.vertx.core.json.JsonObject;

/**
 * Optimistic concurrency of a whole-document write (a semantic model, a saved chart): the version
 * the client edited, from the body's {@code version} or an {@code If-Match} header, and the 409
 * {@code stale_version} when someone saved first.
 */
public final class EditedVersion {
  private EditedVersion() {}

  /**
   * The version the client edited. {@code what} names the document in messages ("chart", "model").
   */
  public static int of(JsonObject body, String ifMatch, String what) {
    Object v = body.getValue("version");
    if (v instanceof Number n) return n.intValue();
    if (v != null) throw ApiException.invalidValue("version must be a whole number", "/version");
    if (ifMatch != null && !ifMatch.isBlank()) {
      String s = ifMatch.trim();
      if (s.startsWith("W/")) s = s.substring(2);
      s = s.replace("\"", "");
      try {
        return Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest(
            "invalid_request", "If-Match must be the " + what + " version you edited, e.g. \"3\"");
      }
    }
    throw ApiException.badRequest(
        "version_required",
        "send the "
            + what
            + " version you edited (\"version\" in the body or an If-Match header), so a concurrent"
            + " edit is not lost");
  }

  /** 409 {@code stale_version}: {@code current} is the live version, or negative when unknown. */
  public static ApiException stale(String what, int current, int expected) {
    JsonObject details = new JsonObject().put("yourVersion", expected);
    if (current >= 0) details.put("currentVersion", current);
    return new ApiException(
        409,
        "stale_version",
        "the "
            + what
            + " was changed by someone else since version "
            + expected
            + (current >= 0 ? " (it is now version " + current + ")" : "")
            + "; reload it and apply your change again",
        details);
  }
}
