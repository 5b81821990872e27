package com.analyticsstudio.auth;

import com.analyticsstudio.audit.AuditLog;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.Caches;
import com.analyticsstudio.common.Secrets;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;

/**
 * API keys for programs. The key is shown once; only its SHA-256 digest is stored. Lookups are
 * cached in process for a few seconds because a load test authenticates every request.
 */
public final class ApiKeyService {
  /** Every key starts with this, which is how the auth handler tells keys from JWTs. */
  public static final String KEY_PREFIX = "as_";
  static final int CACHE_SECONDS = 5;
  private static final int CACHE_MAX = 10_000;

  private final Pool pool;
  private final AuditLog audit;
  /**
   * Lookups by key digest, shared by every HTTP verticle instance of the process (one service per
   * process), so a revocation is seen at once here; other processes see it within
   * {@value #CACHE_SECONDS} s.
   */
  private final Cache<String, Principal> cache;

  public ApiKeyService(Pool pool, AuditLog audit, MeterRegistry registry) {
    this.pool = pool;
    this.audit = audit;
    this.cache = Caches.monitored(registry, "api_keys", Caffeine.newBuilder()
        .maximumSize(CACHE_MAX).expireAfterWrite(Duration.ofSeconds(CACHE_SECONDS)));
  }

  public Future<JsonObject> create(Principal principal, String name) {
    String key = KEY_PREFIX + Secrets.randomToken(32);
    String prefix = key.substring(0, 10);
    return pool.withTransaction(conn -> conn.preparedQuery(UserSql.INSERT_API_KEY)
        .execute(Tuple.of(principal.userId(), name.trim(), prefix, Secrets.sha256(key)))
        .compose(rows -> {
          JsonObject created = UserSql.apiKey(rows.iterator().next());
          return audit.record(conn, null, principal.userId(), "api_key.create", "api_key",
                  created.getString("id"), null, new JsonObject().put("name", created.getString("name")))
              .map(v -> created.copy().put("key", key));
        }));
  }

  public Future<JsonObject> list(Principal principal) {
    return pool.preparedQuery(UserSql.LIST_API_KEYS).execute(Tuple.of(principal.userId()))
        .map(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(r -> items.add(UserSql.apiKey(r)));
          return new JsonObject().put("items", items);
        });
  }

  public Future<Void> revoke(Principal principal, UUID keyId) {
    return pool.withTransaction(conn -> conn.preparedQuery(UserSql.REVOKE_API_KEY)
        .execute(Tuple.of(keyId, principal.userId()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiException.notFound("API key"));
          }
          cache.asMap().values().removeIf(p -> keyId.equals(p.apiKeyId()));
          return audit.record(conn, null, principal.userId(), "api_key.revoke", "api_key",
              keyId.toString(), null, null);
        }));
  }

  /** The owner of a live key, or a 401. */
  public Future<Principal> authenticate(String key) {
    String hash = Secrets.sha256(key);
    Principal hit = cache.getIfPresent(hash);
    if (hit != null) {
      return Future.succeededFuture(hit);
    }
    return pool.preparedQuery(UserSql.API_KEY_OWNER).execute(Tuple.of(hash))
        .compose(rows -> {
          if (rows.size() == 0) {
            cache.invalidate(hash);
            return Future.failedFuture(ApiException.unauthorized("the API key is not valid or has been revoked"));
          }
          Row r = rows.iterator().next();
          Principal p = new Principal(r.getUUID("user_id"), r.getString("email"), r.getUUID("id"));
          cache.put(hash, p);
          pool.preparedQuery(UserSql.TOUCH_API_KEY).execute(Tuple.of(p.apiKeyId()));
          return Future.succeededFuture(p);
        });
  }
}
