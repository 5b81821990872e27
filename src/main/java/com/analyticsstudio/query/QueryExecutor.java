package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.tenancy.ProjectSchemas;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PreparedStatement;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.desc.ColumnDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs untrusted SQL for a project, non-blocking, on a Vert.x {@link Pool}.
 *
 * <p>Every statement goes through two walls:
 *
 * <ol>
 *   <li>{@link SqlGuard} (on a worker thread): one read-only SELECT over the project's datasets,
 *       with allow-listed functions only.
 *   <li>Confinement inside PostgreSQL, on one pooled connection: {@code BEGIN ISOLATION LEVEL
 *       REPEATABLE READ READ ONLY}, then {@code SET LOCAL} of {@code statement_timeout}, {@code
 *       lock_timeout}, {@code idle_in_transaction_session_timeout}, {@code search_path} (the
 *       project's schema, then {@code pg_catalog}, then {@code pg_temp}) and {@code role} (the
 *       project's NOLOGIN reader role). Time zone (UTC) and standard conforming strings are fixed
 *       for the session ({@link com.analyticsstudio.common.Db#forUserSql}). The user statement runs
 *       alone through the extended protocol (PostgreSQL refuses more than one command there),
 *       wrapped in a {@code LIMIT} of {@code limit + 1} rows, and the transaction is always rolled
 *       back, so every setting is undone before the connection returns to the pool.
 * </ol>
 *
 * Failures come back as {@link ApiException}: the guard's 400/403 refusals, 408-style timeouts as
 * 422 {@code query_timeout}, 403 {@code permission_denied}, 403 {@code only_select} (read-only
 * transaction refused a write), 422 {@code unknown_table} and 422 {@code query_failed} with
 * PostgreSQL's message and SQLSTATE in {@code details}. Pool failures (e.g. the wait queue is full)
 * and lost connections propagate unchanged for the caller to map (e.g. to 503).
 *
 * <p>The pool's login role must be a member of every project's reader role (see {@link
 * ProjectSchemas}).
 */
public final class QueryExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(QueryExecutor.class);
  private static final String EXPLAIN_PREFIX = "EXPLAIN (FORMAT JSON) ";

  private final Vertx vertx;
  private final Pool pool;
  private final Pool control;
  private final Ceilings ceilings;
  private final AtomicInteger inUse = new AtomicInteger();

  /**
   * Resource ceilings of every user statement, inside PostgreSQL and here.
   *
   * @param tempFileLimitKb {@code SET LOCAL temp_file_limit} in kB; -1 = not set (the server's
   *     setting applies; also when the login role may not set it, see {@code
   *     V22__temp_file_limit_grant.sql})
   * @param workMemKb {@code SET LOCAL work_mem} in kB; 0 = not set
   * @param maxResultBytes rows of a JSON result ({@link #execute}) are kept up to about this many
   *     bytes (as JSON); beyond it the query fails with 422 {@code result_too_large}
   */
  public record Ceilings(int tempFileLimitKb, int workMemKb, long maxResultBytes) {
    /** No ceiling at all (tests of the confinement alone). */
    public static final Ceilings NONE = new Ceilings(-1, 0, Long.MAX_VALUE);

    /**
     * These ceilings, without {@code temp_file_limit} when the login role may not set it ({@code
     * maySet} false: a non-superuser app role whose database was not provisioned with V22), since
     * every query would otherwise fail its setup. Logged as a warning, so the operator sees the
     * missing ceiling.
     */
    public Ceilings allowed(boolean maySetTempFileLimit) {
      if (tempFileLimitKb < 0 || maySetTempFileLimit) return this;
      LOG.warn(
          "the database role may not SET temp_file_limit: user queries run without"
              + " QUERY_TEMP_FILE_LIMIT_MB; run config/postgres/provision.sql (V22) as a superuser"
              + " to grant it");
      return new Ceilings(-1, workMemKb, maxResultBytes);
    }
  }

  public QueryExecutor(Vertx vertx, Pool pool) {
    this(vertx, pool, Ceilings.NONE);
  }

  public QueryExecutor(Vertx vertx, Pool pool, Ceilings ceilings) {
    this(vertx, pool, ceilings, pool);
  }

  /**
   * @param control the pool that ends broken query connections ({@link #terminate}): the app's own
   *     pool, so it works when the query pool is full (same login role)
   */
  public QueryExecutor(Vertx vertx, Pool pool, Ceilings ceilings, Pool control) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.ceilings = Objects.requireNonNull(ceilings, "ceilings");
    this.control = Objects.requireNonNull(control, "control");
  }

  public Ceilings ceilings() {
    return ceilings;
  }

  /**
   * Checks and runs {@code req.sql()} confined to the project.
   *
   * @return the first {@code req.limit()} rows; fails with {@link ApiException} as described on the
   *     class
   */
  public Future<QueryResult> execute(QueryRequest req) {
    return guard(req).compose(g -> executeConfined(req, g.sql()));
  }

  /**
   * Runs a statement the caller already checked: {@code g} must be what {@link
   * SqlGuard#check(String, java.util.Set)} returned for {@code req.sql()} and {@code
   * req.allowedTables()} (callers that need the {@link GuardedSql} first, e.g. to build a cache
   * key, use this so the guard runs once).
   */
  Future<QueryResult> execute(QueryRequest req, GuardedSql g) {
    return bound(req, r -> executeConfined(r, g.sql()));
  }

  /**
   * {@link #explain(QueryRequest)} for a statement the caller already checked (see {@link
   * #execute(QueryRequest, GuardedSql)}).
   */
  Future<JsonObject> explain(QueryRequest req, GuardedSql g) {
    return bound(req, r -> explainConfined(r, g.sql()));
  }

  /**
   * Runs {@code run} with {@code req}'s parameter values; when the PostgreSQL client refuses one
   * for the type PostgreSQL inferred (text where a date is expected, …), binds again with it
   * converted ({@link BindParams}): nothing ran, since binding precedes execution. A value with no
   * exact conversion is 400 {@code validation_failed} at {@code /params/<i>}.
   */
  private <T> Future<T> bound(QueryRequest req, Function<QueryRequest, Future<T>> run) {
    return run.apply(req)
        .recover(
            err -> {
              BindParams.Mismatch m = BindParams.mismatch(err, req.params().size());
              if (m == null) return Future.failedFuture(err);
              // Each retry turns one value into exactly the expected class, so it ends.
              return bound(req.withParams(BindParams.converted(req.params(), m)), run);
            });
  }

  /**
   * Checks {@code req.sql()} and returns PostgreSQL's plan for it ({@code EXPLAIN (FORMAT JSON)},
   * never ANALYZE, so the query is planned but not run), confined exactly like {@link #execute}.
   *
   * @return the plan object (the single element of PostgreSQL's JSON array, with a {@code Plan}
   *     key)
   */
  public Future<JsonObject> explain(QueryRequest req) {
    return guard(req).compose(g -> explainConfined(req, g.sql()));
  }

  /** Connections of the pool this executor holds right now (a gauge for metrics). */
  public int connectionsInUse() {
    return inUse.get();
  }

  /** Where {@link #stream} delivers rows; it paces the cursor through the futures it returns. */
  public interface RowSink {
    /** Called once, before any rows, with the result columns. */
    Future<Void> start(List<QueryResult.Column> columns);

    /**
     * One batch of JSON-friendly rows; the next batch is fetched when the returned future
     * completes.
     */
    Future<Void> rows(List<List<Object>> batch);
  }

  /**
   * What a {@link #stream} delivered.
   *
   * @param truncated true when the statement had more than {@code maxRows} rows
   */
  public record StreamSummary(
      List<QueryResult.Column> columns, long rowCount, boolean truncated, long elapsedMs) {}

  /**
   * Streams the rows of a checked statement ({@code g}, see {@link #execute(QueryRequest,
   * GuardedSql)}) through a server-side cursor, {@code batchRows} at a time, under the same
   * confinement as {@link #execute}. Memory stays at one batch whatever the result size: the next
   * batch is read only when the sink's future completes (back-pressure). {@code req.limit()} is not
   * used; {@code maxRows} caps the rows instead. {@code statement_timeout} ({@code
   * req.timeoutSeconds()}) bounds each fetch; {@code deadlineMs} bounds the whole stream.
   *
   * @param tag when not null, the backend's {@code application_name} while the statement runs
   *     (lower-case letters, digits and dashes), so it can be found in {@code pg_stat_activity} and
   *     cancelled
   */
  public Future<StreamSummary> stream(
      QueryRequest req,
      GuardedSql g,
      long maxRows,
      int batchRows,
      long deadlineMs,
      String tag,
      RowSink sink) {
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("tag must match " + TAG.pattern());
    }
    String sql = g.sql();
    return bound(req, r -> streamConfined(r, sql, maxRows, batchRows, deadlineMs, tag, sink));
  }

  private Future<StreamSummary> streamConfined(
      QueryRequest r,
      String sql,
      long maxRows,
      int batchRows,
      long deadlineMs,
      String tag,
      RowSink sink) {
    long start = System.nanoTime();
    long deadlineNanos = start + deadlineMs * 1_000_000L;
    return confined(
            r,
            tag,
            true,
            deadlineMs + CLIENT_GRACE_SECONDS * 1000L,
            (conn, ready) -> {
              Future<PreparedStatement> prepared = conn.prepare(sql);
              return ready
                  .compose(v -> prepared, err -> closeLater(prepared, err))
                  .compose(
                      ps -> {
                        Cursor cursor = ps.cursor(BindParams.tuple(r.params()));
                        StreamState state = new StreamState(maxRows, batchRows, deadlineNanos, r);
                        return pump(cursor, state, sink)
                            .eventually(
                                () -> {
                                  ps.close(); // pipelined ahead of the ROLLBACK; its outcome does
                                  // not matter
                                  return Future.succeededFuture();
                                })
                            .map(
                                v ->
                                    new StreamSummary(
                                        state.columns,
                                        state.rows,
                                        state.truncated,
                                        (System.nanoTime() - start) / 1_000_000));
                      });
            })
        .recover(err -> Future.failedFuture(mapError(err, r, 0)));
  }

  private static final Pattern TAG = Pattern.compile("[a-z0-9-]{1,60}");

  private static final class StreamState {
    final long maxRows;
    final int batchRows;
    final long deadlineNanos;
    final QueryRequest req;
    List<QueryResult.Column> columns;
    long rows;
    boolean truncated;

    StreamState(long maxRows, int batchRows, long deadlineNanos, QueryRequest req) {
      this.maxRows = maxRows;
      this.batchRows = batchRows;
      this.deadlineNanos = deadlineNanos;
      this.req = req;
    }
  }

  private static Future<Void> pump(Cursor cursor, StreamState st, RowSink sink) {
    if (System.nanoTime() > st.deadlineNanos) {
      return Future.failedFuture(new ClientDeadline());
    }
    long remaining = st.maxRows - st.rows;
    // One row more than may be delivered tells whether the result was cut.
    int ask = (int) Math.min(st.batchRows, remaining + 1);
    return cursor
        .read(ask)
        .compose(
            rs -> {
              List<List<Object>> batch = new ArrayList<>(Math.min(ask, rs.size()));
              for (Row row : rs) {
                if (st.rows + batch.size() == st.maxRows) {
                  st.truncated = true;
                  break;
                }
                List<Object> values = values(row);
                // Checked before the sink starts, so a first batch holding such a row is refused
                // before any byte of the export is written.
                if (ResultValues.jsonSize(values) > MAX_STREAMED_ROW_BYTES) {
                  return Future.failedFuture(rowTooLarge());
                }
                batch.add(values);
              }
              Future<Void> started = Future.succeededFuture();
              if (st.columns == null) {
                st.columns = columnsOf(rs);
                started = sink.start(st.columns);
              }
              st.rows += batch.size();
              boolean more = !st.truncated && cursor.hasMore();
              return started
                  .compose(v -> batch.isEmpty() ? Future.<Void>succeededFuture() : sink.rows(batch))
                  .compose(v -> more ? pump(cursor, st, sink) : Future.<Void>succeededFuture());
            });
  }

  /**
   * The most one streamed row (an export's or a job's) may hold: one value of hundreds of megabytes
   * ({@code SELECT repeat('x', 1e9)}) would otherwise be written out and buffered by every hop
   * while the stream's deadline runs, for no reader that wants it.
   */
  static final long MAX_STREAMED_ROW_BYTES = 16L * 1024 * 1024;

  /** 422 {@code result_too_large} for one row over {@link #MAX_STREAMED_ROW_BYTES}. */
  static ApiException rowTooLarge() {
    return ApiException.unprocessable(
        "result_too_large",
        "a row of the result is larger than 16 MB, the most a row may have; select fewer or"
            + " smaller values",
        new JsonObject().put("limit", "row").put("maxBytes", MAX_STREAMED_ROW_BYTES));
  }

  private static List<Object> values(Row row) {
    List<Object> values = new ArrayList<>(row.size());
    for (int i = 0; i < row.size(); i++) values.add(ResultValues.toJson(row.getValue(i)));
    return values;
  }

  private Future<GuardedSql> guard(QueryRequest req) {
    return vertx.executeBlocking(() -> SqlGuard.check(req.sql(), req.allowedTables()), false);
  }

  // ---------------------------------------------------------------------------------------------
  // The confinement path. Package-private so tests can prove the database blocks what the guard
  // would have refused; production code always goes through execute/explain/stream.

  Future<QueryResult> executeConfined(QueryRequest req, String sql) {
    return executeConfined(req, sql, true);
  }

  /**
   * {@link #executeConfined(QueryRequest, String)} with {@code sql} sent as it is, not inside the
   * {@code LIMIT} wrapper: for tests that show what PostgreSQL's confinement alone refuses (a write
   * or a {@code SET} cannot even be written inside the wrapper).
   */
  Future<QueryResult> executeUnwrapped(QueryRequest req, String sql) {
    return executeConfined(req, sql, false);
  }

  private Future<QueryResult> executeConfined(QueryRequest req, String sql, boolean limited) {
    long start = System.nanoTime();
    String statement = limited ? limitedText(req, sql) : sql;
    Tuple params =
        limited ? BindParams.tuple(req.params(), req.limit() + 1L) : BindParams.tuple(req.params());
    Collector<Row, BoundedRows, BoundedRows> collector = boundedValues(ceilings.maxResultBytes());
    ConfinedWork<SqlResult<BoundedRows>> work =
        (conn, ready, rollback) -> {
          // Setup, the statement (Bind/Execute, or Parse first when the connection has not prepared
          // it
          // yet) and ROLLBACK go out together. PostgreSQL runs nothing of the statement if the
          // setup
          // failed: the setup opens the transaction, so any error in it aborts the transaction and
          // the
          // statement is refused (25P02); the caller then reports the setup's error.
          Future<SqlResult<BoundedRows>> fetched =
              conn.preparedQuery(statement).collecting(collector).execute(params);
          // Pipelined right behind the statement; confined() waits for it before answering.
          Future<Void> unused = rollback.get();
          return ready.transform(r -> fetched);
        };
    return confined(req, null, false, (req.timeoutSeconds() + CLIENT_GRACE_SECONDS) * 1000L, work)
        .map(f -> toResult(f, req.limit(), start, ceilings.maxResultBytes()))
        .recover(
            err -> Future.failedFuture(mapError(err, req, limited ? LIMITED_PREFIX.length() : 0)));
  }

  /** Opens the wrapper that bounds the rows a statement can return (see {@link #limitedText}). */
  static final String LIMITED_PREFIX = "SELECT * FROM (\n";

  /**
   * The text the statement runs as: the checked SQL inside {@code SELECT * FROM (…) AS q LIMIT $n}
   * ({@code $n} the parameter after the statement's own), so PostgreSQL itself stops after {@code
   * limit + 1} rows (the extra row tells whether the result was cut), followed by a comment naming
   * the project and its catalog version. The guard accepts exactly one SELECT, which is always
   * valid as a subquery; the newlines keep a trailing comment of the user's from swallowing the
   * wrapper. The connection's prepared-statement cache is keyed by text, so the same SQL of two
   * projects (whose tables differ) or of two catalog versions (whose columns may differ) never
   * shares a prepared statement, and a repeated query is one round trip with no parse or plan in
   * PostgreSQL.
   */
  static String limitedText(QueryRequest req, String sql) {
    return LIMITED_PREFIX
        + sql
        + "\n) AS q LIMIT $"
        + (req.params().size() + 1)
        + "\n-- project "
        + req.projectId()
        + (req.catalogVersion() == null ? "" : " catalog " + req.catalogVersion());
  }

  /**
   * Rows as JSON-friendly value lists, collected as they are decoded (no intermediate row set),
   * while their estimated JSON size stays within {@code maxBytes}: past it, the rows kept so far
   * are dropped and the rest are decoded but not kept, so a huge result never sits in the heap (the
   * statement's {@code LIMIT} still bounds how many rows PostgreSQL sends).
   */
  static Collector<Row, BoundedRows, BoundedRows> boundedValues(long maxBytes) {
    return Collector.of(
        () -> new BoundedRows(maxBytes),
        (acc, row) -> acc.add(values(row)),
        (a, b) -> {
          for (List<Object> r : b.rows) a.add(r);
          if (b.overflow) a.overflow();
          return a;
        });
  }

  /** The rows of a JSON result, or the fact that they outgrew their byte cap. */
  static final class BoundedRows {
    private final long maxBytes;
    private List<List<Object>> rows = new ArrayList<>();
    private long bytes;
    private boolean overflow;

    BoundedRows(long maxBytes) {
      this.maxBytes = maxBytes;
    }

    void add(List<Object> row) {
      if (overflow) return;
      bytes += ResultValues.jsonSize(row);
      if (bytes > maxBytes) {
        overflow();
        return;
      }
      rows.add(row);
    }

    void overflow() {
      overflow = true;
      rows = List.of();
    }

    boolean overflowed() {
      return overflow;
    }

    List<List<Object>> rows() {
      return rows;
    }
  }

  Future<JsonObject> explainConfined(QueryRequest req, String sql) {
    return confined(
            req,
            null,
            false,
            (req.timeoutSeconds() + CLIENT_GRACE_SECONDS) * 1000L,
            (conn, ready) -> {
              Future<PreparedStatement> prepared = conn.prepare(EXPLAIN_PREFIX + sql);
              return ready
                  .compose(v -> prepared, err -> closeLater(prepared, err))
                  .compose(
                      ps ->
                          ps.query()
                              .execute(BindParams.tuple(req.params()))
                              .eventually(() -> ps.close()));
            })
        .map(QueryExecutor::planOf)
        .recover(err -> Future.failedFuture(mapError(err, req, EXPLAIN_PREFIX.length())));
  }

  /**
   * The setup failed: close the statement if its Parse still went through, and keep the setup's
   * error.
   */
  private static <T> Future<T> closeLater(
      Future<PreparedStatement> prepared, Throwable setupError) {
    prepared.onSuccess(PreparedStatement::close);
    return Future.failedFuture(setupError);
  }

  /**
   * Runs {@code work} on one connection inside the confined, read-only transaction and always rolls
   * back. The fixed setup is sent first and {@code work} pipelines behind it ({@code ready} fails
   * with {@link SetupFailure} when the setup did; the setup opens the transaction, so PostgreSQL
   * then refuses everything up to the ROLLBACK). Setup, statement and cleanup statements travel
   * pipelined, in order, on the one connection, which saves round trips on every query.
   */
  private <T> Future<T> confined(
      QueryRequest req,
      String tag,
      boolean waitsOnClient,
      long deadlineMs,
      BiFunction<SqlConnection, Future<Void>, Future<T>> work) {
    return confined(
        req, tag, waitsOnClient, deadlineMs, (conn, ready, rollback) -> work.apply(conn, ready));
  }

  /**
   * The work of a confined call: may send the ROLLBACK early (pipelined) through {@code rollback},
   * which is idempotent.
   */
  private interface ConfinedWork<T> {
    Future<T> run(SqlConnection conn, Future<Void> ready, Supplier<Future<Void>> rollback);
  }

  private <T> Future<T> confined(
      QueryRequest req, String tag, boolean waitsOnClient, long deadlineMs, ConfinedWork<T> work) {
    String setup = setupSql(req, tag, waitsOnClient);
    return pool.getConnection()
        .compose(
            conn -> {
              inUse.incrementAndGet();
              int backend = backendOf(conn);
              Future<Void> ready =
                  conn.query(setup)
                      .execute()
                      .<Void>mapEmpty()
                      .recover(err -> Future.failedFuture(new SetupFailure(err)));
              @SuppressWarnings("unchecked")
              Future<Void>[] rolledBack = new Future[1];
              Supplier<Future<Void>> rollback =
                  () -> {
                    if (rolledBack[0] == null) {
                      rolledBack[0] =
                          withDeadline(
                                  vertx,
                                  conn.query("ROLLBACK").execute().<Void>mapEmpty(),
                                  ROLLBACK_DEADLINE_MS)
                              .onFailure(e -> LOG.warn("ROLLBACK after a query failed", e));
                    }
                    return rolledBack[0];
                  };
              Future<T> outcome = work.run(conn, ready, rollback);
              // The connection goes back to the pool only once the ROLLBACK is done, whatever
              // happened.
              outcome.onComplete(
                  ar ->
                      rollback
                          .get()
                          .onComplete(
                              rb -> {
                                Future<Void> gone =
                                    rb.succeeded() || backend <= 0
                                        ? Future.succeededFuture()
                                        : terminate(backend);
                                gone.onComplete(
                                    t -> {
                                      inUse.decrementAndGet();
                                      conn.close();
                                    });
                              }));
              Future<T> finished =
                  outcome.transform(
                      ar -> {
                        Throwable failure = ar.failed() ? ar.cause() : null;
                        if (failure != null && ready.failed()) failure = ready.cause();
                        if (failure != null) return Future.<T>failedFuture(failure);
                        // Answer once the ROLLBACK is through (pipelined behind the statement, it
                        // costs no extra round trip).
                        return rollback.get().transform(rb -> Future.succeededFuture(ar.result()));
                      });
              // statement_timeout stops the query inside PostgreSQL; this only bounds how long the
              // caller
              // waits if the server or network stalls. The connection is released when PostgreSQL
              // answers.
              return withDeadline(vertx, finished, deadlineMs);
            });
  }

  /** How long a ROLLBACK may take before its connection counts as broken. */
  static final long ROLLBACK_DEADLINE_MS = 10_000;

  /**
   * Ends the backend of a connection whose ROLLBACK failed or never answered, so the pool drops it
   * instead of lending it again. Such a connection is broken, not busy: a value too large for the
   * client to buffer (one {@code repeat('x', 1e9)} cell) fails the decoder mid-message, and every
   * later command on it fails or waits forever behind the rest of that message — returned to the
   * pool, a few of them would starve every tenant. Ending the backend closes the socket, which is
   * the public way to make the pool forget a connection (V58 lets the app's role do it to its own
   * backends).
   */
  private static int backendOf(SqlConnection conn) {
    try {
      return PgConnection.cast(conn).processId();
    } catch (RuntimeException notPostgres) {
      return -1;
    }
  }

  private Future<Void> terminate(int backend) {
    LOG.warn("ending backend {}: its connection is broken and leaves the pool", backend);
    return withDeadline(
            vertx,
            control
                .preparedQuery("SELECT pg_terminate_backend($1)")
                .execute(Tuple.of(backend))
                .<Void>mapEmpty(),
            ROLLBACK_DEADLINE_MS)
        .onFailure(e -> LOG.error("could not end broken backend {}", backend, e))
        .recover(e -> Future.succeededFuture());
  }

  /** Seconds added to the statement timeout before the caller stops waiting regardless. */
  static final int CLIENT_GRACE_SECONDS = 5;

  /** Fails with {@link ClientDeadline} if {@code f} has not completed within {@code ms}. */
  static <T> Future<T> withDeadline(Vertx vertx, Future<T> f, long ms) {
    Promise<T> p = Promise.promise();
    long timer = vertx.setTimer(ms, t -> p.tryFail(new ClientDeadline()));
    f.onComplete(
        ar -> {
          vertx.cancelTimer(timer);
          if (ar.succeeded()) {
            p.tryComplete(ar.result());
          } else {
            p.tryFail(ar.cause());
          }
        });
    return p.future();
  }

  /** The caller-side deadline passed (the database did not answer in time). */
  static final class ClientDeadline extends RuntimeException {
    ClientDeadline() {
      super("no answer from the database in time", null, false, false);
    }
  }

  /** Our own fixed statements, sent in one simple-protocol round trip; no user text in here. */
  static String setupSql(QueryRequest req) {
    return setupSql(req, null, false, Ceilings.NONE);
  }

  private String setupSql(QueryRequest req, String tag, boolean waitsOnClient) {
    return setupSql(req, tag, waitsOnClient, ceilings);
  }

  /**
   * {@link #setupSql(QueryRequest)}, plus {@code application_name} = {@code tag} (already checked
   * against {@link #TAG}). {@code waitsOnClient}: the transaction stays open while a client reads
   * (streams), so it gets {@code idle_in_transaction_session_timeout} of its own (statement time
   * plus 30 s); otherwise the session's (a minute, {@link
   * com.analyticsstudio.common.Db#forUserSql}) applies: statement and ROLLBACK are sent together,
   * the transaction is never idle on purpose.
   */
  static String setupSql(QueryRequest req, String tag, boolean waitsOnClient, Ceilings ceilings) {
    long timeoutMs = req.timeoutSeconds() * 1000L;
    return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; "
        + "SET LOCAL statement_timeout = "
        + timeoutMs
        + "; "
        + "SET LOCAL lock_timeout = '1s'; "
        // Set while still the login role: temp_file_limit is a superuser setting (granted to a
        // non-superuser app role by V22), and the reader role cannot change either afterwards.
        + (ceilings.tempFileLimitKb() >= 0
            ? "SET LOCAL temp_file_limit = " + ceilings.tempFileLimitKb() + "; "
            : "")
        + (ceilings.workMemKb() > 0 ? "SET LOCAL work_mem = " + ceilings.workMemKb() + "; " : "")
        + (waitsOnClient
            ? "SET LOCAL idle_in_transaction_session_timeout = " + (timeoutMs + 30_000) + "; "
            : "")
        // pg_catalog after the project's schema so a dataset name wins over a catalog name, and
        // pg_temp last (it is otherwise searched first for tables).
        + "SET LOCAL search_path = "
        + ProjectSchemas.schemaName(req.projectId())
        + ", pg_catalog, pg_temp; "
        + (tag == null ? "" : "SET LOCAL application_name = '" + tag + "'; ")
        + "SET LOCAL ROLE "
        + ProjectSchemas.readerRole(req.projectId());
  }

  private static List<QueryResult.Column> columnsOf(RowSet<Row> rs) {
    List<QueryResult.Column> columns = new ArrayList<>();
    List<ColumnDescriptor> descriptors = rs.columnDescriptors();
    if (descriptors != null) {
      for (ColumnDescriptor d : descriptors) {
        columns.add(new QueryResult.Column(d.name(), ResultValues.columnType(d.typeName())));
      }
    }
    return columns;
  }

  private static QueryResult toResult(
      SqlResult<BoundedRows> f, int limit, long startNanos, long maxBytes) {
    if (f.value() != null && f.value().overflowed()) {
      throw resultTooLarge(maxBytes);
    }
    List<ColumnDescriptor> descriptors =
        f.columnDescriptors() == null ? List.of() : f.columnDescriptors();
    List<QueryResult.Column> columns = new ArrayList<>(descriptors.size());
    for (ColumnDescriptor d : descriptors) {
      columns.add(new QueryResult.Column(d.name(), ResultValues.columnType(d.typeName())));
    }
    List<List<Object>> fetched = f.value() == null ? List.of() : f.value().rows();
    boolean truncated = fetched.size() > limit;
    List<List<Object>> rows = truncated ? fetched.subList(0, limit) : fetched;
    long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
    return new QueryResult(columns, rows, rows.size(), truncated, elapsedMs);
  }

  private static JsonObject planOf(RowSet<Row> rs) {
    for (Row row : rs) {
      Object v = row.getValue(0);
      if (v instanceof JsonArray arr && !arr.isEmpty() && arr.getValue(0) instanceof JsonObject o)
        return o;
      if (v instanceof JsonObject o) return o;
      if (v instanceof String s) {
        JsonArray arr = new JsonArray(s);
        return arr.getJsonObject(0);
      }
    }
    throw new ApiException(500, "explain_failed", "PostgreSQL returned no plan");
  }

  // ---------------------------------------------------------------------------------------------
  // errors

  /** 422 {@code result_too_large}: a JSON result (or a job's stored result) over its byte cap. */
  static ApiException resultTooLarge(long maxBytes) {
    long mb = Math.max(1, maxBytes / (1024 * 1024));
    return ApiException.unprocessable(
        "result_too_large",
        "the result is larger than "
            + mb
            + " MB, the most a query answers with; select fewer columns or rows, aggregate, or"
            + " stream it as an export (format=csv or ndjson)",
        new JsonObject().put("maxBytes", maxBytes));
  }

  /**
   * The statement's tables changed shape since the caller read the project's catalog (a prepared
   * statement no longer fits): nothing was returned; the caller reads the catalog again and
   * retries.
   */
  static final class CatalogChanged extends RuntimeException {
    CatalogChanged() {
      super(
          "the project's datasets changed while the query was being prepared", null, false, false);
    }
  }

  /** Marks a failure of our own fixed setup statements (e.g. the reader role does not exist). */
  private static final class SetupFailure extends RuntimeException {
    SetupFailure(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  private static boolean causedByOutOfMemory(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) return true;
      if (t.getCause() == t) break;
    }
    return false;
  }

  static Throwable mapError(Throwable err, QueryRequest req, int positionOffset) {
    if (err instanceof ApiException) return err;
    if (err instanceof SetupFailure sf) {
      LOG.error("query confinement setup failed for project {}", req.projectId(), sf.getCause());
      return new ApiException(
          500,
          "query_setup_failed",
          "the project's query environment is not set up; the query did not run");
    }
    if (err instanceof ClientDeadline) {
      return ApiException.unprocessable(
          "query_timeout",
          "the query ran longer than " + req.timeoutSeconds() + " s and was stopped",
          new JsonObject().put("timeoutSeconds", req.timeoutSeconds()));
    }
    if (causedByOutOfMemory(err)) {
      // The client could not buffer a message: one row (one value) is larger than the memory the
      // process keeps for network buffers. Nothing was returned; the connection is ended.
      return ApiException.unprocessable(
          "result_too_large",
          "a row of the result is larger than the server can receive; select fewer or smaller"
              + " values",
          new JsonObject().put("limit", "row"));
    }
    if (!(err instanceof PgException pg)) return err; // pool exhaustion, closed connection, … as-is
    String state = pg.getSqlState() == null ? "" : pg.getSqlState();
    switch (state) {
      case "57014":
        return ApiException.unprocessable(
            "query_timeout",
            "the query ran longer than " + req.timeoutSeconds() + " s and was stopped",
            new JsonObject().put("timeoutSeconds", req.timeoutSeconds()));
      case "42501":
        // PostgreSQL names the object (e.g. another project's schema): do not pass it on.
        return ApiException.forbidden(
            "permission_denied", "this query tried to read data outside the project");
      case "0A000":
        // A cached statement's tables changed shape under it (the client dropped it from its
        // cache):
        // like a catalog change, nothing was returned and one more try prepares it afresh.
        if (pg.getErrorMessage() != null
            && pg.getErrorMessage().contains("cached plan must not change result type")) {
          return new CatalogChanged();
        }
        break;
      case "25006":
        return ApiException.forbidden("only_select", "only SELECT statements can run");
      case "53400":
        // configuration_limit_exceeded: temp_file_limit (the only such limit a statement meets).
        return ApiException.unprocessable(
            "query_too_large",
            "the query needed more temporary disk space than a query may use ("
                + pg.getErrorMessage()
                + "); filter or aggregate more, or sort fewer rows",
            new JsonObject().put("sqlstate", state).put("limit", "temp_file_limit"));
      case "53200":
      case "54000":
        // out_of_memory / program_limit_exceeded: a single value or backend grew too large.
        return ApiException.unprocessable(
            "query_too_large",
            "the query needed more memory than a query may use ("
                + pg.getErrorMessage()
                + "); filter or aggregate more",
            new JsonObject().put("sqlstate", state).put("limit", "memory"));
      case "55P03":
        return ApiException.unprocessable(
            "query_failed",
            "the query had to wait for a lock and was stopped",
            new JsonObject().put("sqlstate", state));
      default:
        break;
    }
    JsonObject details = new JsonObject().put("sqlstate", state);
    if (pg.getHint() != null) details.put("hint", pg.getHint());
    if (pg.getPosition() != null) {
      try {
        int p = Integer.parseInt(pg.getPosition()) - positionOffset;
        if (p > 0) details.put("position", p);
      } catch (NumberFormatException ignored) {
        // no position
      }
    }
    String message = pg.getErrorMessage() == null ? "the query failed" : pg.getErrorMessage();
    if (state.equals("42P01")) {
      return ApiException.unprocessable("unknown_table", message, details);
    }
    return ApiException.unprocessable("query_failed", message, details);
  }
}
