package com.analyticsstudio.http;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.Map;

/**
 * Refuses requests whose path, query or headers carry a NUL character with 400 before any handler
 * sees them: PostgreSQL text cannot hold NUL, so one reaching a query (a {@code ?filename=}, an
 * email) used to fail there as a 500.
 */
final class NulGuard implements SecurityPolicyHandler {

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String uri = req.uri();
    if (uri.indexOf('\0') >= 0 || uri.contains("%00")) {
      ctx.fail(
          ApiException.badRequest(
              "invalid_text", "the request's path or query contains a NUL character (%00)"));
      return;
    }
    for (Map.Entry<String, String> h : req.headers()) {
      if (h.getValue().indexOf('\0') >= 0) {
        ctx.fail(
            ApiException.badRequest(
                "invalid_text", "the header " + h.getKey() + " contains a NUL character"));
        return;
      }
    }
    ctx.next();
  }
}
