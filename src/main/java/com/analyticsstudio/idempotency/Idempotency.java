package com.analyticsstudio.idempotency;

import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.Http;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Idempotency-Key} for POSTs that create something: the first successful answer (status and
 * JSON body) is remembered for {@value #TTL_HOURS} hours per user, operation and key, and a retry
 * with the same key gets it again (with {@code Idempotent-Replayed: true}) instead of creating a
 * second thing. A retry while the first request runs gets 409 {@code idempotency_in_progress} (with
 * {@code Retry-After}); the same key with a different request gets 422 {@code
 * idempotency_key_reused}. A failed request is not remembered — it created nothing, so its retry
 * runs again. Without the header, nothing changes.
 *
 * <p>What "the same request" means: method, path, query and content type, plus the body for
 * buffered (JSON) requests; for streamed bodies (uploads) the media type without its parameters (a
 * multipart boundary is new on every send) and the declared length (or "chunked") stand for the
 * body, which is not read twice. The table holds the key's digest and the answer sealed under the
 * key ({@link SealedBody}): a remembered answer with a secret is readable only by a retry.
 *
 * <p>One handler per operation, added before the operation's own handler: {@code
 * builder.getRoute(op).addHandler(idempotency.handler(op))}.
 */
public final class Idempotency {
  /** The request header. */
  public static final String HEADER = "Idempotency-Key";

  /** Set on a replayed answer. */
  public static final String REPLAYED = "Idempotent-Replayed";

  static final int TTL_HOURS = 24;

  /** How long a running buffered request holds its key before another may take it over. */
  static final long LEASE_SECONDS = 120;

  /** The same for a streamed body (an upload with {@code wait=true} can load for long). */
  static final long STREAMING_LEASE_SECONDS = 3600;

  static final int MAX_KEY_LENGTH = 255;
  private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);

  private final IdempotencyStore store;

  public Idempotency(Pool pool) {
    this.store = new IdempotencyStore(pool);
  }

  /** The handler for one operation ({@code operationId}); runs after authentication. */
  public Handler<RoutingContext> handler(String operation) {
    return ctx -> {
      String key = ctx.request().getHeader(HEADER);
      if (key == null) {
        ctx.next();
        return;
      }
      IdempotencyStore.Entry entry;
      String fingerprint;
      boolean streaming = !ctx.request().isEnded();
      try {
        entry =
            new IdempotencyStore.Entry(
                Principal.of(ctx).userId(), operation, SealedBody.keyDigest(checkedKey(key)));
        fingerprint = fingerprint(ctx, streaming);
      } catch (ApiException e) {
        ctx.fail(e);
        return;
      }
      store
          .claim(
              entry,
              fingerprint,
              streaming ? STREAMING_LEASE_SECONDS : LEASE_SECONDS,
              TTL_HOURS * 3600L)
          .onFailure(ctx::fail)
          .onSuccess(
              claim -> {
                if (claim instanceof IdempotencyStore.Claimed) {
                  remember(ctx, entry, key, fingerprint);
                  ctx.next();
                } else if (claim instanceof IdempotencyStore.Running r) {
                  ctx.fail(r.fingerprint().equals(fingerprint) ? inProgress() : reused());
                } else if (claim instanceof IdempotencyStore.Done d) {
                  if (!d.fingerprint().equals(fingerprint)) {
                    ctx.fail(reused());
                  } else {
                    replay(ctx, d, key);
                  }
                }
              });
    };
  }

  /**
   * Stores a 2xx JSON answer before it is written (so a retry that follows it finds it); any other
   * answer, or a connection gone before one, frees the key.
   */
  private void remember(
      RoutingContext ctx, IdempotencyStore.Entry entry, String key, String fingerprint) {
    AtomicBoolean settled = new AtomicBoolean();
    BiFunction<Integer, String, Future<Void>> record =
        (status, body) -> {
          if (!settled.compareAndSet(false, true)) return Future.succeededFuture();
          return (status >= 200 && status < 300
                  ? store.complete(
                      entry,
                      fingerprint,
                      status,
                      Http.JSON,
                      Buffer.buffer(SealedBody.seal(key, body.getBytes(StandardCharsets.UTF_8))))
                  : store.release(entry, fingerprint))
              .recover(
                  e -> {
                    LOG.warn(
                        "could not record the answer for idempotency key {}: {}",
                        entry.key(),
                        e.getMessage());
                    return Future.succeededFuture();
                  });
        };
    ctx.put(Http.BEFORE_JSON, record);
    ctx.addHeadersEndHandler(
        v -> {
          if (settled.compareAndSet(false, true)) {
            store.release(entry, fingerprint); // an answer not written by Http.json: an error
          }
        });
    ctx.addEndHandler(
        ar -> {
          if (settled.compareAndSet(false, true)) {
            // The connection went before any answer: let a retry run.
            store.release(entry, fingerprint);
          }
        });
  }

  private static void replay(RoutingContext ctx, IdempotencyStore.Done done, String key) {
    byte[] body;
    try {
      body = SealedBody.open(key, done.body().getBytes());
    } catch (GeneralSecurityException e) {
      ctx.fail(reused()); // cannot happen for the key that sealed it
      return;
    }
    HttpServerRequest request = ctx.request();
    if (!request.isEnded()) {
      // A streamed body the answer does not need: read and drop it, so a client that writes it
      // all before reading still gets the answer.
      request.handler(b -> {});
      request.resume();
    }
    ctx.response().setStatusCode(done.status()).putHeader(REPLAYED, "true");
    if (done.contentType() != null) {
      ctx.response().putHeader("Content-Type", done.contentType());
    }
    ctx.response().end(Buffer.buffer(body));
  }

  static String checkedKey(String key) {
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw invalidKey();
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        throw invalidKey();
      }
    }
    return key;
  }

  static String fingerprint(RoutingContext ctx, boolean streaming) {
    HttpServerRequest r = ctx.request();
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    // The media type without parameters: a multipart boundary is new on every send.
    String type = String.valueOf(r.getHeader("Content-Type"));
    String head =
        r.method().name()
            + "\n"
            + r.path()
            + "\n"
            + (r.query() == null ? "" : r.query())
            + "\n"
            + (streaming ? type.replaceAll(";.*", "").trim() : type)
            + "\n";
    sha.update(head.getBytes(StandardCharsets.UTF_8));
    if (streaming) {
      String length = r.getHeader("Content-Length");
      sha.update(
          ("length:" + (length == null ? "chunked" : length.trim()))
              .getBytes(StandardCharsets.UTF_8));
    } else if (ctx.body() != null && ctx.body().buffer() != null) {
      sha.update(ctx.body().buffer().getBytes());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static ApiException invalidKey() {
    return ApiException.badRequest(
        "invalid_idempotency_key",
        HEADER
            + " must be 1 to "
            + MAX_KEY_LENGTH
            + " visible ASCII characters (a UUID is a good choice)");
  }

  private static ApiException inProgress() {
    return new ApiException(
        409,
        "idempotency_in_progress",
        "a request with this " + HEADER + " is still running; retry when it has finished",
        new JsonObject(),
        1,
        null);
  }

  private static ApiException reused() {
    return ApiException.unprocessable(
        "idempotency_key_reused",
        "this "
            + HEADER
            + " was already used for a different request; use a new key for a new request");
  }
}
