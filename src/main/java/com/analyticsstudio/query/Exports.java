package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Streams a query's rows to the HTTP response as CSV, NDJSON or XLSX, through {@link
 * QueryClient#export} (same guard and confinement as every query; the Query verticle reads a
 * server-side cursor {@link QueryService#EXPORT_BATCH_ROWS} rows at a time and pushes each batch
 * here).
 *
 * <p>Every format is written as the batches arrive; when the response's write queue is full the
 * next cursor read waits for the drain, so memory holds one batch however many rows there are and a
 * slow client slows the cursor rather than filling the heap. XLSX is zipped by {@link XlsxWriter}
 * on a worker (ordered), batch by batch: the sheet is the first zip entry, so the first bytes leave
 * at once and the workbook parts that depend on the outcome (the "Truncated" sheet) come last.
 *
 * <p><b>Truncation is visible.</b> {@code X-Row-Cap} is sent up front with the most rows the export
 * may hold ({@code min(limit, EXPORT_MAX_ROWS)}, for XLSX also at most {@link
 * ExportFormat#XLSX_MAX_ROWS}); the HTTP trailer {@code X-Truncated: true|false} (announced by
 * {@code Trailer: X-Truncated}) says whether rows were cut; NDJSON ends with a summary line {@code
 * {"@end":{"rowCount":n,"truncated":b,"rowCap":c}}}, and a cut XLSX has a "Truncated" sheet.
 *
 * <p><b>Values.</b> Numbers a double cannot hold exactly, NaN and infinities are strings (see
 * {@link ResultValues}); {@code numbers=string} makes every integer and decimal a string in NDJSON.
 * CSV text cells that start with {@code = + - @}, a tab or a carriage return get a leading {@code
 * '} so a spreadsheet shows them instead of running them as formulas (OWASP's CSV injection
 * advice); numeric, date, timestamp and boolean columns are never changed; {@code
 * escapeFormulas=false} turns it off.
 *
 * <p>Errors before the first byte are ordinary error responses; after it, the connection is reset
 * (the only honest signal left), see {@link com.analyticsstudio.common.FailureHandler}.
 */
public final class Exports {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /** The HTTP trailer that says whether rows were cut. */
  public static final String TRUNCATED_TRAILER = "X-Truncated";

  /** The header with the most rows the export may hold. */
  public static final String ROW_CAP_HEADER = "X-Row-Cap";

  /** The key of NDJSON's last line. */
  static final String NDJSON_END = "@end";

  private Exports() {}

  /**
   * How values are written.
   *
   * @param escapeFormulas prefix CSV text cells that a spreadsheet would run as a formula
   * @param numbersAsStrings every integer and decimal as a string (NDJSON)
   */
  public record Options(boolean escapeFormulas, boolean numbersAsStrings) {
    public static final Options DEFAULTS = new Options(true, false);
  }

  /**
   * Answers {@code ctx} with {@code call}'s rows in {@code format}, at most {@code maxRows} (the
   * export cap, {@code EXPORT_MAX_ROWS}).
   */
  public static void send(
      RoutingContext ctx,
      QueryClient service,
      QueryCall call,
      ExportFormat format,
      Options options,
      long maxRows,
      WorkerExecutor workers) {
    String filename =
        "query-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "." + format.extension;
    long cap = call.limit() == null ? maxRows : Math.min(call.limit(), maxRows);
    QueryCall capped = call;
    if (format == ExportFormat.XLSX && cap > ExportFormat.XLSX_MAX_ROWS) {
      cap = ExportFormat.XLSX_MAX_ROWS;
      capped =
          new QueryCall(
              call.projectId(),
              call.userId(),
              call.sql(),
              ExportFormat.XLSX_MAX_ROWS,
              call.timeoutSeconds(),
              true,
              call.source(),
              call.params());
    }
    HttpServerResponse resp = ctx.response();
    long rowCap = cap;
    Sink sink =
        format == ExportFormat.XLSX
            ? new XlsxSink(resp, filename, rowCap, workers)
            : new TextSink(resp, format, filename, rowCap, options);
    service
        .export(capped, sink)
        .compose(summary -> sink.finish(summary))
        .onSuccess(v -> resp.end())
        .onFailure(
            err -> {
              sink.discard();
              ctx.fail(err);
            });
  }

  private static void attachment(
      HttpServerResponse resp, ExportFormat format, String filename, long cap) {
    resp.setStatusCode(200)
        .putHeader("Content-Type", format.contentType)
        .putHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"")
        .putHeader("Cache-Control", "no-store")
        .putHeader(ROW_CAP_HEADER, Long.toString(cap))
        .putHeader("Trailer", TRUNCATED_TRAILER)
        .setChunked(true);
  }

  /** The response side of an export, pausing the cursor while the write queue is full. */
  private abstract static class Sink implements QueryExecutor.RowSink {
    final HttpServerResponse resp;
    final ExportFormat format;
    final String filename;
    final long cap;
    boolean started;
    private boolean gone;
    private Promise<Void> drained;

    Sink(HttpServerResponse resp, ExportFormat format, String filename, long cap) {
      this.resp = resp;
      this.format = format;
      this.filename = filename;
      this.cap = cap;
      resp.closeHandler(
          v -> {
            gone = true;
            if (drained != null) drained.tryFail(new ClientGone());
          });
    }

    /** Sends the headers (once). */
    void begin() {
      if (!started) {
        started = true;
        attachment(resp, format, filename, cap);
      }
    }

    /** The end of the export: whatever closes the format, and the trailer. */
    abstract Future<Void> finish(QueryExecutor.StreamSummary summary);

    /** Releases what an export that failed holds. */
    void discard() {}

    void trailer(boolean truncated) {
      resp.putTrailer(TRUNCATED_TRAILER, Boolean.toString(truncated));
    }

    Future<Void> write(Buffer b) {
      if (gone || resp.closed()) {
        return Future.failedFuture(new ClientGone());
      }
      begin();
      if (b.length() == 0) return Future.succeededFuture();
      resp.write(b);
      if (!resp.writeQueueFull()) {
        return Future.succeededFuture();
      }
      drained = Promise.promise();
      Promise<Void> p = drained;
      resp.drainHandler(v -> p.tryComplete());
      return p.future();
    }
  }

  /** CSV or NDJSON, encoded on the event loop (cheap), written batch by batch. */
  private static final class TextSink extends Sink {
    private final Options options;
    private List<String> names = List.of();
    private boolean[] numeric = new boolean[0];
    private boolean[] plainText = new boolean[0];

    TextSink(
        HttpServerResponse resp, ExportFormat format, String filename, long cap, Options options) {
      super(resp, format, filename, cap);
      this.options = options;
    }

    @Override
    public Future<Void> start(List<QueryResult.Column> columns) {
      names = uniqueNames(columns);
      numeric = new boolean[columns.size()];
      plainText = new boolean[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        String type = columns.get(i).type();
        numeric[i] = ResultValues.numericType(type);
        plainText[i] = !numeric[i] && !UNESCAPED_TYPES.contains(type);
      }
      if (format == ExportFormat.CSV) {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) header.append(',');
          csv(header, names.get(i), options.escapeFormulas());
        }
        return write(Buffer.buffer(header.append("\r\n").toString()));
      }
      begin();
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> rows(List<List<Object>> batch) {
      StringBuilder out = new StringBuilder(batch.size() * 64);
      for (List<Object> row : batch) {
        if (format == ExportFormat.CSV) {
          for (int i = 0; i < row.size(); i++) {
            if (i > 0) out.append(',');
            Object v = row.get(i);
            if (v != null) csv(out, text(v), options.escapeFormulas() && plainText[i]);
          }
          out.append("\r\n");
        } else {
          JsonObject line = new JsonObject();
          for (int i = 0; i < row.size(); i++) {
            Object v = row.get(i);
            if (options.numbersAsStrings() && numeric[i] && v instanceof Number n) {
              v = ResultValues.numberText(n);
            }
            line.put(names.get(i), v);
          }
          out.append(line.encode()).append('\n');
        }
      }
      return write(Buffer.buffer(out.toString()));
    }

    @Override
    Future<Void> finish(QueryExecutor.StreamSummary summary) {
      begin();
      Future<Void> end = Future.succeededFuture();
      if (format == ExportFormat.NDJSON) {
        JsonObject last =
            new JsonObject()
                .put(
                    NDJSON_END,
                    new JsonObject()
                        .put("rowCount", summary.rowCount())
                        .put("truncated", summary.truncated())
                        .put("rowCap", cap));
        end = write(Buffer.buffer(last.encode() + "\n"));
      }
      return end.onSuccess(v -> trailer(summary.truncated()));
    }
  }

  /** Column types whose CSV text is never formula-escaped (their values are not free text). */
  private static final Set<String> UNESCAPED_TYPES = Set.of("boolean", "date", "timestamp");

  /** XLSX zipped on a worker, batch by batch, each batch's bytes written with back-pressure. */
  private static final class XlsxSink extends Sink {
    private final WorkerExecutor workers;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    private XlsxWriter writer;

    XlsxSink(HttpServerResponse resp, String filename, long cap, WorkerExecutor workers) {
      super(resp, ExportFormat.XLSX, filename, cap);
      this.workers = workers;
    }

    @Override
    public Future<Void> start(List<QueryResult.Column> columns) {
      return zip(
          () -> {
            writer = new XlsxWriter(bytes, columns);
            writer.start();
          });
    }

    @Override
    public Future<Void> rows(List<List<Object>> batch) {
      return zip(
          () -> {
            for (List<Object> row : batch) writer.row(row);
          });
    }

    @Override
    Future<Void> finish(QueryExecutor.StreamSummary summary) {
      return zip(() -> {
            if (writer == null) {
              writer = new XlsxWriter(bytes, List.of());
              writer.start();
            }
            writer.finish(summary.rowCount(), summary.truncated(), cap);
          })
          .onSuccess(v -> trailer(summary.truncated()));
    }

    /** Runs {@code step} on the worker, then writes the bytes it produced. */
    private Future<Void> zip(Step step) {
      return workers
          .executeBlocking(
              () -> {
                step.run();
                writer.flush();
                Buffer out = Buffer.buffer(bytes.toByteArray());
                bytes.reset();
                return out;
              },
              true)
          .compose(this::write);
    }

    @FunctionalInterface
    private interface Step {
      void run() throws Exception;
    }
  }

  /**
   * The client went away mid-export; the cursor stops and the connection is released. An {@link
   * ApiException} so it crosses the event bus as what it is (not a 500 logged as our fault); the
   * status (nginx' 499, "client closed request") never reaches anyone: the response is gone.
   */
  static final class ClientGone extends ApiException {
    ClientGone() {
      super(499, "client_closed", "the client closed the connection");
    }
  }

  /**
   * Appends {@code s} as a CSV field, quoted when it holds a delimiter, quote or line break; with
   * {@code escapeFormula}, a field a spreadsheet would read as a formula gets a leading {@code '}.
   */
  static void csv(StringBuilder out, String s, boolean escapeFormula) {
    if (escapeFormula && looksLikeFormula(s)) s = "'" + s;
    boolean quote = false;
    for (int i = 0; i < s.length() && !quote; i++) {
      char c = s.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      out.append(s);
      return;
    }
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') out.append('"');
      out.append(c);
    }
    out.append('"');
  }

  /** Starts with {@code = + - @}, a tab or a carriage return (what spreadsheets evaluate). */
  static boolean looksLikeFormula(String s) {
    if (s.isEmpty()) return false;
    char c = s.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }

  static String text(Object v) {
    if (v instanceof BigDecimal d) return d.toPlainString();
    if (v instanceof JsonObject o) return o.encode();
    if (v instanceof JsonArray a) return a.encode();
    return String.valueOf(v);
  }

  /** Column names, with {@code _2}, {@code _3}… added to repeats so NDJSON keys stay distinct. */
  static List<String> uniqueNames(List<QueryResult.Column> columns) {
    Set<String> seen = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (QueryResult.Column c : columns) {
      String name = c.name();
      for (int n = 2; !seen.add(name); n++) name = c.name() + "_" + n;
      out.add(name);
    }
    return out;
  }
}
