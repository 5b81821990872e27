package com.analyticsstudio.dataset;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Streams an upload (multipart field {@code file}, or a raw body) to a local file with
 * back-pressure, refusing it with 413 as soon as it crosses the limit: never held in memory.
 */
public final class UploadReceiver {
  /** Raw-body content types accepted, besides multipart. */
  static final Set<String> RAW_TYPES =
      Set.of(
          "text/csv",
          "text/tab-separated-values",
          "text/plain",
          "application/csv",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "application/vnd.ms-excel",
          "application/octet-stream");

  /** Bytes gathered before one file write. */
  static final int WRITE_CHUNK = 1024 * 1024;

  private final Vertx vertx;
  private final long maxBytes;

  public UploadReceiver(Vertx vertx, long maxBytes) {
    this.vertx = vertx;
    this.maxBytes = maxBytes;
  }

  /** What arrived: the local file, the client's name and type for it, and multipart fields. */
  public record Received(
      Path file, String filename, String contentType, long size, Map<String, String> fields) {}

  /**
   * Refuses before reading when the headers already say the body is too big or of the wrong kind.
   */
  public void precheck(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    if (length != null) {
      try {
        long declared = Long.parseLong(length.trim());
        if (declared > maxBytes + 64 * 1024) {
          throw tooLarge(declared);
        }
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("bad_content_length", "Content-Length is not a number");
      }
    }
    String type = baseType(request.getHeader("Content-Type"));
    if (!type.equals("multipart/form-data") && !RAW_TYPES.contains(type)) {
      throw ApiException.unsupportedMediaType(
          "upload a file as multipart/form-data (field 'file') or as a raw body of type text/csv, "
              + "text/tab-separated-values, an .xlsx or an .xls; '"
              + type
              + "' is not supported",
          new JsonObject().put("contentType", type));
    }
  }

  /** Receives the body into {@code target}; {@code progress} gets the byte count as it grows. */
  public Future<Received> receive(
      HttpServerRequest request, Path target, String queryFilename, LongConsumer progress) {
    String type = baseType(request.getHeader("Content-Type"));
    if (type.equals("multipart/form-data")) {
      return multipart(request, target, progress);
    }
    return write(request, target, progress)
        .map(size -> new Received(target, queryFilename, type, size, Map.of()));
  }

  private Future<Received> multipart(
      HttpServerRequest request, Path target, LongConsumer progress) {
    Promise<Received> done = Promise.promise();
    AtomicBoolean sawFile = new AtomicBoolean();
    Promise<Long> fileWritten = Promise.promise();
    String[] meta = new String[2];
    request.setExpectMultipart(true);
    request.uploadHandler(
        upload -> {
          // Hold the part until the target file is open, or its first bytes and its end are lost.
          upload.pause();
          if (!"file".equals(upload.name()) || !sawFile.compareAndSet(false, true)) {
            upload.resume();
            upload.handler(b -> {});
            return;
          }
          meta[0] = upload.filename();
          meta[1] = baseType(upload.contentType());
          write(upload, target, progress).onComplete(fileWritten);
        });
    request.exceptionHandler(done::tryFail);
    request.endHandler(
        v -> {
          if (!sawFile.get()) {
            done.tryFail(
                ApiException.badRequest("missing_file", "the multipart body has no 'file' field"));
            return;
          }
          fileWritten
              .future()
              .onSuccess(
                  size -> {
                    Map<String, String> fields = new HashMap<>();
                    request.formAttributes().forEach(e -> fields.put(e.getKey(), e.getValue()));
                    done.tryComplete(
                        new Received(target, meta[0], meta[1], size, Map.copyOf(fields)));
                  })
              .onFailure(done::tryFail);
        });
    request.resume();
    return done.future();
  }

