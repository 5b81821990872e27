package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalQueryCacheTest extends QueryCacheContract {

  private final AtomicLong nanos = new AtomicLong();

  @Override
  QueryCache cache() {
    return new LocalQueryCache(1000, 16 * 1024 * 1024, nanos::get, null);
  }

  @Override
  void outlive(QueryCache c, String key, int ttlSeconds) {
    nanos.addAndGet((ttlSeconds + 1) * 1_000_000_000L);
  }

  @Test
  void entriesStayWithinTheirCount() throws Exception {
    LocalQueryCache c = new LocalQueryCache(3, 1024 * 1024);
    for (int i = 0; i < 20; i++) {
      c.put("k" + i, Buffer.buffer("v" + i), 60);
      assertThat(c.size()).isLessThanOrEqualTo(3);
    }
    assertThat(c.size()).isEqualTo(3);
  }

  @Test
  void anEntryExpiresAfterItsOwnTtlOnTheCachesClock() throws Exception {
    AtomicLong nanos = new AtomicLong();
    LocalQueryCache c = new LocalQueryCache(10, 1024 * 1024, nanos::get, null);
    c.put("short", Buffer.buffer("1"), 1);
    c.put("long", Buffer.buffer("2"), 60);
    nanos.addAndGet(1_500_000_000L);
    assertThat(await(c.get("short"))).isNull();
    assertThat(await(c.get("long"))).isNotNull();
  }

  @Test
  void bytesStayWithinTheBudget() throws Exception {
    long budget = 100_000;
    LocalQueryCache c = new LocalQueryCache(1_000_000, budget);
    Buffer tenKb = Buffer.buffer(new byte[10_000]);
    for (int i = 0; i < 100; i++) {
      c.put("k" + i, tenKb, 60);
      assertThat(c.bytes()).isLessThanOrEqualTo(budget);
    }
    assertThat(c.size()).isBetween(5, 10);
  }

  @Test
  void aValueLargerThanTheBudgetIsNotStored() throws Exception {
    LocalQueryCache c = new LocalQueryCache(10, 1000);
    c.put("big", Buffer.buffer(new byte[5000]), 60);
    assertThat(await(c.get("big"))).isNull();
    assertThat(c.bytes()).isZero();
  }
}
