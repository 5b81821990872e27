package com.analyticsstudio.semantic;

/** SQL of semantic models (the app's own tables, on the app pool). */
final class ModelSql {
  private ModelSql() {}

  /** A dataset of the project by id (as text) or table name, with its stored model if any. */
  static final String DATASET_WITH_MODEL =
      """
      SELECT d.id, d.name, d.table_name, d.status, d.version AS dataset_version, d.columns,
             m.version AS model_version, m.dataset_version AS model_dataset_version, m.document, m.updated_at
      FROM datasets d LEFT JOIN semantic_models m ON m.dataset_id = d.id
      WHERE d.project_id = $1 AND (d.id::text = $2 OR d.table_name = $2)
      ORDER BY (d.id::text = $2) DESC LIMIT 1""";

  static final String TABLE_NAMES =
      "SELECT table_name FROM datasets WHERE project_id = $1 AND version > 0";
  static final String INSERT =
      """
      INSERT INTO semantic_models (dataset_id, project_id, version, dataset_version, document, updated_by)
      VALUES ($1, $2, 1, $3, $4, NULL) ON CONFLICT (dataset_id) DO NOTHING""";
  static final String UPDATE =
      """
      UPDATE semantic_models SET version = version + 1, dataset_version = $3, document = $4, updated_by = $5,
             updated_at = now()
      WHERE dataset_id = $1 AND version = $2 RETURNING version, updated_at""";
  static final String INSERT_VERSION =
      """
      INSERT INTO semantic_model_versions (dataset_id, version, change, document, created_by) VALUES ($1, $2, $3, $4, $5)""";
  static final String VERSIONS =
      """
      SELECT v.version, v.change, v.created_at, v.created_by, u.email
      FROM semantic_model_versions v LEFT JOIN users u ON u.id = v.created_by
      WHERE v.dataset_id = $1 ORDER BY v.version DESC LIMIT 200""";
  static final String VERSION =
      "SELECT document FROM semantic_model_versions WHERE dataset_id = $1 AND version = $2";
}
