package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With REDIS_URL set, results are cached in Redis: a second app on the same Redis and database sees
 * them.
 */
class QueryRedisIT {

  @Test
  void resultsCachedInRedisServeAnotherInstance() throws Exception {
    String prefix = "as-test:" + UUID.randomUUID() + ":";
    try (TestApp one =
        TestApp.start(Map.of("REDIS_URL", TestApp.redisUrl(), "REDIS_KEY_PREFIX", prefix))) {
      QueryApi q = new QueryApi(one);
      Session s = one.api.signup();
      String p = one.api.createProject(s, "shared");
      q.upload(s.accessToken(), p, "t.csv", "v\n1\n2\n");
      JsonObject first = q.run(s.accessToken(), p, "SELECT sum(v) AS s FROM t").bodyAsJsonObject();
      assertThat(first.getBoolean("cached")).isFalse();
      assertThat(first.getJsonArray("rows")).isEqualTo(new JsonArray("[[3]]"));
      JsonObject second = q.run(s.accessToken(), p, "SELECT sum(v) AS s FROM t").bodyAsJsonObject();
      assertThat(second.getBoolean("cached")).isTrue();
      assertThat(second.getJsonArray("rows")).isEqualTo(new JsonArray("[[3]]"));
    }
  }
}
