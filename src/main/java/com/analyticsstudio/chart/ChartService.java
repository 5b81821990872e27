package com.analyticsstudio.chart;

import com.analyticsstudio.audit.AuditLog;
import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.EditedVersion;
import com.analyticsstudio.common.Json;
import com.analyticsstudio.common.Paging;
import com.analyticsstudio.common.UsedBy;
import com.analyticsstudio.project.ProjectAccess;
import com.analyticsstudio.project.Role;
import com.analyticsstudio.query.QueryCall;
import com.analyticsstudio.query.QueryClient;
import com.analyticsstudio.query.SqlGuard;
import com.analyticsstudio.semantic.QueryMembers;
import com.analyticsstudio.semantic.SemanticService;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Saved charts: list with search and cursor paging, create, read, replace with optimistic
 * concurrency, soft delete, versions and restore (each change audited in its transaction), and runs
 * — saved or a builder's unsaved draft — with a dashboard's extra filters, through the semantic
 * service or the query client: the one guarded path, never a pool of its own.
 *
 * <p>Viewers read and run; editors and owners write. A chart's query is checked when it is saved: a
 * semantic query by compiling it against the project's models (400/422 naming the member), SQL by
 * the guard and PostgreSQL's planner ({@code EXPLAIN} through the query path).
 */
public final class ChartService {
  private final Pool pool;
  private final ProjectAccess access;
  private final AuditLog audit;
  private final SemanticService semantic;
  private final QueryClient queries;
  private UsedBy.Registry uses = new UsedBy.Registry();

  public ChartService(
      Pool pool,
      ProjectAccess access,
      AuditLog audit,
      SemanticService semantic,
      QueryClient queries) {
    this.pool = pool;
    this.access = access;
    this.audit = audit;
    this.semantic = semantic;
    this.queries = queries;
  }

  /** Where deleting a chart asks what uses it (dashboards); the wiring sets the process's one. */
  public void usedBy(UsedBy.Registry registry) {
    this.uses = registry;
  }

  // ---------------------------------------------------------------------------------------------
  // reads

  /**
   * A page of the project's charts, newest first, keyset-paged on {@code (created_at, id)} (which
   * never change, so an edit during paging cannot skip or repeat a chart); {@code q} searches name
   * and description.
   */
  public Future<JsonObject> list(Principal who, UUID projectId, String q, Paging.Page page) {
    OffsetDateTime afterTime = null;
    UUID afterId = null;
    if (page.after() != null) {
      try {
        afterTime = OffsetDateTime.parse(page.afterString("t"));
        afterId = UUID.fromString(page.afterString("id"));
      } catch (RuntimeException e) {
        throw ApiException.invalidValue(
            "query parameter 'cursor' is not a cursor of this list", "query.cursor");
      }
    }
    String pattern = q == null || q.isBlank() ? null : "%" + likeEscape(q.strip()) + "%";
    Tuple args =
        Tuple.tuple()
            .addUUID(projectId)
            .addString(pattern)
            .addOffsetDateTime(afterTime)
            .addUUID(afterId)
            .addInteger(page.fetch());
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(
            r ->
                pool.preparedQuery(ChartSql.COUNT)
                    .execute(Tuple.of(projectId, pattern))
                    .compose(
                        count ->
                            pool.preparedQuery(ChartSql.PAGE)
                                .execute(args)
                                .map(
                                    rows -> {
                                      JsonArray items = new JsonArray();
                                      // The position keeps PostgreSQL's microseconds (createdAt
                                      // shows milliseconds), so no chart of the same millisecond
                                      // is skipped.
                                      Map<String, String> exact = new HashMap<>();
                                      for (Row row : rows) {
                                        JsonObject item = toJson(row);
                                        items.add(item);
                                        exact.put(
                                            item.getString("id"),
                                            row.getOffsetDateTime("created_at").toString());
                                      }
                                      return Paging.answer(
                                          page,
                                          items,
                                          count.iterator().next().getLong(0),
                                          item ->
                                              new JsonObject()
                                                  .put("t", exact.get(item.getString("id")))
                                                  .put("id", item.getString("id")));
                                    })));
  }

