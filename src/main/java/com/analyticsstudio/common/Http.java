package com.analyticsstudio.common;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Small helpers for handlers: read validated input, write JSON, bridge futures to responses. */
public final class Http {
  public static final String JSON = "application/json";

  /**
   * Routing-context key of a {@code BiFunction<Integer, String, Future<Void>>} that {@link #json}
   * runs with the status and body before writing them (idempotency records the answer first, so a
   * retry that follows the answer finds it).
   */
  public static final String BEFORE_JSON = "http.before.json";

  private Http() {}

  public static void json(RoutingContext ctx, int status, Object body) {
    String text =
        body instanceof JsonObject o
            ? o.encode()
            : body instanceof JsonArray a ? a.encode() : String.valueOf(body);
    BiFunction<Integer, String, Future<Void>> before = ctx.remove(BEFORE_JSON);
    if (before != null) {
      before
          .apply(status, text)
          .onComplete(
              ar -> ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(text));
      return;
    }
    if (status == 200 && isRead(ctx) && text.length() <= ETAG_MAX_CHARS) {
      String tag = etag(text);
      ctx.response().putHeader("ETag", tag);
      if (matches(ctx.request().getHeader("If-None-Match"), tag)) {
        ctx.response().setStatusCode(304).end();
        return;
      }
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(text);
  }

  /**
   * Answers larger than this get no ETag: hashing them would cost the event loop more than a
   * revalidation saves (such pages — rows, job results — are fetched once, not polled).
   */
  static final int ETAG_MAX_CHARS = 256 * 1024;

  private static boolean isRead(RoutingContext ctx) {
    HttpMethod m = ctx.request().method();
    return m == HttpMethod.GET || m == HttpMethod.HEAD;
  }

  /**
   * A weak validator of a JSON answer: its hash. Weak because the same resource may be encoded
   * differently by another version of the server.
   */
  static String etag(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "W/\""
          + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22)
          + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** {@code If-None-Match}: {@code *} or a list of tags, compared weakly (RFC 9110 13.1.2). */
  static boolean matches(String ifNoneMatch, String tag) {
    if (ifNoneMatch == null) return false;
    String opaque = tag.substring(2);
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.equals("*")) return true;
      if (c.startsWith("W/")) c = c.substring(2);
      if (c.equals(opaque)) return true;
    }
    return false;
  }

  /** Completes the request with {@code status} and the future's JSON, or hands the failure on. */
  public static <T> void respond(RoutingContext ctx, int status, Future<T> future) {
    future.onComplete(
        ar -> {
          if (ctx.response().ended()) return;
          if (ar.succeeded()) {
            if (status == 204) {
              ctx.response().setStatusCode(204).end();
            } else {
              json(ctx, status, ar.result());
            }
          } else {
            ctx.fail(ar.cause());
          }
        });
  }

  /** A handler that runs {@code action} and answers with its result. */
  public static <T> Handler<RoutingContext> handle(
      int status, Function<RoutingContext, Future<T>> action) {
    return ctx -> {
      Future<T> f;
      try {
        f = action.apply(ctx);
      } catch (RuntimeException e) {
        ctx.fail(e);
        return;
      }
      respond(ctx, status, f);
    };
  }

  public static ValidatedRequest validated(RoutingContext ctx) {
    return ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  /** The validated JSON body, or an empty object. */
  public static JsonObject body(RoutingContext ctx) {
    ValidatedRequest req = validated(ctx);
    if (req != null && req.getBody() != null && req.getBody().get() instanceof JsonObject o) {
      return o;
    }
    JsonObject fromCtx = ctx.body() == null ? null : ctx.body().asJsonObject();
    return fromCtx == null ? new JsonObject() : fromCtx;
  }

  public static UUID uuidParam(RoutingContext ctx, String name) {
    String raw = ctx.pathParam(name);
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiException.notFound(name.replace("Id", ""));
    }
  }

  public static int intQuery(RoutingContext ctx, String name, int def, int min, int max) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) return def;
    try {
      int n = Integer.parseInt(raw);
      if (n < min || n > max) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.invalidValue(
          "query parameter '" + name + "' must be a whole number between " + min + " and " + max,
          "query." + name);
    }
  }

  /** A {@code true}/{@code false} query parameter; {@code def} when absent. */
  public static boolean boolQuery(RoutingContext ctx, String name, boolean def) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) return def;
    if ("true".equals(raw)) return true;
    if ("false".equals(raw)) return false;
    throw ApiException.invalidValue(
        "query parameter '" + name + "' must be true or false", "query." + name);
  }
}
