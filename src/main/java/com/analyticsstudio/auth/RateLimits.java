package com.analyticsstudio.auth;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Forwarded;
import com.analyticsstudio.common.Metrics;
import com.analyticsstudio.common.Secrets;
import com.analyticsstudio.ratelimit.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API rate limits that follow the person: each request of a {@link Bucket} kind is charged to its
 * API key (when it used one), to its user (whichever key or token they use, so minting keys buys no
 * budget) and to its project (all members together), atomically — it passes only if every one of
 * those buckets has a token. Buckets hold {@code RATE_LIMIT_<BUCKET>_PER_MINUTE} (per key), {@code
 * …_PER_USER_PER_MINUTE} and {@code …_PER_PROJECT_PER_MINUTE} tokens and refill over a minute, in
 * Redis when configured. Every limited response carries {@code RateLimit-Limit}, {@code
 * RateLimit-Remaining} and {@code RateLimit-Reset} of the tightest bucket; a refusal is 429 with
 * {@code Retry-After}, naming the bucket that is empty ({@code details.scope}: key, user or
 * project). If the limiter itself fails (Redis down), requests pass: limits protect the service,
 * they must not take it down.
 *
 * <p>Mount before the operation's handler: {@code
 * builder.getRoute("ask").addHandler(rateLimits.handler(Bucket.ASK))}.
 */
