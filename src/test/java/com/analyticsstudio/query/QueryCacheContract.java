package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link QueryCache} must do; run against the in-process and the Redis cache. */
abstract class QueryCacheContract {

  /** A fresh, empty cache (large enough for these tests). */
  abstract QueryCache cache();

  /**
   * Lets {@code key}'s entry in {@code c} outlive its TTL of {@code ttlSeconds}: on a fake clock
   * where the cache has one, otherwise by the store's own expiry once the TTL it holds is checked.
   */
  abstract void outlive(QueryCache c, String key, int ttlSeconds) throws Exception;

  static <T> T await(Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  static String key() {
    return UUID.randomUUID() + ":" + UUID.randomUUID();
  }

  @Test
  void missingKeyIsNull() throws Exception {
    assertThat(await(cache().get(key()))).isNull();
  }

  @Test
  void storedValueComesBackByteForByte() throws Exception {
    QueryCache c = cache();
    String k = key();
    Buffer value = Buffer.buffer("{\"rows\":[[\"Zürich ✓\",1]],\"x\":\"\u0000\"}");
    await(c.put(k, value, 60));
    assertThat(await(c.get(k))).isEqualTo(value);
  }

  @Test
  void putReplacesTheOldValue() throws Exception {
    QueryCache c = cache();
    String k = key();
    await(c.put(k, Buffer.buffer("one"), 60));
    await(c.put(k, Buffer.buffer("two"), 60));
    assertThat(await(c.get(k)).toString()).isEqualTo("two");
  }

  @Test
  void keysNeverShareEntries() throws Exception {
    QueryCache c = cache();
    String project = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    await(c.put(project + ":abc", Buffer.buffer("mine"), 60));
    assertThat(await(c.get(other + ":abc"))).isNull();
    assertThat(await(c.get(project + ":abc")).toString()).isEqualTo("mine");
  }

  @Test
  void entriesExpireAfterTheirTtl() throws Exception {
    QueryCache c = cache();
    String k = key();
    await(c.put(k, Buffer.buffer("soon gone"), 1));
    assertThat(await(c.get(k))).isNotNull();
    outlive(c, k, 1);
    assertThat(await(c.get(k))).isNull();
  }
}
