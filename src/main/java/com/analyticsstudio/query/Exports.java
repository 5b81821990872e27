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
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Streams a query's rows to the HTTP response as CSV, NDJSON or XLSX, through {@link
 * QueryClient#export} (same guard and confinement as every query; the Query verticle reads a
 * server-side cursor {@link QueryService#EXPORT_BATCH_ROWS} rows at a time and pushes each batch
 * here).
 *
 * <p>CSV and NDJSON are written as the batches arrive; when the response's write queue is full the
 * next cursor read waits for the drain, so memory holds one batch however many rows there are and a
 * slow client slows the cursor rather than filling the heap.
 *
 * <p>XLSX cannot stream the same way: the file is a zip whose sheet entry is only complete at the
 * end. Rows go to POI's {@code SXSSFWorkbook} on a worker thread (window of 100 rows in memory, the
 * rest flushed to a compressed temp file), the workbook is written to a temp file, and that file is
 * sent with {@code sendFile} (back-pressure by the server, zero copy) and deleted. A piped stream
 * would not send the first byte any sooner (POI writes the zip only at the end) and would block a
 * worker on a slow client; the temp file keeps memory flat and the worker free. Sheets hold at most
 * {@link ExportFormat#XLSX_MAX_ROWS} rows.
 *
 * <p>Errors before the first byte are ordinary error responses; after it, the connection is reset
 * (the only honest signal left), see {@link com.analyticsstudio.common.FailureHandler}.
 */
public final class Exports {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final int XLSX_WINDOW_ROWS = 100;
  private static final int XLSX_MAX_CELL = 32_767;

  private Exports() {}

  /** Answers {@code ctx} with {@code call}'s rows in {@code format}. */
  public static void send(
      RoutingContext ctx,
      QueryClient service,
      QueryCall call,
      ExportFormat format,
      WorkerExecutor workers,
      Path tempDir) {
    String filename =
        "query-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "." + format.extension;
    HttpServerResponse resp = ctx.response();
    if (format == ExportFormat.XLSX) {
      int cap =
          call.limit() == null
              ? ExportFormat.XLSX_MAX_ROWS
              : Math.min(call.limit(), ExportFormat.XLSX_MAX_ROWS);
      QueryCall capped =
          new QueryCall(
              call.projectId(),
              call.userId(),
              call.sql(),
              cap,
              call.timeoutSeconds(),
              true,
              call.source());
      XlsxSink sink = new XlsxSink(workers, tempDir);
      service
          .export(capped, sink)
          .compose(summary -> sink.finish())
          .onSuccess(
              file -> {
                attachment(resp, format, filename);
                resp.sendFile(file.toString()).onComplete(ar -> deleteQuietly(file));
              })
          .onFailure(
              err -> {
                sink.discard();
                ctx.fail(err);
              });
      return;
    }
    ResponseSink sink = new ResponseSink(resp, format, filename);
    service
        .export(call, sink)
        .onSuccess(
            summary -> {
              if (!sink.started) {
                sink.start(List.of());
              }
              resp.end();
            })
        .onFailure(ctx::fail);
  }

  private static void attachment(HttpServerResponse resp, ExportFormat format, String filename) {
    resp.setStatusCode(200)
        .putHeader("Content-Type", format.contentType)
        .putHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"")
        .putHeader("Cache-Control", "no-store");
  }

  /** CSV or NDJSON straight into the response, pausing the cursor while the write queue is full. */
  private static final class ResponseSink implements QueryExecutor.RowSink {
    private final HttpServerResponse resp;
    private final ExportFormat format;
    private final String filename;
    private List<String> names;
    private boolean started;
    private boolean gone;
    private Promise<Void> drained;

    ResponseSink(HttpServerResponse resp, ExportFormat format, String filename) {
      this.resp = resp;
      this.format = format;
      this.filename = filename;
      resp.closeHandler(
          v -> {
            gone = true;
            if (drained != null) drained.tryFail(new ClientGone());
          });
    }

    @Override
    public Future<Void> start(List<QueryResult.Column> columns) {
      started = true;
      names = uniqueNames(columns);
      attachment(resp, format, filename);
      resp.setChunked(true);
      if (format == ExportFormat.CSV) {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) header.append(',');
          csv(header, names.get(i));
        }
        return write(Buffer.buffer(header.append("\r\n").toString()));
      }
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
            if (v != null) csv(out, text(v));
          }
          out.append("\r\n");
        } else {
          JsonObject line = new JsonObject();
          for (int i = 0; i < row.size(); i++) line.put(names.get(i), row.get(i));
          out.append(line.encode()).append('\n');
        }
      }
      return write(Buffer.buffer(out.toString()));
    }

    private Future<Void> write(Buffer b) {
      if (gone || resp.closed()) {
        return Future.failedFuture(new ClientGone());
      }
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

  /** Appends {@code s} as a CSV field, quoted when it holds a delimiter, quote or line break. */
  static void csv(StringBuilder out, String s) {
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

  /** Rows appended to a streaming workbook on a worker (ordered), then written to a temp file. */
  private static final class XlsxSink implements QueryExecutor.RowSink {
    private final WorkerExecutor workers;
    private final Path tempDir;
    private SXSSFWorkbook workbook;
    private SXSSFSheet sheet;
    private int rowNo;
    private Path file;

    XlsxSink(WorkerExecutor workers, Path tempDir) {
      this.workers = workers;
      this.tempDir = tempDir;
    }

    @Override
    public Future<Void> start(List<QueryResult.Column> columns) {
      return workers.executeBlocking(
          () -> {
            workbook = new SXSSFWorkbook(XLSX_WINDOW_ROWS);
            workbook.setCompressTempFiles(true);
            sheet = workbook.createSheet("Query");
            Row header = sheet.createRow(rowNo++);
            for (int i = 0; i < columns.size(); i++)
              header.createCell(i).setCellValue(columns.get(i).name());
            return null;
          },
          true);
    }

    @Override
    public Future<Void> rows(List<List<Object>> batch) {
      return workers.executeBlocking(
          () -> {
            for (List<Object> values : batch) {
              Row row = sheet.createRow(rowNo++);
              for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                if (v == null) continue;
                Cell cell = row.createCell(i);
                if (v instanceof Boolean b) cell.setCellValue(b);
                else if (v instanceof Number n
                    && !(v instanceof BigDecimal d && d.precision() - d.scale() > 15))
                  cell.setCellValue(n.doubleValue());
                else {
                  String s = text(v);
                  cell.setCellValue(s.length() > XLSX_MAX_CELL ? s.substring(0, XLSX_MAX_CELL) : s);
                }
              }
            }
            return null;
          },
          true);
    }

    /** Writes the workbook (an empty sheet when the query returned no columns) to a temp file. */
    Future<Path> finish() {
      return workers.executeBlocking(
          () -> {
            if (workbook == null) {
              workbook = new SXSSFWorkbook(XLSX_WINDOW_ROWS);
              workbook.createSheet("Query");
            }
            Files.createDirectories(tempDir);
            file = Files.createTempFile(tempDir, "export-", ".xlsx");
            try (OutputStream out = Files.newOutputStream(file)) {
              workbook.write(out);
            } finally {
              workbook.close(); // also deletes SXSSF's own temp files
            }
            return file;
          },
          true);
    }

    void discard() {
      workers.executeBlocking(
          () -> {
            if (workbook != null) workbook.close();
            if (file != null) deleteQuietly(file);
            return null;
          },
          true);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temp file; the OS cleans up eventually
    }
  }
}
