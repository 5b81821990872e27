package com.analyticsstudio.dataset;

import com.analyticsstudio.common.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** SQL for dataset metadata, with the row mapper that gives the API its dataset shape. */
final class DatasetSql {
  static final String COLUMNS = """
      id, project_id, name, table_name, status, version, row_count, columns, warnings, error, progress,
      source, created_at, updated_at""";
  static final String INSERT = "INSERT INTO datasets (project_id, name, table_name, status, source, created_by, progress) "
      + "VALUES ($1, $2, $3, 'receiving', $4, $5, $6) RETURNING " + COLUMNS;
  static final String TABLE_NAMES = "SELECT table_name FROM datasets WHERE project_id = $1";
  static final String LIST = "SELECT " + COLUMNS + " FROM datasets WHERE project_id = $1 ORDER BY created_at DESC";
  static final String GET = "SELECT " + COLUMNS + " FROM datasets WHERE id = $1 AND project_id = $2";
  static final String SET_STATUS = """
      UPDATE datasets SET status = $2, progress = $3, error = $4, updated_at = now() WHERE id = $1""";
  static final String SET_PROGRESS = "UPDATE datasets SET progress = $2, updated_at = now() WHERE id = $1";
  static final String RENAME = "UPDATE datasets SET name = $3, updated_at = now() WHERE id = $1 AND project_id = $2 RETURNING "
      + COLUMNS;
  static final String DELETE = "DELETE FROM datasets WHERE id = $1 AND project_id = $2";
  static final String VERSIONS = """
      SELECT version, mode, physical_table, storage_key, row_count, created_at FROM dataset_versions
      WHERE dataset_id = $1 ORDER BY version DESC""";
  static final String PHYSICAL_TABLES = "SELECT DISTINCT physical_table FROM dataset_versions WHERE dataset_id = $1";
  static final String CLAIM_LOAD = """
      UPDATE datasets SET status = 'receiving', progress = $3, error = NULL, updated_at = now()
      WHERE id = $1 AND project_id = $2 AND status IN ('ready', 'failed') RETURNING """ + " " + COLUMNS;

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
        .put("updatedAt", Json.iso(r.getOffsetDateTime("updated_at")));
  }

  private static JsonArray array(Object v) {
    return v instanceof JsonArray a ? a : new JsonArray();
  }
}
