package com.analyticsstudio.chart;

/** The chart tables' SQL (V70), parameterised; the app's own tables, on the app's pool. */
final class ChartSql {
  private ChartSql() {}

  private static final String COLUMNS =
      "id, project_id, name, description, query, visualization, version, created_by, created_at,"
          + " updated_by, updated_at";

  static final String INSERT =
      "INSERT INTO charts (id, project_id, name, description, query, visualization, version,"
          + " created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) RETURNING "
          + COLUMNS;

  static final String INSERT_VERSION =
      "INSERT INTO chart_versions (chart_id, version, change, name, description, query,"
          + " visualization, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

  static final String GET =
      "SELECT " + COLUMNS + " FROM charts WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL";

  /** Live charts of a project by id ({@code $2}: a uuid array). */
  static final String GET_MANY =
      "SELECT "
          + COLUMNS
          + " FROM charts WHERE project_id = $1 AND id = ANY($2) AND deleted_at IS NULL";

  /** Every live chart's query, for dependency checks. */
  static final String LIVE_QUERIES =
      "SELECT id, name, query FROM charts WHERE project_id = $1 AND deleted_at IS NULL";

  /** Writes the next version when {@code $8} is still the live one; no row: someone was first. */
  static final String UPDATE =
      "UPDATE charts SET name = $3, description = $4, query = $5, visualization = $6,"
          + " version = version + 1, updated_by = $7, updated_at = now()"
          + " WHERE project_id = $1 AND id = $2 AND version = $8 AND deleted_at IS NULL RETURNING "
          + COLUMNS;

  static final String SOFT_DELETE =
      "UPDATE charts SET deleted_at = now(), updated_by = $3, updated_at = now()"
          + " WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING name, version";

  /** {@code $2}: an ILIKE pattern or null; {@code $3, $4}: the cursor (created_at, id) or nulls. */
  static final String PAGE =
      "SELECT "
          + COLUMNS
          + " FROM charts WHERE project_id = $1 AND deleted_at IS NULL"
          + " AND ($2::text IS NULL OR name ILIKE $2 OR coalesce(description, '') ILIKE $2)"
          + " AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))"
          + " ORDER BY created_at DESC, id DESC LIMIT $5";

  static final String COUNT =
      "SELECT count(*) FROM charts WHERE project_id = $1 AND deleted_at IS NULL"
          + " AND ($2::text IS NULL OR name ILIKE $2 OR coalesce(description, '') ILIKE $2)";

  static final String VERSIONS =
      "SELECT v.version, v.change, v.created_at, v.created_by, u.email FROM chart_versions v"
          + " LEFT JOIN users u ON u.id = v.created_by WHERE v.chart_id = $1"
          + " ORDER BY v.version DESC";

  static final String VERSION =
      "SELECT v.version, v.change, v.name, v.description, v.query, v.visualization, v.created_at,"
          + " v.created_by, u.email FROM chart_versions v LEFT JOIN users u ON u.id = v.created_by"
          + " WHERE v.chart_id = $1 AND v.version = $2";
}
