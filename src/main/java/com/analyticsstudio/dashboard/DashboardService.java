package com.analyticsstudio.dashboard;

import com.analyticsstudio.audit.AuditLog;
import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.chart.ChartDocument;
import com.analyticsstudio.chart.ChartFilters;
import com.analyticsstudio.chart.ChartService;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.EditedVersion;
import com.analyticsstudio.common.Json;
import com.analyticsstudio.common.Paging;
import com.analyticsstudio.common.UsedBy;
import com.analyticsstudio.dashboard.DashboardDocument.FilterDef;
import com.analyticsstudio.dashboard.DashboardDocument.Widget;
import com.analyticsstudio.dashboard.FilterScope.Applied;
import com.analyticsstudio.dashboard.FilterScope.CrossFilter;
import com.analyticsstudio.dashboard.FilterScope.Target;
import com.analyticsstudio.project.ProjectAccess;
import com.analyticsstudio.project.Role;
import com.analyticsstudio.semantic.Model;
import com.analyticsstudio.semantic.ModelCache;
import com.analyticsstudio.semantic.ModelService;
import com.analyticsstudio.semantic.SemanticService;
import com.analyticsstudio.semantic.TimeGrain;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dashboards: list with search and cursor paging, create, read, replace with optimistic
 * concurrency, soft delete, versions with save notes, restore and the change log (each write
 * audited in its transaction); and the dashboard's data — every chart and KPI widget of one
 * dashboard state run concurrently through {@link ChartService} (the guarded path), identical runs
 * once, a failing widget answered with its own error — plus drill-down rows, a values filter's
 * values and the filters' reach.
 *
 * <p>Viewers read and run; editors and owners write. Which filter reaches which widget is {@link
 * FilterScope}'s decision, from each chart's model (and related models) or SQL result columns.
 */
