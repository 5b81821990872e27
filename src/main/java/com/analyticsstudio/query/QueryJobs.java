package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Json;
import com.analyticsstudio.common.Paging;
import com.analyticsstudio.project.Role;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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
  private final AppConfig.Fairness limits;
  private final int ttlHours;
  private final FairShare share;
  private final String instanceId = UUID.randomUUID().toString();
  private final Set<UUID> mine = ConcurrentHashMap.newKeySet();

  /** Jobs accepted by this process and not started yet, oldest first; guarded by {@code this}. */
  private final Deque<Waiting> waiting = new ArrayDeque<>();

  /** Jobs of this process running now; guarded by {@code this}. */
  private int running;

  /** A queued job: its project (for the fair share) and how to start it with its slot. */
  private record Waiting(UUID projectId, Consumer<FairShare.Slot> start) {}

  /**
   * @param concurrency jobs running at once in this process ({@code QUERY_JOB_CONCURRENCY})
   * @param limits per-project job caps and result-byte caps
   * @param ttlHours how long jobs are kept ({@code QUERY_JOB_TTL_HOURS}), for {@code Retry-After}
   */
  public QueryJobs(
      Vertx vertx,
      Pool appPool,
      QueryService queries,
      QueryExecutor executor,
      int concurrency,
      AppConfig.Fairness limits,
      int ttlHours) {
    this.vertx = vertx;
    this.appPool = appPool;
    this.queries = queries;
    this.executor = executor;
    this.concurrency = concurrency;
    this.limits = limits;
    this.ttlHours = ttlHours;
    this.share = queries.share();
    // A job waiting for its project's share starts as soon as any statement gives a slot back.
    share.onRelease(this::drainIfWaiting);
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
        .compose(p -> checkQuota(call.projectId()).map(p))
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
                          enqueue(
                              new Waiting(
                                  call.projectId(),
                                  slot ->
                                      context.runOnContext(x -> run(jobId, call, limit, slot))));
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
              if (!"succeeded".equals(status)) return Future.failedFuture(notFinished(status));
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
   * Streams a succeeded job's stored rows into {@code sink} ({@code getQueryJobResult}'s rows as an
   * export), at most {@code maxRows} of them, {@link QueryService#EXPORT_BATCH_ROWS} at a time: the
   * next pages are read only when the sink has taken the last batch, so memory stays at a batch.
   * The summary's {@code truncated} is the job's (the query had more rows than the job kept) or
   * true when {@code maxRows} cut the stored rows (an XLSX sheet's size); 409 while the job has not
   * succeeded, like its result.
   */
  public Future<QueryExecutor.StreamSummary> export(
      UUID projectId, UUID userId, UUID jobId, long maxRows, QueryExecutor.RowSink sink) {
    long start = System.nanoTime();
    return queries
        .member(projectId, userId)
        .compose(role -> load(projectId, jobId))
        .compose(
            job -> {
              String status = job.getString("status");
              if (!"succeeded".equals(status)) return Future.failedFuture(notFinished(status));
              List<QueryResult.Column> columns = new ArrayList<>();
              for (Object c : job.getJsonArray("columns")) {
                JsonObject col = (JsonObject) c;
                columns.add(new QueryResult.Column(col.getString("name"), col.getString("type")));
              }
              long stored = job.getLong("row_count", 0L);
              long rows = Math.min(stored, maxRows);
              boolean truncated = Boolean.TRUE.equals(job.getBoolean("truncated")) || stored > rows;
              return sink.start(columns)
                  .compose(v -> exportPages(jobId, 0, rows, sink))
                  .map(
                      v ->
                          new QueryExecutor.StreamSummary(
                              columns, rows, truncated, (System.nanoTime() - start) / 1_000_000));
            });
  }

  /** Pages per export batch. */
  private static final int EXPORT_PAGES = Math.max(1, QueryService.EXPORT_BATCH_ROWS / PAGE_ROWS);

  /** Sends rows {@code from} (a page boundary) up to {@code end}, a batch at a time. */
  private Future<Void> exportPages(UUID jobId, long from, long end, QueryExecutor.RowSink sink) {
    if (from >= end) return Future.succeededFuture();
    int first = (int) (from / PAGE_ROWS);
    int last = (int) Math.min((end - 1) / PAGE_ROWS, first + EXPORT_PAGES - 1L);
    return appPool
        .preparedQuery(QuerySql.JOB_PAGES_TEXT)
        .execute(Tuple.of(jobId, first, last))
        .compose(
            pages -> {
              List<List<Object>> batch = new ArrayList<>();
              long n = from;
              for (Row r : pages) {
                JsonArray rows = exactJson(r.getString("rows"));
                for (int i = 0; i < rows.size() && n < end; i++, n++) {
                  JsonArray row = rows.getJsonArray(i);
                  List<Object> values = new ArrayList<>(row.size());
                  for (int c = 0; c < row.size(); c++) values.add(row.getValue(c));
                  batch.add(values);
                }
              }
              if (batch.isEmpty()) {
                // the job was deleted (its TTL) while it was being exported
                return Future.failedFuture(ApiException.notFound("job"));
              }
              long next = n;
              return sink.rows(batch).compose(v -> exportPages(jobId, next, end, sink));
            });
  }

  /** Reads JSON decimals as BigDecimal, so a stored {@code 2.50} is exported as {@code 2.50}. */
  private static final ObjectMapper DECIMALS =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static JsonArray exactJson(String text) {
    try {
      return new JsonArray(DECIMALS.readValue(text, new TypeReference<List<Object>>() {}));
    } catch (IOException e) {
      throw new IllegalStateException("a stored job page is not a JSON array", e);
    }
  }

  /** 409 {@code job_not_finished}: a job whose result is asked for before it has succeeded. */
  static ApiException notFinished(String status) {
    return new ApiException(
        409,
        "job_not_finished",
        "the job is " + status + "; its result is available once it has succeeded",
        new JsonObject().put("status", status));
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

  /**
   * Refuses a new job of a project that has {@code QUERY_JOB_MAX_ACTIVE_PER_PROJECT} queued or
   * running (429 {@code too_many_jobs}), or keeps {@code QUERY_JOB_MAX_STORED_PER_PROJECT} jobs or
   * {@code QUERY_JOB_MAX_STORED_MB_PER_PROJECT} of results (429 {@code job_storage_full}, {@code
   * Retry-After} when the oldest expires). Submissions racing each other may pass together; each
   * job's own result is capped ({@code QUERY_JOB_MAX_RESULT_MB}), so the overshoot is bounded.
   */
  private Future<Void> checkQuota(UUID projectId) {
    return appPool
        .preparedQuery(QuerySql.JOB_QUOTA)
        .execute(Tuple.of(projectId, ttlHours))
        .compose(
            rows -> {
              Row r = rows.iterator().next();
              long active = r.getLong("active");
              long stored = r.getLong("stored");
              long bytes = r.getLong("bytes");
              if (active >= limits.jobMaxActivePerProject()) {
                return Future.failedFuture(
                    new ApiException(
                        429,
                        "too_many_jobs",
                        "the project has "
                            + active
                            + " jobs queued or running, the most it may have"
                            + " (QUERY_JOB_MAX_ACTIVE_PER_PROJECT); wait for one to finish or"
                            + " cancel one",
                        new JsonObject()
                            .put("active", active)
                            .put("limit", limits.jobMaxActivePerProject()),
                        JOB_RETRY_AFTER_SECONDS,
                        null));
              }
              if (stored >= limits.jobMaxStoredPerProject()
                  || bytes >= limits.jobMaxStoredBytesPerProject()) {
                Integer expiresIn = r.getInteger("expires_in");
                int retryAfter = Math.max(1, expiresIn == null ? 60 : expiresIn);
                return Future.failedFuture(
                    new ApiException(
                        429,
                        "job_storage_full",
                        "the project keeps "
                            + stored
                            + " jobs with "
                            + bytes / (1024 * 1024)
                            + " MB of results, the most it may (QUERY_JOB_MAX_STORED_PER_PROJECT "
                            + limits.jobMaxStoredPerProject()
                            + ", QUERY_JOB_MAX_STORED_MB_PER_PROJECT "
                            + limits.jobMaxStoredBytesPerProject() / (1024 * 1024)
                            + "); jobs are deleted "
                            + ttlHours
                            + " h after they were created (QUERY_JOB_TTL_HOURS)",
                        new JsonObject()
                            .put("stored", stored)
                            .put("storedBytes", bytes)
                            .put("maxStored", limits.jobMaxStoredPerProject())
                            .put("maxStoredBytes", limits.jobMaxStoredBytesPerProject()),
                        retryAfter,
                        null));
              }
              return Future.succeededFuture();
            });
  }

  /** Seconds a project with too many active jobs is told to wait. */
  static final int JOB_RETRY_AFTER_SECONDS = 5;

  private void enqueue(Waiting job) {
    synchronized (this) {
      waiting.add(job);
    }
    drain();
  }

  private void drainIfWaiting() {
    boolean any;
    synchronized (this) {
      any = !waiting.isEmpty() && running < concurrency;
    }
    if (any) drain();
  }

  /**
   * Starts queued jobs, oldest first, while this process runs fewer than {@code
   * QUERY_JOB_CONCURRENCY}; a job whose project has no fair-share slot free stays queued (jobs of
   * other projects behind it may start) until a slot is released.
   */
  private void drain() {
    List<Runnable> starts = new ArrayList<>();
    synchronized (this) {
      Iterator<Waiting> it = waiting.iterator();
      while (running < concurrency && it.hasNext()) {
        Waiting next = it.next();
        FairShare.Slot slot = share.tryAcquire(next.projectId(), null, FairShare.Lane.JOB);
        if (slot == null) continue;
        it.remove();
        running++;
        starts.add(() -> next.start().accept(slot));
      }
    }
    // Outside the lock: starting a job only schedules it on its context.
    starts.forEach(Runnable::run);
  }

  private void finished(UUID jobId, FairShare.Slot slot) {
    mine.remove(jobId);
    synchronized (this) {
      running--;
    }
    slot.release(); // also drains (onRelease)
  }

  private void run(UUID jobId, QueryCall call, int limit, FairShare.Slot slot) {
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
        .onComplete(ar -> finished(jobId, slot));
  }

  /** Buffers rows into pages and stores each page before asking the cursor for more. */
  private final class PageSink implements QueryExecutor.RowSink {
    private final UUID jobId;
    private JsonArray page = new JsonArray();
    private int pageNo;
    private long pageBytes;
    private long bytes;
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
        long size = ResultValues.jsonSize(row);
        if (bytes + size > limits.jobMaxResultBytes()) {
          // The cursor stops here; the job fails and its stored pages are deleted (JOB_FAIL).
          return Future.all(writes)
              .transform(
                  ar ->
                      Future.failedFuture(
                          QueryExecutor.resultTooLarge(limits.jobMaxResultBytes())));
        }
        bytes += size;
        pageBytes += size;
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
      long size = pageBytes;
      page = new JsonArray();
      pageBytes = 0;
      return appPool
          .preparedQuery(QuerySql.JOB_PAGE)
          .execute(Tuple.of(jobId, pageNo++, full, size))
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
              return row(rows.iterator().next());
            });
  }

  /**
   * A page of the project's jobs for a member, newest first, keyset-paged on {@code (created_at,
   * id)}: {@code {items, next, limit, total}}.
   */
  public Future<JsonObject> list(UUID projectId, UUID userId, int limit, JsonObject after) {
    OffsetDateTime afterCreated;
    UUID afterId;
    try {
      afterCreated = after == null ? null : OffsetDateTime.parse(after.getString("t"));
      afterId = after == null ? null : UUID.fromString(after.getString("id"));
    } catch (RuntimeException e) {
      return Future.failedFuture(
          ApiException.invalidValue(
              "query parameter 'cursor' is not a cursor of this list", "query.cursor"));
    }
    Paging.Page page = new Paging.Page(limit, after);
    return queries
        .member(projectId, userId)
        .compose(
            role ->
                appPool
                    .preparedQuery(QuerySql.JOB_LIST)
                    .execute(Tuple.of(projectId, afterCreated, afterId, page.fetch())))
        .compose(
            rows ->
                appPool
                    .preparedQuery(QuerySql.JOB_COUNT)
                    .execute(Tuple.of(projectId))
                    .map(
                        count -> {
                          JsonArray items = new JsonArray();
                          List<String> positions = new ArrayList<>();
                          for (Row r : rows) {
                            items.add(state(row(r)));
                            positions.add(r.getOffsetDateTime("created_at").toString());
                          }
                          return Paging.answer(
                              page,
                              items,
                              count.iterator().next().getLong(0),
                              last ->
                                  new JsonObject()
                                      .put("t", positions.get(page.limit() - 1))
                                      .put("id", last.getString("jobId")));
                        }));
  }

  /** A stored job as the internal JSON {@link #state} reads. */
  private static JsonObject row(Row r) {
    JsonObject j =
        new JsonObject()
            .put("id", r.getUUID("id").toString())
            .put(
                "created_by",
                r.getUUID("created_by") == null ? null : r.getUUID("created_by").toString())
            .put("status", r.getString("status"))
            .put("row_limit", r.getInteger("row_limit"))
            .put("row_count", r.getLong("row_count"))
            .put("truncated", r.getBoolean("truncated"))
            .put("columns", r.getValue("columns") instanceof JsonArray a ? a : new JsonArray())
            .put("error", r.getJsonObject("error"))
            .put("created_at", Json.iso(r.getOffsetDateTime("created_at")))
            .put("started_at", Json.iso(r.getOffsetDateTime("started_at")))
            .put("finished_at", Json.iso(r.getOffsetDateTime("finished_at")));
    OffsetDateTime started = r.getOffsetDateTime("started_at");
    OffsetDateTime finished = r.getOffsetDateTime("finished_at");
    long elapsed =
        started == null
            ? 0
            : Duration.between(started, finished != null ? finished : OffsetDateTime.now())
                .toMillis();
    return j.put("elapsedMs", Math.max(0, elapsed));
  }

  /**
   * The API shape of a job: {@code {jobId, status, elapsedMs, rowCount, truncated, rowLimit,
   * createdAt, error?}}.
   */
  private static JsonObject state(JsonObject job) {
    JsonObject out =
        new JsonObject()
            .put("jobId", job.getString("id"))
            .put("status", job.getString("status"))
            .put("elapsedMs", job.getLong("elapsedMs"))
            .put("rowCount", job.getLong("row_count"))
            .put("truncated", job.getBoolean("truncated"))
            .put("rowLimit", job.getInteger("row_limit"))
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