  public Future<JsonObject> get(Principal who, UUID projectId, UUID chartId) {
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> live(pool, projectId, chartId))
        .map(ChartService::toJson);
  }

  public Future<JsonObject> versions(Principal who, UUID projectId, UUID chartId) {
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> live(pool, projectId, chartId))
        .compose(
            chart ->
                pool.preparedQuery(ChartSql.VERSIONS)
                    .execute(Tuple.of(chartId))
                    .map(
                        rows -> {
                          JsonArray items = new JsonArray();
                          for (Row row : rows) {
                            UUID by = row.getUUID("created_by");
                            items.add(
                                new JsonObject()
                                    .put("version", row.getInteger("version"))
                                    .put("change", row.getString("change"))
                                    .put("createdAt", Json.iso(row.getOffsetDateTime("created_at")))
                                    .put("createdBy", by == null ? null : by.toString())
                                    .put("createdByEmail", row.getString("email")));
                          }
                          return new JsonObject()
                              .put("currentVersion", chart.getInteger("version"))
                              .put("items", items);
                        }));
  }

  public Future<JsonObject> version(Principal who, UUID projectId, UUID chartId, int version) {
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> live(pool, projectId, chartId))
        .compose(chart -> storedVersion(chartId, version))
        .map(
            row -> {
              UUID by = row.getUUID("created_by");
              return documentOf(row)
                  .toJson()
                  .put("chartId", chartId.toString())
                  .put("version", row.getInteger("version"))
                  .put("change", row.getString("change"))
                  .put("createdAt", Json.iso(row.getOffsetDateTime("created_at")))
                  .put("createdBy", by == null ? null : by.toString())
                  .put("createdByEmail", row.getString("email"));
            });
  }

  // ---------------------------------------------------------------------------------------------
  // writes

  public Future<JsonObject> create(Principal who, UUID projectId, JsonObject body) {
    ChartDocument doc = ChartDocument.fromJson(body, false);
    UUID id = UUID.randomUUID();
    return access
        .require(who, projectId, Role.EDITOR)
        .compose(r -> checkQuery(who, projectId, doc))
        .compose(
            v ->
                pool.withTransaction(
                    conn ->
                        conn.preparedQuery(ChartSql.INSERT)
                            .execute(
                                Tuple.of(
                                    id,
                                    projectId,
                                    doc.name(),
                                    doc.description(),
                                    doc.query(),
                                    doc.visualization(),
                                    who.userId()))
                            .compose(
                                rows -> {
                                  Row row = rows.iterator().next();
                                  return writeVersion(conn, id, 1, "created", doc, who.userId())
                                      .compose(
                                          x ->
                                              record(
                                                  conn,
                                                  who,
                                                  projectId,
                                                  "chart.create",
                                                  id,
                                                  null,
                                                  summary(doc, 1)))
                                      .map(x -> toJson(row));
                                })));
  }

  /**
   * Replaces the document; the expected version ({@code version} in the body, or {@code If-Match})
   * must be the live one, else 409 {@code stale_version} as for semantic models.
   */
  public Future<JsonObject> update(
      Principal who, UUID projectId, UUID chartId, JsonObject body, String ifMatch) {
    int expected = EditedVersion.of(body, ifMatch, "chart");
    ChartDocument doc = ChartDocument.fromJson(body, true);
    return access
        .require(who, projectId, Role.EDITOR)
        .compose(r -> live(pool, projectId, chartId))
        .compose(
            current -> {
              int now = current.getInteger("version");
              if (now != expected) throw EditedVersion.stale("chart", now, expected);
              return checkQuery(who, projectId, doc)
                  .compose(
                      v ->
                          write(
                              who,
                              projectId,
                              chartId,
                              expected,
                              documentOf(current),
                              doc,
                              "edited",
                              "chart.update",
                              null));
            });
  }

  /** Makes an older version's document live again, as a new version. */
  public Future<JsonObject> restore(Principal who, UUID projectId, UUID chartId, int version) {
    return access
        .require(who, projectId, Role.EDITOR)
        .compose(r -> live(pool, projectId, chartId))
        .compose(
            current ->
                storedVersion(chartId, version)
                    .compose(
                        old ->
                            write(
                                who,
                                projectId,
                                chartId,
                                current.getInteger("version"),
                                documentOf(current),
                                documentOf(old),
                                "restored",
                                "chart.restore",
                                version)));
  }

  /**
   * Soft-deletes the chart; one a dashboard shows is 409 {@code in_use} (details {@code usedBy})
   * unless {@code force}.
   */
  public Future<Void> delete(Principal who, UUID projectId, UUID chartId, boolean force) {
    return access
        .require(who, projectId, Role.EDITOR)
        .compose(r -> live(pool, projectId, chartId))
        .compose(
            row ->
                uses.requireUnused(
                    new UsedBy.Chart(projectId, chartId),
                    force,
                    "chart \"" + row.getString("name") + "\""))
        .compose(
            r ->
                pool.withTransaction(
                    conn ->
                        conn.preparedQuery(ChartSql.SOFT_DELETE)
                            .execute(Tuple.of(projectId, chartId, who.userId()))
                            .compose(
                                rows -> {
                                  if (rows.size() == 0) throw ApiException.notFound("chart");
                                  Row row = rows.iterator().next();
                                  return record(
                                      conn,
                                      who,
                                      projectId,
                                      "chart.delete",
                                      chartId,
                                      new JsonObject()
                                          .put("name", row.getString("name"))
                                          .put("version", row.getInteger("version")),
                                      null);
                                })));
  }

  /** {@code GET …/charts/{chartId}/used-by}: the dashboards that show the chart. */
  public Future<JsonObject> usedBy(Principal who, UUID projectId, UUID chartId) {
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> live(pool, projectId, chartId))
        .compose(row -> uses.of(new UsedBy.Chart(projectId, chartId)))
        .map(UsedBy::answer);
  }

  /**
   * The charts that use a dataset (a semantic query on it: "query"; SQL that reads its table, as
   * the SQL guard parses it: "sql") or a member of its model (the part of the query that names it).
   * Registered as a {@link UsedBy.Source} by the wiring.
   */
  public Future<List<UsedBy.Use>> usesOf(UsedBy.Subject subject, List<UsedBy.Use> found) {
    if (subject instanceof UsedBy.Chart) return Future.succeededFuture(List.of());
    return pool.preparedQuery(ChartSql.LIVE_QUERIES)
        .execute(Tuple.of(subject.projectId()))
        .compose(
            rows ->
                // Reading SQL charts runs the SQL guard's parser: on a worker, not the event loop.
                offLoop(
                    () -> {
                      List<UsedBy.Use> direct = new ArrayList<>();
                      Map<UsedBy.Use, JsonObject> viaRelationship = new LinkedHashMap<>();
                      for (Row row : rows) {
                        JsonObject query = (JsonObject) row.getJson("query");
                        UsedBy.Use use =
                            new UsedBy.Use("chart", row.getUUID("id"), row.getString("name"), "");
                        String via = via(subject, query);
                        if (via != null) {
                          direct.add(new UsedBy.Use(use.kind(), use.id(), use.name(), via));
                        } else if (query.getValue("semantic") instanceof JsonObject sem
                            && QueryMembers.dataset(sem) != null
                            && !QueryMembers.qualified(sem).isEmpty()) {
                          viaRelationship.put(use, sem);
                        }
                      }
                      return new Scan(direct, viaRelationship);
                    }))
        .compose(
            scan -> {
              List<UsedBy.Use> out = new ArrayList<>(scan.direct());
              List<Future<Void>> related = new ArrayList<>();
              scan.viaRelationship()
                  .forEach((use, sem) -> related.add(throughRelationship(subject, sem, use, out)));
              return Future.all(related).map(x -> out);
            });
  }

  private record Scan(List<UsedBy.Use> direct, Map<UsedBy.Use, JsonObject> viaRelationship) {}

  private static <T> Future<T> offLoop(Callable<T> work) {
    Context context = Vertx.currentContext();
    if (context == null) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return context.executeBlocking(work, false);
  }

  /**
   * A semantic chart on another dataset that names {@code relationship.member} where the
   * relationship points at the subject's dataset: it uses that dataset ("relationship") or that
   * member (the part of the query naming it).
   */
  private Future<Void> throughRelationship(
      UsedBy.Subject subject, JsonObject sem, UsedBy.Use use, List<UsedBy.Use> out) {
    UUID target =
        subject instanceof UsedBy.Dataset d
            ? d.datasetId()
            : subject instanceof UsedBy.Member m ? m.datasetId() : null;
    if (target == null) return Future.succeededFuture();
    return semantic
        .relationshipTargets(subject.projectId(), QueryMembers.dataset(sem))
        .map(
            rels -> {
              for (Map.Entry<String, String> e : QueryMembers.qualified(sem).entrySet()) {
                String name = e.getKey();
                int dot = name.indexOf('.');
                if (!target.equals(rels.get(name.substring(0, dot)))) continue;
                if (subject instanceof UsedBy.Member m
                    && !name.substring(dot + 1).equals(m.member())) {
                  continue;
                }
                String via = subject instanceof UsedBy.Member ? e.getValue() : "relationship";
                out.add(new UsedBy.Use(use.kind(), use.id(), use.name(), via));
                break;
              }
              return (Void) null;
            })
        .recover(e -> Future.succeededFuture());
  }

  /** The ids of the project's live semantic charts on a dataset (by its id or table name). */
  public Future<Set<UUID>> chartsOn(UUID projectId, UUID datasetId, String table) {
    return pool.preparedQuery(ChartSql.LIVE_QUERIES)
        .execute(Tuple.of(projectId))
        .map(
            rows -> {
              Set<UUID> out = new HashSet<>();
              for (Row row : rows) {
                JsonObject q = (JsonObject) row.getJson("query");
                if (q.getValue("semantic") instanceof JsonObject sem
                    && names(QueryMembers.dataset(sem), datasetId, table)) {
                  out.add(row.getUUID("id"));
                }
              }
              return out;
            });
  }

  /** How a chart's query uses the subject, or null. */
  static String via(UsedBy.Subject subject, JsonObject query) {
    JsonObject sem = query.getValue("semantic") instanceof JsonObject j ? j : null;
    String sql = query.getValue("sql") instanceof String s ? s : null;
    if (subject instanceof UsedBy.Dataset d) {
      if (sem != null)
        return names(QueryMembers.dataset(sem), d.datasetId(), d.table()) ? "query" : null;
      return sql != null && readsTable(sql, d.table(), d.projectTables()) ? "sql" : null;
    }
    if (subject instanceof UsedBy.Member m && sem != null) {
      if (!names(QueryMembers.dataset(sem), m.datasetId(), m.table())) return null;
      return QueryMembers.of(sem).get(m.member());
    }
    return null;
  }

  private static boolean names(String dataset, UUID datasetId, String table) {
    return dataset != null && (dataset.equals(datasetId.toString()) || dataset.equals(table));
  }

  /**
   * Whether the statement reads {@code table}, by the SQL guard's parse (the tables it resolved);
   * SQL the guard refuses now (a table deleted by force) is read by its words as a last resort, so
   * a broken chart is still listed rather than missed.
   */
  static boolean readsTable(String sql, String table, Set<String> projectTables) {
    try {
      for (String t : SqlGuard.check(sql, projectTables).referencedTables()) {
        if (t.equalsIgnoreCase(table)) return true;
      }
      return false;
    } catch (RuntimeException e) {
      String lower = sql.toLowerCase(Locale.ROOT);
      String name = table.toLowerCase(Locale.ROOT);
      int at = lower.indexOf(name);
      while (at >= 0) {
        boolean before =
            at == 0
                || !Character.isLetterOrDigit(lower.charAt(at - 1)) && lower.charAt(at - 1) != '_';
        int end = at + name.length();
        boolean after =
            end >= lower.length()
                || !Character.isLetterOrDigit(lower.charAt(end)) && lower.charAt(end) != '_';
        if (before && after) return true;
        at = lower.indexOf(name, at + 1);
      }
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // runs

  /** {@code POST …/charts/{chartId}/data}: the saved chart with the body's extra filters. */
  public Future<JsonObject> data(
      Principal who, UUID projectId, UUID chartId, JsonObject body, boolean noCache) {
    JsonObject b = body == null ? new JsonObject() : body;
    for (String key : b.fieldNames()) {
      if (!key.equals("filters")) {
        throw ApiException.invalidValue(
            "unknown field \"" + key + "\"; a chart run takes only filters", "/" + key);
      }
    }
    List<ChartFilters.Filter> filters = ChartFilters.parse(b.getValue("filters"));
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> live(pool, projectId, chartId))
        .compose(
            row ->
                run(who, projectId, documentOf(row), filters, noCache)
                    .map(
                        result ->
                            result
                                .put("chartId", chartId.toString())
                                .put("chartVersion", row.getInteger("version"))));
  }

  /** {@code POST …/charts/data}: an unsaved chart (the builder's draft) with extra filters. */
  public Future<JsonObject> preview(
      Principal who, UUID projectId, JsonObject body, boolean noCache) {
    ChartDocument doc = ChartDocument.draft(body, Set.of("filters"));
    List<ChartFilters.Filter> filters = ChartFilters.parse(body.getValue("filters"));
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> run(who, projectId, doc, filters, noCache));
  }

  private Future<JsonObject> run(
      Principal who,
      UUID projectId,
      ChartDocument doc,
      List<ChartFilters.Filter> filters,
      boolean noCache) {
    if (doc.semantic()) {
      return semantic.query(
          who, projectId, ChartFilters.mergeSemantic(doc.semanticQuery(), filters), noCache);
    }
    String sql = ChartFilters.wrapSql(doc.sql(), filters);
    return queries
        .run(new QueryCall(projectId, who.userId(), sql, null, null, noCache, "chart"))
        .map(JsonObject::new)
        .map(result -> labelled(result, sql));
  }

  // ---------------------------------------------------------------------------------------------
  // for dashboards (no access check: the caller checked the project role)

  /** The project's live charts among {@code ids}, as {@link #get} answers them, by id. */
  public Future<Map<UUID, JsonObject>> liveCharts(UUID projectId, Collection<UUID> ids) {
    if (ids.isEmpty()) return Future.succeededFuture(Map.of());
    return pool.preparedQuery(ChartSql.GET_MANY)
        .execute(Tuple.tuple().addUUID(projectId).addArrayOfUUID(ids.toArray(new UUID[0])))
        .map(
            rows -> {
              Map<UUID, JsonObject> out = new HashMap<>();
              for (Row row : rows) out.put(row.getUUID("id"), toJson(row));
              return out;
            });
  }

  /**
   * Runs a chart as {@link #liveCharts} read it with extra filters, as {@code POST
   * …/charts/{chartId}/data} does (the same answer, through the same guarded path).
   */
  public Future<JsonObject> runSaved(
      Principal who,
      UUID projectId,
      JsonObject chart,
      List<ChartFilters.Filter> filters,
      boolean noCache) {
    ChartDocument doc = ChartDocument.fromJson(chart, true);
    return run(who, projectId, doc, filters, noCache)
        .map(
            result ->
                result
                    .put("chartId", chart.getString("id"))
                    .put("chartVersion", chart.getInteger("version")));
  }

  /**
   * The result columns of an SQL chart ({@code name → type}) without its rows: the SQL wrapped in
   * {@code LIMIT 0}, through the guarded path (cached like any query).
   */
  public Future<Map<String, String>> sqlColumns(Principal who, UUID projectId, String sql) {
    String probe =
        "SELECT * FROM (\n"
            + ChartFilters.withoutTrailingSemicolons(sql)
            + "\n) AS chart_data LIMIT 0";
    return queries
        .run(new QueryCall(projectId, who.userId(), probe, 1, null, false, "chart"))
        .map(
            buffer -> {
              JsonArray columns = new JsonObject(buffer).getJsonArray("columns");
              Map<String, String> out = new LinkedHashMap<>();
              for (int i = 0; i < columns.size(); i++) {
                JsonObject c = columns.getJsonObject(i);
                out.putIfAbsent(c.getString("name"), c.getString("type"));
              }
              return out;
            });
  }

  /**
   * The rows behind a chart's marks, {@code limit} from {@code offset}: for a semantic chart the
   * dataset's own rows that its query's filters and date range and {@code filters} select ({@code
   * source} "dataset"); for an SQL chart its result rows that {@code filters} keep ("result").
   * Answers {@code {source, columns, rows, sql}}.
   */
  public Future<JsonObject> rows(
      Principal who,
      UUID projectId,
      JsonObject chart,
      List<ChartFilters.Filter> filters,
      int limit,
      long offset,
      boolean noCache) {
    ChartDocument doc = ChartDocument.fromJson(chart, true);
    if (doc.semantic()) {
      JsonObject q = doc.semanticQuery();
      JsonArray all = q.getValue("filters") instanceof JsonArray own ? own.copy() : new JsonArray();
      if (q.getValue("time") instanceof JsonObject t
          && t.getValue("dateRange") instanceof JsonArray range
          && range.size() == 2) {
        all.add(
            new JsonObject()
                .put("member", t.getString("dimension"))
                .put("operator", "inDateRange")
                .put("values", range.copy()));
      }
      filters.forEach(f -> all.add(f.toJson()));
      String dataset = q.getValue("dataset") instanceof String s ? s : "";
      return semantic
          .rows(who, projectId, dataset, all, limit, offset, noCache)
          .map(r -> r.put("source", "dataset"));
    }
    String sql =
        "SELECT * FROM (\n"
            + ChartFilters.wrapSql(doc.sql(), filters)
            + "\n) AS drill LIMIT "
            + limit
            + " OFFSET "
            + offset;
    return queries
        .run(new QueryCall(projectId, who.userId(), sql, limit, null, noCache, "chart"))
        .map(JsonObject::new)
        .map(result -> labelled(result, sql).put("source", "result"));
  }

  /** An SQL result in the semantic result's shape: every column labelled by its name. */
  private static JsonObject labelled(JsonObject result, String sql) {
    JsonArray out = new JsonArray();
    JsonArray columns = result.getJsonArray("columns");
    for (int i = 0; i < columns.size(); i++) {
      JsonObject c = columns.getJsonObject(i).copy();
      c.put("label", c.getString("name")).put("format", null);
      out.add(c);
    }
    return result.put("columns", out).put("sql", sql).putNull("modelVersion");
  }

  /** A query that cannot run is refused when saved, not when a dashboard first opens it. */
  private Future<Void> checkQuery(Principal who, UUID projectId, ChartDocument doc) {
    if (doc.semantic()) {
      return semantic.compile(who, projectId, doc.semanticQuery()).mapEmpty();
    }
    return queries.explain(projectId, who.userId(), doc.sql()).mapEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // storage

  private Future<JsonObject> write(
      Principal who,
      UUID projectId,
      UUID chartId,
      int expected,
      ChartDocument before,
      ChartDocument next,
      String change,
      String action,
      Integer restoredFrom) {
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(ChartSql.UPDATE)
                .execute(
                    Tuple.of(
                        projectId,
                        chartId,
                        next.name(),
                        next.description(),
                        next.query(),
                        next.visualization(),
                        who.userId(),
                        expected))
                .compose(
                    rows -> {
                      if (rows.size() == 0) throw EditedVersion.stale("chart", -1, expected);
                      Row row = rows.iterator().next();
                      int version = row.getInteger("version");
                      JsonObject after =
                          summary(next, version).put("changed", changed(before, next));
                      if (restoredFrom != null) after.put("restoredFrom", restoredFrom);
                      return writeVersion(conn, chartId, version, change, next, who.userId())
                          .compose(
                              x ->
                                  record(
                                      conn,
                                      who,
                                      projectId,
                                      action,
                                      chartId,
                                      summary(before, expected),
                                      after))
                          .map(x -> toJson(row));
                    }));
  }

  private static Future<Void> writeVersion(
      SqlClient conn, UUID chartId, int version, String change, ChartDocument doc, UUID by) {
    return conn.preparedQuery(ChartSql.INSERT_VERSION)
        .execute(
            Tuple.of(
                chartId,
                version,
                change,
                doc.name(),
                doc.description(),
                doc.query(),
                doc.visualization(),
                by))
        .mapEmpty();
  }

  private Future<Void> record(
      SqlClient conn,
      Principal who,
      UUID projectId,
      String action,
      UUID chartId,
      JsonObject before,
      JsonObject after) {
    return audit.record(
        conn, projectId, who.userId(), action, "chart", chartId.toString(), before, after);
  }

  private static JsonObject summary(ChartDocument doc, int version) {
    return new JsonObject()
        .put("version", version)
        .put("name", doc.name())
        .put("type", doc.visualization().getString("type"))
        .put("query", doc.semantic() ? "semantic" : "sql");
  }

  /** The document's fields that differ, for the audit entry. */
  static JsonArray changed(ChartDocument a, ChartDocument b) {
    JsonArray out = new JsonArray();
    JsonObject ja = a.toJson();
    JsonObject jb = b.toJson();
    for (String f : List.of("name", "description", "query", "visualization")) {
      Object x = ja.getValue(f);
      Object y = jb.getValue(f);
      if (x == null ? y != null : !x.equals(y)) out.add(f);
    }
    return out;
  }

  private Future<Row> live(SqlClient conn, UUID projectId, UUID chartId) {
    return conn.preparedQuery(ChartSql.GET)
        .execute(Tuple.of(projectId, chartId))
        .map(
            rows -> {
              if (rows.size() == 0) throw ApiException.notFound("chart");
              return rows.iterator().next();
            });
  }

  private Future<Row> storedVersion(UUID chartId, int version) {
    return pool.preparedQuery(ChartSql.VERSION)
        .execute(Tuple.of(chartId, version))
        .map(
            rows -> {
              if (rows.size() == 0) throw ApiException.notFound("chart version " + version);
              return rows.iterator().next();
            });
  }

  private static ChartDocument documentOf(Row row) {
    return new ChartDocument(
        row.getString("name"),
        row.getString("description"),
        (JsonObject) row.getJson("query"),
        (JsonObject) row.getJson("visualization"));
  }

  private static JsonObject toJson(Row row) {
    UUID createdBy = row.getUUID("created_by");
    UUID updatedBy = row.getUUID("updated_by");
    return documentOf(row)
        .toJson()
        .put("id", row.getUUID("id").toString())
        .put("projectId", row.getUUID("project_id").toString())
        .put("version", row.getInteger("version"))
        .put("createdAt", Json.iso(row.getOffsetDateTime("created_at")))
        .put("createdBy", createdBy == null ? null : createdBy.toString())
        .put("updatedAt", Json.iso(row.getOffsetDateTime("updated_at")))
        .put("updatedBy", updatedBy == null ? null : updatedBy.toString());
  }

  static String likeEscape(String q) {
    return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
