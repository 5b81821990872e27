package com.analyticsstudio.project;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProjectIT {
  static TestApp app;
  static Api api;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static String base(String projectId) {
    return "/api/v1/projects/" + projectId;
  }

  @Test
  void creatorBecomesOwnerAndSeesTheProjectInTheList() {
    Session s = api.signup();
    var r =
        api.post(
            "/api/v1/projects",
            s.accessToken(),
            new JsonObject().put("name", "Sales").put("description", "2024"));
    assertThat(r.statusCode()).isEqualTo(201);
    JsonObject p = r.bodyAsJsonObject();
    assertThat(p.getString("name")).isEqualTo("Sales");
    assertThat(p.getString("description")).isEqualTo("2024");
    assertThat(p.getString("role")).isEqualTo("owner");

    JsonArray items =
        api.get("/api/v1/projects", s.accessToken()).bodyAsJsonObject().getJsonArray("items");
    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getString("id")).isEqualTo(p.getString("id"));
    assertThat(
            api.get(base(p.getString("id")), s.accessToken()).bodyAsJsonObject().getString("name"))
        .isEqualTo("Sales");
  }

  @Test
  void ownerAddsAViewerWhoCanReadButNotWrite() {
    Session owner = api.signup();
    Session viewer = api.signup();
    String id = api.createProject(owner, "Shared");
    var add =
        api.post(
            base(id) + "/members",
            owner.accessToken(),
            new JsonObject().put("email", viewer.email().toUpperCase()).put("role", "viewer"));
    assertThat(add.statusCode()).isEqualTo(201);
    assertThat(add.bodyAsJsonObject().getString("role")).isEqualTo("viewer");
    assertThat(add.bodyAsJsonObject().getString("userId")).isEqualTo(viewer.userId());

    var seen = api.get(base(id), viewer.accessToken());
    assertThat(seen.statusCode()).isEqualTo(200);
    assertThat(seen.bodyAsJsonObject().getString("role")).isEqualTo("viewer");
    assertThat(
            api.get(base(id) + "/members", viewer.accessToken())
                .bodyAsJsonObject()
                .getJsonArray("items"))
        .hasSize(2);

    assertError(
        api.patch(base(id), viewer.accessToken(), new JsonObject().put("name", "Mine now")),
        403,
        "forbidden");
    assertError(api.delete(base(id), viewer.accessToken()), 403, "forbidden");
    assertError(
        api.post(
            base(id) + "/members",
            viewer.accessToken(),
            new JsonObject().put("email", api.signup().email()).put("role", "viewer")),
        403,
        "forbidden");
    assertThat(api.get(base(id), owner.accessToken()).bodyAsJsonObject().getString("name"))
        .isEqualTo("Shared");
  }

  @Test
  void editorMayRenameButNotManageMembersOrDelete() {
    Session owner = api.signup();
    Session editor = api.signup();
    String id = api.createProject(owner, "Draft");
    api.addMember(owner, id, editor, "editor");
    var renamed = api.patch(base(id), editor.accessToken(), new JsonObject().put("name", "Final"));
    assertThat(renamed.statusCode()).isEqualTo(200);
    assertThat(renamed.bodyAsJsonObject().getString("name")).isEqualTo("Final");
    assertError(api.delete(base(id), editor.accessToken()), 403, "forbidden");
    assertError(
        api.patch(
            base(id) + "/members/" + owner.userId(),
            editor.accessToken(),
            new JsonObject().put("role", "viewer")),
        403,
        "forbidden");
  }

  @Test
  void nonMembersGet404AsIfTheProjectDidNotExist() {
    Session owner = api.signup();
    Session stranger = api.signup();
    String id = api.createProject(owner, "Private");
    var get = api.get(base(id), stranger.accessToken());
    var missing = api.get(base(UUID.randomUUID().toString()), stranger.accessToken());
    assertError(get, 404, "not_found");
    assertError(missing, 404, "not_found");
    assertThat(get.bodyAsString()).isEqualTo(missing.bodyAsString());
    assertError(
        api.patch(base(id), stranger.accessToken(), new JsonObject().put("name", "x")),
        404,
        "not_found");
    assertError(api.delete(base(id), stranger.accessToken()), 404, "not_found");
    assertError(api.get(base(id) + "/members", stranger.accessToken()), 404, "not_found");
    assertError(api.get(base(id) + "/audit", stranger.accessToken()), 404, "not_found");
    assertThat(
            api.get("/api/v1/projects", stranger.accessToken())
                .bodyAsJsonObject()
                .getJsonArray("items"))
        .isEmpty();
  }

  @Test
  void lastOwnerCannotBeRemovedOrDemoted() {
    Session owner = api.signup();
    String id = api.createProject(owner, "Solo");
    assertError(
        api.delete(base(id) + "/members/" + owner.userId(), owner.accessToken()),
        409,
        "last_owner");
    assertError(
        api.patch(
            base(id) + "/members/" + owner.userId(),
            owner.accessToken(),
            new JsonObject().put("role", "editor")),
        409,
        "last_owner");

    Session second = api.signup();
    api.addMember(owner, id, second, "owner");
    var demote =
        api.patch(
            base(id) + "/members/" + owner.userId(),
            owner.accessToken(),
            new JsonObject().put("role", "viewer"));
    assertThat(demote.statusCode()).isEqualTo(200);
    assertThat(demote.bodyAsJsonObject().getString("role")).isEqualTo("viewer");
  }

  @Test
  void membershipErrorsAreClear() {
    Session owner = api.signup();
    Session other = api.signup();
    String id = api.createProject(owner, "Team");
    assertError(
        api.post(
            base(id) + "/members",
            owner.accessToken(),
            new JsonObject()
                .put("email", "nobody-" + UUID.randomUUID() + "@example.com")
                .put("role", "viewer")),
        404,
        "user_not_found");
    api.addMember(owner, id, other, "viewer");
    assertError(
        api.post(
            base(id) + "/members",
            owner.accessToken(),
            new JsonObject().put("email", other.email()).put("role", "editor")),
        409,
        "already_member");
    assertError(
        api.post(
            base(id) + "/members",
            owner.accessToken(),
            new JsonObject().put("email", other.email()).put("role", "admin")),
        400,
        "validation_failed");
    // Members may leave on their own.
    assertThat(
            api.delete(base(id) + "/members/" + other.userId(), other.accessToken()).statusCode())
        .isEqualTo(204);
    assertError(api.get(base(id), other.accessToken()), 404, "not_found");
  }

  @Test
  void deletingAProjectRemovesItForEveryone() {
    Session owner = api.signup();
    Session viewer = api.signup();
    String id = api.createProject(owner, "Doomed");
    api.addMember(owner, id, viewer, "viewer");
    assertThat(api.delete(base(id), owner.accessToken()).statusCode()).isEqualTo(204);
    assertError(api.get(base(id), owner.accessToken()), 404, "not_found");
    assertError(api.get(base(id), viewer.accessToken()), 404, "not_found");
  }

  @Test
  void auditLogRecordsWhoWhatWhenWithBeforeAndAfter() {
    Session owner = api.signup();
    Session viewer = api.signup();
    String id = api.createProject(owner, "Audited");
    api.patch(base(id), owner.accessToken(), new JsonObject().put("name", "Audited v2"));
    api.addMember(owner, id, viewer, "viewer");
    api.patch(
        base(id) + "/members/" + viewer.userId(),
        owner.accessToken(),
        new JsonObject().put("role", "editor"));

    var page = api.get(base(id) + "/audit?limit=2", viewer.accessToken());
    assertThat(page.statusCode()).isEqualTo(200);
    JsonObject body = page.bodyAsJsonObject();
    assertThat(body.getInteger("total")).isEqualTo(4);
    assertThat(body.getJsonArray("items")).hasSize(2);
    JsonObject newest = body.getJsonArray("items").getJsonObject(0);
    assertThat(newest.getString("action")).isEqualTo("member.update");
    assertThat(newest.getString("actorEmail")).isEqualTo(owner.email());
    assertThat(newest.getJsonObject("before").getString("role")).isEqualTo("viewer");
    assertThat(newest.getJsonObject("after").getString("role")).isEqualTo("editor");
    assertThat(newest.getString("at")).isNotBlank();

    JsonArray rest =
        api.get(base(id) + "/audit?limit=2&offset=2", owner.accessToken())
            .bodyAsJsonObject()
            .getJsonArray("items");
    assertThat(rest).hasSize(2);
    JsonObject rename = rest.getJsonObject(0);
    assertThat(rename.getString("action")).isEqualTo("project.update");
    assertThat(rename.getJsonObject("before").getString("name")).isEqualTo("Audited");
    assertThat(rename.getJsonObject("after").getString("name")).isEqualTo("Audited v2");
    assertThat(rest.getJsonObject(1).getString("action")).isEqualTo("project.create");
  }

  @Test
  void badPagingParametersAre400() {
    Session owner = api.signup();
    String id = api.createProject(owner, "Paging");
    assertError(
        api.get(base(id) + "/audit?limit=0", owner.accessToken()), 400, "validation_failed");
    assertError(
        api.get(base(id) + "/audit?limit=abc", owner.accessToken()), 400, "validation_failed");
  }

  @Test
  void malformedProjectIdIs400() {
    Session owner = api.signup();
    assertError(
        api.get("/api/v1/projects/not-a-uuid", owner.accessToken()), 400, "validation_failed");
  }
}
