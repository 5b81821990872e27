package com.analyticsstudio.query;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Caches;
import com.analyticsstudio.common.Metrics;
import com.analyticsstudio.common.SingleFlight;
import com.analyticsstudio.project.Role;
import com.analyticsstudio.tenancy.ProjectSchemas;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one guarded path for user SQL, shared by every caller (HTTP, Ask, dashboards): membership
 * check, the project's queryable datasets, {@link SqlGuard}, limits, cache, single-flight, then the
 * confined {@link QueryExecutor} on the user-SQL pool. One instance per process, built by the
 * wiring; the Query verticle serves it on the event bus ({@link QueryAddresses}) and callers reach
 * it only through {@link QueryClient}.
 *
 * <p>Cache key: project id + sha-256 of (normalised SQL, limit, the parameter values as JSON,
 * {@code table=version} of every dataset the statement reads). A new dataset version changes the
 * key, so results never outlive their data; {@code CACHE_TTL} bounds them otherwise. Identical
 * concurrent misses in this process share one database execution. {@code noCache} skips both lookup
 * and sharing, always runs in the database and refreshes the entry.
 */
public final class QueryService {
  private static final Logger LOG = LoggerFactory.getLogger(QueryService.class);
  private static final int GUARD_CACHE_MAX = 4096;
  private static final int SCHEMAS_READY_MAX = 100_000;

  private final Vertx vertx;
  private final Pool appPool;
  private final QueryExecutor executor;
  private final QueryCatalog catalogs;
  private final QueryCache cache;
  private final AppConfig config;
  private final AppConfig.QueryEngine settings;
  private final SingleFlight<String, Buffer> inFlight = new SingleFlight<>();

  /** Guard outcomes per (SQL text, allowed tables): the check is pure. */
  private final Cache<String, GuardedSql> guarded;

  /** Projects whose schema and reader role this process has made sure of. */
  private final Cache<UUID, Boolean> schemaReady;

  private final Map<UUID, Future<Void>> schemaCreations = new ConcurrentHashMap<>();
  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Counter hits;
  private final Counter misses;
  private final Counter overloaded;
  private final Counter busy;
  private final FairShare share;

  public QueryService(
      Vertx vertx,
      Pool appPool,
      QueryExecutor executor,
      QueryCatalog catalogs,
      QueryCache cache,
      AppConfig config,
      MeterRegistry registry) {
    this(
        vertx,
        appPool,
        executor,
        catalogs,
        cache,
        config,
        registry,
        new FairShare(FairShare.Limits.of(config.queryEngine(), config.fairness())));
  }

  public QueryService(
      Vertx vertx,
      Pool appPool,
      QueryExecutor executor,
      QueryCatalog catalogs,
      QueryCache cache,
      AppConfig config,
      MeterRegistry registry,
      FairShare share) {
    this.vertx = vertx;
    this.share = share;
    this.appPool = appPool;
    this.executor = executor;
    this.catalogs = catalogs;
    this.cache = cache;
    this.config = config;
    this.settings = config.queryEngine();
    this.registry = registry;
    this.guarded =
        Caches.monitored(
            registry, "query_guard", Caffeine.newBuilder().maximumSize(GUARD_CACHE_MAX));
    this.schemaReady =
        Caches.monitored(
            registry, "query_schemas", Caffeine.newBuilder().maximumSize(SCHEMAS_READY_MAX));
    this.hits =
        Counter.builder("query.cache.hits")
            .description("query results served from the cache")
            .register(registry);
    this.misses =
        Counter.builder("query.cache.misses")
            .description("query results computed in the database")
            .register(registry);
    this.overloaded = Metrics.rejections(registry, 503);
    this.busy =
        Counter.builder("query.fair.share.refused")
            .description("statements refused because their project or user used up its share")
            .register(registry);
    Gauge.builder("query.fair.share.held", share, FairShare::heldTotal)
        .description("fair-share slots held now (statements holding or about to take a connection)")
        .register(registry);
    Gauge.builder("query.pool.in.use", executor, QueryExecutor::connectionsInUse)
        .description("connections of the user-SQL pool running a query now")
        .register(registry);
  }

