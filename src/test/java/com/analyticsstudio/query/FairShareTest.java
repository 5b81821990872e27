package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.query.FairShare.Lane;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FairShareTest {
  private static final UUID A = UUID.randomUUID();
  private static final UUID B = UUID.randomUUID();
  private static final UUID ALICE = UUID.randomUUID();
  private static final UUID AMOS = UUID.randomUUID();
  private static final UUID BOB = UUID.randomUUID();

  /** Project 4, user 3, exports 2 per project and 3 in all, jobs 2 per project. */
  private final FairShare share = new FairShare(new FairShare.Limits(4, 3, 2, 3, 2));

  @Test
  void aProjectBeyondItsShareIs429ProjectBusyWithRetryAfterWhileAnotherIsServed() {
    share.acquire(A, ALICE, Lane.QUERY);
    share.acquire(A, ALICE, Lane.QUERY);
    share.acquire(A, AMOS, Lane.QUERY);
    share.acquire(A, AMOS, Lane.QUERY);
    assertThatThrownBy(() -> share.acquire(A, AMOS, Lane.QUERY))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.code()).isEqualTo("project_busy");
              assertThat(e.retryAfterSeconds()).isEqualTo(1);
              assertThat(e.details().getString("scope")).isEqualTo("project");
              assertThat(e.getMessage()).contains("PROJECT_MAX_CONCURRENT");
            });
    assertThat(share.acquire(B, BOB, Lane.QUERY)).isNotNull();
    assertThat(share.held(A)).as("a refusal holds nothing").isEqualTo(4);
  }

  @Test
  void aUserGetsLessThanTheWholeProjectShare() {
    share.acquire(A, ALICE, Lane.QUERY);
    share.acquire(A, ALICE, Lane.EXPORT);
    share.acquire(A, ALICE, Lane.QUERY);
    assertThatThrownBy(() -> share.acquire(A, ALICE, Lane.QUERY))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo("project_busy");
              assertThat(e.details().getString("scope")).isEqualTo("user");
            });
    assertThat(share.acquire(A, AMOS, Lane.QUERY)).as("a colleague still runs one").isNotNull();
  }

  @Test
  void exportsHaveABoundedLanePerProjectAndInAll() {
    share.acquire(A, ALICE, Lane.EXPORT);
    share.acquire(A, AMOS, Lane.EXPORT);
    assertThatThrownBy(() -> share.acquire(A, AMOS, Lane.EXPORT))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.details().getString("scope")).isEqualTo("project_exports");
              assertThat(e.retryAfterSeconds()).isEqualTo(FairShare.EXPORT_RETRY_AFTER_SECONDS);
            });
    assertThat(share.acquire(A, AMOS, Lane.QUERY))
        .as("queries of the project are not blocked by its exports")
        .isNotNull();
    share.acquire(B, BOB, Lane.EXPORT);
    UUID c = UUID.randomUUID();
    assertThatThrownBy(() -> share.acquire(c, UUID.randomUUID(), Lane.EXPORT))
        .as("the process's export lane is full: a saturation, 503")
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.code()).isEqualTo("overloaded");
              assertThat(e.retryAfterSeconds()).isPositive();
            });
    assertThat(share.acquire(c, UUID.randomUUID(), Lane.QUERY)).isNotNull();
  }

  @Test
  void jobsWaitInsteadOfFailingAndCountTowardTheProjectShare() {
    FairShare.Slot one = share.tryAcquire(A, null, Lane.JOB);
    FairShare.Slot two = share.tryAcquire(A, null, Lane.JOB);
    assertThat(one).isNotNull();
    assertThat(two).isNotNull();
    assertThat(share.tryAcquire(A, null, Lane.JOB)).as("the project's job lane is full").isNull();
    assertThat(share.tryAcquire(B, null, Lane.JOB)).isNotNull();
    share.acquire(A, ALICE, Lane.QUERY);
    share.acquire(A, ALICE, Lane.QUERY);
    assertThatThrownBy(() -> share.acquire(A, AMOS, Lane.QUERY))
        .as("running jobs use the project's share too")
        .isInstanceOf(ApiException.class);
    one.release();
    assertThat(share.acquire(A, AMOS, Lane.QUERY)).isNotNull();
  }

  @Test
  void releaseGivesTheSlotBackOnceAndTellsTheListeners() {
    AtomicInteger released = new AtomicInteger();
    share.onRelease(released::incrementAndGet);
    List<FairShare.Slot> slots = new ArrayList<>();
    for (int i = 0; i < 3; i++) slots.add(share.acquire(A, ALICE, Lane.QUERY));
    FairShare.Slot first = slots.get(0);
    first.release();
    first.release();
    assertThat(released).as("a second release is a no-op").hasValue(1);
    assertThat(share.held(A)).isEqualTo(2);
    slots.forEach(FairShare.Slot::release);
    assertThat(share.held(A)).isZero();
    assertThat(share.heldTotal()).isZero();
    for (int i = 0; i < 3; i++) share.acquire(A, ALICE, Lane.QUERY);
  }

  @Test
  void limitsAreDerivedFromThePoolWhenNotConfigured() {
    AppConfig config = AppConfig.load(Map.of("QUERY_POOL_SIZE", "10"));
    FairShare.Limits limits = FairShare.Limits.of(config.queryEngine(), config.fairness());
    assertThat(limits.perProject()).isEqualTo(5);
    assertThat(limits.perUser()).isEqualTo(4);
    assertThat(limits.exportsTotal()).isEqualTo(5);
    assertThat(limits.exportsPerProject()).isEqualTo(2);
    assertThat(limits.jobsPerProject()).isEqualTo(2);
    AppConfig one = AppConfig.load(Map.of("QUERY_POOL_SIZE", "1"));
    FairShare.Limits tiny = FairShare.Limits.of(one.queryEngine(), one.fairness());
    assertThat(tiny.perProject()).isEqualTo(1);
    assertThat(tiny.perUser()).isEqualTo(1);
    assertThat(tiny.exportsTotal()).isEqualTo(1);
    AppConfig set =
        AppConfig.load(
            Map.of(
                "PROJECT_MAX_CONCURRENT", "7", "USER_MAX_CONCURRENT", "2", "QUERY_POOL_SIZE", "4"));
    FairShare.Limits configured = FairShare.Limits.of(set.queryEngine(), set.fairness());
    assertThat(configured.perProject()).isEqualTo(7);
    assertThat(configured.perUser()).isEqualTo(2);
  }

  @Test
  void workMemIsSizedForThePool() {
    assertThat(AppConfig.load(Map.of("QUERY_POOL_SIZE", "8")).workMemKb())
        .isEqualTo(256 * 1024 / 16);
    assertThat(
            AppConfig.load(Map.of("QUERY_POOL_SIZE", "1000", "QUERY_MEMORY_BUDGET_MB", "64"))
                .workMemKb())
        .as("at least 1 MB")
        .isEqualTo(1024);
    assertThat(AppConfig.load(Map.of("QUERY_WORK_MEM_MB", "32")).workMemKb()).isEqualTo(32 * 1024);
  }
}
