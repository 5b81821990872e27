package com.analyticsstudio.dashboard;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Public dashboard links end to end: a link shows its dashboard signed out and runs its widgets,
 * and nothing else — not another dashboard's widget, not a filter it does not have, not SQL, not a
 * cross-filter on a member its charts lack; revoked, expired, forged or another project's links are
 * 404; the public page may be framed, other pages not; the link is rate limited.
 */
class PublicLinkIT {
  static final int PUBLIC_LIMIT = 60;
  static TestApp app;
  static Session owner;
  static Session editor;
  static Session viewer;
  static Session outsider;
  static String project;
  static String otherProject;
  static String chart;
  static String otherChart;
  static String dashboard;
  static String otherDashboard;
  static String foreignDashboard;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("RATE_LIMIT_PUBLIC_PER_MINUTE", String.valueOf(PUBLIC_LIMIT)));
    owner = app.api.signup();
    editor = app.api.signup();
    viewer = app.api.signup();
    outsider = app.api.signup();
    project = app.api.createProject(owner, "public links");
    otherProject = app.api.createProject(outsider, "someone else's");
    app.api.addMember(owner, project, editor, "editor");
    app.api.addMember(owner, project, viewer, "viewer");
    upload(owner, project, "sales.csv", "id,region,amount\n1,East,100\n2,West,70\n3,East,30\n");
    upload(outsider, otherProject, "secret.csv", "id,region,amount\n1,Moon,999\n");
    chart = chart(owner, project, "sales", "region");
    otherChart = chart(owner, project, "sales", null);
    dashboard = dashboard(owner, project, "Sales", chart, "w1");
    otherDashboard = dashboard(owner, project, "Internal", otherChart, "x9");
    foreignDashboard =
        dashboard(
            outsider,
            otherProject,
            "Theirs",
            chart(outsider, otherProject, "secret", "region"),
            "w1");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void aLinkShowsTheDashboardSignedOutAndRunsItsWidgets() {
    JsonObject link = link(editor, project, dashboard, new JsonObject());
    String token = link.getString("token");
    assertThat(link.getString("url")).endsWith("/public/dashboards/" + token);
    assertThat(token).hasSizeGreaterThan(60);

    JsonObject page = ok(app.api.get(pub(token), null), 200);
    assertThat(page.getJsonObject("dashboard").getString("name")).isEqualTo("Sales");
    assertThat(page.getJsonObject("dashboard").containsKey("createdBy")).isFalse();
    assertThat(page.getJsonObject("dashboard").containsKey("updatedBy")).isFalse();
    assertThat(page.encode()).doesNotContain(owner.userId()).doesNotContain(editor.userId());
    JsonArray charts = page.getJsonArray("charts");
    assertThat(charts).hasSize(1);
    assertThat(charts.getJsonObject(0).getString("id")).isEqualTo(chart);
    assertThat(charts.getJsonObject(0).containsKey("query")).isFalse();

    JsonObject data =
        ok(
            app.api.post(
                pub(token) + "/data",
                null,
                new JsonObject()
                    .put("filters", new JsonObject().put("f1", new JsonArray().add("East")))),
            200);
    JsonObject w1 = data.getJsonArray("widgets").getJsonObject(0);
    assertThat(w1.getString("id")).isEqualTo("w1");
    assertThat(w1.getJsonArray("rows").encode()).isEqualTo("[[\"East\",2]]");

    // NDJSON as for the signed-in endpoint.
    HttpResponse<Buffer> nd =
        app.api.call(
            HttpMethod.POST,
            pub(token) + "/data",
            null,
            new JsonObject(),
            MultiMap.caseInsensitiveMultiMap().add("Accept", "application/x-ndjson"));
    assertThat(nd.statusCode()).isEqualTo(200);
    String[] lines = nd.bodyAsString().strip().split("\n");
    assertThat(new JsonObject(lines[0]).getString("id")).isEqualTo("w1");
    assertThat(new JsonObject(lines[lines.length - 1]).containsKey("@end")).isTrue();

    // A values filter's values, signed out.
    JsonObject values = ok(app.api.get(pub(token) + "/filters/f1/values", null), 200);
    assertThat(values.getJsonArray("values").getList()).containsExactly("East", "West");

    // Credentials are not needed, and a bad one does not matter.
    assertThat(app.api.get(pub(token), "not-a-token").statusCode()).isEqualTo(200);
  }

  @Test
  void aLinkRunsNothingButItsDashboardsWidgetsWithItsOwnFilters() {
    String token = link(editor, project, dashboard, new JsonObject()).getString("token");
    // Another dashboard's widget.
    assertError(
        app.api.post(
            pub(token) + "/data", null, new JsonObject().put("widgets", new JsonArray().add("x9"))),
        400,
        "validation_failed");
    // A filter the dashboard does not have.
    assertError(
        app.api.post(
            pub(token) + "/data",
            null,
            new JsonObject().put("filters", new JsonObject().put("nope", new JsonArray()))),
        400,
        "validation_failed");
    // SQL, or another chart: the body has no such fields.
    assertError(
        app.api.post(
            pub(token) + "/data", null, new JsonObject().put("sql", "SELECT * FROM sales")),
        400,
        null);
    assertError(
        app.api.post(pub(token) + "/data", null, new JsonObject().put("chartId", otherChart)),
        400,
        null);
    // A cross-filter on a member none of its charts has.
    JsonObject cross =
        new JsonObject()
            .put(
                "crossFilters",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("member", "amount")
                            .put("values", new JsonArray().add(100))));
    assertError(app.api.post(pub(token) + "/data", null, cross), 400, "validation_failed");
    // A cross-filter on its chart's member is fine.
    JsonObject ok =
        new JsonObject()
            .put(
                "crossFilters",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("member", "region")
                            .put("values", new JsonArray().add("West"))));
    JsonObject data = ok(app.api.post(pub(token) + "/data", null, ok), 200);
    assertThat(data.getJsonArray("widgets").getJsonObject(0).getJsonArray("rows").encode())
        .isEqualTo("[[\"West\",1]]");
    // No drill-down through a link: the signed-in operation needs credentials.
    assertThat(
            app.api
                .post(
                    "/api/v1/projects/" + project + "/dashboards/" + dashboard + "/widgets/w1/rows",
                    null,
                    new JsonObject())
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void aLinksFilterValuesComeOnlyFromItsDashboardsDatasets() {
    upload(owner, project, "hidden.csv", "id,secret_code\n1,alpha\n2,beta\n");
    JsonObject body =
        new JsonObject()
            .put("name", "with a stray filter")
            .put(
                "widgets",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", "w1")
                            .put("type", "chart")
                            .put("chartId", chart)
                            .put("x", 0)
                            .put("y", 0)
                            .put("w", 6)
                            .put("h", 3)))
            .put(
                "filters",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", "code")
                            .put("type", "values")
                            .put("member", "secret_code")
                            .put("default", new JsonArray())));
    String stray =
        ok(
                app.api.post(
                    "/api/v1/projects/" + project + "/dashboards", owner.accessToken(), body),
                201)
            .getString("id");
    // Signed in, the values come from any dataset of the project that has the member.
    JsonObject signedIn =
        ok(
            app.api.get(
                "/api/v1/projects/" + project + "/dashboards/" + stray + "/filters/code/values",
                owner.accessToken()),
            200);
    assertThat(signedIn.getJsonArray("values").getList()).contains("alpha");
    // Through a link, not: no chart of the dashboard is on that dataset.
    String token = link(owner, project, stray, new JsonObject()).getString("token");
    HttpResponse<Buffer> values = app.api.get(pub(token) + "/filters/code/values", null);
    assertError(values, 409, "no_values");
    assertThat(values.bodyAsString()).doesNotContain("alpha");
  }

  @Test
  void aRevokedLinkIsGone() {
    JsonObject link = link(editor, project, dashboard, new JsonObject());
    String token = link.getString("token");
    ok(app.api.get(pub(token), null), 200);
    JsonArray items =
        ok(app.api.get(links(project, dashboard), editor.accessToken()), 200).getJsonArray("items");
    assertThat(items.stream().map(i -> ((JsonObject) i).getString("id")))
        .contains(link.getString("id"));
    assertThat(items.encode()).doesNotContain(token);
    // A viewer may not revoke; another project cannot.
    assertError(
        app.api.delete(links(project, dashboard) + "/" + token, viewer.accessToken()), 403, null);
    assertError(
        app.api.delete(links(otherProject, dashboard) + "/" + token, outsider.accessToken()),
        404,
        null);
    assertThat(
            app.api
                .delete(links(project, dashboard) + "/" + token, editor.accessToken())
                .statusCode())
        .isEqualTo(204);
    assertError(app.api.get(pub(token), null), 404, "not_found");
    assertError(app.api.post(pub(token) + "/data", null, new JsonObject()), 404, "not_found");
    assertError(
        app.api.delete(links(project, dashboard) + "/" + token, editor.accessToken()), 404, null);

    // Revoking by the listed id works too.
    JsonObject second = link(owner, project, dashboard, new JsonObject());
    assertThat(
            app.api
                .delete(
                    links(project, dashboard) + "/" + second.getString("id"), owner.accessToken())
                .statusCode())
        .isEqualTo(204);
    assertError(app.api.get(pub(second.getString("token")), null), 404, "not_found");
  }

  @Test
  void anExpiredLinkIsGone() throws Exception {
    JsonObject link =
        link(editor, project, dashboard, new JsonObject().put("expiresAt", "2099-01-01T00:00:00Z"));
    assertThat(link.getString("expiresAt")).isEqualTo("2099-01-01T00:00:00.000Z");
    String token = link.getString("token");
    ok(app.api.get(pub(token), null), 200);
    try (Connection c =
            DriverManager.getConnection(
                app.database.jdbcUrl(), app.database.user(), app.database.password());
        PreparedStatement st =
            c.prepareStatement(
                "UPDATE dashboard_links SET expires_at = now() - interval '1 minute' WHERE id = ?")) {
      st.setObject(1, UUID.fromString(link.getString("id")));
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
    assertError(app.api.get(pub(token), null), 404, "not_found");
    assertError(app.api.post(pub(token) + "/data", null, new JsonObject()), 404, "not_found");
    // An expiry in the past is refused when the link is made.
    assertError(
        app.api.post(
            links(project, dashboard),
            editor.accessToken(),
            new JsonObject().put("expiresAt", "2001-01-01T00:00:00Z")),
        400,
        "validation_failed");
  }

  @Test
  void forgedOrMalformedTokensAreNotFound() {
    String token = link(editor, project, dashboard, new JsonObject()).getString("token");
    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    String wrongRandom = (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);
    String shaped = "A".repeat(43) + "." + "B".repeat(22);
    for (String bad : List.of(tampered, wrongRandom, shaped, "nope", "a.b")) {
      assertError(app.api.get(pub(bad), null), 404, "not_found");
      assertError(app.api.post(pub(bad) + "/data", null, new JsonObject()), 404, "not_found");
    }
  }

  @Test
  void onlyEditorsOfTheDashboardsProjectMakeLinks() {
    assertError(
        app.api.post(links(project, dashboard), viewer.accessToken(), new JsonObject()), 403, null);
    assertError(
        app.api.post(links(project, dashboard), outsider.accessToken(), new JsonObject()),
        404,
        null);
    // Another project's dashboard cannot be reached through this project, nor linked from it.
    assertError(
        app.api.post(links(project, foreignDashboard), owner.accessToken(), new JsonObject()),
        404,
        null);
    assertError(
        app.api.post(links(otherProject, dashboard), outsider.accessToken(), new JsonObject()),
        404,
        null);
    // A link of the other project shows only its own dashboard.
    String theirs =
        link(outsider, otherProject, foreignDashboard, new JsonObject()).getString("token");
    JsonObject page = ok(app.api.get(pub(theirs), null), 200);
    assertThat(page.getJsonObject("dashboard").getString("id")).isEqualTo(foreignDashboard);
    assertError(
        app.api.post(
            pub(theirs) + "/data",
            null,
            new JsonObject().put("widgets", new JsonArray().add("x9"))),
        400,
        null);
  }

  @Test
  void aLinkDiesWhenItsMakerIsNoLongerAnEditor() {
    Session maker = app.api.signup();
    app.api.addMember(owner, project, maker, "editor");
    String token = link(maker, project, dashboard, new JsonObject()).getString("token");
    ok(app.api.get(pub(token), null), 200);
    ok(
        app.api.patch(
            "/api/v1/projects/" + project + "/members/" + maker.userId(),
            owner.accessToken(),
            new JsonObject().put("role", "viewer")),
        200);
    assertError(app.api.get(pub(token), null), 404, "not_found");
  }

  @Test
  void thePublicPageMayBeFramedOtherPagesMayNot() {
    String token = link(editor, project, dashboard, new JsonObject()).getString("token");
    HttpResponse<Buffer> page = html("/public/dashboards/" + token);
    assertThat(page.getHeader("Content-Security-Policy")).contains("frame-ancestors *");
    assertThat(page.getHeader("X-Frame-Options")).isNull();
    HttpResponse<Buffer> home = html("/datasets");
    assertThat(home.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
    assertThat(home.getHeader("X-Frame-Options")).isEqualTo("DENY");
    // The API answers of a link are not framable either.
    assertThat(app.api.get(pub(token), null).getHeader("X-Frame-Options")).isEqualTo("DENY");
  }

  @Test
  void aLinkIsRateLimitedPerAddress() {
    String token = link(editor, project, dashboard, new JsonObject()).getString("token");
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i <= PUBLIC_LIMIT; i++) {
      statuses.add(app.api.get(pub(token), null).statusCode());
    }
    assertThat(statuses.subList(0, PUBLIC_LIMIT)).containsOnly(200);
    HttpResponse<Buffer> limited = app.api.get(pub(token), null);
    assertError(limited, 429, "rate_limited");
    assertThat(limited.getHeader("Retry-After")).isNotNull();
    // Another link has its own budget.
    String other = link(editor, project, dashboard, new JsonObject()).getString("token");
    assertThat(app.api.get(pub(other), null).statusCode()).isEqualTo(200);
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  static HttpResponse<Buffer> html(String path) {
    try {
      return app.http.get(path).putHeader("Accept", "text/html").send().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String pub(String token) {
    return "/api/v1/public/dashboards/" + token;
  }

  static String links(String projectId, String dashboardId) {
    return "/api/v1/projects/" + projectId + "/dashboards/" + dashboardId + "/links";
  }

  static JsonObject link(Session who, String projectId, String dashboardId, JsonObject body) {
    return ok(app.api.post(links(projectId, dashboardId), who.accessToken(), body), 201);
  }

  static void upload(Session who, String projectId, String filename, String csv) {
    HttpResponse<Buffer> r;
    try {
      r =
          app.http
              .post("/api/v1/projects/" + projectId + "/datasets?wait=true&filename=" + filename)
              .bearerTokenAuthentication(who.accessToken())
              .putHeader("Content-Type", "text/csv")
              .sendBuffer(Buffer.buffer(csv))
              .await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
  }

  static String chart(Session who, String projectId, String dataset, String dimension) {
    JsonObject q =
        new JsonObject().put("dataset", dataset).put("measures", new JsonArray().add("count"));
    if (dimension != null) q.put("dimensions", new JsonArray().add(dimension));
    JsonObject body =
        new JsonObject()
            .put("name", "by " + dimension)
            .put("query", new JsonObject().put("semantic", q))
            .put("visualization", new JsonObject().put("type", "bar"));
    return ok(
            app.api.post("/api/v1/projects/" + projectId + "/charts", who.accessToken(), body), 201)
        .getString("id");
  }

  static String dashboard(Session who, String projectId, String name, String chartId, String w) {
    JsonObject body =
        new JsonObject()
            .put("name", name)
            .put(
                "widgets",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", w)
                            .put("type", "chart")
                            .put("chartId", chartId)
                            .put("x", 0)
                            .put("y", 0)
                            .put("w", 6)
                            .put("h", 3)))
            .put(
                "filters",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", "f1")
                            .put("type", "values")
                            .put("member", "region")
                            .put("default", new JsonArray())));
    return ok(
            app.api.post("/api/v1/projects/" + projectId + "/dashboards", who.accessToken(), body),
            201)
        .getString("id");
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }
}
