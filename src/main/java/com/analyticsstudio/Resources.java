package com.analyticsstudio;

import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Db;
import com.analyticsstudio.storage.Storage;
import com.analyticsstudio.storage.Storages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;

/**
 * Connections (the app pool, the user-SQL pool, Redis) and file storage every verticle shares,
 * owned by the main verticle: it opens them before deploying the others and closes them only after
 * those have stopped, so draining requests still reach the database.
 */
public record Resources(
    Pool pool, Redis redisClient, RedisAPI redis, Storage storage, Pool queryPool) {

  public static Resources open(Vertx vertx, AppConfig config) {
    Pool pool = Db.pool(vertx, config);
    Redis client =
        config.redisConfigured()
            ? Redis.createClient(vertx, redisOptions(config.redisUrl()))
            : null;
    return new Resources(
        pool,
        client,
        client == null ? null : RedisAPI.api(client),
        Storages.create(vertx, config),
        Db.queryPool(vertx, config));
  }

  /**
   * The Redis client's options. For {@code rediss://} (TLS, as ElastiCache with in-transit
   * encryption) Vert.x refuses to connect until a host name verification algorithm is set; HTTPS
   * checks the server certificate's name against the URL's host, like a browser.
   */
  static RedisOptions redisOptions(String url) {
    RedisOptions options =
        new RedisOptions().setConnectionString(url).setMaxPoolSize(16).setMaxPoolWaiting(1024);
    if (url.startsWith("rediss://")) {
      options.setNetClientOptions(new NetClientOptions().setHostnameVerificationAlgorithm("HTTPS"));
    }
    return options;
  }

  public Future<Void> close() {
    if (redisClient != null) {
      redisClient.close();
    }
    return storage.close().transform(x -> queryPool.close()).transform(x -> pool.close());
  }
}
