package com.analyticsstudio.auth;

import com.analyticsstudio.audit.AuditLog;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Caches;
import com.analyticsstudio.common.Secrets;
import com.analyticsstudio.ratelimit.RateLimiter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * API keys for programs. The key is shown once; only its SHA-256 digest is stored. Each key has
 * scopes ({@link Scope}) and an optional expiry. Creation is limited per user: at most {@code
 * API_KEY_CREATE_PER_HOUR} new keys an hour (429) and {@code API_KEY_MAX_ACTIVE} live keys (409),
 * so keys cannot be minted to multiply a rate-limit budget or fill the table. Lookups are cached in
 * process for a few seconds because a load test authenticates every request.
 */
public final class ApiKeyService {
  /** Every key starts with this, which is how the auth handler tells keys from JWTs. */
  public static final String KEY_PREFIX = "as_";

  static final int CACHE_SECONDS = 5;
  private static final int CACHE_MAX = 10_000;
  private static final int CREATE_WINDOW_SECONDS = 3600;

  private final Pool pool;
  private final AuditLog audit;

  /**
   * Lookups by key digest, shared by every HTTP verticle instance of the process (one service per
   * process), so a revocation is seen at once here; other processes see it within {@value
   * #CACHE_SECONDS} s.
   */
  private final Cache<String, Cached> cache;

  private final RateLimiter limiter;
  private final AppConfig.Security settings;
  private final Clock clock;

  /**
   * @param limiter holds the per-user creation bucket
   * @param clock decides when a cached lookup is stale and when a cached key has expired
   * @param registry where the lookup cache reports ({@code cache_*{cache="api_keys"}})
   */
  public ApiKeyService(
      Pool pool,
      AuditLog audit,
      RateLimiter limiter,
      AppConfig.Security settings,
      Clock clock,
      MeterRegistry registry) {
    this.pool = pool;
    this.audit = audit;
    this.limiter = limiter;
    this.settings = settings;
    this.clock = clock;
    this.cache =
        Caches.monitored(
            registry,
            "api_keys",
            Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .maximumSize(CACHE_MAX)
                .expireAfterWrite(Duration.ofSeconds(CACHE_SECONDS)));
  }

  /**
   * Creates a key with these scopes (default {@code read}) and optional expiry (an ISO date-time in
   * the future, or null for none).
   */
  public Future<JsonObject> create(
      Principal principal, String name, List<String> scopeNames, String expiresAt) {
    Set<Scope> scopes;
    OffsetDateTime expires;
    try {
      scopes = scopes(scopeNames);
      expires = expiry(expiresAt);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    return limiter
        .acquire(
            "apikey:create:user:" + principal.userId(),
            settings.apiKeyCreatesPerHour(),
            CREATE_WINDOW_SECONDS)
        .recover(e -> Future.succeededFuture(null)) // a limiter outage must not stop key creation
        .compose(
            d ->
                d == null || d.allowed()
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        new ApiException(
                            429,
                            "rate_limited",
                            "too many API keys created; you may create "
                                + settings.apiKeyCreatesPerHour()
                                + " an hour, retry in "
                                + d.retryAfterSeconds()
                                + " s",
                            new JsonObject()
                                .put("bucket", "api_key_create")
                                .put("limitPerHour", settings.apiKeyCreatesPerHour()),
                            d.retryAfterSeconds(),
                            null)))
        .compose(v -> insert(principal, name, scopes, expires));
  }

