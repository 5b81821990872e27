package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class RedisQueryCacheIT extends QueryCacheContract {
  static Vertx vertx;
  static Redis redis;

  @BeforeAll
  static void connect() {
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(TestApp.redisUrl()));
  }

  @AfterAll
  static void close() throws Exception {
    redis.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private String prefix;

  @Override
  QueryCache cache() {
    prefix = "as-test:" + UUID.randomUUID() + ":qc:";
    return new RedisQueryCache(redis, prefix);
  }

  /**
   * Redis holds the TTL it was given; expiring it now, Redis removes the entry by itself (awaited,
   * not slept).
   */
  @Override
  void outlive(QueryCache c, String key, int ttlSeconds) throws Exception {
    long ttlMs =
        redis
            .send(Request.cmd(Command.PTTL).arg(prefix + key))
            .await(10, TimeUnit.SECONDS)
            .toLong();
    assertThat(ttlMs).isBetween(1L, ttlSeconds * 1000L);
    redis.send(Request.cmd(Command.PEXPIRE).arg(prefix + key).arg(1)).await(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (c.get(key).await(10, TimeUnit.SECONDS) != null && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }
}