public final class DashboardService {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardService.class);

  /** A widget run refused for the user's fair share is retried this many times, after a pause. */
  static final int BUSY_RETRIES = 5;

  static final int DEFAULT_ROWS = 100;
  static final int MAX_ROWS = 1000;
  static final int MAX_CROSS_FILTERS = 20;

  private final Vertx vertx;
  private final Pool pool;
  private final ProjectAccess access;
  private final AuditLog audit;
  private final ChartService charts;
  private final ModelService models;
  private final SemanticService semantic;
  private final Clock clock;
  private final int parallelism;

  /**
   * @param parallelism widget queries one data request runs at once (the user's fair share of the
   *     query pool, so a dashboard does not refuse itself)
   */
  public DashboardService(
      Vertx vertx,
      Pool pool,
      ProjectAccess access,
      AuditLog audit,
      ChartService charts,
      ModelService models,
      SemanticService semantic,
      Clock clock,
      int parallelism) {
    this.vertx = vertx;
    this.pool = pool;
    this.access = access;
    this.audit = audit;
    this.charts = charts;
    this.models = models;
    this.semantic = semantic;
    this.clock = clock;
    this.parallelism = Math.max(1, parallelism);
  }

  // ---------------------------------------------------------------------------------------------
  // reads

  /** A page of the project's dashboards, newest first, keyset-paged on {@code (created_at, id)}. */
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
        .compose(r -> pool.preparedQuery(DashboardSql.COUNT).execute(Tuple.of(projectId, pattern)))
        .compose(
            count ->
                pool.preparedQuery(DashboardSql.PAGE)
                    .execute(args)
                    .map(
                        rows -> {
                          JsonArray items = new JsonArray();
                          // The position keeps PostgreSQL's microseconds.
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
                        }));
  }

  public Future<JsonObject> get(Principal who, UUID projectId, UUID dashboardId) {
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> live(pool, projectId, dashboardId))
        .map(DashboardService::toJson);
  }

  public Future<JsonObject> versions(Principal who, UUID projectId, UUID dashboardId) {
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> live(pool, projectId, dashboardId))
        .compose(
            d ->
                pool.preparedQuery(DashboardSql.VERSIONS)
                    .execute(Tuple.of(dashboardId))
                    .map(
                        rows -> {
                          JsonArray items = new JsonArray();
                          for (Row row : rows) items.add(versionHead(row));
                          return new JsonObject()
                              .put("currentVersion", d.getInteger("version"))
                              .put("items", items);
                        }));
  }

  public Future<JsonObject> version(Principal who, UUID projectId, UUID dashboardId, int version) {
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> live(pool, projectId, dashboardId))
        .compose(d -> storedVersion(dashboardId, version))
        .map(
            row ->
                documentOf(row)
                    .toJson()
                    .put("dashboardId", dashboardId.toString())
                    .mergeIn(versionHead(row)));
  }

  /** The change log, newest first, paged by version. */
  public Future<JsonObject> changes(
      Principal who, UUID projectId, UUID dashboardId, Paging.Page page) {
    Integer below = null;
    if (page.after() != null) {
      if (!(page.after().getValue("v") instanceof Number n)) {
        throw ApiException.invalidValue(
            "query parameter 'cursor' is not a cursor of this list", "query.cursor");
      }
      below = n.intValue();
    }
    Integer before = below;
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> live(pool, projectId, dashboardId))
        .compose(d -> pool.preparedQuery(DashboardSql.CHANGE_COUNT).execute(Tuple.of(dashboardId)))
        .compose(
            count ->
                pool.preparedQuery(DashboardSql.CHANGES)
                    .execute(Tuple.of(dashboardId, before, page.fetch()))
                    .map(
                        rows -> {
                          JsonArray items = new JsonArray();
                          for (Row row : rows) {
                            items.add(
                                versionHead(row).mergeIn((JsonObject) row.getJson("changes")));
                          }
                          return Paging.answer(
                              page,
                              items,
                              count.iterator().next().getLong(0),
                              item -> new JsonObject().put("v", item.getInteger("version")));
                        }));
  }

  // ---------------------------------------------------------------------------------------------
  // writes

  public Future<JsonObject> create(Principal who, UUID projectId, JsonObject body) {
    DashboardDocument doc = DashboardDocument.fromJson(body, false);
    String note = DashboardDocument.note(body);
    UUID id = UUID.randomUUID();
    return access
        .require(who, projectId, Role.EDITOR)
        .compose(r -> check(who, projectId, doc))
        .compose(
            v ->
                pool.withTransaction(
                    conn ->
                        conn.preparedQuery(DashboardSql.INSERT)
                            .execute(
                                Tuple.of(
                                    id,
                                    projectId,
                                    doc.name(),
                                    doc.description(),
                                    doc.layoutJson(),
                                    who.userId()))
                            .compose(
                                rows -> {
                                  Row row = rows.iterator().next();
                                  return writeVersion(
                                          conn, id, 1, "created", null, note, null, doc, who)
                                      .compose(
                                          x ->
                                              record(
                                                  conn,
                                                  who,
                                                  projectId,
                                                  "dashboard.create",
                                                  id,
                                                  null,
                                                  summary(doc, 1).put("note", note)))
                                      .map(x -> toJson(row));
                                })));
  }

  /**
   * Replaces the document; the expected version ({@code version} in the body, or {@code If-Match})
   * must be the live one, else 409 {@code stale_version}.
   */
  public Future<JsonObject> update(
      Principal who, UUID projectId, UUID dashboardId, JsonObject body, String ifMatch) {
    int expected = EditedVersion.of(body, ifMatch, "dashboard");
    DashboardDocument doc = DashboardDocument.fromJson(body, true);
    String note = DashboardDocument.note(body);
    return access
        .require(who, projectId, Role.EDITOR)
        .compose(r -> live(pool, projectId, dashboardId))
        .compose(
            current -> {
              int now = current.getInteger("version");
              if (now != expected) throw EditedVersion.stale("dashboard", now, expected);
              return check(who, projectId, doc)
                  .compose(
                      v ->
                          write(
                              who,
                              projectId,
                              dashboardId,
                              expected,
                              documentOf(current),
                              doc,
                              "edited",
                              "dashboard.update",
                              null,
                              note));
            });
  }

  /** Makes an older version's document live again, as a new version. */
  public Future<JsonObject> restore(
      Principal who, UUID projectId, UUID dashboardId, int version, JsonObject body) {
    String note = DashboardDocument.note(body);
    return access
        .require(who, projectId, Role.EDITOR)
        .compose(r -> live(pool, projectId, dashboardId))
        .compose(
            current ->
                storedVersion(dashboardId, version)
                    .compose(
                        old -> {
                          DashboardDocument doc = documentOf(old);
                          return check(who, projectId, doc)
                              .compose(
                                  v ->
                                      write(
                                          who,
                                          projectId,
                                          dashboardId,
                                          current.getInteger("version"),
                                          documentOf(current),
                                          doc,
                                          "restored",
                                          "dashboard.restore",
                                          version,
                                          note));
                        }));
  }

  public Future<Void> delete(Principal who, UUID projectId, UUID dashboardId) {
    return access
        .require(who, projectId, Role.EDITOR)
        .compose(
            r ->
                pool.withTransaction(
                    conn ->
                        conn.preparedQuery(DashboardSql.SOFT_DELETE)
                            .execute(Tuple.of(projectId, dashboardId, who.userId()))
                            .compose(
                                rows -> {
                                  if (rows.size() == 0) throw ApiException.notFound("dashboard");
                                  Row row = rows.iterator().next();
                                  return record(
                                      conn,
                                      who,
                                      projectId,
                                      "dashboard.delete",
                                      dashboardId,
                                      new JsonObject()
                                          .put("name", row.getString("name"))
                                          .put("version", row.getInteger("version")),
                                      null);
                                })));
  }

  /**
   * What a save needs beyond the document's shape: every chart widget names a live chart of the
   * project, every filter's member is a dimension (of a fitting type) of one of the project's
   * models — the filter's dataset's when it names one — or a column of an SQL chart on it.
   */
  private Future<Void> check(Principal who, UUID projectId, DashboardDocument doc) {
    return charts
        .liveCharts(projectId, doc.chartIds())
        .compose(
            live -> {
              for (int i = 0; i < doc.widgets().size(); i++) {
                Widget w = doc.widgets().get(i);
                if (w.chartId() != null && !live.containsKey(w.chartId())) {
                  throw ApiException.invalidValue(
                      "widget \""
                          + w.id()
                          + "\": chart "
                          + w.chartId()
                          + " is not a chart of this project (deleted?)",
                      "/widgets/" + i + "/chartId");
                }
              }
              if (doc.filters().isEmpty()) return Future.succeededFuture();
              return models
                  .models(projectId)
                  .compose(all -> checkMembers(who, projectId, doc, live, all));
            });
  }

  private Future<Void> checkMembers(
      Principal who,
      UUID projectId,
      DashboardDocument doc,
      Map<UUID, JsonObject> live,
      List<ModelService.Loaded> all) {
    List<Integer> unresolved = new ArrayList<>();
    for (int i = 0; i < doc.filters().size(); i++) {
      FilterDef f = doc.filters().get(i);
      boolean found = false;
      boolean datasetFound = f.dataset() == null;
      for (ModelService.Loaded l : all) {
        if (f.dataset() != null && !names(l, f.dataset())) continue;
        datasetFound = true;
        Model.Dimension d = l.model().dimension(f.member());
        if (d != null && fits(f.type(), d.type())) found = true;
      }
      if (!datasetFound) {
        throw ApiException.invalidValue(
            "filter \"" + f.id() + "\": no dataset \"" + f.dataset() + "\" in this project",
            "/filters/" + i + "/dataset");
      }
      if (!found) unresolved.add(i);
    }
    if (unresolved.isEmpty()) return Future.succeededFuture();
    // Not a model's dimension: it may still be a column of an SQL chart on the dashboard.
    List<String> sqls = new ArrayList<>();
    for (JsonObject c : live.values()) {
      JsonObject q = c.getJsonObject("query");
      if (q.getValue("sql") instanceof String s) sqls.add(s);
    }
    Map<String, String> columns = new ConcurrentHashMap<>();
    List<Future<Void>> probes = new ArrayList<>();
    for (String sql : sqls) {
      probes.add(
          charts
              .sqlColumns(who, projectId, sql)
              .map(
                  m -> {
                    m.forEach(columns::putIfAbsent);
                    return (Void) null;
                  })
              .recover(e -> Future.succeededFuture()));
    }
    return Future.all(probes)
        .map(
            x -> {
              for (int i : unresolved) {
                FilterDef f = doc.filters().get(i);
                String type = f.dataset() == null ? columns.get(f.member()) : null;
                if (type == null || !fits(f.type(), type)) {
                  throw ApiException.badRequest(
                      "unknown_member",
                      "filter \""
                          + f.id()
                          + "\": \""
                          + f.member()
                          + "\" is not a "
                          + (f.type().equals("date_range")
                              ? "date dimension"
                              : f.type().equals("number_range") ? "numeric dimension" : "dimension")
                          + " of "
                          + (f.dataset() == null
                              ? "any dataset of this project"
                              : "dataset \"" + f.dataset() + "\""),
                      new JsonObject()
                          .put("field", "/filters/" + i + "/member")
                          .put("member", f.member()));
                }
              }
              return null;
            });
  }

  private static boolean fits(String filterType, String type) {
    return switch (filterType) {
      case "date_range" -> FilterScope.isTemporal(type);
      case "number_range" -> FilterScope.isNumeric(type);
      default -> true;
    };
  }

  private static boolean names(ModelService.Loaded l, String dataset) {
    return dataset.equals(l.datasetId().toString())
        || dataset.equals(l.table())
        || dataset.equals(l.name());
  }

  // ---------------------------------------------------------------------------------------------
  // dependency safety

  /**
   * The dashboards that use the subject, registered as a {@link UsedBy.Source} after the charts: a
   * chart by a widget ("widget w1"); a dataset or a member through the charts {@code found} using
   * it ("widget w1"), and a dataset or a dimension by a filter ("filter f1": the filter names the
   * dataset, or names none and the dashboard shows a chart on it).
   */
  public Future<List<UsedBy.Use>> usesOf(UsedBy.Subject subject, List<UsedBy.Use> found) {
    Set<UUID> viaCharts = new HashSet<>();
    for (UsedBy.Use u : found) if (u.kind().equals("chart")) viaCharts.add(u.id());
    if (subject instanceof UsedBy.Chart c) viaCharts.add(c.chartId());
    Future<Set<UUID>> onDataset =
        subject instanceof UsedBy.Member m
            ? charts.chartsOn(m.projectId(), m.datasetId(), m.table())
            : Future.succeededFuture(Set.of());
    return onDataset.compose(
        chartsOnDataset ->
            pool.preparedQuery(DashboardSql.LIVE_LAYOUTS)
                .execute(Tuple.of(subject.projectId()))
                .map(
                    rows -> {
                      List<UsedBy.Use> out = new ArrayList<>();
                      for (Row row : rows) {
                        DashboardDocument doc =
                            DashboardDocument.stored(
                                row.getString("name"), null, (JsonObject) row.getJson("layout"));
                        String via = via(subject, doc, viaCharts, chartsOnDataset);
                        if (via != null) {
                          out.add(
                              new UsedBy.Use(
                                  "dashboard", row.getUUID("id"), row.getString("name"), via));
                        }
                      }
                      return out;
                    }));
  }

  static String via(
      UsedBy.Subject subject, DashboardDocument doc, Set<UUID> charts, Set<UUID> chartsOnDataset) {
    for (Widget w : doc.widgets()) {
      if (w.chartId() != null && charts.contains(w.chartId())) return "widget " + w.id();
    }
    for (FilterDef f : doc.filters()) {
      if (subject instanceof UsedBy.Dataset d
          && f.dataset() != null
          && (f.dataset().equals(d.datasetId().toString()) || f.dataset().equals(d.table()))) {
        return "filter " + f.id();
      }
      if (subject instanceof UsedBy.Member m && f.member().equals(m.member())) {
        boolean onIt =
            f.dataset() == null
                ? doc.widgets().stream()
                    .anyMatch(w -> w.chartId() != null && chartsOnDataset.contains(w.chartId()))
                : f.dataset().equals(m.datasetId().toString()) || f.dataset().equals(m.table());
        if (onIt) return "filter " + f.id();
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // runs

  /** One data request, checked and resolved: what each widget runs with. */
  public record Plan(
      UUID dashboardId,
      int dashboardVersion,
      DashboardDocument doc,
      List<WidgetRun> widgets,
      Principal who,
      UUID projectId,
      boolean noCache) {}

  /**
   * A widget to answer: its chart (null when gone), the filters that reach it, or the error that
   * already stops it.
   */
  public record WidgetRun(
      String widgetId, UUID chartId, JsonObject chart, List<Applied> applied, Throwable error) {
    String key() {
      JsonArray fs = new JsonArray();
      applied.forEach(a -> fs.add(a.asChartFilter()));
      return chartId + "|" + fs.encode();
    }
  }

  /** The request's state ({@code filters}, {@code crossFilters}) as read from a body. */
  record State(Map<String, Object> values, List<CrossFilter> crossFilters) {}

  /**
   * Checks a data request and resolves it: the dashboard, its charts, each widget's target and
   * applied filters. Fails (400/403/404) before anything runs, so a stream starts only for a valid
   * request.
   */
  public Future<Plan> plan(
      Principal who, UUID projectId, UUID dashboardId, JsonObject body, boolean noCache) {
    return plan(who, projectId, dashboardId, body, noCache, false);
  }

  /**
   * As {@link #plan(Principal, UUID, UUID, JsonObject, boolean)}; {@code strict} (public links)
   * also refuses a cross-filter on a member no chosen widget's chart has (400), so a link's caller
   * can name only what the dashboard shows.
   */
  Future<Plan> plan(
      Principal who,
      UUID projectId,
      UUID dashboardId,
      JsonObject body,
      boolean noCache,
      boolean strict) {
    JsonObject b = body == null ? new JsonObject() : body;
    for (String key : b.fieldNames()) {
      if (!List.of("filters", "crossFilters", "widgets").contains(key)) {
        throw ApiException.invalidValue(
            "unknown field \"" + key + "\"; a data request has filters, crossFilters, widgets",
            "/" + key);
      }
    }
    List<String> only = null;
    if (b.getValue("widgets") != null) {
      if (!(b.getValue("widgets") instanceof JsonArray ws)) {
        throw ApiException.invalidValue("widgets must be a list of widget ids", "/widgets");
      }
      only = new ArrayList<>();
      for (Object o : ws) only.add(String.valueOf(o));
    }
    List<String> subset = only;
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> live(pool, projectId, dashboardId))
        .compose(
            row -> {
              DashboardDocument doc = documentOf(row);
              State state = state(doc, b);
              List<Widget> chosen = new ArrayList<>();
              for (Widget w : doc.widgets()) {
                if (w.runsChart() && (subset == null || subset.contains(w.id()))) chosen.add(w);
              }
              if (subset != null) {
                for (int i = 0; i < subset.size(); i++) {
                  Widget w = doc.widget(subset.get(i));
                  if (w == null) {
                    throw ApiException.invalidValue(
                        "\"" + subset.get(i) + "\" is not a widget of this dashboard",
                        "/widgets/" + i);
                  }
                }
              }
              return (strict
                      ? requireShown(who, projectId, doc, state.crossFilters())
                      : Future.<Void>succeededFuture())
                  .compose(v -> resolve(who, projectId, doc, chosen, state))
                  .map(
                      runs ->
                          new Plan(
                              dashboardId,
                              row.getInteger("version"),
                              doc,
                              runs,
                              who,
                              projectId,
                              noCache));
            });
  }

  /**
   * Runs a plan: distinct runs concurrently (at most the user's fair share at once), each widget's
   * entry passed to {@code each} as soon as it is ready; completes with {@code {dashboardId,
   * dashboardVersion, widgets}} in the dashboard's order. Never fails for a widget.
   */
  public Future<JsonObject> execute(Plan plan, Consumer<JsonObject> each) {
    Map<String, List<WidgetRun>> byKey = new LinkedHashMap<>();
    Map<String, JsonObject> entries = new ConcurrentHashMap<>();
    for (WidgetRun w : plan.widgets()) {
      if (w.error() != null) {
        JsonObject e = errorEntry(w, w.error());
        entries.put(w.widgetId(), e);
        each.accept(e);
      } else {
        byKey.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(w);
      }
    }
    // Runs that differ only in their measures share one query (MeasureBatch).
    Map<String, List<List<WidgetRun>>> batches = new LinkedHashMap<>();
    Map<List<WidgetRun>, JsonObject> queries = new IdentityHashMap<>();
    for (List<WidgetRun> group : byKey.values()) {
      WidgetRun first = group.get(0);
      JsonObject q = semanticQuery(first);
      String key = q == null ? null : MeasureBatch.key(q);
      if (key != null) queries.put(group, q);
      batches
          .computeIfAbsent(key == null ? "#" + batches.size() : key, k -> new ArrayList<>())
          .add(group);
    }
    List<Supplier<Future<Void>>> tasks = new ArrayList<>();
    for (List<List<WidgetRun>> batch : batches.values()) {
      if (batch.size() == 1) {
        tasks.add(() -> runGroup(plan, batch.get(0), entries, each));
      } else {
        tasks.add(() -> runBatch(plan, batch, queries, entries, each));
      }
    }
    return bounded(tasks, parallelism)
        .map(
            v -> {
              JsonArray ordered = new JsonArray();
              for (WidgetRun w : plan.widgets()) ordered.add(entries.get(w.widgetId()));
              return new JsonObject()
                  .put("dashboardId", plan.dashboardId().toString())
                  .put("dashboardVersion", plan.dashboardVersion())
                  .put("widgets", ordered);
            });
  }

  /** The semantic query a widget's chart runs with its filters; null for an SQL chart. */
  private static JsonObject semanticQuery(WidgetRun w) {
    ChartDocument doc;
    try {
      doc = ChartDocument.fromJson(w.chart(), true);
    } catch (RuntimeException e) {
      return null; // runs alone and answers its own error
    }
    return doc.semantic()
        ? ChartFilters.mergeSemantic(doc.semanticQuery(), chartFilters(w.applied()))
        : null;
  }

  /** One distinct run (its widgets share chart and filters) through {@link ChartService}. */
  private Future<Void> runGroup(
      Plan plan,
      List<WidgetRun> group,
      Map<String, JsonObject> entries,
      Consumer<JsonObject> each) {
    WidgetRun first = group.get(0);
    List<ChartFilters.Filter> filters = chartFilters(first.applied());
    return busyRetried(
            () ->
                charts.runSaved(
                    plan.who(), plan.projectId(), first.chart(), filters, plan.noCache()),
            0)
        .transform(
            ar -> {
              answer(group, ar.succeeded() ? ar.result() : null, ar.cause(), entries, each);
              return Future.<Void>succeededFuture();
            });
  }

  /**
   * Runs whose semantic queries differ only in their measures, as one query; each run's answer cut
   * from it. When the shared query is refused as a request (a 400: one chart's measure no longer in
   * the model, say), each run goes alone, so only that widget answers the error.
   */
  private Future<Void> runBatch(
      Plan plan,
      List<List<WidgetRun>> batch,
      Map<List<WidgetRun>, JsonObject> queries,
      Map<String, JsonObject> entries,
      Consumer<JsonObject> each) {
    List<JsonObject> qs = new ArrayList<>();
    for (List<WidgetRun> group : batch) qs.add(queries.get(group));
    JsonObject shared = MeasureBatch.merged(qs);
    return busyRetried(
            () -> semantic.query(plan.who(), plan.projectId(), shared, plan.noCache()), 0)
        .transform(
            ar -> {
              if (ar.failed() && ar.cause() instanceof ApiException a && a.status() == 400) {
                List<Future<Void>> alone = new ArrayList<>();
                for (List<WidgetRun> group : batch) {
                  alone.add(runGroup(plan, group, entries, each));
                }
                return Future.all(alone).<Void>mapEmpty();
              }
              for (int i = 0; i < batch.size(); i++) {
                List<WidgetRun> group = batch.get(i);
                JsonObject chart = group.get(0).chart();
                JsonObject result = null;
                Throwable failure = ar.cause();
                if (ar.succeeded()) {
                  try {
                    result =
                        MeasureBatch.cut(ar.result(), qs, qs.get(i))
                            .put("chartId", chart.getString("id"))
                            .put("chartVersion", chart.getInteger("version"));
                  } catch (RuntimeException e) {
                    failure = e;
                  }
                }
                answer(group, result, failure, entries, each);
              }
              return Future.<Void>succeededFuture();
            });
  }

  /** Each widget of {@code group}: its copy of {@code result}, or its error entry. */
  private static void answer(
      List<WidgetRun> group,
      JsonObject result,
      Throwable failure,
      Map<String, JsonObject> entries,
      Consumer<JsonObject> each) {
    for (WidgetRun w : group) {
      JsonObject e =
          result != null
              ? result.copy().put("id", w.widgetId()).put("applied", appliedJson(w.applied()))
              : errorEntry(w, failure);
      entries.put(w.widgetId(), e);
      each.accept(e);
    }
  }

  /** Which widgets each filter and each asked-for member reaches; runs nothing. */
  public Future<JsonObject> scope(
      Principal who, UUID projectId, UUID dashboardId, List<String> members) {
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> live(pool, projectId, dashboardId))
        .compose(
            row -> {
              DashboardDocument doc = documentOf(row);
              List<Widget> chosen = doc.widgets().stream().filter(Widget::runsChart).toList();
              return targets(who, projectId, chosen)
                  .map(
                      loaded -> {
                        Map<String, Target> byWidget = new HashMap<>();
                        for (Widget w : chosen) {
                          Resolved t = loaded.get(w.chartId());
                          if (t != null && t.target() != null) byWidget.put(w.id(), t.target());
                        }
                        JsonObject filters = new JsonObject();
                        FilterScope.filterReach(doc, byWidget)
                            .forEach((id, ws) -> filters.put(id, new JsonArray(ws)));
                        JsonObject byMember = new JsonObject();
                        for (String m : members) {
                          byMember.put(m, new JsonArray(FilterScope.memberReach(doc, byWidget, m)));
                        }
                        return new JsonObject().put("filters", filters).put("members", byMember);
                      });
            });
  }

  /** Drill-down: the rows behind a mark of a widget, paged. */
  public Future<JsonObject> rows(
      Principal who,
      UUID projectId,
      UUID dashboardId,
      String widgetId,
      JsonObject body,
      boolean noCache) {
    JsonObject b = body == null ? new JsonObject() : body;
    for (String key : b.fieldNames()) {
      if (!List.of("filters", "crossFilters", "mark", "limit", "cursor").contains(key)) {
        throw ApiException.invalidValue(
            "unknown field \""
                + key
                + "\"; a drill-down has filters, crossFilters, mark, limit and cursor",
            "/" + key);
      }
    }
    int limit = DEFAULT_ROWS;
    if (b.getValue("limit") != null) {
      if (!(b.getValue("limit") instanceof Number n)
          || n.doubleValue() != Math.rint(n.doubleValue())
          || n.intValue() < 1
          || n.intValue() > MAX_ROWS) {
        throw ApiException.invalidValue(
            "limit must be a whole number from 1 to " + MAX_ROWS, "/limit");
      }
      limit = n.intValue();
    }
    long offset = 0;
    if (b.getValue("cursor") != null) {
      JsonObject at =
          b.getValue("cursor") instanceof String s ? Paging.decode(s) : new JsonObject();
      if (!(at.getValue("o") instanceof Number n) || n.longValue() < 0) {
        throw ApiException.invalidValue("cursor is not a cursor of these rows", "/cursor");
      }
      offset = n.longValue();
    }
    if (b.getValue("mark") != null && !(b.getValue("mark") instanceof JsonObject)) {
      throw ApiException.invalidValue("mark must be an object of column → value", "/mark");
    }
    JsonObject mark = b.getValue("mark") == null ? new JsonObject() : b.getJsonObject("mark");
    int pageSize = limit;
    long from = offset;
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> live(pool, projectId, dashboardId))
        .compose(
            row -> {
              DashboardDocument doc = documentOf(row);
              State state = state(doc, b);
              Widget w = doc.widget(widgetId);
              if (w == null) throw ApiException.notFound("widget \"" + widgetId + "\"");
              if (!w.runsChart()) {
                throw ApiException.badRequest(
                    "no_rows",
                    "widget \"" + widgetId + "\" is a " + w.type() + " widget; it has no rows");
              }
              return targets(who, projectId, List.of(w))
                  .compose(
                      loaded -> {
                        Resolved t = loaded.get(w.chartId());
                        if (t.error() != null) return Future.failedFuture(t.error());
                        List<Applied> applied =
                            FilterScope.applied(
                                doc, w, t.target(), state.values(), state.crossFilters(), today());
                        List<ChartFilters.Filter> filters = chartFilters(applied);
                        filters.addAll(markFilters(t, mark));
                        return charts
                            .rows(who, projectId, t.chart(), filters, pageSize + 1, from, noCache)
                            .map(
                                result -> {
                                  JsonArray rows = result.getJsonArray("rows");
                                  String next = null;
                                  if (rows.size() > pageSize) {
                                    rows = new JsonArray(rows.getList().subList(0, pageSize));
                                    next =
                                        Paging.encode(new JsonObject().put("o", from + pageSize));
                                  }
                                  return new JsonObject()
                                      .put("widgetId", widgetId)
                                      .put("source", result.getString("source"))
                                      .put("columns", result.getJsonArray("columns"))
                                      .put("rows", rows)
                                      .put("next", next)
                                      .put("limit", pageSize)
                                      .put("sql", result.getString("sql"))
                                      .put("applied", appliedJson(applied));
                                });
                      });
            });
  }

  /** The values a values filter offers: the member's distinct values, most frequent first. */
  public Future<JsonObject> filterValues(
      Principal who, UUID projectId, UUID dashboardId, String filterId, String q, int limit) {
    return filterValues(who, projectId, dashboardId, filterId, q, limit, false);
  }

  /**
   * As {@link #filterValues(Principal, UUID, UUID, String, String, int)}; {@code strict} (public
   * links) takes values only from the filter's own dataset or the dashboard's charts' datasets (and
   * those their relationships point at), never from another dataset of the project.
   */
  Future<JsonObject> filterValues(
      Principal who,
      UUID projectId,
      UUID dashboardId,
      String filterId,
      String q,
      int limit,
      boolean strict) {
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> live(pool, projectId, dashboardId))
        .compose(
            row -> {
              DashboardDocument doc = documentOf(row);
              FilterDef f = doc.filter(filterId);
              if (f == null) throw ApiException.notFound("filter \"" + filterId + "\"");
              if (!f.type().equals("values")) {
                throw ApiException.invalidValue(
                    "filter \"" + filterId + "\" is a " + f.type() + " filter, not a values filter",
                    "filterId");
              }
              return valuesSource(projectId, doc, f, strict)
                  .compose(
                      source -> {
                        JsonObject query =
                            new JsonObject()
                                .put("dataset", source.table())
                                .put("dimensions", new JsonArray().add(f.member()))
                                .put(
                                    "measures",
                                    new JsonArray()
                                        .add(
                                            new JsonObject()
                                                .put("aggregation", "count")
                                                .put("as", "rows_with_value")))
                                .put(
                                    "order",
                                    new JsonArray()
                                        .add(
                                            new JsonObject()
                                                .put("member", "rows_with_value")
                                                .put("direction", "desc"))
                                        .add(
                                            new JsonObject()
                                                .put("member", f.member())
                                                .put("direction", "asc")))
                                .put("limit", limit + 1);
                        Model.Dimension d = source.model().dimension(f.member());
                        JsonArray filters =
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("member", f.member())
                                        .put("operator", "set"));
                        if (q != null && !q.isBlank() && "text".equals(d.type())) {
                          filters.add(
                              new JsonObject()
                                  .put("member", f.member())
                                  .put("operator", "contains")
                                  .put("values", new JsonArray().add(q)));
                        }
                        query.put("filters", filters);
                        return semantic
                            .query(who, projectId, query, false)
                            .map(
                                result -> {
                                  JsonArray rows = result.getJsonArray("rows");
                                  JsonArray values = new JsonArray();
                                  for (int i = 0; i < Math.min(limit, rows.size()); i++) {
                                    values.add(rows.getJsonArray(i).getValue(0));
                                  }
                                  return new JsonObject()
                                      .put("filterId", filterId)
                                      .put("member", f.member())
                                      .put("dataset", source.table())
                                      .put("values", values)
                                      .put("truncated", rows.size() > limit);
                                });
                      });
            });
  }

  /**
   * The dataset a values filter's values come from: its own {@code dataset}, else the first chart
   * widget's dataset whose model has the member, else a dataset its relationships point at that has
   * it, else any dataset of the project that has it.
   */
  /** Where a values filter's values come from: a dataset's table and its model. */
  private record Source(String table, Model model) {}

  private Future<Source> valuesSource(
      UUID projectId, DashboardDocument doc, FilterDef f, boolean strict) {
    if (f.dataset() != null) {
      return models
          .current(projectId, f.dataset())
          .map(
              l -> {
                if (!hasDimension(l.model(), f)) throw noValues(f);
                return new Source(l.table(), l.model());
              });
    }
    return charts
        .liveCharts(projectId, doc.chartIds())
        .compose(
            live -> {
              List<String> candidates = new ArrayList<>();
              for (UUID id : doc.chartIds()) {
                JsonObject c = live.get(id);
                JsonObject sem =
                    c == null ? null : c.getJsonObject("query").getJsonObject("semantic");
                if (sem != null && sem.getValue("dataset") instanceof String ds) candidates.add(ds);
              }
              return first(projectId, candidates, f, 0);
            })
        .compose(
            found ->
                found != null || strict
                    ? (found != null
                        ? Future.succeededFuture(found)
                        : Future.failedFuture(noValues(f)))
                    : models
                        .models(projectId)
                        .map(
                            all -> {
                              for (ModelService.Loaded l : all) {
                                if (hasDimension(l.model(), f)) {
                                  return new Source(l.table(), l.model());
                                }
                              }
                              throw noValues(f);
                            }));
  }

  private Future<Source> first(UUID projectId, List<String> datasets, FilterDef f, int i) {
    if (i >= datasets.size()) return Future.succeededFuture(null);
    return models
        .prepared(projectId, datasets.get(i))
        .map(
            p -> {
              if (hasDimension(p.live().model(), f)) {
                return new Source(p.live().table(), p.live().model());
              }
              for (Model.Relationship r : p.live().model().relationships()) {
                var rel = p.related().get(r.dataset());
                if (rel != null && rel.model() != null && hasDimension(rel.model(), f)) {
                  return new Source(rel.table(), rel.model());
                }
              }
              return (Source) null;
            })
        .recover(e -> Future.succeededFuture(null))
        .compose(l -> l != null ? Future.succeededFuture(l) : first(projectId, datasets, f, i + 1));
  }

  private static boolean hasDimension(Model m, FilterDef f) {
    Model.Dimension d = m.dimension(f.member());
    return d != null && d.broken() == null;
  }

  private static ApiException noValues(FilterDef f) {
    return ApiException.conflict(
        "no_values",
        "no dataset of this dashboard has the dimension \"" + f.member() + "\" any more");
  }

  // ---------------------------------------------------------------------------------------------
  // asking about a dashboard

  /**
   * A dashboard as the context of a question: the datasets of its semantic chart and KPI widgets
   * (in widget order, each once), each with the filters of one dashboard state that reach it.
   * Widgets on SQL charts name no dataset and add none ({@code sqlWidgets} counts them).
   */
  public record AskContext(
      UUID dashboardId, String name, List<DatasetFilters> datasets, int sqlWidgets) {}

  /**
   * One dataset of the dashboard and the filters that reach it — resolved as the data endpoint
   * resolves them for a chart on this dataset that opts out of nothing and is not the source of any
   * cross-filter. {@code columns.get(i)} is the dataset column {@code applied.get(i)}'s member
   * names (a dimension of the dataset's own model), or null when the member is reached through a
   * relationship.
   */
  public record DatasetFilters(
      UUID datasetId, String table, List<Applied> applied, List<String> columns) {}

  /**
   * The dashboard {@code dashboardId} and the filters of {@code body} ({@code {filters,
   * crossFilters}}, as a data request sends them) for Ask. Viewers may; another project's dashboard
   * is 404; bad filter values are 400 as for the data endpoint.
   */
  public Future<AskContext> askContext(
      Principal who, UUID projectId, UUID dashboardId, JsonObject body) {
    JsonObject b = body == null ? new JsonObject() : body;
    for (String key : b.fieldNames()) {
      if (!List.of("filters", "crossFilters").contains(key)) {
        throw ApiException.invalidValue(
            "unknown field \"" + key + "\"; a dashboard context has id, filters, crossFilters",
            "/dashboard/" + key);
      }
    }
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> live(pool, projectId, dashboardId))
        .compose(
            row -> {
              DashboardDocument doc = documentOf(row);
              State state = state(doc, b);
              return charts
                  .liveCharts(projectId, doc.chartIds())
                  .compose(live -> askDatasets(projectId, doc, state, live))
                  .map(
                      found -> {
                        int sql = 0;
                        for (Widget w : doc.widgets()) {
                          JsonObject c = w.runsChart() ? found.charts().get(w.chartId()) : null;
                          if (c != null && c.getJsonObject("query").getValue("sql") != null) sql++;
                        }
                        return new AskContext(dashboardId, doc.name(), found.datasets(), sql);
                      });
            });
  }

  private record AskDatasets(Map<UUID, JsonObject> charts, List<DatasetFilters> datasets) {}

  private Future<AskDatasets> askDatasets(
      UUID projectId, DashboardDocument doc, State state, Map<UUID, JsonObject> live) {
    List<String> refs = new ArrayList<>();
    for (Widget w : doc.widgets()) {
      JsonObject c = w.runsChart() ? live.get(w.chartId()) : null;
      JsonObject sem = c == null ? null : c.getJsonObject("query").getJsonObject("semantic");
      if (sem != null && sem.getValue("dataset") instanceof String ds && !refs.contains(ds)) {
        refs.add(ds);
      }
    }
    // Stands for the question: reached by every filter and every cross-filter.
    Widget asking =
        new Widget("ask", "chart", null, null, null, null, 0, 0, 1, 1, List.of(), false, null);
    LocalDate today = today();
    List<DatasetFilters> out = new ArrayList<>();
    Future<Void> all = Future.succeededFuture();
    for (String ref : refs) {
      all =
          all.compose(
              v ->
                  models
                      .prepared(projectId, ref)
                      .map(
                          p -> {
                            Model own = p.live().model();
                            UUID id = p.live().datasetId();
                            if (out.stream().anyMatch(d -> d.datasetId().equals(id))) return null;
                            Target target = FilterScope.semantic(own, related(p));
                            List<Applied> applied =
                                FilterScope.applied(
                                    doc,
                                    asking,
                                    target,
                                    state.values(),
                                    state.crossFilters(),
                                    today);
                            List<String> columns = new ArrayList<>();
                            for (Applied a : applied) {
                              Model.Dimension d = own.dimension(a.member());
                              columns.add(d == null ? null : d.column());
                            }
                            out.add(new DatasetFilters(id, p.live().table(), applied, columns));
                            return (Void) null;
                          })
                      // A chart whose dataset is gone fails on the dashboard too; Ask leaves it.
                      .recover(e -> Future.succeededFuture()));
    }
    return all.map(v -> new AskDatasets(live, out));
  }

  // ---------------------------------------------------------------------------------------------
  // resolving widgets

  /** A chart as a dashboard uses it: the saved chart, its target, or why it cannot run. */
  record Resolved(JsonObject chart, Target target, boolean sql, Throwable error) {}

  private Future<List<WidgetRun>> resolve(
      Principal who, UUID projectId, DashboardDocument doc, List<Widget> chosen, State state) {
    LocalDate today = today();
    return targets(who, projectId, chosen)
        .map(
            loaded -> {
              List<WidgetRun> out = new ArrayList<>();
              for (Widget w : chosen) {
                Resolved t = loaded.get(w.chartId());
                if (t.error() != null) {
                  out.add(new WidgetRun(w.id(), w.chartId(), t.chart(), List.of(), t.error()));
                  continue;
                }
                List<Applied> applied =
                    FilterScope.applied(
                        doc, w, t.target(), state.values(), state.crossFilters(), today);
                out.add(new WidgetRun(w.id(), w.chartId(), t.chart(), applied, null));
              }
              return out;
            });
  }

  /**
   * Every cross-filter's member must be one a chart of the dashboard shows — a semantic chart's
   * dimension or time dimension (with a grain), an SQL chart's result column — what a click on a
   * mark can send. A link's caller cannot filter by other columns of the datasets to probe rows.
   */
  private Future<Void> requireShown(
      Principal who, UUID projectId, DashboardDocument doc, List<CrossFilter> crossFilters) {
    if (crossFilters.isEmpty()) return Future.succeededFuture();
    return charts
        .liveCharts(projectId, doc.chartIds())
        .compose(
            live -> {
              Set<String> shown = ConcurrentHashMap.newKeySet();
              Set<String> times = new HashSet<>();
              List<Future<Void>> probes = new ArrayList<>();
              for (JsonObject c : live.values()) {
                JsonObject q = c.getJsonObject("query");
                if (q.getValue("sql") instanceof String sql) {
                  probes.add(
                      busyRetried(() -> charts.sqlColumns(who, projectId, sql), 0)
                          .map(
                              cols -> {
                                shown.addAll(cols.keySet());
                                return (Void) null;
                              })
                          .recover(e -> Future.succeededFuture()));
                  continue;
                }
                JsonObject sem = q.getJsonObject("semantic");
                if (sem.getValue("dimensions") instanceof JsonArray ds) {
                  for (Object d : ds) {
                    String name = String.valueOf(d);
                    shown.add(name);
                    shown.add(name.substring(name.lastIndexOf('.') + 1));
                  }
                }
                if (sem.getValue("time") instanceof JsonObject t
                    && t.getValue("dimension") instanceof String td) {
                  times.add(td);
                }
              }
              return Future.all(probes)
                  .map(
                      x -> {
                        for (int i = 0; i < crossFilters.size(); i++) {
                          String m = crossFilters.get(i).member();
                          int dot = m.lastIndexOf('.');
                          boolean period =
                              dot > 0
                                  && times.contains(m.substring(0, dot))
                                  && TimeGrain.parse(m.substring(dot + 1)) != null;
                          if (!shown.contains(m) && !times.contains(m) && !period) {
                            throw ApiException.invalidValue(
                                "cross-filter member \""
                                    + m
                                    + "\" is not a dimension or column this dashboard's charts show",
                                "/crossFilters/" + i + "/member");
                          }
                        }
                        return (Void) null;
                      });
            });
  }

  /** Each distinct chart of {@code widgets} with its target (loaded concurrently). */
  private Future<Map<UUID, Resolved>> targets(Principal who, UUID projectId, List<Widget> widgets) {
    List<UUID> ids = new ArrayList<>();
    for (Widget w : widgets) if (!ids.contains(w.chartId())) ids.add(w.chartId());
    return charts
        .liveCharts(projectId, ids)
        .compose(
            live -> {
              Map<UUID, Resolved> out = new ConcurrentHashMap<>();
              List<Supplier<Future<Void>>> tasks = new ArrayList<>();
              for (UUID id : ids) {
                JsonObject chart = live.get(id);
                if (chart == null) {
                  out.put(
                      id,
                      new Resolved(
                          null,
                          null,
                          false,
                          new ApiException(
                              404,
                              "chart_not_found",
                              "the widget's chart " + id + " was deleted",
                              new JsonObject().put("chartId", id.toString()))));
                  continue;
                }
                tasks.add(
                    () ->
                        target(who, projectId, chart)
                            .transform(
                                ar -> {
                                  out.put(id, ar.succeeded() ? ar.result() : failed(chart, ar));
                                  return Future.<Void>succeededFuture();
                                }));
              }
              return bounded(tasks, parallelism).map(v -> (Map<UUID, Resolved>) out);
            });
  }

  private static Resolved failed(JsonObject chart, AsyncResult<Resolved> ar) {
    return new Resolved(chart, null, false, ar.cause());
  }

  private Future<Resolved> target(Principal who, UUID projectId, JsonObject chart) {
    JsonObject query = chart.getJsonObject("query");
    if (query.getValue("sql") instanceof String sql) {
      return busyRetried(() -> charts.sqlColumns(who, projectId, sql), 0)
          .map(cols -> new Resolved(chart, FilterScope.sql(cols), true, null));
    }
    JsonObject sem = query.getJsonObject("semantic");
    String dataset = sem.getValue("dataset") instanceof String s ? s : "";
    return models
        .prepared(projectId, dataset)
        .map(
            p ->
                new Resolved(
                    chart, FilterScope.semantic(p.live().model(), related(p)), false, null));
  }

  /** The related models by relationship name (those that have loaded). */
  private static Map<String, Model> related(ModelCache.Prepared p) {
    Map<String, Model> out = new HashMap<>();
    for (Model.Relationship r : p.live().model().relationships()) {
      var rel = p.related().get(r.dataset());
      if (rel != null && rel.model() != null) out.put(r.name(), rel.model());
    }
    return out;
  }

  /** The mark's values as filters: dimensions by equality, a time period by its dates. */
  private static List<ChartFilters.Filter> markFilters(Resolved t, JsonObject mark) {
    List<ChartFilters.Filter> out = new ArrayList<>();
    JsonObject sem = t.sql() ? null : t.chart().getJsonObject("query").getJsonObject("semantic");
    List<String> dims = new ArrayList<>();
    String timeColumn = null;
    String timeDimension = null;
    TimeGrain grain = null;
    if (sem != null) {
      if (sem.getValue("dimensions") instanceof JsonArray ds) {
        for (Object d : ds) dims.add(String.valueOf(d));
      }
      if (sem.getValue("time") instanceof JsonObject time
          && time.getValue("granularity") instanceof String g) {
        grain = TimeGrain.parse(g);
        timeDimension = time.getString("dimension");
        timeColumn = timeDimension + "." + g;
      }
    }
    for (String key : mark.fieldNames()) {
      Object v = mark.getValue(key);
      String at = "/mark/" + key;
      if (v instanceof JsonObject || v instanceof JsonArray) {
        throw ApiException.invalidValue("a mark's value is text, a number, a boolean or null", at);
      }
      if (key.equals(timeColumn) && grain != null) {
        if (v == null) {
          out.add(new ChartFilters.Filter(timeDimension, "notSet", List.of()));
          continue;
        }
        String s = String.valueOf(v);
        LocalDate start;
        try {
          start = LocalDate.parse(s.length() >= 10 ? s.substring(0, 10) : s);
        } catch (RuntimeException e) {
          throw ApiException.invalidValue("\"" + s + "\" is not a period's start date", at);
        }
        out.add(
            new ChartFilters.Filter(
                timeDimension,
                "inDateRange",
                List.of(start.toString(), FilterScope.periodEnd(start, grain).toString())));
        continue;
      }
      boolean known = t.sql() ? t.target().field(key) != null : dims.contains(key);
      if (!known) {
        throw ApiException.invalidValue(
            "\""
                + key
                + "\" is not a dimension of the widget's chart (a mark filters by its"
                + " dimensions, not its measures)",
            at);
      }
      out.add(
          v == null
              ? new ChartFilters.Filter(key, "notSet", List.of())
              : new ChartFilters.Filter(key, "equals", List.of(v)));
    }
    return out;
  }

  /** The request's filter values (checked against each filter's type) and cross-filters. */
  static State state(DashboardDocument doc, JsonObject b) {
    Map<String, Object> values = new HashMap<>();
    Object raw = b.getValue("filters");
    if (raw != null) {
      if (!(raw instanceof JsonObject fs)) {
        throw ApiException.invalidValue(
            "filters must be an object of filter id → value", "/filters");
      }
      for (String id : fs.fieldNames()) {
        FilterDef f = doc.filter(id);
        if (f == null) {
          throw ApiException.invalidValue(
              "\"" + id + "\" is not a filter of this dashboard", "/filters/" + id);
        }
        values.put(id, DashboardDocument.value(f, fs.getValue(id), "/filters/" + id));
      }
    }
    List<CrossFilter> cross = new ArrayList<>();
    Object rc = b.getValue("crossFilters");
    if (rc != null) {
      if (!(rc instanceof JsonArray a)) {
        throw ApiException.invalidValue("crossFilters must be a list", "/crossFilters");
      }
      if (a.size() > MAX_CROSS_FILTERS) {
        throw ApiException.invalidValue(
            "at most " + MAX_CROSS_FILTERS + " cross-filters", "/crossFilters");
      }
      for (int i = 0; i < a.size(); i++) {
        String at = "/crossFilters/" + i;
        if (!(a.getValue(i) instanceof JsonObject c)) {
          throw ApiException.invalidValue("a cross-filter is {member, values}", at);
        }
        for (String key : c.fieldNames()) {
          if (!List.of("member", "values", "sourceWidgetId").contains(key)) {
            throw ApiException.invalidValue(
                "unknown field \"" + key + "\" in a cross-filter", at + "/" + key);
          }
        }
        if (!(c.getValue("member") instanceof String m)
            || m.isBlank()
            || m.indexOf('\u0000') >= 0) {
          throw ApiException.invalidValue("member must name a column", at + "/member");
        }
        FilterDef shape = new FilterDef("cross", "values", m, null, null, null);
        Object vs = DashboardDocument.value(shape, c.getValue("values"), at + "/values");
        if (!(vs instanceof JsonArray list) || list.isEmpty()) {
          throw ApiException.invalidValue(
              "a cross-filter needs at least one value", at + "/values");
        }
        Object src = c.getValue("sourceWidgetId");
        if (src != null && !(src instanceof String)) {
          throw ApiException.invalidValue("sourceWidgetId must be a widget id", at);
        }
        cross.add(new CrossFilter(m, List.copyOf(list.getList()), (String) src));
      }
    }
    return new State(values, cross);
  }

  private static List<ChartFilters.Filter> chartFilters(List<Applied> applied) {
    List<ChartFilters.Filter> out = new ArrayList<>();
    for (Applied a : applied)
      out.add(new ChartFilters.Filter(a.member(), a.operator(), a.values()));
    return out;
  }

  private static JsonArray appliedJson(List<Applied> applied) {
    JsonArray out = new JsonArray();
    applied.forEach(a -> out.add(a.toJson()));
    return out;
  }

  private static JsonObject errorEntry(WidgetRun w, Throwable t) {
    ApiException a;
    if (t instanceof ApiException x) {
      a = x;
    } else {
      LOG.error("dashboard widget {} failed", w.widgetId(), t);
      a =
          new ApiException(
              500, "internal_error", "the widget could not be run on our side; it has been logged");
    }
    return new JsonObject()
        .put("id", w.widgetId())
        .put("chartId", w.chartId() == null ? null : w.chartId().toString())
        .put(
            "error",
            new JsonObject()
                .put("code", a.code())
                .put("message", a.getMessage())
                .put("details", a.details()))
        .put("applied", appliedJson(w.applied()));
  }

  /**
   * Runs {@code tasks} with at most {@code n} in flight, each lane taking the next task when its
   * last one completes; completes when all have. Tasks must not fail (they answer their own error).
   */
  static Future<Void> bounded(List<Supplier<Future<Void>>> tasks, int n) {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < Math.min(n, tasks.size()); i++) lanes.add(lane(tasks, next));
    return Future.all(lanes).mapEmpty();
  }

  private static Future<Void> lane(List<Supplier<Future<Void>>> tasks, AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= tasks.size()) return Future.succeededFuture();
    Future<Void> f;
    try {
      f = tasks.get(i).get();
    } catch (RuntimeException e) {
      f = Future.succeededFuture();
    }
    return f.transform(ar -> lane(tasks, next));
  }

  /**
   * A run refused for the user's or project's fair share ({@code project_busy}, e.g. two dashboards
   * of one user at once) is tried again after a pause that grows, a few times.
   */
  private <T> Future<T> busyRetried(Supplier<Future<T>> run, int attempt) {
    Future<T> f;
    try {
      f = run.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return f.recover(
        e -> {
          if (attempt >= BUSY_RETRIES
              || !(e instanceof ApiException a)
              || !"project_busy".equals(a.code())) {
            return Future.failedFuture(e);
          }
          Promise<T> p = Promise.promise();
          vertx.setTimer(100L * (attempt + 1), id -> busyRetried(run, attempt + 1).onComplete(p));
          return p.future();
        });
  }

  private LocalDate today() {
    return LocalDate.now(clock);
  }

  // ---------------------------------------------------------------------------------------------
  // storage

  private Future<JsonObject> write(
      Principal who,
      UUID projectId,
      UUID dashboardId,
      int expected,
      DashboardDocument before,
      DashboardDocument next,
      String change,
      String action,
      Integer restoredFrom,
      String note) {
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(DashboardSql.UPDATE)
                .execute(
                    Tuple.of(
                        projectId,
                        dashboardId,
                        next.name(),
                        next.description(),
                        next.layoutJson(),
                        expected,
                        who.userId()))
                .compose(
                    rows -> {
                      if (rows.size() == 0) throw EditedVersion.stale("dashboard", -1, expected);
                      Row row = rows.iterator().next();
                      int version = row.getInteger("version");
                      JsonObject after = summary(next, version).put("note", note);
                      if (restoredFrom != null) after.put("restoredFrom", restoredFrom);
                      return writeVersion(
                              conn,
                              dashboardId,
                              version,
                              change,
                              restoredFrom,
                              note,
                              before,
                              next,
                              who)
                          .compose(
                              x ->
                                  record(
                                      conn,
                                      who,
                                      projectId,
                                      action,
                                      dashboardId,
                                      summary(before, expected),
                                      after))
                          .map(x -> toJson(row));
                    }));
  }

  private static Future<Void> writeVersion(
      SqlClient conn,
      UUID dashboardId,
      int version,
      String change,
      Integer restoredFrom,
      String note,
      DashboardDocument before,
      DashboardDocument doc,
      Principal who) {
    return conn.preparedQuery(DashboardSql.INSERT_VERSION)
        .execute(
            Tuple.tuple()
                .addUUID(dashboardId)
                .addInteger(version)
                .addString(change)
                .addInteger(restoredFrom)
                .addString(note)
                .addString(doc.name())
                .addString(doc.description())
                .addValue(doc.layoutJson())
                .addValue(DashboardChanges.between(before, doc))
                .addUUID(who.userId()))
        .mapEmpty();
  }

  private Future<Void> record(
      SqlClient conn,
      Principal who,
      UUID projectId,
      String action,
      UUID dashboardId,
      JsonObject before,
      JsonObject after) {
    return audit.record(
        conn, projectId, who.userId(), action, "dashboard", dashboardId.toString(), before, after);
  }

  private static JsonObject summary(DashboardDocument doc, int version) {
    return new JsonObject()
        .put("version", version)
        .put("name", doc.name())
        .put("widgets", doc.widgets().size())
        .put("filters", doc.filters().size());
  }

  private Future<Row> live(SqlClient conn, UUID projectId, UUID dashboardId) {
    return conn.preparedQuery(DashboardSql.GET)
        .execute(Tuple.of(projectId, dashboardId))
        .map(
            rows -> {
              if (rows.size() == 0) throw ApiException.notFound("dashboard");
              return rows.iterator().next();
            });
  }

  private Future<Row> storedVersion(UUID dashboardId, int version) {
    return pool.preparedQuery(DashboardSql.VERSION)
        .execute(Tuple.of(dashboardId, version))
        .map(
            rows -> {
              if (rows.size() == 0) throw ApiException.notFound("dashboard version " + version);
              return rows.iterator().next();
            });
  }

  private static JsonObject versionHead(Row row) {
    UUID by = row.getUUID("created_by");
    return new JsonObject()
        .put("version", row.getInteger("version"))
        .put("change", row.getString("change"))
        .put("note", row.getString("note"))
        .put("restoredFrom", row.getInteger("restored_from"))
        .put("createdAt", Json.iso(row.getOffsetDateTime("created_at")))
        .put("createdBy", by == null ? null : by.toString())
        .put("createdByEmail", row.getString("email"));
  }

  private static DashboardDocument documentOf(Row row) {
    return DashboardDocument.stored(
        row.getString("name"), row.getString("description"), (JsonObject) row.getJson("layout"));
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