  /**
   * A checked statement, ready to run: its request (limits applied), guard outcome and dataset
   * versions.
   */
  record Prepared(
      QueryCall call, QueryRequest request, GuardedSql guarded, Map<String, Integer> versions) {
    String fingerprint() {
      return QueryService.fingerprint(guarded.normalizedSql());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // operations

  /**
   * Runs {@code call}; the result JSON, encoded, with {@code cached} and this call's {@code
   * elapsedMs}.
   */
  public Future<Buffer> run(QueryCall call) {
    long start = System.nanoTime();
    int limit = Math.min(call.limit() == null ? settings.defaultLimit() : call.limit(), maxRows());
    return prepared(
            call,
            limit,
            p -> {
              String key = cacheKey(p);
              if (call.noCache()) {
                misses.increment();
                return compute(p, key).map(body -> new Outcome(p, body, false));
              }
              return cached(key)
                  .compose(
                      hit -> {
                        if (hit != null) {
                          hits.increment();
                          return Future.succeededFuture(new Outcome(p, hit, true));
                        }
                        misses.increment();
                        return inFlight
                            .run(key, () -> compute(p, key))
                            .map(body -> new Outcome(p, body, false));
                      });
            })
        .map(
            o -> {
              long elapsedMs = (System.nanoTime() - start) / 1_000_000;
              observe(o.prepared, o.body, o.cached, elapsedMs);
              return respond(o.body, o.cached, elapsedMs);
            })
        .recover(this::overload);
  }

  /** PostgreSQL's plan for {@code sql} ({@code {plan}}), without running it. */
  public Future<JsonObject> explain(UUID projectId, UUID userId, String sql, List<Object> params) {
    QueryCall call = new QueryCall(projectId, userId, sql, null, null, true, "api", params);
    return prepared(
            call,
            1,
            p -> withSlot(call, FairShare.Lane.QUERY, () -> executor.explain(p.request, p.guarded)))
        .map(plan -> new JsonObject().put("plan", plan))
        .recover(this::overload);
  }

  /**
   * Streams {@code call}'s rows into {@code sink} through a cursor: at most {@code min(call.limit,
   * EXPORT_MAX_ROWS)} rows, within {@code EXPORT_TIMEOUT_SECONDS}; never cached.
   */
  public Future<QueryExecutor.StreamSummary> export(QueryCall call, QueryExecutor.RowSink sink) {
    long maxRows =
        Math.min(
            call.limit() == null ? settings.exportMaxRows() : call.limit(),
            settings.exportMaxRows());
    long start = System.nanoTime();
    return prepared(
            call,
            1,
            p ->
                withSlot(
                        call,
                        FairShare.Lane.EXPORT,
                        () ->
                            executor.stream(
                                p.request,
                                p.guarded,
                                maxRows,
                                EXPORT_BATCH_ROWS,
                                settings.exportTimeoutSeconds() * 1000L,
                                null,
                                sink))
                    .onSuccess(
                        s ->
                            observe(
                                p,
                                null,
                                false,
                                (System.nanoTime() - start) / 1_000_000,
                                s.rowCount())))
        .recover(this::overload);
  }

  /**
   * Rows fetched per cursor read by exports and jobs: big enough to amortise round trips, small in
   * memory.
   */
  static final int EXPORT_BATCH_ROWS = 2000;

  // ---------------------------------------------------------------------------------------------
  // steps

  /**
   * Prepares {@code call} ({@link #prepare}) and hands it to {@code action}, which runs it. When
   * the statement finds the project's datasets changed shape since the catalog was read (its
   * prepared statement no longer fits; nothing was returned), the catalog is read again and {@code
   * action} gets one more try with the fresh one.
   */
  <T> Future<T> prepared(QueryCall call, int limit, Function<Prepared, Future<T>> action) {
    return prepare(call, limit, false)
        .compose(action)
        .recover(
            err -> {
              if (!(err instanceof QueryExecutor.CatalogChanged)) return Future.failedFuture(err);
              catalogs.invalidate(call.projectId());
              return prepare(call, limit, true)
                  .compose(action)
                  .recover(
                      again ->
                          Future.failedFuture(
                              again instanceof QueryExecutor.CatalogChanged
                                  ? ApiException.unavailable(
                                      "datasets_changing",
                                      "the project's datasets are changing right now; retry shortly",
                                      1)
                                  : again));
            });
  }

  /** {@link #prepare(QueryCall, int, boolean)} from the remembered catalog. */
  Future<Prepared> prepare(QueryCall call, int limit) {
    return prepare(call, limit, false);
  }

  /**
   * Membership, queryable datasets, limits and the guard, for {@code call} returning up to {@code
   * limit} rows. The catalog comes from {@link QueryCatalog} ({@code fresh}: read it from
   * PostgreSQL now). A table the guard does not know may be a dataset that went live since the
   * catalog was read: the guard's refusal then gets one more check against a fresh catalog.
   */
  Future<Prepared> prepare(QueryCall call, int limit, boolean fresh) {
    int timeout =
        Math.min(
            call.timeoutSeconds() == null ? config.queryTimeoutSeconds() : call.timeoutSeconds(),
            Math.min(config.queryTimeoutSeconds(), QueryRequest.MAX_TIMEOUT_SECONDS));
    return catalogs
        .get(call.projectId(), call.userId(), fresh)
        .compose(c -> ensureSchema(call.projectId(), c.versions()).map(c))
        .compose(
            c -> {
              QueryRequest req =
                  new QueryRequest(
                      call.projectId(),
                      call.sql(),
                      limit,
                      timeout,
                      c.versions().keySet(),
                      c.catalogVersion(),
                      call.params());
              return guard(req)
                  .map(
                      g -> {
                        checkParams(g, call.params());
                        return new Prepared(call, req, g, c.versions());
                      });
            })
        .recover(
            err ->
                !fresh && err instanceof ApiException e && "table_not_allowed".equals(e.code())
                    ? prepare(call, limit, true)
                    : Future.failedFuture(err));
  }

  /**
   * One value per parameter the statement uses ({@code $1} to {@code $n}).
   *
   * @throws ApiException 400 {@code validation_failed} at {@code /params} when the counts differ
   */
  static void checkParams(GuardedSql g, List<Object> params) {
    if (g.parameterCount() == params.size()) return;
    String uses =
        g.parameterCount() == 0
            ? "has no parameters"
            : g.parameterCount() == 1 ? "uses $1" : "uses $1 to $" + g.parameterCount();
    throw ApiException.badRequest(
        "validation_failed",
        "the query "
            + uses
            + " but params has "
            + params.size()
            + (params.size() == 1 ? " value" : " values")
            + "; send one value per parameter, in order",
        new JsonObject()
            .put("type", "invalid_value")
            .put("location", "/params")
            .put("expected", g.parameterCount())
            .put("actual", params.size()));
  }

  /**
   * The project's schema and reader role are created with its first dataset; a project without one
   * still answers queries (e.g. {@code SELECT 1}), so create them here, once per process.
   */
  private Future<Map<String, Integer>> ensureSchema(UUID projectId, Map<String, Integer> versions) {
    if (!versions.isEmpty() || schemaReady.getIfPresent(projectId) != null) {
      return Future.succeededFuture(versions);
    }
    // One creation per project at a time in this process; another instance racing us makes the
    // idempotent statements collide in the catalog, so a failure is retried once.
    Future<Void> creating =
        schemaCreations.computeIfAbsent(
            projectId,
            id ->
                ProjectSchemas.run(appPool, ProjectSchemas.create(id))
                    .recover(e -> ProjectSchemas.run(appPool, ProjectSchemas.create(id)))
                    .onComplete(
                        ar -> {
                          if (ar.succeeded()) {
                            schemaReady.put(id, Boolean.TRUE);
                          }
                          schemaCreations.remove(id);
                        }));
    return creating.map(v -> versions);
  }

  int maxRows() {
    return Math.min(config.maxQueryRows(), QueryRequest.MAX_LIMIT);
  }

  /** Membership only (404 when none); the caller's role. */
  Future<Role> member(UUID projectId, UUID userId) {
    return appPool
        .preparedQuery(QuerySql.CATALOG)
        .execute(Tuple.of(projectId, userId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw ApiException.notFound("project");
              }
              return Role.parse(rows.iterator().next().getString("role"));
            });
  }

  /**
   * {@link SqlGuard#check} on a worker, remembered per (SQL text, allowed tables): the check is
   * pure.
   */
  private Future<GuardedSql> guard(QueryRequest req) {
    String key = req.sql() + '\u0000' + String.join(",", new TreeSet<>(req.allowedTables()));
    GuardedSql known = guarded.getIfPresent(key);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return vertx
        .executeBlocking(() -> SqlGuard.check(req.sql(), req.allowedTables()), false)
        .onSuccess(g -> guarded.put(key, g));
  }

  /** The project's fair share, shared with {@link QueryJobs}. */
  FairShare share() {
    return share;
  }

  /**
   * Runs {@code work} holding a {@link FairShare} slot of {@code call}'s project and user in {@code
   * lane}, released when it completes; refused at once (429 {@code project_busy}, or 503) beyond
   * the share, before any connection is asked for.
   */
  <T> Future<T> withSlot(QueryCall call, FairShare.Lane lane, Supplier<Future<T>> work) {
    FairShare.Slot slot;
    try {
      slot = share.acquire(call.projectId(), call.userId(), lane);
    } catch (ApiException refused) {
      busy.increment();
      return Future.failedFuture(refused);
    }
    Future<T> running;
    try {
      running = work.get();
    } catch (RuntimeException e) {
      slot.release();
      return Future.failedFuture(e);
    }
    return running.onComplete(ar -> slot.release());
  }

  private Future<Buffer> compute(Prepared p, String key) {
    return withSlot(p.call, FairShare.Lane.QUERY, () -> executor.execute(p.request, p.guarded))
        .map(
            result -> {
              JsonArray columns = columnsJson(result.columns());
              JsonArray rows = rows(result);
              ResultValues.encodeColumns(columns, rows, false);
              Buffer body =
                  new JsonObject()
                      .put("columns", columns)
                      .put("rows", rows)
                      .put("rowCount", result.rowCount())
                      .put("truncated", result.truncated())
                      .toBuffer();
              if (config.cacheTtlSeconds() > 0 && body.length() <= settings.cacheMaxResultBytes()) {
                cache
                    .put(key, body, config.cacheTtlSeconds())
                    .onFailure(
                        e ->
                            LOG.warn(
                                "could not store a query result in the cache: {}", e.toString()));
              }
              return body;
            });
  }

  static JsonArray columnsJson(List<QueryResult.Column> columns) {
    JsonArray cols = new JsonArray();
    for (QueryResult.Column c : columns)
      cols.add(new JsonObject().put("name", c.name()).put("type", c.type()));
    return cols;
  }

  private static JsonArray rows(QueryResult result) {
    JsonArray rows = new JsonArray(new ArrayList<>(result.rows().size()));
    for (List<Object> row : result.rows()) rows.add(new JsonArray(row));
    return rows;
  }

  private Future<Buffer> cached(String key) {
    if (config.cacheTtlSeconds() == 0) {
      return Future.succeededFuture();
    }
    return cache
        .get(key)
        .recover(
            e -> {
              LOG.warn("query cache lookup failed, running the query: {}", e.toString());
              return Future.succeededFuture();
            });
  }

  static String cacheKey(Prepared p) {
    StringBuilder material =
        new StringBuilder(p.guarded.normalizedSql().length() + 64)
            .append(p.guarded.normalizedSql())
            .append('\u0000')
            .append(p.request.limit());
    if (!p.request.params().isEmpty()) {
      // Typed: 1 and "1" are different values (a text and a number parameter).
      material.append('\u0000').append(new JsonArray(new ArrayList<>(p.request.params())).encode());
    }
    for (String table : new TreeSet<>(p.guarded.referencedTables())) {
      material.append('\u0000').append(table).append('=').append(p.versions.get(table));
    }
    return p.request.projectId() + ":" + sha256(material.toString());
  }

  /** {@code {"cached":…,"elapsedMs":…,} + the stored body without its opening brace. */
  static Buffer respond(Buffer body, boolean cached, long elapsedMs) {
    String head = "{\"cached\":" + cached + ",\"elapsedMs\":" + elapsedMs + ",";
    return Buffer.buffer(head.length() + body.length())
        .appendString(head)
        .appendBuffer(body, 1, body.length() - 1);
  }

  private record Outcome(Prepared prepared, Buffer body, boolean cached) {}

  // ---------------------------------------------------------------------------------------------
  // observability and errors

  private void observe(Prepared p, Buffer body, boolean cached, long elapsedMs) {
    observe(p, body, cached, elapsedMs, -1);
  }

  void observe(Prepared p, Buffer body, boolean cached, long elapsedMs, long rowCount) {
    latencyTimer(p.call.source(), cached).record(elapsedMs, TimeUnit.MILLISECONDS);
    if (elapsedMs >= settings.slowQueryMs()) {
      long rows = rowCount >= 0 ? rowCount : body == null ? -1 : rowCountOf(body);
      LOG.info(
          "query took {} ms",
          elapsedMs,
          kv("project", p.request.projectId().toString()),
          kv("fingerprint", p.fingerprint()),
          kv("rows", rows),
          kv("cached", cached),
          kv("source", p.call.source()),
          kv("elapsedMs", elapsedMs));
    }
  }

  /** The latency timer of a source and cache outcome, looked up in the registry once. */
  private Timer latencyTimer(String source, boolean cached) {
    return timers.computeIfAbsent(
        source + (cached ? ":cached" : ":run"),
        k ->
            Timer.builder("query.latency")
                .description("time to answer a query, from the call to the result")
                .tags("source", source, "cached", String.valueOf(cached))
                .publishPercentileHistogram(false)
                .register(registry));
  }

  private static long rowCountOf(Buffer body) {
    try {
      return new JsonObject(body).getLong("rowCount", -1L);
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** A full user-SQL pool is an overload, not a bug: 503 with Retry-After at once. */
  <T> Future<T> overload(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ConnectionPoolTooBusyException) {
        overloaded.increment();
        return Future.failedFuture(
            ApiException.unavailable(
                "overloaded", "the query engine is at capacity; retry shortly", 1));
      }
    }
    return Future.failedFuture(e);
  }

  /** First 16 hex digits of the sha-256 of the normalised SQL: stable across cosmetic edits. */
  public static String fingerprint(String normalizedSql) {
    return sha256(normalizedSql).substring(0, 16);
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
