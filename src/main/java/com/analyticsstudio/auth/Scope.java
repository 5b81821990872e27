package com.analyticsstudio.auth;

import com.analyticsstudio.common.ApiException;
import java.util.Locale;

/**
 * What an API key may do. Signed-in users hold every scope; a key holds the ones chosen when it was
 * created. The operation → scope map is {@link Scopes}; the contract documents it.
 */
public enum Scope {
  /**
   * Read everything the owner can read, and run read-only work: query, explain, jobs, exports, ask.
   */
  READ,
  /** Upload datasets and new versions of them. */
  UPLOAD,
  /**
   * Everything else the owner can do (projects, members, dataset changes, API keys); covers every
   * scope.
   */
  ADMIN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Scope parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiException.unprocessable(
          "invalid_scope", "unknown scope '" + s + "'; use read, upload or admin");
    }
  }
}
