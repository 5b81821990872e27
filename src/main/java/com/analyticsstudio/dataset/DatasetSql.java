package com.analyticsstudio.dataset;

import com.analyticsstudio.common.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** SQL for dataset metadata, with the row mapper that gives the API its dataset shape. */
final class DatasetSql {
  static final String COLUMNS =
      """
      id, project_id, name, table_name, status, version, row_count, columns, warnings, error, progress,
      source, created_at, updated_at, last_load_error""";
  static final String INSERT =
      "INSERT INTO datasets (project_id, name, table_name, status, source, created_by, progress) "
          + "VALUES ($1, $2, $3, 'receiving', $4, $5, $6) RETURNING "
          + COLUMNS;
  static final String TABLE_NAMES = "SELECT table_name FROM datasets WHERE project_id = $1";
  static final String LIST =
      "SELECT " + COLUMNS + " FROM datasets WHERE project_id = $1 ORDER BY created_at DESC";
  static final String GET =
      "SELECT " + COLUMNS + " FROM datasets WHERE id = $1 AND project_id = $2";
  static final String SET_STATUS =
      """
      UPDATE datasets SET status = $2, progress = $3, error = $4, updated_at = now() WHERE id = $1""";
  static final String SET_PROGRESS =
      "UPDATE datasets SET progress = $2, updated_at = now() WHERE id = $1";
  static final String RENAME =
      "UPDATE datasets SET name = $3, updated_at = now() WHERE id = $1 AND project_id = $2 RETURNING "
          + COLUMNS;
  static final String DELETE = "DELETE FROM datasets WHERE id = $1 AND project_id = $2";
  static final String VERSIONS =
      """
      SELECT version, mode, physical_table, storage_key, row_count, created_at FROM dataset_versions
      WHERE dataset_id = $1 ORDER BY version DESC""";
  static final String PHYSICAL_TABLES =
      "SELECT DISTINCT physical_table FROM dataset_versions WHERE dataset_id = $1";
  static final String CLAIM_LOAD =
      """
      UPDATE datasets SET status = 'receiving', progress = $3, error = NULL, updated_at = now()
      WHERE id = $1 AND project_id = $2 AND status IN ('ready', 'failed') RETURNING """
          + " "
          + COLUMNS;

  /**
   * A live dataset whose new version failed before the Ingest verticle recorded it: back to ready.
   */
  static final String SETTLE_LIVE =
      """
      UPDATE datasets SET status = 'ready', error = NULL,
        last_load_error = $2::jsonb || jsonb_build_object('version', version + 1,
          'failedAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
        progress = progress || '{"phase":"failed"}'::jsonb, updated_at = now()
      WHERE id = $1 AND version > 0 AND status IN ('receiving', 'parsing', 'loading')""";

  /** A refused first load leaves no row (and frees its table name); the load is over by then. */
  static final String REMOVE_REFUSED =
      "DELETE FROM datasets WHERE id = $1 AND version = 0 "
          + "AND status IN ('receiving', 'failed') RETURNING "
          + COLUMNS;

  static final String INSERT_REFUSAL =
      """
      INSERT INTO dataset_refusals (dataset_id, project_id, dataset) VALUES ($1, $2, $3)
      ON CONFLICT (dataset_id) DO UPDATE SET dataset = EXCLUDED.dataset, refused_at = now()""";
  static final String PURGE_REFUSALS =
      "DELETE FROM dataset_refusals WHERE refused_at < now() - interval '24 hours'";
  static final String GET_REFUSAL =
      """
      SELECT dataset FROM dataset_refusals
      WHERE dataset_id = $1 AND project_id = $2 AND refused_at >= now() - interval '24 hours'""";

  private DatasetSql() {}

  static JsonObject dataset(Row r) {
    JsonObject progress = r.getJsonObject("progress");
    return new JsonObject()
        .put("id", r.getUUID("id").toString())
        .put("projectId", r.getUUID("project_id").toString())
        .put("name", r.getString("name"))
        .put("tableName", r.getString("table_name"))
        .put("status", r.getString("status"))
        .put("version", r.getInteger("version"))
        .put("rowCount", r.getLong("row_count"))
        .put("columns", array(r.getValue("columns")))
        .put("warnings", array(r.getValue("warnings")))
        .put("error", r.getJsonObject("error"))
        .put("progress", progress == null ? new JsonObject() : progress)
        .put("source", r.getJsonObject("source"))
        .put("createdAt", Json.iso(r.getOffsetDateTime("created_at")))
        .put("updatedAt", Json.iso(r.getOffsetDateTime("updated_at")))
        .put("lastLoadError", r.getJsonObject("last_load_error"));
  }

  private static JsonArray array(Object v) {
    return v instanceof JsonArray a ? a : new JsonArray();
  }
}
