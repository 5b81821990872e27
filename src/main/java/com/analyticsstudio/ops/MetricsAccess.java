package com.analyticsstudio.ops;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards {@code /metrics}: with {@code METRICS_TOKEN} set, a scrape must send {@code Authorization:
 * Bearer <token>} (401 otherwise); without one it is open, except in production, where it answers
 * 403 until a token is configured (metrics name routes, pools and load — not for the public).
 */
public final class MetricsAccess {
  private MetricsAccess() {}

  public static Handler<RoutingContext> handler(AppConfig config) {
    String token = config.security().metricsToken();
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    boolean production = config.production();
    return ctx -> {
      if (token.isBlank()) {
        if (production) {
          ctx.fail(
              ApiException.forbidden(
                  "metrics_disabled", "set METRICS_TOKEN to scrape /metrics in production"));
        } else {
          ctx.next();
        }
        return;
      }
      String auth = ctx.request().getHeader("Authorization");
      // Constant-time comparison, so the token cannot be guessed byte by byte from timings.
      if (auth != null
          && MessageDigest.isEqual(auth.trim().getBytes(StandardCharsets.UTF_8), expected)) {
        ctx.next();
        return;
      }
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
      ctx.fail(ApiException.unauthorized("/metrics needs Authorization: Bearer <METRICS_TOKEN>"));
    };
  }
}