  private Future<JsonObject> insert(
      Principal principal, String name, Set<Scope> scopes, OffsetDateTime expires) {
    String key = KEY_PREFIX + Secrets.randomToken(32);
    String prefix = key.substring(0, 10);
    String[] scopeArray = scopes.stream().map(Scope::wire).sorted().toArray(String[]::new);
    // The user's row is locked so two concurrent creations cannot both pass the count.
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(UserSql.LOCK_USER)
                .execute(Tuple.of(principal.userId()))
                .compose(
                    locked ->
                        conn.preparedQuery(UserSql.COUNT_LIVE_API_KEYS)
                            .execute(Tuple.of(principal.userId())))
                .compose(
                    count -> {
                      long live = count.iterator().next().getLong("n");
                      if (live >= settings.apiKeyMaxActive()) {
                        return Future.failedFuture(
                            new ApiException(
                                409,
                                "api_key_limit",
                                "you already have "
                                    + live
                                    + " live API keys, the most allowed; revoke one you no longer use first",
                                new JsonObject().put("maxActive", settings.apiKeyMaxActive())));
                      }
                      return conn.preparedQuery(UserSql.INSERT_API_KEY)
                          .execute(
                              Tuple.of(
                                  principal.userId(),
                                  name.trim(),
                                  prefix,
                                  Secrets.sha256(key),
                                  scopeArray,
                                  expires));
                    })
                .compose(
                    rows -> {
                      JsonObject created = UserSql.apiKey(rows.iterator().next());
                      return audit
                          .record(
                              conn,
                              null,
                              principal.userId(),
                              "api_key.create",
                              "api_key",
                              created.getString("id"),
                              null,
                              new JsonObject()
                                  .put("name", created.getString("name"))
                                  .put("scopes", created.getJsonArray("scopes"))
                                  .put("expiresAt", created.getString("expiresAt")))
                          .map(v -> created.copy().put("key", key));
                    }));
  }

  private static Set<Scope> scopes(List<String> names) {
    if (names == null || names.isEmpty()) {
      return EnumSet.of(Scope.READ);
    }
    Set<Scope> out = EnumSet.noneOf(Scope.class);
    for (String n : names) {
      out.add(Scope.parse(n));
    }
    return out;
  }

  private OffsetDateTime expiry(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    OffsetDateTime t;
    try {
      t = OffsetDateTime.parse(raw);
    } catch (DateTimeParseException e) {
      throw ApiException.unprocessable(
          "invalid_expiry", "expiresAt must be a date-time like 2030-01-31T00:00:00Z");
    }
    if (!t.toInstant().isAfter(clock.instant())) {
      throw ApiException.unprocessable("invalid_expiry", "expiresAt must be in the future");
    }
    return t.withOffsetSameInstant(ZoneOffset.UTC);
  }

  public Future<JsonObject> list(Principal principal) {
    return pool.preparedQuery(UserSql.LIST_API_KEYS)
        .execute(Tuple.of(principal.userId()))
        .map(
            rows -> {
              JsonArray items = new JsonArray();
              rows.forEach(r -> items.add(UserSql.apiKey(r)));
              return new JsonObject().put("items", items);
            });
  }

  public Future<Void> revoke(Principal principal, UUID keyId) {
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(UserSql.REVOKE_API_KEY)
                .execute(Tuple.of(keyId, principal.userId()))
                .compose(
                    rows -> {
                      if (rows.size() == 0) {
                        return Future.failedFuture(ApiException.notFound("API key"));
                      }
                      cache.asMap().values().removeIf(c -> keyId.equals(c.principal.apiKeyId()));
                      return audit.record(
                          conn,
                          null,
                          principal.userId(),
                          "api_key.revoke",
                          "api_key",
                          keyId.toString(),
                          null,
                          null);
                    }));
  }

  /** The owner of a live, unexpired key (with the key's scopes), or a 401. */
  public Future<Principal> authenticate(String key) {
    String hash = Secrets.sha256(key);
    Cached hit = cache.getIfPresent(hash);
    if (hit != null) {
      if (hit.expiresAt != null && !hit.expiresAt.isAfter(clock.instant())) {
        cache.invalidate(hash);
        return Future.failedFuture(expired());
      }
      return Future.succeededFuture(hit.principal);
    }
    return pool.preparedQuery(UserSql.API_KEY_OWNER)
        .execute(Tuple.of(hash))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                cache.invalidate(hash);
                return Future.failedFuture(
                    ApiException.unauthorized("the API key is not valid or has been revoked"));
              }
              Row r = rows.iterator().next();
              if (r.getBoolean("expired")) {
                cache.invalidate(hash);
                return Future.failedFuture(expired());
              }
              Set<Scope> scopes = EnumSet.noneOf(Scope.class);
              for (String s : r.getArrayOfStrings("scopes")) {
                scopes.add(Scope.parse(s));
              }
              Principal p =
                  new Principal(
                      r.getUUID("user_id"), r.getString("email"), r.getUUID("id"), scopes);
              OffsetDateTime expiresAt = r.getOffsetDateTime("expires_at");
              cache.put(hash, new Cached(p, expiresAt == null ? null : expiresAt.toInstant()));
              pool.preparedQuery(UserSql.TOUCH_API_KEY).execute(Tuple.of(p.apiKeyId()));
              return Future.succeededFuture(p);
            });
  }

  private static ApiException expired() {
    return new ApiException(401, "api_key_expired", "the API key has expired; create a new one");
  }

  /** A cached key lookup: who, and when the key expires (or null). */
  record Cached(Principal principal, Instant expiresAt) {}
}
