package com.analyticsstudio.http;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.Locale;

/**
 * HTTP conventions of every {@code /api/} route that the OpenAPI router does not apply itself:
 *
 * <ul>
 *   <li>a body sent to an operation that takes JSON must say {@code Content-Type: application/json}
 *       (or a {@code +json} type): anything else is 415 {@code unsupported_media_type} before the
 *       body is read;
 *   <li>{@code Cache-Control}: a response that sets none gets {@code no-store} (tokens, keys and
 *       project data alike), except a GET answer with an {@code ETag}, which gets {@code private,
 *       no-cache} so a client may keep it and revalidate with {@code If-None-Match}.
 * </ul>
 *
 * A 405 gets its {@code Allow} header from {@link #allowHeader} (the router's error handler).
 */
final class ApiConventions implements SecurityPolicyHandler {
  private final RouteIndex routes;

  ApiConventions(RouteIndex routes) {
    this.routes = routes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!ctx.request().path().startsWith("/api/")) {
      ctx.next();
      return;
    }
    ctx.addHeadersEndHandler(v -> cacheControl(ctx.response()));
    ctx.next();
  }

  /**
   * The first check of an operation that takes only JSON (after the scope check): a body sent
   * without a JSON {@code Content-Type} is 415. On the route, where the operation is known, so no
   * request pays for finding it.
   */
  static void requireJson(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    if (hasBody(req.headers())) {
      String type = req.getHeader("Content-Type");
      if (!isJson(type)) {
        ctx.fail(
            ApiException.unsupportedMediaType(
                "this operation takes a JSON body: send Content-Type: application/json",
                new JsonObject()
                    .put("expected", new JsonArray().add("application/json"))
                    .put("received", type == null ? "" : type)));
        return;
      }
    }
    ctx.next();
  }

  /** Puts {@code Allow} on a 405 for a documented path. */
  void allowHeader(RoutingContext ctx) {
    var allowed = routes.allowed(ctx.request().path());
    if (!allowed.isEmpty()) {
      ctx.response().putHeader("Allow", String.join(", ", allowed));
    }
  }

  private static void cacheControl(HttpServerResponse response) {
    if (response.headers().contains("Cache-Control")) return;
    response.putHeader(
        "Cache-Control", response.headers().contains("ETag") ? "private, no-cache" : "no-store");
  }

  private static boolean hasBody(MultiMap headers) {
    String length = headers.get("Content-Length");
    if (length != null) return !length.trim().equals("0");
    return headers.contains("Transfer-Encoding");
  }

  static boolean isJson(String contentType) {
    if (contentType == null) return false;
    String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return media.equals("application/json") || media.endsWith("+json");
  }
}
