package com.analyticsstudio.project;

import static com.analyticsstudio.common.Http.body;
import static com.analyticsstudio.common.Http.handle;
import static com.analyticsstudio.common.Http.uuidParam;

import com.analyticsstudio.audit.AuditLog;
import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.Paging;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Binds the project, member and audit operations of the contract to their services. */
public final class ProjectRoutes {
  private ProjectRoutes() {}

  public static void mount(
      RouterBuilder builder, ProjectService projects, ProjectAccess access, AuditLog audit) {
    builder
        .getRoute("createProject")
        .addHandler(
            handle(
                201,
                ctx -> {
                  var b = body(ctx);
                  return projects.create(
                      Principal.of(ctx), b.getString("name"), b.getString("description"));
                }));
    builder
        .getRoute("listProjects")
        .addHandler(
            handle(
                200,
                ctx -> {
                  Paging.Page page = Paging.page(ctx);
                  return projects.list(Principal.of(ctx)).map(a -> Paging.slice(page, a));
                }));
    builder
        .getRoute("getProject")
        .addHandler(
            handle(200, ctx -> projects.get(Principal.of(ctx), uuidParam(ctx, "projectId"))));
    builder
        .getRoute("updateProject")
        .addHandler(
            handle(
                200,
                ctx -> projects.update(Principal.of(ctx), uuidParam(ctx, "projectId"), body(ctx))));
    builder
        .getRoute("deleteProject")
        .addHandler(
            handle(204, ctx -> projects.delete(Principal.of(ctx), uuidParam(ctx, "projectId"))));

    builder
        .getRoute("listMembers")
        .addHandler(
            handle(
                200,
                ctx -> {
                  Paging.Page page = Paging.page(ctx);
                  return projects
                      .members(Principal.of(ctx), uuidParam(ctx, "projectId"))
                      .map(a -> Paging.slice(page, a));
                }));
    builder
        .getRoute("addMember")
        .addHandler(
            handle(
                201,
                ctx -> {
                  var b = body(ctx);
                  return projects.addMember(
                      Principal.of(ctx),
                      uuidParam(ctx, "projectId"),
                      b.getString("email"),
                      Role.parse(b.getString("role")));
                }));
    builder
        .getRoute("updateMember")
        .addHandler(
            handle(
                200,
                ctx ->
                    projects.updateMember(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "userId"),
                        Role.parse(body(ctx).getString("role")))));
    builder
        .getRoute("removeMember")
        .addHandler(
            handle(
                204,
                ctx ->
                    projects.removeMember(
                        Principal.of(ctx), uuidParam(ctx, "projectId"), uuidParam(ctx, "userId"))));

    builder
        .getRoute("listAudit")
        .addHandler(
            handle(
                200,
                ctx -> {
                  var projectId = uuidParam(ctx, "projectId");
                  Paging.Page page = Paging.page(ctx);
                  int offset = Paging.offset(ctx, page);
                  return access
                      .require(Principal.of(ctx), projectId, Role.VIEWER)
                      .compose(role -> audit.page(projectId, page.limit(), offset))
                      .map(Paging::withNext);
                }));
  }
}
