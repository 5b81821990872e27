package com.analyticsstudio.ingest;

import io.vertx.core.json.JsonObject;

/**
 * How a failed load is recorded on its dataset. A dataset with a live version stays {@code ready}
 * on it and gets {@code last_load_error}: the attempted version, its mode and file, the error and
 * when; the next successful load clears it. A dataset without one is {@code failed} with {@code
 * error} (and the dataset service then removes it, see {@code DatasetService}).
 */
public final class LoadFailures {
  /** JDBC: (1) the error JSON, (2) {@link #attempt} JSON, (3) the dataset id. */
  static final String RECORD =
      """
      UPDATE datasets SET
        status = CASE WHEN version > 0 THEN 'ready' ELSE 'failed' END,
        error = CASE WHEN version > 0 THEN NULL ELSE ?::jsonb END,
        last_load_error = CASE WHEN version > 0
          THEN ?::jsonb || jsonb_build_object('version', version + 1,
            'failedAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
          ELSE last_load_error END,
        progress = progress || '{"phase":"failed"}'::jsonb,
        updated_at = now()
      WHERE id = ?""";

  private LoadFailures() {}

  /** What {@code lastLoadError} says besides the attempted version and time (added in SQL). */
  public static JsonObject attempt(String mode, String filename, JsonObject error) {
    JsonObject details = error.getJsonObject("details");
    return new JsonObject()
        .put("mode", mode)
        .put("filename", filename)
        .put("code", error.getString("code"))
        .put("message", error.getString("message"))
        .put("details", details == null ? new JsonObject() : details);
  }
}
