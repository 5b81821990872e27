package com.analyticsstudio.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A cached key lookup still honours the key's expiry, on the service's clock. */
class ApiKeyCacheTest {
  private final Instant t0 = Instant.parse("2026-06-01T10:00:00Z");
  private final String key = "as_cached-key-for-a-test";
  private final Principal owner = new Principal(UUID.randomUUID(), "a@example.com", UUID.randomUUID(), EnumSet.of(Scope.READ));

  private ApiKeyService at(Instant now, Map<String, ApiKeyService.Cached> cache) {
    // No pool: a fresh cache hit must be answered without the database.
    return new ApiKeyService(null, null, cache, null, AppConfig.load(Map.of()).security(), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void aFreshCachedKeyIsAnsweredUntilItExpires() {
    Map<String, ApiKeyService.Cached> cache = ApiKeyService.newCache();
    cache.put(Secrets.sha256(key), new ApiKeyService.Cached(owner, t0.toEpochMilli(), t0.plusSeconds(3)));

    assertThat(at(t0.plusSeconds(2), cache).authenticate(key).result()).isEqualTo(owner);
    var expired = at(t0.plusSeconds(3), cache).authenticate(key);
    assertThat(expired.failed()).isTrue();
    assertThat(((ApiException) expired.cause()).code()).isEqualTo("api_key_expired");
    assertThat(cache).as("the expired entry is dropped").isEmpty();
  }

  @Test
  void aKeyWithoutExpiryIsAnsweredFromTheCacheWhileFresh() {
    Map<String, ApiKeyService.Cached> cache = ApiKeyService.newCache();
    cache.put(Secrets.sha256(key), new ApiKeyService.Cached(owner, t0.toEpochMilli(), null));
    assertThat(at(t0.plusMillis(ApiKeyService.CACHE_SECONDS * 1000L - 1), cache).authenticate(key).result()).isEqualTo(owner);
  }
}
