package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PreparedStatement;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.desc.ColumnDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs untrusted SQL for a project, non-blocking, on a Vert.x {@link Pool}.
 *
 * <p>Every statement goes through two walls:
 * <ol>
 *   <li>{@link SqlGuard} (on a worker thread): one read-only SELECT over the project's datasets,
 *       with allow-listed functions only.</li>
 *   <li>Confinement inside PostgreSQL, on one pooled connection:
 *       {@code BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY}, then {@code SET LOCAL} of
 *       {@code role} (the project's NOLOGIN reader role), {@code search_path} (the project's schema,
 *       then {@code pg_catalog}, then {@code pg_temp}), {@code statement_timeout}, {@code lock_timeout},
 *       {@code idle_in_transaction_session_timeout}, {@code standard_conforming_strings} and
 *       {@code TimeZone = UTC}. The user statement runs alone through the extended protocol
 *       (PostgreSQL refuses more than one command there), through a cursor that never fetches more
 *       than {@code limit + 1} rows, and the transaction is always rolled back, so every setting
 *       (also any the statement itself made) is undone before the connection returns to the pool.</li>
 * </ol>
 * Failures come back as {@link ApiException}: the guard's 400/403 refusals, 408-style timeouts as
 * 422 {@code query_timeout}, 403 {@code permission_denied}, 400 {@code only_select} (read-only
 * transaction refused a write), 422 {@code unknown_table} and 422 {@code query_failed} with PostgreSQL's
 * message and SQLSTATE in {@code details}. Pool failures (e.g. the wait queue is full) and lost
 * connections propagate unchanged for the caller to map (e.g. to 503).
 *
 * <p>The pool's login role must be a member of every project's reader role (see {@link ProjectSchemas}).
 */
