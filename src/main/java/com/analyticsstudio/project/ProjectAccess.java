package com.analyticsstudio.project;

import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * The access check every project route goes through. A non-member gets 404, as if the project did
 * not exist; a member whose role is too low gets 403.
 */
public final class ProjectAccess {
  private static final String ROLE_OF =
      "SELECT role FROM project_members WHERE project_id = $1 AND user_id = $2";

  private final Pool pool;

  public ProjectAccess(Pool pool) {
    this.pool = pool;
  }

  /** Whether the user is a member of the project, in any role (not cached). */
  public Future<Boolean> isMember(UUID projectId, UUID userId) {
    return pool.preparedQuery(ROLE_OF)
        .execute(Tuple.of(projectId, userId))
        .map(rows -> rows.size() > 0);
  }

  /** The caller's role in the project, provided it is at least {@code needed}. */
  public Future<Role> require(Principal principal, UUID projectId, Role needed) {
    return pool.preparedQuery(ROLE_OF)
        .execute(Tuple.of(projectId, principal.userId()))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw ApiException.notFound("project");
              }
              Role role = Role.parse(rows.iterator().next().getString("role"));
              if (!role.atLeast(needed)) {
                throw ApiException.forbidden(
                    "this needs the "
                        + needed.wire()
                        + " role in the project; you are "
                        + (role == Role.EDITOR ? "an " : "a ")
                        + role.wire());
              }
              return role;
            });
  }
}
