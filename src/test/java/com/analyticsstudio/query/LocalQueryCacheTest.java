package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class LocalQueryCacheTest extends QueryCacheContract {

  @Override
  QueryCache cache() {
    return new LocalQueryCache(1000, 16 * 1024 * 1024);
  }

  @Test
  void leastRecentlyUsedEntriesGoFirstWhenEntriesAreFull() throws Exception {
    LocalQueryCache c = new LocalQueryCache(3, 1024 * 1024);
    c.put("a", Buffer.buffer("1"), 60);
    c.put("b", Buffer.buffer("2"), 60);
    c.put("c", Buffer.buffer("3"), 60);
    c.get("a"); // a is now the most recently used
    c.put("d", Buffer.buffer("4"), 60);
    assertThat(await(c.get("b"))).isNull();
    assertThat(await(c.get("a"))).isNotNull();
    assertThat(c.size()).isEqualTo(3);
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
    assertThat(await(c.get("k99"))).isNotNull();
    assertThat(await(c.get("k0"))).isNull();
  }

  @Test
  void aValueLargerThanTheBudgetIsNotStored() throws Exception {
    LocalQueryCache c = new LocalQueryCache(10, 1000);
    c.put("big", Buffer.buffer(new byte[5000]), 60);
    assertThat(await(c.get("big"))).isNull();
    assertThat(c.bytes()).isZero();
  }
}
