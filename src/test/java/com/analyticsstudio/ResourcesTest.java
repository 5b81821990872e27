package com.analyticsstudio;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.Test;

class ResourcesTest {

  @Test
  void tlsRedisUrlVerifiesTheServersHostName() {
    RedisOptions options =
        Resources.redisOptions("rediss://:token@master.cache.example.com:6379/0");
    assertThat(options.getNetClientOptions().getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
    assertThat(options.getEndpoint()).isEqualTo("rediss://:token@master.cache.example.com:6379/0");
  }

  @Test
  void plainRedisUrlKeepsTheDefaultClientOptions() {
    RedisOptions options = Resources.redisOptions("redis://localhost:6379/0");
    assertThat(options.getNetClientOptions().getHostnameVerificationAlgorithm())
        .isEqualTo(new RedisOptions().getNetClientOptions().getHostnameVerificationAlgorithm());
    assertThat(options.getMaxPoolSize()).isEqualTo(16);
    assertThat(options.getMaxPoolWaiting()).isEqualTo(1024);
  }
}
