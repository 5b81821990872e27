package com.analyticsstudio.project;

import com.analyticsstudio.audit.AuditLog;
import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/** Projects and their members. Every change writes an audit entry in the same transaction. */
public final class ProjectService {
  private final Pool pool;
  private final ProjectAccess access;
  private final AuditLog audit;
  private final List<Function<UUID, Future<Void>>> deletionHooks = new ArrayList<>();
  private final List<Consumer<UUID>> accessHooks = new ArrayList<>();

  public ProjectService(Pool pool, ProjectAccess access, AuditLog audit) {
    this.pool = pool;
    this.access = access;
    this.audit = audit;
  }

  /**
   * Lets other features forget what they remember of a project's access (e.g. the query catalog)
   * once a member was removed or the project deleted; called after the change committed.
   */
  public void onAccessChange(Consumer<UUID> hook) {
    accessHooks.add(hook);
  }

  private void accessChanged(UUID projectId) {
    for (Consumer<UUID> hook : accessHooks) hook.accept(projectId);
  }

  /** Lets other features release what they hold for a project (schemas, roles, files) on delete. */
  public void onDelete(Function<UUID, Future<Void>> hook) {
    deletionHooks.add(hook);
  }

  public Future<JsonObject> create(Principal principal, String name, String description) {
    String clean = requireName(name);
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(ProjectSql.INSERT_PROJECT)
                .execute(Tuple.of(clean, blankToNull(description), principal.userId()))
                .compose(
                    rows -> {
                      JsonObject project =
                          ProjectSql.project(rows.iterator().next(), Role.OWNER.wire());
                      UUID id = UUID.fromString(project.getString("id"));
                      return conn.preparedQuery(ProjectSql.INSERT_MEMBER)
                          .execute(Tuple.of(id, principal.userId(), Role.OWNER.wire()))
                          .compose(
                              v ->
                                  audit.record(
                                      conn,
                                      id,
                                      principal.userId(),
                                      "project.create",
                                      "project",
                                      id.toString(),
                                      null,
                                      summary(project)))
                          .map(v -> project);
                    }));
  }

  public Future<JsonObject> list(Principal principal) {
    return pool.preparedQuery(ProjectSql.LIST_FOR_USER)
        .execute(Tuple.of(principal.userId()))
        .map(
            rows -> {
              JsonArray items = new JsonArray();
              rows.forEach(r -> items.add(ProjectSql.project(r, r.getString("role"))));
              return new JsonObject().put("items", items);
            });
  }

  public Future<JsonObject> get(Principal principal, UUID projectId) {
    return pool.preparedQuery(ProjectSql.GET_FOR_USER)
        .execute(Tuple.of(projectId, principal.userId()))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw ApiException.notFound("project");
              }
              Row r = rows.iterator().next();
              return ProjectSql.project(r, r.getString("role"));
            });
  }

  public Future<JsonObject> update(Principal principal, UUID projectId, JsonObject changes) {
    return access
        .require(principal, projectId, Role.EDITOR)
        .compose(
            role ->
                pool.withTransaction(
                    conn ->
                        conn.preparedQuery(ProjectSql.GET_FOR_UPDATE)
                            .execute(Tuple.of(projectId))
                            .compose(
                                rows -> {
                                  if (rows.size() == 0) {
                                    return Future.failedFuture(ApiException.notFound("project"));
                                  }
                                  JsonObject before =
                                      ProjectSql.project(rows.iterator().next(), role.wire());
                                  String name =
                                      changes.containsKey("name")
                                          ? requireName(changes.getString("name"))
                                          : before.getString("name");
                                  String description =
                                      changes.containsKey("description")
                                          ? blankToNull(changes.getString("description"))
                                          : before.getString("description");
                                  return conn.preparedQuery(ProjectSql.UPDATE_PROJECT)
                                      .execute(Tuple.of(projectId, name, description))
                                      .compose(
                                          updated -> {
                                            JsonObject after =
                                                ProjectSql.project(
                                                    updated.iterator().next(), role.wire());
                                            return audit
                                                .record(
                                                    conn,
                                                    projectId,
                                                    principal.userId(),
                                                    "project.update",
                                                    "project",
                                                    projectId.toString(),
                                                    summary(before),
                                                    summary(after))
                                                .map(v -> after);
                                          });
                                })));
  }

  public Future<Void> delete(Principal principal, UUID projectId) {
    return access
        .require(principal, projectId, Role.OWNER)
        .compose(role -> get(principal, projectId))
        .compose(
            project ->
                pool.withTransaction(
                    conn ->
                        // The project's own trail goes with it; the deletion is kept with no
                        // project attached.
                        audit
                            .record(
                                conn,
                                null,
                                principal.userId(),
                                "project.delete",
                                "project",
                                projectId.toString(),
                                summary(project),
                                null)
                            .compose(
                                v ->
                                    conn.preparedQuery(ProjectSql.DELETE_PROJECT)
                                        .execute(Tuple.of(projectId)))))
        .andThen(ar -> accessChanged(projectId))
        .compose(v -> runDeletionHooks(projectId));
  }

  private Future<Void> runDeletionHooks(UUID projectId) {
    Future<Void> chain = Future.succeededFuture();
    for (Function<UUID, Future<Void>> hook : deletionHooks) {
      chain = chain.compose(v -> hook.apply(projectId));
    }
    return chain;
  }

  public Future<JsonObject> members(Principal principal, UUID projectId) {
    return access
        .require(principal, projectId, Role.VIEWER)
        .compose(role -> pool.preparedQuery(ProjectSql.LIST_MEMBERS).execute(Tuple.of(projectId)))
        .map(
            rows -> {
              JsonArray items = new JsonArray();
              rows.forEach(r -> items.add(ProjectSql.member(r)));
              return new JsonObject().put("items", items);
            });
  }

  public Future<JsonObject> addMember(
      Principal principal, UUID projectId, String email, Role role) {
    return access
        .require(principal, projectId, Role.OWNER)
        .compose(
            r ->
                pool.withTransaction(
                    conn ->
                        conn.preparedQuery(ProjectSql.USER_BY_EMAIL)
                            .execute(Tuple.of(email.trim()))
                            .compose(
                                users -> {
                                  if (users.size() == 0) {
                                    return Future.failedFuture(
                                        new ApiException(
                                            404,
                                            "user_not_found",
                                            "no account uses the email "
                                                + email.trim()
                                                + "; ask them to sign up first"));
                                  }
                                  UUID userId = users.iterator().next().getUUID("id");
                                  return conn.preparedQuery(ProjectSql.INSERT_MEMBER)
                                      .execute(Tuple.of(projectId, userId, role.wire()))
                                      .recover(
                                          e ->
                                              Future.failedFuture(
                                                  isUnique(e)
                                                      ? ApiException.conflict(
                                                          "already_member",
                                                          email.trim()
                                                              + " is already a member of this project")
                                                      : e))
                                      .compose(v -> member(conn, projectId, userId))
                                      .compose(
                                          m ->
                                              audit
                                                  .record(
                                                      conn,
                                                      projectId,
                                                      principal.userId(),
                                                      "member.add",
                                                      "member",
                                                      userId.toString(),
                                                      null,
                                                      m)
                                                  .map(v -> m));
                                })));
  }

  public Future<JsonObject> updateMember(
      Principal principal, UUID projectId, UUID userId, Role role) {
    return access
        .require(principal, projectId, Role.OWNER)
        .compose(
            r ->
                pool.withTransaction(
                    conn ->
                        lockedMembers(conn, projectId)
                            .compose(
                                locked -> {
                                  Role current = currentRole(locked, userId);
                                  if (current == Role.OWNER
                                      && role != Role.OWNER
                                      && owners(locked) == 1) {
                                    return Future.failedFuture(
                                        ApiException.conflict(
                                            "last_owner",
                                            "a project needs at least one owner; make someone else an owner first"));
                                  }
                                  return member(conn, projectId, userId)
                                      .compose(
                                          before ->
                                              conn.preparedQuery(ProjectSql.UPDATE_MEMBER)
                                                  .execute(Tuple.of(projectId, userId, role.wire()))
                                                  .compose(v -> member(conn, projectId, userId))
                                                  .compose(
                                                      after ->
                                                          audit
                                                              .record(
                                                                  conn,
                                                                  projectId,
                                                                  principal.userId(),
                                                                  "member.update",
                                                                  "member",
                                                                  userId.toString(),
                                                                  before,
                                                                  after)
                                                              .map(v -> after)));
                                })));
  }

  public Future<Void> removeMember(Principal principal, UUID projectId, UUID userId) {
    Role needed = principal.userId().equals(userId) ? Role.VIEWER : Role.OWNER;
    return access
        .require(principal, projectId, needed)
        .compose(
            r ->
                pool.withTransaction(
                    conn ->
                        lockedMembers(conn, projectId)
                            .compose(
                                locked -> {
                                  Role current = currentRole(locked, userId);
                                  if (current == Role.OWNER && owners(locked) == 1) {
                                    return Future.failedFuture(
                                        ApiException.conflict(
                                            "last_owner",
                                            "the last owner cannot be removed; make someone else an owner first"));
                                  }
                                  return member(conn, projectId, userId)
                                      .compose(
                                          before ->
                                              conn.preparedQuery(ProjectSql.DELETE_MEMBER)
                                                  .execute(Tuple.of(projectId, userId))
                                                  .compose(
                                                      v ->
                                                          audit.record(
                                                              conn,
                                                              projectId,
                                                              principal.userId(),
                                                              "member.remove",
                                                              "member",
                                                              userId.toString(),
                                                              before,
                                                              null)));
                                })))
        .andThen(ar -> accessChanged(projectId));
  }

  private static Future<RowSet<Row>> lockedMembers(SqlConnection conn, UUID projectId) {
    return conn.preparedQuery(ProjectSql.LOCK_MEMBERS).execute(Tuple.of(projectId));
  }

  private static Role currentRole(RowSet<Row> members, UUID userId) {
    for (Row r : members) {
      if (r.getUUID("user_id").equals(userId)) {
        return Role.parse(r.getString("role"));
      }
    }
    throw new ApiException(404, "member_not_found", "this user is not a member of the project");
  }

  private static long owners(RowSet<Row> members) {
    long n = 0;
    for (Row r : members) {
      if (Role.OWNER.wire().equals(r.getString("role"))) n++;
    }
    return n;
  }

  private static Future<JsonObject> member(SqlConnection conn, UUID projectId, UUID userId) {
    return conn.preparedQuery(ProjectSql.MEMBER)
        .execute(Tuple.of(projectId, userId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw new ApiException(
                    404, "member_not_found", "this user is not a member of the project");
              }
              return ProjectSql.member(rows.iterator().next());
            });
  }

  private static JsonObject summary(JsonObject project) {
    return new JsonObject()
        .put("name", project.getString("name"))
        .put("description", project.getString("description"));
  }

  private static String requireName(String name) {
    if (name == null || name.isBlank()) {
      throw ApiException.unprocessable("invalid_name", "the project name must not be blank");
    }
    return name.trim();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static boolean isUnique(Throwable e) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState());
  }
}