  /** Pumps a stream into a file with back-pressure, counting bytes and enforcing the limit. */
  private Future<Long> write(ReadStream<Buffer> source, Path target, LongConsumer progress) {
    return vertx
        .fileSystem()
        .open(
            target.toString(),
            new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(true))
        .compose(file -> pump(source, file, progress));
  }

  /**
   * Coalesces the request's small chunks into {@value #WRITE_CHUNK}-byte writes: one async file
   * write per network chunk (thousands for a big file) costs more than receiving the bytes.
   */
  private Future<Long> pump(ReadStream<Buffer> source, AsyncFile file, LongConsumer progress) {
    Promise<Long> done = Promise.promise();
    file.setWriteQueueMaxSize(4 * WRITE_CHUNK);
    long[] count = {0, 0};
    Buffer[] pending = {Buffer.buffer(WRITE_CHUNK + 64 * 1024)};
    source.handler(
        buf -> {
          if (done.future().isComplete()) return;
          count[0] += buf.length();
          if (count[0] > maxBytes) {
            // Not paused: the rest is read and discarded (see linger) so the client reads the 413.
            file.close();
            done.tryFail(tooLarge(count[0]));
            return;
          }
          pending[0].appendBuffer(buf);
          if (pending[0].length() >= WRITE_CHUNK) {
            file.write(pending[0]);
            pending[0] = Buffer.buffer(WRITE_CHUNK + 64 * 1024);
            count[1] = count[0];
            progress.accept(count[0]);
            if (file.writeQueueFull()) {
              source.pause();
              file.drainHandler(v -> source.resume());
            }
          }
        });
    source.exceptionHandler(
        e -> {
          file.close();
          done.tryFail(e);
        });
    source.endHandler(
        v -> {
          if (done.future().isComplete()) return;
          Future<Void> last =
              pending[0].length() > 0 ? file.write(pending[0]) : Future.succeededFuture();
          last.compose(x -> file.close())
              .onSuccess(
                  x -> {
                    progress.accept(count[0]);
                    done.tryComplete(count[0]);
                  })
              .onFailure(done::tryFail);
        });
    source.resume();
    return done.future();
  }

  /**
   * After a refusal answered before the body was read (413, 401, 415, …): reads and discards the
   * rest of the body, then closes the connection — nginx's lingering close. A client that writes
   * its whole body before reading the answer (Python's {@code http.client} and {@code requests},
   * Node's {@code http}) otherwise blocks on a full TCP window, or gets a reset that destroys the
   * answer it has not read yet. Bounded: at most {@link #lingerBytes()} bytes and {@value
   * #LINGER_MS} ms, then the connection is closed whatever the client still sends.
   */
  public void linger(HttpServerRequest request) {
    if (request.isEnded()) {
      return;
    }
    HttpConnection connection = request.connection();
    long bound = lingerBytes();
    long[] seen = {0};
    long timer = vertx.setTimer(LINGER_MS, id -> connection.close());
    request.handler(
        b -> {
          seen[0] += b.length();
          if (seen[0] > bound) {
            vertx.cancelTimer(timer);
            connection.close();
          }
        });
    request.exceptionHandler(e -> vertx.cancelTimer(timer));
    request.endHandler(
        v -> {
          vertx.cancelTimer(timer);
          // The answer was written before the body ended; the client reads it and sees the close.
          connection.close();
        });
    request.resume();
  }

  /**
   * How much of a refused body is read and discarded before closing: twice the limit, at least 64
   * MiB.
   */
  long lingerBytes() {
    return Math.max(2 * maxBytes, 64L << 20);
  }

  /** How long a refused body is read and discarded before closing. */
  static final long LINGER_MS = 30_000;

  private ApiException tooLarge(long size) {
    long mb = maxBytes / (1024 * 1024);
    return ApiException.payloadTooLarge(
        "the file is larger than the " + mb + " MB limit",
        new JsonObject().put("limitBytes", maxBytes).put("receivedBytes", size));
  }

  static String baseType(String contentType) {
    if (contentType == null) return "application/octet-stream";
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
