package com.analyticsstudio.dashboard;

/** The dashboard tables' SQL (V80), parameterised; the app's own tables, on the app's pool. */
final class DashboardSql {
  private DashboardSql() {}

  private static final String COLUMNS =
      "id, project_id, name, description, layout, version, created_by, created_at, updated_by,"
          + " updated_at";

  static final String INSERT =
      "INSERT INTO dashboards (id, project_id, name, description, layout, version, created_by,"
          + " updated_by) VALUES ($1, $2, $3, $4, $5, 1, $6, $6) RETURNING "
          + COLUMNS;

  static final String INSERT_VERSION =
      "INSERT INTO dashboard_versions (dashboard_id, version, change, restored_from, note, name,"
          + " description, layout, changes, created_by)"
          + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

  static final String GET =
      "SELECT "
          + COLUMNS
          + " FROM dashboards WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL";

  /** Writes the next version when {@code $6} is still the live one; no row: someone was first. */
  static final String UPDATE =
      "UPDATE dashboards SET name = $3, description = $4, layout = $5, version = version + 1,"
          + " updated_by = $7, updated_at = now()"
          + " WHERE project_id = $1 AND id = $2 AND version = $6 AND deleted_at IS NULL RETURNING "
          + COLUMNS;

  static final String SOFT_DELETE =
      "UPDATE dashboards SET deleted_at = now(), updated_by = $3, updated_at = now()"
          + " WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING name, version";

  /** {@code $2}: an ILIKE pattern or null; {@code $3, $4}: the cursor (created_at, id) or nulls. */
  static final String PAGE =
      "SELECT "
          + COLUMNS
          + " FROM dashboards WHERE project_id = $1 AND deleted_at IS NULL"
          + " AND ($2::text IS NULL OR name ILIKE $2 OR coalesce(description, '') ILIKE $2)"
          + " AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))"
          + " ORDER BY created_at DESC, id DESC LIMIT $5";

  static final String COUNT =
      "SELECT count(*) FROM dashboards WHERE project_id = $1 AND deleted_at IS NULL"
          + " AND ($2::text IS NULL OR name ILIKE $2 OR coalesce(description, '') ILIKE $2)";

  static final String VERSIONS =
      "SELECT v.version, v.change, v.restored_from, v.note, v.created_at, v.created_by, u.email"
          + " FROM dashboard_versions v LEFT JOIN users u ON u.id = v.created_by"
          + " WHERE v.dashboard_id = $1 ORDER BY v.version DESC";

  static final String VERSION =
      "SELECT v.version, v.change, v.restored_from, v.note, v.name, v.description, v.layout,"
          + " v.created_at, v.created_by, u.email FROM dashboard_versions v"
          + " LEFT JOIN users u ON u.id = v.created_by WHERE v.dashboard_id = $1 AND v.version = $2";

  /** The change log, newest first, paged by version ({@code $2}: below this version, or null). */
  static final String CHANGES =
      "SELECT v.version, v.change, v.restored_from, v.note, v.changes, v.created_at, v.created_by,"
          + " u.email FROM dashboard_versions v LEFT JOIN users u ON u.id = v.created_by"
          + " WHERE v.dashboard_id = $1 AND ($2::integer IS NULL OR v.version < $2)"
          + " ORDER BY v.version DESC LIMIT $3";

  static final String CHANGE_COUNT =
      "SELECT count(*) FROM dashboard_versions WHERE dashboard_id = $1";

  /** Every live dashboard's layout, for dependency checks. */
  static final String LIVE_LAYOUTS =
      "SELECT id, name, layout FROM dashboards WHERE project_id = $1 AND deleted_at IS NULL";

  // public links (V81)

  static final String LINK_INSERT =
      "INSERT INTO dashboard_links (id, dashboard_id, project_id, token_digest, token_hint,"
          + " created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
          + " RETURNING id, token_hint, created_at, expires_at";

  /** A dashboard's unrevoked links, newest first (expired ones too, marked). */
  static final String LINKS =
      "SELECT l.id, l.token_hint, l.created_at, l.expires_at, l.created_by, u.email,"
          + " (l.expires_at IS NOT NULL AND l.expires_at <= now()) AS expired"
          + " FROM dashboard_links l LEFT JOIN users u ON u.id = l.created_by"
          + " WHERE l.dashboard_id = $1 AND l.revoked_at IS NULL ORDER BY l.created_at DESC, l.id";

  /** Revokes by link id ({@code $2}) or token digest ({@code $3}); no row: no such live link. */
  static final String LINK_REVOKE =
      "UPDATE dashboard_links SET revoked_at = now(), revoked_by = $4"
          + " WHERE dashboard_id = $1 AND revoked_at IS NULL"
          + " AND (id = $2 OR token_digest = $3) RETURNING id, token_hint";

  /** The live link of a token digest, on a live dashboard. */
  static final String LINK_RESOLVE =
      "SELECT l.id, l.dashboard_id, l.project_id, l.created_by, l.expires_at"
          + " FROM dashboard_links l JOIN dashboards d ON d.id = l.dashboard_id"
          + " WHERE l.token_digest = $1 AND l.revoked_at IS NULL AND d.deleted_at IS NULL"
          + " AND (l.expires_at IS NULL OR l.expires_at > now())";
}
