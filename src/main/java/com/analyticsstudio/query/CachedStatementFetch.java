package com.analyticsstudio.query;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.sqlclient.PropertyKind;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.desc.ColumnDescriptor;
import io.vertx.sqlclient.internal.QueryResultHandler;
import io.vertx.sqlclient.internal.RowDesc;
import io.vertx.sqlclient.internal.SqlConnectionBase;
import io.vertx.sqlclient.internal.command.ExtendedQueryCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collector;

/**
 * Runs one statement through the extended protocol, fetching at most {@code maxRows} rows
 * (Execute with a row limit on the unnamed portal), and lets the connection's prepared-statement
 * cache keep its Parse.
 *
 * <p>Why not the public API: {@code PreparedStatement.cursor().read(n)} bounds the rows but always
 * sends its own Parse and waits for it (one more round trip, and PostgreSQL parses and plans the
 * statement every time); {@code preparedQuery(sql)} uses the cache but fetches every row. This
 * schedules the client's own {@link ExtendedQueryCommand} with a fetch size, which the connection
 * resolves against its statement cache exactly like {@code preparedQuery}: on a hit, Bind and
 * Execute go out at once, pipelined behind whatever was scheduled before (the confinement setup), so
 * a repeated query costs one round trip and no parse or plan in PostgreSQL. The classes used are
 * Vert.x SQL client internals of the pinned version; {@code HostileSqlIT} and {@code QueryApiIT}
 * exercise this path (hits and misses) against a real server, so an upgrade that changes them fails
 * the build rather than production.
 */
final class CachedStatementFetch {
  private CachedStatementFetch() {}

  /** Column descriptors and the JSON-friendly values of the fetched rows; {@code more}: rows remained. */
  record Fetched(List<ColumnDescriptor> columns, List<List<Object>> rows, boolean more) {}

  private static final Collector<Row, List<List<Object>>, List<List<Object>>> VALUES = Collector.of(
      ArrayList::new,
      (list, row) -> {
        List<Object> values = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) values.add(ResultValues.toJson(row.getValue(i)));
        list.add(values);
      },
      (a, b) -> {
        a.addAll(b);
        return a;
      });

  /**
   * Schedules {@code sql} (no parameters) on {@code conn} inside its current transaction.
   *
   * @param maxRows at most this many rows are fetched; {@link Fetched#more()} tells whether the
   *                statement had more
   */
  static Future<Fetched> fetch(SqlConnection conn, String sql, int maxRows) {
    if (!(conn instanceof SqlConnectionBase<?> base)) {
      return Future.failedFuture(new IllegalStateException("unsupported connection type " + conn.getClass()));
    }
    // Answer on the caller's context (the connection may live on another event loop).
    ContextInternal context = (ContextInternal) io.vertx.core.Vertx.currentContext();
    Promise<Fetched> promise = context != null ? context.promise() : Promise.promise();
    Result result = new Result();
    ExtendedQueryCommand<List<List<Object>>> cmd = ExtendedQueryCommand.createQuery(
        sql, null, null, Tuple.tuple(), maxRows, null, false, false, VALUES, result);
    base.schedule(cmd, (suspended, failure) -> {
      if (failure != null) {
        promise.tryFail(failure);
      } else if (result.failure != null) {
        promise.tryFail(result.failure);
      } else {
        promise.tryComplete(new Fetched(result.columns, result.rows == null ? List.of() : result.rows,
            Boolean.TRUE.equals(suspended)));
      }
    });
    return promise.future();
  }

  private static final class Result implements QueryResultHandler<List<List<Object>>> {
    List<ColumnDescriptor> columns = List.of();
    List<List<Object>> rows;
    Throwable failure;

    @Override
    public <V> void addProperty(PropertyKind<V> property, V value) {
      // no driver properties are used
    }

    @Override
    public void handleResult(int updatedCount, int size, RowDesc desc, List<List<Object>> result, Throwable failure) {
      if (failure != null) {
        this.failure = failure;
        return;
      }
      if (desc != null) columns = desc.columnDescriptor();
      rows = result;
    }
  }
}
