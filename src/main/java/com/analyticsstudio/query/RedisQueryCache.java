package com.analyticsstudio.query;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * The cache in Redis, shared by every instance: {@code SET key value EX ttl} under the deployment's
 * key prefix. Values go as bytes (no string re-encoding).
 */
public final class RedisQueryCache implements QueryCache {
  private final Redis redis;
  private final String prefix;

  /**
   * @param prefix e.g. {@code config.redisKeyPrefix() + "qc:"}
   */
  public RedisQueryCache(Redis redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  @Override
  public Future<Buffer> get(String key) {
    return redis
        .send(Request.cmd(Command.GET).arg(prefix + key))
        .map(r -> r == null ? null : r.toBuffer());
  }

  @Override
  public Future<Void> put(String key, Buffer value, int ttlSeconds) {
    if (ttlSeconds <= 0) {
      return Future.succeededFuture();
    }
    return redis
        .send(Request.cmd(Command.SET).arg(prefix + key).arg(value).arg("EX").arg(ttlSeconds))
        .mapEmpty();
  }
}
