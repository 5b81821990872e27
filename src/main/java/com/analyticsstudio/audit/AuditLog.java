package com.analyticsstudio.audit;

import com.analyticsstudio.common.Json;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Who changed what, when, with a short before/after. Entries are written on the same connection as
 * the change, inside its transaction, so a change and its record commit together.
 */
public final class AuditLog {
  private static final String INSERT =
      """
      INSERT INTO audit_log (project_id, actor_id, action, entity_type, entity_id, before, after)
      VALUES ($1, $2, $3, $4, $5, $6, $7)""";
  private static final String PAGE =
      """
      SELECT a.id, a.at, a.actor_id, u.email AS actor_email, a.action, a.entity_type, a.entity_id,
             a.before, a.after
      FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
      WHERE a.project_id = $1 ORDER BY a.id DESC LIMIT $2 OFFSET $3""";
  private static final String COUNT = "SELECT count(*) FROM audit_log WHERE project_id = $1";

  private final Pool pool;

  public AuditLog(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> record(
      SqlClient conn,
      UUID projectId,
      UUID actorId,
      String action,
      String entityType,
      String entityId,
      JsonObject before,
      JsonObject after) {
    return conn.preparedQuery(INSERT)
        .execute(Tuple.of(projectId, actorId, action, entityType, entityId, before, after))
        .mapEmpty();
  }

  public Future<JsonObject> page(UUID projectId, int limit, int offset) {
    return pool.preparedQuery(COUNT)
        .execute(Tuple.of(projectId))
        .compose(
            count ->
                pool.preparedQuery(PAGE)
                    .execute(Tuple.of(projectId, limit, offset))
                    .map(
                        rows -> {
                          JsonArray items = new JsonArray();
                          rows.forEach(r -> items.add(entry(r)));
                          return new JsonObject()
                              .put("items", items)
                              .put("total", count.iterator().next().getLong(0))
                              .put("limit", limit)
                              .put("offset", offset);
                        }));
  }

  private static JsonObject entry(Row r) {
    UUID actor = r.getUUID("actor_id");
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("at", Json.iso(r.getOffsetDateTime("at")))
        .put("actorId", actor == null ? null : actor.toString())
        .put("actorEmail", r.getString("actor_email"))
        .put("action", r.getString("action"))
        .put("entityType", r.getString("entity_type"))
        .put("entityId", r.getString("entity_id"))
        .put("before", r.getJsonObject("before"))
        .put("after", r.getJsonObject("after"));
  }
}