public final class QueryExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(QueryExecutor.class);
  private static final String EXPLAIN_PREFIX = "EXPLAIN (FORMAT JSON) ";

  private final Vertx vertx;
  private final Pool pool;

  public QueryExecutor(Vertx vertx, Pool pool) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /**
   * Checks and runs {@code req.sql()} confined to the project.
   *
   * @return the first {@code req.limit()} rows; fails with {@link ApiException} as described on the class
   */
  public Future<QueryResult> execute(QueryRequest req) {
    return guard(req).compose(g -> executeConfined(req, g.sql()));
  }

  /**
   * Checks {@code req.sql()} and returns PostgreSQL's plan for it ({@code EXPLAIN (FORMAT JSON)},
   * never ANALYZE, so the query is planned but not run), confined exactly like {@link #execute}.
   *
   * @return the plan object (the single element of PostgreSQL's JSON array, with a {@code Plan} key)
   */
  public Future<JsonObject> explain(QueryRequest req) {
    return guard(req).compose(g -> explainConfined(req, g.sql()));
  }

  private Future<GuardedSql> guard(QueryRequest req) {
    return vertx.executeBlocking(() -> SqlGuard.check(req.sql(), req.allowedTables()), false);
  }

  // ---------------------------------------------------------------------------------------------
  // The confinement path. Package-private so tests can prove the database blocks what the guard
  // would have refused; production code always goes through execute/explain.

  Future<QueryResult> executeConfined(QueryRequest req, String sql) {
    long start = System.nanoTime();
    return confined(req, conn -> conn.prepare(sql).compose(ps -> readRows(ps, req.limit())
            .eventually(() -> ps.close())))
        .map(rows -> toResult(rows, req.limit(), start))
        .recover(err -> Future.failedFuture(mapError(err, req, 0)));
  }

  Future<JsonObject> explainConfined(QueryRequest req, String sql) {
    return confined(req, conn -> conn.prepare(EXPLAIN_PREFIX + sql)
            .compose(ps -> ps.query().execute().eventually(() -> ps.close())))
        .map(QueryExecutor::planOf)
        .recover(err -> Future.failedFuture(mapError(err, req, EXPLAIN_PREFIX.length())));
  }

  private static Future<RowSet<Row>> readRows(PreparedStatement ps, int limit) {
    Cursor cursor = ps.cursor();
    return cursor.read(limit + 1).eventually(() -> cursor.close());
  }

  /**
   * Runs {@code work} on one connection inside the confined, read-only transaction and always rolls
   * back. Setup failures are reported as {@link SetupFailure}.
   */
  private <T> Future<T> confined(QueryRequest req, Function<SqlConnection, Future<T>> work) {
    String setup = setupSql(req);
    long deadlineMs = (req.timeoutSeconds() + CLIENT_GRACE_SECONDS) * 1000L;
    return pool.getConnection().compose(conn -> {
      Future<T> finished = conn.query(setup).execute()
          .recover(err -> Future.failedFuture(new SetupFailure(err)))
          .compose(v -> work.apply(conn))
          .transform(outcome -> conn.query("ROLLBACK").execute()
              .transform(rb -> {
                if (rb.failed()) {
                  LOG.warn("ROLLBACK after a query failed", rb.cause());
                }
                return outcome.succeeded() ? Future.succeededFuture(outcome.result())
                    : Future.<T>failedFuture(outcome.cause());
              }))
          .eventually(() -> conn.close());
      // statement_timeout stops the query inside PostgreSQL; this only bounds how long the caller
      // waits if the server or network stalls. The connection is released when PostgreSQL answers.
      return withDeadline(vertx, finished, deadlineMs);
    });
  }

  /** Seconds added to the statement timeout before the caller stops waiting regardless. */
  static final int CLIENT_GRACE_SECONDS = 5;

  /** Fails with {@link ClientDeadline} if {@code f} has not completed within {@code ms}. */
  static <T> Future<T> withDeadline(Vertx vertx, Future<T> f, long ms) {
    Promise<T> p = Promise.promise();
    long timer = vertx.setTimer(ms, t -> p.tryFail(new ClientDeadline()));
    f.onComplete(ar -> {
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
    long timeoutMs = req.timeoutSeconds() * 1000L;
    return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; "
        + "SET LOCAL statement_timeout = " + timeoutMs + "; "
        + "SET LOCAL lock_timeout = '1s'; "
        + "SET LOCAL idle_in_transaction_session_timeout = " + (timeoutMs + 30_000) + "; "
        + "SET LOCAL standard_conforming_strings = on; "
        + "SET LOCAL TimeZone = 'UTC'; "
        // pg_catalog after the project's schema so a dataset name wins over a catalog name, and
        // pg_temp last (it is otherwise searched first for tables).
        + "SET LOCAL search_path = " + ProjectSchemas.schemaName(req.projectId()) + ", pg_catalog, pg_temp; "
        + "SET LOCAL ROLE " + ProjectSchemas.readerRole(req.projectId());
  }

  private static QueryResult toResult(RowSet<Row> rs, int limit, long startNanos) {
    List<QueryResult.Column> columns = new ArrayList<>();
    List<ColumnDescriptor> descriptors = rs.columnDescriptors();
    if (descriptors != null) {
      for (ColumnDescriptor d : descriptors) {
        columns.add(new QueryResult.Column(d.name(), ResultValues.columnType(d.typeName())));
      }
    }
    List<List<Object>> rows = new ArrayList<>();
    boolean truncated = false;
    for (Row row : rs) {
      if (rows.size() == limit) {
        truncated = true;
        break;
      }
      List<Object> values = new ArrayList<>(row.size());
      for (int i = 0; i < row.size(); i++) values.add(ResultValues.toJson(row.getValue(i)));
      rows.add(values);
    }
    long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
    return new QueryResult(columns, rows, rows.size(), truncated, elapsedMs);
  }

  private static JsonObject planOf(RowSet<Row> rs) {
    for (Row row : rs) {
      Object v = row.getValue(0);
      if (v instanceof JsonArray arr && !arr.isEmpty() && arr.getValue(0) instanceof JsonObject o) return o;
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

  /** Marks a failure of our own fixed setup statements (e.g. the reader role does not exist). */
  private static final class SetupFailure extends RuntimeException {
    SetupFailure(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  static Throwable mapError(Throwable err, QueryRequest req, int positionOffset) {
    if (err instanceof ApiException) return err;
    if (err instanceof SetupFailure sf) {
      LOG.error("query confinement setup failed for project {}", req.projectId(), sf.getCause());
      return new ApiException(500, "query_setup_failed",
          "the project's query environment is not set up; the query did not run");
    }
    if (err instanceof ClientDeadline) {
      return ApiException.unprocessable("query_timeout",
          "the query ran longer than " + req.timeoutSeconds() + " s and was stopped",
          new JsonObject().put("timeoutSeconds", req.timeoutSeconds()));
    }
    if (!(err instanceof PgException pg)) return err; // pool exhaustion, closed connection, … as-is
    String state = pg.getSqlState() == null ? "" : pg.getSqlState();
    switch (state) {
      case "57014":
        return ApiException.unprocessable("query_timeout",
            "the query ran longer than " + req.timeoutSeconds() + " s and was stopped",
            new JsonObject().put("timeoutSeconds", req.timeoutSeconds()));
      case "42501":
        // PostgreSQL names the object (e.g. another project's schema): do not pass it on.
        return ApiException.forbidden("permission_denied", "this query tried to read data outside the project");
      case "25006":
        return ApiException.badRequest("only_select", "only SELECT statements can run");
      case "55P03":
        return ApiException.unprocessable("query_failed", "the query had to wait for a lock and was stopped",
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