public final class RateLimits {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimits.class);
  private static final int WINDOW_SECONDS = 60;

  /** The separate budgets. */
  public enum Bucket {
    QUERY,
    ASK,
    UPLOAD
  }

  /** Whose budget a bucket is. */
  enum Scope {
    KEY("this API key"),
    USER("your account"),
    PROJECT("this project"),
    LINK("this public link from your address");

    final String who;

    Scope(String who) {
      this.who = who;
    }
  }

  /**
   * Whether a user is a member of a project (cached is fine). Only members are charged to a
   * project's bucket, so an outsider who knows a project's id cannot spend its budget.
   */
  @FunctionalInterface
  public interface Membership {
    Future<Boolean> isMember(UUID projectId, UUID userId);
  }

  private final RateLimiter limiter;
  private final Membership membership;
  private final AppConfig.QueryEngine perKey;
  private final AppConfig.Security perPerson;
  private final Counter rejected;

  public RateLimits(
      RateLimiter limiter, Membership membership, AppConfig config, MeterRegistry registry) {
    this.limiter = limiter;
    this.membership = membership;
    this.perKey = config.queryEngine();
    this.perPerson = config.security();
    this.rejected = Metrics.rejections(registry, 429);
  }

  public int capacity(Bucket bucket) {
    return capacity(bucket, Scope.KEY);
  }

  int capacity(Bucket bucket, Scope scope) {
    return switch (bucket) {
      case QUERY ->
          switch (scope) {
            case KEY -> perKey.rateQueryPerMinute();
            case USER -> perPerson.rateQueryPerUserPerMinute();
            case PROJECT -> perPerson.rateQueryPerProjectPerMinute();
            case LINK -> perPerson.ratePublicPerMinute();
          };
      case ASK ->
          switch (scope) {
            case KEY -> perKey.rateAskPerMinute();
            case USER -> perPerson.rateAskPerUserPerMinute();
            case PROJECT -> perPerson.rateAskPerProjectPerMinute();
            case LINK -> perPerson.ratePublicPerMinute();
          };
      case UPLOAD ->
          switch (scope) {
            case KEY -> perKey.rateUploadPerMinute();
            case USER -> perPerson.rateUploadPerUserPerMinute();
            case PROJECT -> perPerson.rateUploadPerProjectPerMinute();
            case LINK -> perPerson.ratePublicPerMinute();
          };
    };
  }

  /**
   * A route handler that takes one token from each of the caller's {@code bucket}s, or answers 429.
   * Needs an authenticated caller; the project is the route's {@code projectId}, if any.
   */
  public Handler<RoutingContext> handler(Bucket bucket) {
    String name = bucket.name().toLowerCase(Locale.ROOT);
    return ctx -> {
      Principal who = Principal.of(ctx);
      List<Scope> scopes = new ArrayList<>(3);
      List<RateLimiter.Limit> limits = new ArrayList<>(3);
      if (who.viaApiKey()) {
        scopes.add(Scope.KEY);
        limits.add(
            new RateLimiter.Limit(
                name + ":key:" + who.apiKeyId(), capacity(bucket, Scope.KEY), WINDOW_SECONDS));
      }
      scopes.add(Scope.USER);
      limits.add(
          new RateLimiter.Limit(
              name + ":user:" + who.userId(), capacity(bucket, Scope.USER), WINDOW_SECONDS));
      UUID project = projectId(ctx);
      Future<Boolean> member =
          project == null
              ? Future.succeededFuture(false)
              : membership.isMember(project, who.userId()).otherwise(false);
      member
          .compose(
              isMember -> {
                if (isMember) {
                  scopes.add(Scope.PROJECT);
                  limits.add(
                      new RateLimiter.Limit(
                          name + ":project:" + project,
                          capacity(bucket, Scope.PROJECT),
                          WINDOW_SECONDS));
                }
                return limiter.acquireAll(limits);
              })
          .onComplete(
              ar -> {
                if (ar.failed()) {
                  LOG.warn(
                      "rate limiter unavailable, letting the request through: {}",
                      ar.cause().toString());
                  ctx.next();
                  return;
                }
                answer(ctx, name, scopes, ar.result());
              });
    };
  }

  /**
   * The public links' handler (no caller is signed in): one bucket per link and client address,
   * {@code RATE_LIMIT_PUBLIC_PER_MINUTE} tokens a minute, keyed by a digest of the route's {@code
   * token} (the token itself never reaches Redis). The runs behind it also count against the link
   * maker's fair share of the query pool, so one link cannot take a project's connections.
   */
  public Handler<RoutingContext> publicLink() {
    return ctx -> {
      String token = ctx.pathParam("token");
      String key =
          "public:link:"
              + Secrets.sha256(token == null ? "" : token).substring(0, 32)
              + ":addr:"
              + Forwarded.clientAddress(ctx);
      limiter
          .acquireAll(
              List.of(new RateLimiter.Limit(key, perPerson.ratePublicPerMinute(), WINDOW_SECONDS)))
          .onComplete(
              ar -> {
                if (ar.failed()) {
                  LOG.warn(
                      "rate limiter unavailable, letting the request through: {}",
                      ar.cause().toString());
                  ctx.next();
                  return;
                }
                answer(ctx, "public", List.of(Scope.LINK), ar.result());
              });
    };
  }

  private static UUID projectId(RoutingContext ctx) {
    String raw = ctx.pathParam("projectId");
    try {
      return raw == null ? null : UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      return null; // the route answers 404 for it
    }
  }

  private void answer(
      RoutingContext ctx, String name, List<Scope> scopes, List<RateLimiter.Decision> decisions) {
    int shown = tightest(decisions);
    RateLimiter.Decision d = decisions.get(shown);
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
    Scope scope = scopes.get(shown);
    ctx.fail(
        new ApiException(
            429,
            "rate_limited",
            "too many "
                + name
                + " requests for "
                + scope.who
                + "; retry in "
                + d.retryAfterSeconds()
                + " s",
            new JsonObject()
                .put("bucket", name)
                .put("scope", scope.name().toLowerCase(Locale.ROOT))
                .put("limitPerMinute", d.limit()),
            d.retryAfterSeconds(),
            null));
  }

  /**
   * The bucket to report: among empty ones the one that frees up last (retrying sooner would fail
   * again); when all had a token, the one with the fewest left.
   */
  static int tightest(List<RateLimiter.Decision> decisions) {
    int best = -1;
    for (int i = 0; i < decisions.size(); i++) {
      RateLimiter.Decision d = decisions.get(i);
      if (!d.allowed()
          && (best < 0
              || decisions.get(best).allowed()
              || d.retryAfterSeconds() > decisions.get(best).retryAfterSeconds())) {
        best = i;
      }
    }
    if (best >= 0) {
      return best;
    }
    best = 0;
    for (int i = 1; i < decisions.size(); i++) {
      if (decisions.get(i).remaining() < decisions.get(best).remaining()) {
        best = i;
      }
    }
    return best;
  }
}
