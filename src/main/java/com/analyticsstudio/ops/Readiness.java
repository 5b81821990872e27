package com.analyticsstudio.ops;

import com.analyticsstudio.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whether the dependencies answer right now: PostgreSQL and file storage always, Redis when
 * configured.
 */
public final class Readiness {
  private static final long TIMEOUT_MS = 2000;
  private final Pool pool;
  private final RedisAPI redis;
  private final Storage storage;

  public Readiness(Pool pool, RedisAPI redis, Storage storage) {
    this.pool = pool;
    this.redis = redis;
    this.storage = storage;
  }

  /** {@code {status, checks:{postgres, redis?}}}; status is "ready" only if every check is "up". */
  public Future<JsonObject> check() {
    Future<String> pg =
        pool.query("SELECT 1")
            .execute()
            .map(r -> "up")
            .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
            .otherwise(e -> "down: " + reason(e));
    Future<String> rd =
        redis == null
            ? Future.succeededFuture(null)
            : redis
                .ping(List.of())
                .map(r -> "up")
                .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .otherwise(e -> "down: " + reason(e));
    Future<String> st =
        storage
            .check()
            .map(v -> "up")
            .timeout(TIMEOUT_MS * 3, TimeUnit.MILLISECONDS)
            .otherwise(e -> "down: " + reason(e));
    return Future.join(pg, rd, st)
        .transform(
            ar -> {
              JsonObject checks =
                  new JsonObject().put("postgres", pg.result()).put("storage", st.result());
              if (redis != null) {
                checks.put("redis", rd.result());
              }
              boolean up = checks.stream().allMatch(e -> "up".equals(e.getValue()));
              return Future.succeededFuture(
                  new JsonObject()
                      .put("status", up ? "ready" : "unavailable")
                      .put("checks", checks));
            });
  }

  private static String reason(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : (m.length() > 120 ? m.substring(0, 120) : m);
  }
}
