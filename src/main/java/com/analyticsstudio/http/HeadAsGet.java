package com.analyticsstudio.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * HEAD wherever GET is: before anything else, a HEAD request is rerouted as a GET, so it gets the
 * GET's access rules, status and headers; Vert.x writes no body for a HEAD. The operations stay
 * GET-only, so no other request pays more than this one comparison, and the reroute happens before
 * any handler counted or logged the request.
 */
final class HeadAsGet implements PlatformHandler {
  private static final String REROUTED = "http.head.rerouted";

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.request().method() == HttpMethod.HEAD && ctx.get(REROUTED) == null) {
      ctx.put(REROUTED, Boolean.TRUE);
      ctx.reroute(HttpMethod.GET, ctx.request().uri());
      return;
    }
    ctx.next();
  }
}
