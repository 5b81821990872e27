package com.analyticsstudio.query;

import com.analyticsstudio.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.util.UUID;
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
    vertx.close().await(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Override
  QueryCache cache() {
    return new RedisQueryCache(redis, "as-test:" + UUID.randomUUID() + ":qc:");
  }
}
