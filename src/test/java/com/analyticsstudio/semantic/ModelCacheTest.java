package com.analyticsstudio.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.project.Role;
import io.vertx.core.Future;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ModelCacheTest {
  final AtomicLong now = new AtomicLong(1_000_000);
  final ModelCache cache = new ModelCache(now::get);
  final UUID project = UUID.randomUUID();
  final UUID dataset = UUID.randomUUID();

  ModelCache.Prepared prepared(int version) {
    return new ModelCache.Prepared(
        new ModelService.Loaded(dataset, "orders", "orders", 1, version, Models.orders(), null),
        Map.of());
  }

  @Test
  void remembersForTheTtlThenReadsAgain() {
    AtomicInteger reads = new AtomicInteger();
    for (int i = 0; i < 3; i++)
      cache.model(
          project, "orders", () -> Future.succeededFuture(prepared(reads.incrementAndGet())));
    assertThat(reads).hasValue(1);
    now.addAndGet(ModelCache.TTL_MS);
    assertThat(
            cache
                .model(
                    project,
                    "orders",
                    () -> Future.succeededFuture(prepared(reads.incrementAndGet())))
                .result()
                .live()
                .version())
        .isEqualTo(2);
  }

  @Test
  void aWriteInThisProcessDropsTheDatasetAtOnce() {
    AtomicInteger reads = new AtomicInteger();
    cache.model(project, "orders", () -> Future.succeededFuture(prepared(reads.incrementAndGet())));
    cache.model(
        project,
        dataset.toString(),
        () -> Future.succeededFuture(prepared(reads.incrementAndGet())));
    cache.invalidate(dataset);
    cache.model(project, "orders", () -> Future.succeededFuture(prepared(reads.incrementAndGet())));
    cache.model(
        project,
        dataset.toString(),
        () -> Future.succeededFuture(prepared(reads.incrementAndGet())));
    assertThat(reads).hasValue(4);
  }

  @Test
  void failuresAreNotRemembered() {
    AtomicInteger reads = new AtomicInteger();
    UUID user = UUID.randomUUID();
    for (int i = 0; i < 2; i++) {
      cache.role(
          project,
          user,
          () -> {
            reads.incrementAndGet();
            return Future.failedFuture(new IllegalStateException("not a member"));
          });
    }
    assertThat(reads).hasValue(2);
    cache.role(project, user, () -> Future.succeededFuture(Role.VIEWER));
    assertThat(cache.role(project, user, () -> Future.failedFuture("unused")).result())
        .isEqualTo(Role.VIEWER);
  }
}
