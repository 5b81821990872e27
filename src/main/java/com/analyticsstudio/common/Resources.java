package com.analyticsstudio.common;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import com.analyticsstudio.storage.Storage;
import com.analyticsstudio.storage.Storages;

/**
 * Connections (the app pool, the user-SQL pool, Redis) and file storage every verticle shares, owned by the main verticle: it opens them before deploying
 * the others and closes them only after those have stopped, so draining requests still reach
 * the database.
 */
public record Resources(Pool pool, Redis redisClient, RedisAPI redis, Storage storage, Pool queryPool) {

  public static Resources open(Vertx vertx, AppConfig config) {
    Pool pool = Db.pool(vertx, config);
    Redis client = config.redisConfigured()
        ? Redis.createClient(vertx, new RedisOptions().setConnectionString(config.redisUrl())
            .setMaxPoolSize(16).setMaxPoolWaiting(1024))
        : null;
    return new Resources(pool, client, client == null ? null : RedisAPI.api(client), Storages.create(vertx, config),
        Db.queryPool(vertx, config));
  }

  public Future<Void> close() {
    if (redisClient != null) {
      redisClient.close();
    }
    return storage.close().transform(x -> queryPool.close()).transform(x -> pool.close());
  }
}
