package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.Json;
import com.analyticsstudio.project.Role;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long queries as background jobs. State and results live in PostgreSQL ({@code query_jobs}, {@code
 * query_job_pages}), so any instance answers status, result and cancel; the statement runs in the
 * process that accepted it, at most {@code QUERY_JOB_CONCURRENCY} at once (the rest stay {@code
 * queued}). Rows stream from a cursor into pages of {@link #PAGE_ROWS}, at most the job's limit
 * ({@code min(limit, MAX_QUERY_ROWS)}, default {@code MAX_QUERY_ROWS}), so memory stays flat.
 * Cancelling marks the job and cancels its statement inside PostgreSQL: the backend running it has
 * {@code application_name = as-job-<id>} and gets {@code pg_cancel_backend}. Jobs are visible to
 * members of their project only (404 otherwise); the creator, editors and owners may cancel.
 */
public final class QueryJobs {
  private static final Logger LOG = LoggerFactory.getLogger(QueryJobs.class);

  /** Rows per stored result page. */
  static final int PAGE_ROWS = 1000;

  /** Most rows one result request returns. */
  static final int MAX_RESULT_LIMIT = 10_000;

  static final Set<String> STATUSES =
      Set.of("queued", "running", "succeeded", "failed", "cancelled");

  private final Vertx vertx;
  private final Pool appPool;
  private final QueryService queries;
  private final QueryExecutor executor;
  private final int concurrency;
  private final String instanceId = UUID.randomUUID().toString();
  private final AtomicInteger running = new AtomicInteger();
  private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
  private final Set<UUID> mine = ConcurrentHashMap.newKeySet();

  public QueryJobs(
      Vertx vertx, Pool appPool, QueryService queries, QueryExecutor executor, int concurrency) {
    this.vertx = vertx;
    this.appPool = appPool;
    this.queries = queries;
    this.executor = executor;
    this.concurrency = concurrency;
  }

  /**
   * Checks access and the SQL (so a refused statement is a 400 now, not a failed job), stores the
   * job, queues it.
   */
  public Future<JsonObject> submit(QueryCall call) {
    int limit =
        Math.min(call.limit() == null ? queries.maxRows() : call.limit(), queries.maxRows());
    UUID jobId = UUID.randomUUID();
    Context context = vertx.getOrCreateContext();
    return queries
        .prepare(call, limit)
        .compose(
            p ->
                appPool
                    .preparedQuery(QuerySql.JOB_INSERT)
                    .execute(
                        Tuple.of(
                                jobId,
                                call.projectId(),
                                call.userId(),
                                call.sql(),
                                p.fingerprint(),
                                call.source())
                            .addInteger(limit)
                            .addInteger(p.request().timeoutSeconds())
                            .addString(instanceId))
                    .map(
                        v -> {
                          mine.add(jobId);
                          enqueue(() -> context.runOnContext(x -> run(jobId, call, limit)));
                          return new JsonObject()
                              .put("jobId", jobId.toString())
                              .put("status", "queued");
                        }));
  }

  public Future<JsonObject> get(UUID projectId, UUID userId, UUID jobId) {
    return queries
        .member(projectId, userId)
        .compose(role -> load(projectId, jobId))
        .map(QueryJobs::state);
  }

  /** A page of a succeeded job's rows; 409 while it has not succeeded. */
  public Future<JsonObject> result(
      UUID projectId, UUID userId, UUID jobId, long offset, int limit) {
    if (offset < 0 || limit < 1 || limit > MAX_RESULT_LIMIT) {
      return Future.failedFuture(
          ApiException.invalidValue(
              "offset must be ≥ 0 and limit between 1 and " + MAX_RESULT_LIMIT, "query.limit"));
    }
    return queries
        .member(projectId, userId)
        .compose(role -> load(projectId, jobId))
        .compose(
            job -> {
              String status = job.getString("status");
              if (!"succeeded".equals(status)) {
                return Future.failedFuture(
                    new ApiException(
                        409,
                        "job_not_finished",
                        "the job is " + status + "; its result is available once it has succeeded",
                        new JsonObject().put("status", status)));
              }
              long rowCount = job.getLong("row_count", 0L);
              JsonObject page =
                  new JsonObject()
                      .put("jobId", jobId.toString())
                      .put(
                          "columns",
                          job.getValue("columns") instanceof JsonArray a ? a.copy() : null)
                      .put("offset", offset)
                      .put("limit", limit)
                      .put("rowCount", rowCount)
                      .put("truncated", job.getBoolean("truncated"));
              long end = Math.min(rowCount, offset + limit);
              if (offset >= end) {
                return Future.succeededFuture(page.put("rows", new JsonArray()));
              }
              int first = (int) (offset / PAGE_ROWS);
              int last = (int) ((end - 1) / PAGE_ROWS);
              return appPool
                  .preparedQuery(QuerySql.JOB_PAGES)
                  .execute(Tuple.of(jobId, first, last))
                  .map(
                      rows -> {
                        JsonArray out = new JsonArray();
                        for (Row r : rows) {
                          long base = (long) r.getInteger("page") * PAGE_ROWS;
                          JsonArray pageRows = (JsonArray) r.getValue("rows");
                          for (int i = 0; i < pageRows.size(); i++) {
                            long n = base + i;
                            if (n >= offset && n < end) out.add(pageRows.getValue(i));
                          }
                        }
                        if (page.getValue("columns") instanceof JsonArray cols) {
                          // the stored values are already exact (strings where a double would
                          // round); this makes each numeric column of the page read one way
                          ResultValues.encodeColumns(cols, out, false);
                        }
                        return page.put("rows", out);
                      });
            });
  }

  /**
   * Cancels a queued or running job (its statement inside PostgreSQL too); a finished job is left
   * as it is.
   */
  public Future<JsonObject> cancel(UUID projectId, UUID userId, UUID jobId) {
    return queries
        .member(projectId, userId)
        .compose(
            role ->
                load(projectId, jobId)
                    .compose(
                        job -> {
                          boolean creator = userId.toString().equals(job.getString("created_by"));
                          if (!creator && !role.atLeast(Role.EDITOR)) {
                            return Future.failedFuture(
                                ApiException.forbidden(
                                    "only the job's creator, editors and owners may cancel it"));
                          }
                          return appPool
                              .preparedQuery(QuerySql.JOB_CANCEL)
                              .execute(Tuple.of(jobId, projectId))
                              .compose(
                                  updated ->
                                      updated.rowCount() == 0
                                          ? Future.succeededFuture()
                                          : appPool
                                              .preparedQuery(QuerySql.JOB_CANCEL_BACKEND)
                                              .execute(Tuple.of(tag(jobId)))
                                              .mapEmpty())
                              .compose(v -> load(projectId, jobId))
                              .map(QueryJobs::state);
                        }));
  }

  /**
   * Deletes jobs past their TTL, refreshes this process's heartbeats and fails jobs whose process
   * died.
   */
  public Future<Void> maintain(int ttlHours) {
    List<UUID> live = List.copyOf(mine);
    return appPool
        .preparedQuery(QuerySql.JOB_SWEEP)
        .execute(Tuple.of(ttlHours))
        .compose(
            v ->
                live.isEmpty()
                    ? Future.succeededFuture()
                    : appPool
                        .preparedQuery(QuerySql.JOB_HEARTBEAT)
                        .execute(Tuple.of(live.toArray(new UUID[0]), instanceId))
                        .mapEmpty())
        .compose(v -> appPool.preparedQuery(QuerySql.JOB_ORPHANS).execute(Tuple.of(instanceId)))
        .mapEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  private void enqueue(Runnable start) {
    waiting.add(start);
    drain();
  }

  private void drain() {
    while (true) {
      int now = running.get();
      if (now >= concurrency) return;
      Runnable next = waiting.poll();
      if (next == null) return;
      if (running.compareAndSet(now, now + 1)) {
        next.run();
      } else {
        waiting.add(next);
      }
    }
  }

  private void finished(UUID jobId) {
    mine.remove(jobId);
    running.decrementAndGet();
    drain();
  }

  private void run(UUID jobId, QueryCall call, int limit) {
    appPool
        .preparedQuery(QuerySql.JOB_START)
        .execute(Tuple.of(jobId))
        .compose(
            started -> {
              if (started.rowCount() == 0) {
                return Future.succeededFuture(); // cancelled while queued
              }
              // Prepared again now (catalog at most a second old): datasets may have changed while
              // the job waited.
              return queries
                  .prepared(
                      call,
                      1,
                      p -> {
                        PageSink sink = new PageSink(jobId);
                        return executor.stream(
                                p.request(),
                                p.guarded(),
                                limit,
                                PAGE_ROWS,
                                p.request().timeoutSeconds() * 1000L,
                                tag(jobId),
                                sink)
                            .compose(summary -> sink.flush().map(summary))
                            .compose(
                                s ->
                                    appPool
                                        .preparedQuery(QuerySql.JOB_SUCCEED)
                                        .execute(
                                            Tuple.of(
                                                jobId,
                                                s.rowCount(),
                                                s.truncated(),
                                                QueryService.columnsJson(s.columns()))))
                            .recover(
                                err ->
                                    err instanceof QueryExecutor.CatalogChanged
                                        ? Future.failedFuture(err) // nothing ran: retried
                                        : appPool
                                            .preparedQuery(QuerySql.JOB_FAIL)
                                            .execute(Tuple.of(jobId, error(err), sink.rows)))
                            .mapEmpty();
                      })
                  .recover(
                      err ->
                          appPool
                              .preparedQuery(QuerySql.JOB_FAIL)
                              .execute(Tuple.of(jobId, error(err), 0L))
                              .mapEmpty());
            })
        .onFailure(e -> LOG.warn("query job {} could not record its outcome", jobId, e))
        .onComplete(ar -> finished(jobId));
  }

  /** Buffers rows into pages and stores each page before asking the cursor for more. */
  private final class PageSink implements QueryExecutor.RowSink {
    private final UUID jobId;
    private JsonArray page = new JsonArray();
    private int pageNo;
    long rows;

    PageSink(UUID jobId) {
      this.jobId = jobId;
    }

    @Override
    public Future<Void> start(List<QueryResult.Column> columns) {
      return appPool
          .preparedQuery(QuerySql.JOB_COLUMNS_SET)
          .execute(Tuple.of(jobId, QueryService.columnsJson(columns)))
          .mapEmpty();
    }

    @Override
    public Future<Void> rows(List<List<Object>> batch) {
      List<Future<?>> writes = new ArrayList<>();
      for (List<Object> row : batch) {
        page.add(new JsonArray(row));
        rows++;
        if (page.size() == PAGE_ROWS) writes.add(store());
      }
      return Future.all(writes).mapEmpty();
    }

    Future<Void> flush() {
      return page.isEmpty() ? Future.succeededFuture() : store();
    }

    private Future<Void> store() {
      JsonArray full = page;
      page = new JsonArray();
      return appPool
          .preparedQuery(QuerySql.JOB_PAGE)
          .execute(Tuple.of(jobId, pageNo++, full))
          .mapEmpty();
    }
  }

  private static JsonObject error(Throwable err) {
    ApiException api =
        err instanceof ApiException a
            ? a
            : new ApiException(
                500, "internal_error", "the job failed on our side; it has been logged");
    if (!(err instanceof ApiException)) LOG.error("query job failed", err);
    return new JsonObject()
        .put("code", api.code())
        .put("message", api.getMessage())
        .put("details", api.details())
        .put("status", api.status());
  }

  static String tag(UUID jobId) {
    return "as-job-" + jobId;
  }

  private Future<JsonObject> load(UUID projectId, UUID jobId) {
    return appPool
        .preparedQuery(QuerySql.JOB_GET)
        .execute(Tuple.of(jobId, projectId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw ApiException.notFound("job");
              }
              Row r = rows.iterator().next();
              JsonObject j =
                  new JsonObject()
                      .put("id", r.getUUID("id").toString())
                      .put(
                          "created_by",
                          r.getUUID("created_by") == null
                              ? null
                              : r.getUUID("created_by").toString())
                      .put("status", r.getString("status"))
                      .put("row_count", r.getLong("row_count"))
                      .put("truncated", r.getBoolean("truncated"))
                      .put(
                          "columns",
                          r.getValue("columns") instanceof JsonArray a ? a : new JsonArray())
                      .put("error", r.getJsonObject("error"))
                      .put("created_at", Json.iso(r.getOffsetDateTime("created_at")))
                      .put("started_at", Json.iso(r.getOffsetDateTime("started_at")))
                      .put("finished_at", Json.iso(r.getOffsetDateTime("finished_at")));
              OffsetDateTime started = r.getOffsetDateTime("started_at");
              OffsetDateTime finished = r.getOffsetDateTime("finished_at");
              long elapsed =
                  started == null
                      ? 0
                      : Duration.between(
                              started, finished != null ? finished : OffsetDateTime.now())
                          .toMillis();
              return j.put("elapsedMs", Math.max(0, elapsed));
            });
  }

  /**
   * The API shape of a job: {@code {jobId, status, elapsedMs, rowCount, truncated, createdAt,
   * error?}}.
   */
  private static JsonObject state(JsonObject job) {
    JsonObject out =
        new JsonObject()
            .put("jobId", job.getString("id"))
            .put("status", job.getString("status"))
            .put("elapsedMs", job.getLong("elapsedMs"))
            .put("rowCount", job.getLong("row_count"))
            .put("truncated", job.getBoolean("truncated"))
            .put("createdAt", job.getString("created_at"));
    JsonObject error = job.getJsonObject("error");
    if (error != null) {
      out.put(
          "error",
          new JsonObject()
              .put("code", error.getString("code"))
              .put("message", error.getString("message"))
              .put("details", error.getJsonObject("details", new JsonObject())));
    }
    return out;
  }
}
