package com.analyticsstudio.project;

import com.analyticsstudio.common.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** SQL for projects and members, with their row mappers. */
final class ProjectSql {
  static final String INSERT_PROJECT =
      """
      INSERT INTO projects (name, description, created_by) VALUES ($1, $2, $3)
      RETURNING id, name, description, created_at, updated_at""";
  static final String INSERT_MEMBER =
      """
      INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, $3)""";
  static final String LIST_FOR_USER =
      """
      SELECT p.id, p.name, p.description, p.created_at, p.updated_at, m.role
      FROM projects p JOIN project_members m ON m.project_id = p.id
      WHERE m.user_id = $1 ORDER BY p.created_at DESC""";
  static final String GET_FOR_USER =
      """
      SELECT p.id, p.name, p.description, p.created_at, p.updated_at, m.role
      FROM projects p JOIN project_members m ON m.project_id = p.id
      WHERE p.id = $1 AND m.user_id = $2""";
  static final String GET_FOR_UPDATE =
      """
      SELECT id, name, description, created_at, updated_at FROM projects WHERE id = $1 FOR UPDATE""";
  static final String UPDATE_PROJECT =
      """
      UPDATE projects SET name = $2, description = $3, updated_at = now() WHERE id = $1
      RETURNING id, name, description, created_at, updated_at""";
  static final String DELETE_PROJECT = "DELETE FROM projects WHERE id = $1";

  static final String LIST_MEMBERS =
      """
      SELECT m.user_id, u.email, u.name, m.role, m.added_at
      FROM project_members m JOIN users u ON u.id = m.user_id
      WHERE m.project_id = $1 ORDER BY m.added_at, u.email""";
  static final String MEMBER =
      """
      SELECT m.user_id, u.email, u.name, m.role, m.added_at
      FROM project_members m JOIN users u ON u.id = m.user_id
      WHERE m.project_id = $1 AND m.user_id = $2""";
  static final String USER_BY_EMAIL = "SELECT id FROM users WHERE lower(email) = lower($1)";
  // Locks the project's member rows so two concurrent demotions cannot both pass the last-owner
  // check.
  static final String LOCK_MEMBERS =
      "SELECT user_id, role FROM project_members WHERE project_id = $1 FOR UPDATE";
  static final String UPDATE_MEMBER =
      """
      UPDATE project_members SET role = $3 WHERE project_id = $1 AND user_id = $2""";
  static final String DELETE_MEMBER =
      "DELETE FROM project_members WHERE project_id = $1 AND user_id = $2";

  private ProjectSql() {}

  static JsonObject project(Row r, String role) {
    return new JsonObject()
        .put("id", r.getUUID("id").toString())
        .put("name", r.getString("name"))
        .put("description", r.getString("description"))
        .put("role", role)
        .put("createdAt", Json.iso(r.getOffsetDateTime("created_at")))
        .put("updatedAt", Json.iso(r.getOffsetDateTime("updated_at")));
  }

  static JsonObject member(Row r) {
    return new JsonObject()
        .put("userId", r.getUUID("user_id").toString())
        .put("email", r.getString("email"))
        .put("name", r.getString("name"))
        .put("role", r.getString("role"))
        .put("addedAt", Json.iso(r.getOffsetDateTime("added_at")));
  }
}
