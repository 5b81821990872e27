package com.analyticsstudio.dashboard;

import com.analyticsstudio.audit.AuditLog;
import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.auth.Scope;
import com.analyticsstudio.chart.ChartService;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.Json;
import com.analyticsstudio.project.ProjectAccess;
import com.analyticsstudio.project.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Public links: a signed, unguessable token ({@link LinkTokens}) that opens one dashboard
 * read-only, without signing in — its document, its widgets' data for the dashboard's own filters
 * and its values filters' values. Nothing else: no other dashboard, chart, dataset or SQL, and no
 * drill-down into rows (a public viewer sees what the dashboard shows, not the rows behind it).
 *
 * <p><b>Whose access a link runs with.</b> A link speaks for the editor who made it: every run goes
 * through the same guarded path as theirs ({@link DashboardService} → {@link ChartService} → the
 * project's reader role, read-only transaction, limits, cache), charged to their fair share, with
 * the {@code read} scope only. Each request checks that they are still an editor or owner of the
 * project, so removing or demoting them ends their links at once; so do revoking, expiry and
 * deleting the dashboard. Every failure to resolve a token is the same 404, so a caller learns
 * nothing about links that do not work.
 */
public final class PublicLinks {
  /** The web app's page of a public dashboard (embeddable). */
  public static final String PAGE = "/public/dashboards/";

  private final Pool pool;
  private final ProjectAccess access;
  private final AuditLog audit;
  private final DashboardService dashboards;
  private final ChartService charts;
  private final LinkTokens tokens;
  private final Clock clock;

  /** A resolved link: the dashboard it opens and the principal its runs use. */
  record Link(
      UUID id, UUID dashboardId, UUID projectId, Principal runAs, OffsetDateTime expiresAt) {}

  public PublicLinks(
      Pool pool,
      ProjectAccess access,
      AuditLog audit,
      DashboardService dashboards,
      ChartService charts,
      String secret,
      Clock clock) {
    this.pool = pool;
    this.access = access;
    this.audit = audit;
    this.dashboards = dashboards;
    this.charts = charts;
    this.tokens = new LinkTokens(secret);
    this.clock = clock;
  }

  // ---------------------------------------------------------------------------------------------
  // managing links (editors and owners)

  /** Makes a link; the token is in this answer only. {@code url} is the page's path. */
  public Future<JsonObject> create(Principal who, UUID projectId, UUID dashboardId, JsonObject b) {
    JsonObject body = b == null ? new JsonObject() : b;
    for (String key : body.fieldNames()) {
      if (!key.equals("expiresAt")) {
        throw ApiException.invalidValue(
            "unknown field \"" + key + "\"; a link takes only expiresAt", "/" + key);
      }
    }
    OffsetDateTime expiresAt = expiry(body.getValue("expiresAt"));
    String token = tokens.issue();
    UUID id = UUID.randomUUID();
    return access
        .require(who, projectId, Role.EDITOR)
        .compose(r -> dashboards.get(who, projectId, dashboardId))
        .compose(
            d ->
                pool.withTransaction(
                    conn ->
                        conn.preparedQuery(DashboardSql.LINK_INSERT)
                            .execute(
                                Tuple.tuple()
                                    .addUUID(id)
                                    .addUUID(dashboardId)
                                    .addUUID(projectId)
                                    .addString(LinkTokens.digest(token))
                                    .addString(hint(token))
                                    .addUUID(who.userId())
                                    .addOffsetDateTime(expiresAt))
                            .compose(
                                rows -> {
                                  Row row = rows.iterator().next();
                                  return audit
                                      .record(
                                          conn,
                                          projectId,
                                          who.userId(),
                                          "dashboard.link.create",
                                          "dashboard",
                                          dashboardId.toString(),
                                          null,
                                          new JsonObject()
                                              .put("linkId", id.toString())
                                              .put("tokenHint", hint(token))
                                              .put("expiresAt", Json.iso(expiresAt)))
                                      .map(
                                          v ->
                                              linkJson(row)
                                                  .put("token", token)
                                                  .put("url", PAGE + token));
                                })));
  }

  /** The dashboard's unrevoked links (tokens are not kept, so not shown: only their hint). */
  public Future<JsonObject> list(Principal who, UUID projectId, UUID dashboardId) {
    return access
        .require(who, projectId, Role.EDITOR)
        .compose(r -> dashboards.get(who, projectId, dashboardId))
        .compose(d -> pool.preparedQuery(DashboardSql.LINKS).execute(Tuple.of(dashboardId)))
        .map(
            rows -> {
              JsonArray items = new JsonArray();
              for (Row row : rows) {
                UUID by = row.getUUID("created_by");
                items.add(
                    linkJson(row)
                        .put("expired", row.getBoolean("expired"))
                        .put("createdBy", by == null ? null : by.toString())
                        .put("createdByEmail", row.getString("email")));
              }
              return new JsonObject().put("items", items);
            });
  }

  /** Revokes a link named by its token or its id; the token stops working at once. */
  public Future<Void> revoke(Principal who, UUID projectId, UUID dashboardId, String tokenOrId) {
    UUID byId = null;
    String byDigest = null;
    try {
      byId = UUID.fromString(tokenOrId);
    } catch (IllegalArgumentException e) {
      if (!tokens.verify(tokenOrId)) throw ApiException.notFound("link");
      byDigest = LinkTokens.digest(tokenOrId);
    }
    Tuple args =
        Tuple.tuple().addUUID(dashboardId).addUUID(byId).addString(byDigest).addUUID(who.userId());
    return access
        .require(who, projectId, Role.EDITOR)
        .compose(r -> dashboards.get(who, projectId, dashboardId))
        .compose(
            d ->
                pool.withTransaction(
                    conn ->
                        conn.preparedQuery(DashboardSql.LINK_REVOKE)
                            .execute(args)
                            .compose(
                                rows -> {
                                  if (rows.size() == 0) throw ApiException.notFound("link");
                                  Row row = rows.iterator().next();
                                  return audit.record(
                                      conn,
                                      projectId,
                                      who.userId(),
                                      "dashboard.link.revoke",
                                      "dashboard",
                                      dashboardId.toString(),
                                      new JsonObject()
                                          .put("linkId", row.getUUID("id").toString())
                                          .put("tokenHint", row.getString("token_hint")),
                                      null);
                                })));
  }

  // ---------------------------------------------------------------------------------------------
  // through a link (no sign-in)

  /**
   * The dashboard as a public page draws it: the document without user ids, and each chart widget's
   * chart as far as drawing needs it (name, description, visualization, whether SQL) — not its
   * query.
   */
  public Future<JsonObject> dashboard(String token) {
    return resolve(token)
        .compose(
            link ->
                dashboards
                    .get(link.runAs(), link.projectId(), link.dashboardId())
                    .compose(
                        d -> {
                          List<UUID> ids = new ArrayList<>();
                          for (Object o : d.getJsonArray("widgets")) {
                            String c = ((JsonObject) o).getString("chartId");
                            if (c != null && !ids.contains(UUID.fromString(c))) {
                              ids.add(UUID.fromString(c));
                            }
                          }
                          return charts
                              .liveCharts(link.projectId(), ids)
                              .map(live -> publicDocument(d, live, link));
                        }));
  }

  /** Checks and resolves a data request through a link (see {@link DashboardService#plan}). */
  public Future<DashboardService.Plan> plan(String token, JsonObject body) {
    return resolve(token)
        .compose(
            link ->
                dashboards.plan(
                    link.runAs(), link.projectId(), link.dashboardId(), body, false, true));
  }

  /** A values filter's values through a link. */
  public Future<JsonObject> filterValues(String token, String filterId, String q, int limit) {
    return resolve(token)
        .compose(
            link ->
                dashboards.filterValues(
                    link.runAs(), link.projectId(), link.dashboardId(), filterId, q, limit, true));
  }

  /**
   * The live link of a token: its signature, then its digest in the database (unrevoked, unexpired,
   * dashboard not deleted), then its maker still an editor of the project. Anything else is 404
   * {@code not_found}, alike.
   */
  Future<Link> resolve(String token) {
    if (!tokens.verify(token)) return Future.failedFuture(gone());
    return pool.preparedQuery(DashboardSql.LINK_RESOLVE)
        .execute(Tuple.of(LinkTokens.digest(token)))
        .compose(
            rows -> {
              if (rows.size() == 0) return Future.failedFuture(gone());
              Row row = rows.iterator().next();
              UUID maker = row.getUUID("created_by");
              if (maker == null) return Future.failedFuture(gone());
              Principal runAs = new Principal(maker, null, null, EnumSet.of(Scope.READ));
              UUID projectId = row.getUUID("project_id");
              return access
                  .require(runAs, projectId, Role.EDITOR)
                  .transform(
                      ar ->
                          ar.succeeded()
                              ? Future.succeededFuture(
                                  new Link(
                                      row.getUUID("id"),
                                      row.getUUID("dashboard_id"),
                                      projectId,
                                      runAs,
                                      row.getOffsetDateTime("expires_at")))
                              : Future.failedFuture(gone()));
            });
  }

  // ---------------------------------------------------------------------------------------------

  static JsonObject publicDocument(JsonObject d, Map<UUID, JsonObject> live, Link link) {
    JsonObject doc = new JsonObject();
    for (String f :
        List.of(
            "id",
            "name",
            "description",
            "columns",
            "refreshSeconds",
            "widgets",
            "filters",
            "version",
            "updatedAt")) {
      doc.put(f, d.getValue(f));
    }
    JsonArray chartList = new JsonArray();
    Consumer<JsonObject> add =
        c ->
            chartList.add(
                new JsonObject()
                    .put("id", c.getString("id"))
                    .put("name", c.getString("name"))
                    .put("description", c.getString("description"))
                    .put("visualization", c.getJsonObject("visualization"))
                    .put("kind", c.getJsonObject("query").containsKey("sql") ? "sql" : "semantic")
                    .put("version", c.getInteger("version")));
    live.values().stream()
        .sorted((a, b) -> a.getString("id").compareTo(b.getString("id")))
        .forEach(add);
    return new JsonObject()
        .put("dashboard", doc)
        .put("charts", chartList)
        .put("expiresAt", Json.iso(link.expiresAt()));
  }

  private OffsetDateTime expiry(Object v) {
    if (v == null) return null;
    if (!(v instanceof String s)) {
      throw ApiException.invalidValue(
          "expiresAt must be a date-time like 2030-01-31T12:00:00Z", "/expiresAt");
    }
    OffsetDateTime t;
    try {
      t = OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw ApiException.invalidValue(
          "expiresAt must be a date-time like 2030-01-31T12:00:00Z", "/expiresAt");
    }
    if (!t.isAfter(OffsetDateTime.now(clock))) {
      throw ApiException.invalidValue("expiresAt must be in the future", "/expiresAt");
    }
    return t;
  }

  private static JsonObject linkJson(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("tokenHint", row.getString("token_hint"))
        .put("createdAt", Json.iso(row.getOffsetDateTime("created_at")))
        .put("expiresAt", Json.iso(row.getOffsetDateTime("expires_at")));
  }

  private static String hint(String token) {
    return token.substring(0, 6);
  }

  private static ApiException gone() {
    return new ApiException(
        404, "not_found", "no such public dashboard (the link may have been revoked or expired)");
  }
}
