package com.analyticsstudio.ratelimit;

import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.http.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API rate limits: one token bucket per caller and {@link Bucket}, the caller being the API key
 * when the request used one (each key its own budget), otherwise the user. Buckets hold
 * {@code RATE_LIMIT_<BUCKET>_PER_MINUTE} tokens and refill over a minute, in Redis when configured.
 * Every limited response carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset} (seconds until the bucket is full); a refusal is 429 with
 * {@code Retry-After}. If the limiter itself fails (Redis down), requests pass: limits protect the
 * service, they must not take it down.
 *
 * <p>Mount before the operation's handler: {@code builder.getRoute("ask").addHandler(rateLimits.handler(Bucket.ASK))}.
 */
public final class RateLimits {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimits.class);
  private static final int WINDOW_SECONDS = 60;

  /** The separate budgets. */
  public enum Bucket { QUERY, ASK, UPLOAD }

  private final RateLimiter limiter;
  private final AppConfig.QueryEngine settings;
  private final Counter rejected;

  public RateLimits(RateLimiter limiter, AppConfig config, MeterRegistry registry) {
    this.limiter = limiter;
    this.settings = config.queryEngine();
    this.rejected = Metrics.rejections(registry, 429);
  }

  public int capacity(Bucket bucket) {
    return switch (bucket) {
      case QUERY -> settings.rateQueryPerMinute();
      case ASK -> settings.rateAskPerMinute();
      case UPLOAD -> settings.rateUploadPerMinute();
    };
  }

  /** A route handler that takes one token from the caller's {@code bucket}, or answers 429. Needs an authenticated caller. */
  public Handler<RoutingContext> handler(Bucket bucket) {
    int capacity = capacity(bucket);
    String name = bucket.name().toLowerCase(Locale.ROOT);
    return ctx -> {
      Principal who = Principal.of(ctx);
      String key = name + ":" + (who.viaApiKey() ? "key:" + who.apiKeyId() : "user:" + who.userId());
      limiter.acquire(key, capacity, WINDOW_SECONDS).onComplete(ar -> {
        if (ar.failed()) {
          LOG.warn("rate limiter unavailable, letting the request through: {}", ar.cause().toString());
          ctx.next();
          return;
        }
        RateLimiter.Decision d = ar.result();
        HttpServerResponse resp = ctx.response();
        resp.putHeader("RateLimit-Limit", String.valueOf(d.limit()))
            .putHeader("RateLimit-Remaining", String.valueOf(d.remaining()))
            .putHeader("RateLimit-Reset", String.valueOf(d.resetSeconds()));
        if (d.allowed()) {
          ctx.next();
          return;
        }
        rejected.increment();
        if (!ctx.request().isEnded()) {
          // An unread upload body will not be read: close the connection after the answer.
          resp.putHeader("Connection", "close");
        }
        ctx.fail(new ApiException(429, "rate_limited", "too many " + name + " requests; retry in "
            + d.retryAfterSeconds() + " s", new io.vertx.core.json.JsonObject().put("bucket", name)
            .put("limitPerMinute", d.limit()), d.retryAfterSeconds(), null));
      });
    };
  }
}
