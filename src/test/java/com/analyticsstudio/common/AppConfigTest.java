package com.analyticsstudio.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

  @Test
  void defaultsComeFromTheConfigFolder() {
    AppConfig c = AppConfig.load(Map.of());
    assertThat(c.port()).isEqualTo(8000);
    assertThat(c.maxQueryRows()).isEqualTo(100_000);
    assertThat(c.queryTimeoutSeconds()).isEqualTo(300);
    assertThat(c.maxUploadMb()).isEqualTo(100);
    assertThat(c.accessTokenExpireMinutes()).isEqualTo(30);
    assertThat(c.algorithm()).isEqualTo("HS256");
    assertThat(c.openAiModel()).isEqualTo("gpt-4o-mini");
    assertThat(c.dbMaxConnections()).isEqualTo(30);
    assertThat(c.redisConfigured()).isFalse();
    assertThat(c.secretKeyGenerated()).isTrue();
  }

  @Test
  void poolWaitIsBoundedByDefaultAndMustBePositive() {
    assertThat(AppConfig.load(Map.of()).dbMaxWaitMs()).isEqualTo(1000);
    assertThat(AppConfig.load(Map.of()).httpMaxInFlight())
        .as("0 = derived from the cores")
        .isZero();
    assertThatThrownBy(() -> AppConfig.load(Map.of("HTTP_MAX_IN_FLIGHT", "-1")))
        .hasMessageStartingWith("HTTP_MAX_IN_FLIGHT:");
    assertThat(AppConfig.load(Map.of("DB_MAX_WAIT_MS", "1500")).dbMaxWaitMs()).isEqualTo(1500);
    assertThatThrownBy(() -> AppConfig.load(Map.of("DB_MAX_WAIT_MS", "0")))
        .hasMessageStartingWith("DB_MAX_WAIT_MS:");
    assertThatThrownBy(() -> AppConfig.load(Map.of("DB_MAX_WAIT_MS", "soon")))
        .hasMessageStartingWith("DB_MAX_WAIT_MS:");
  }

  @Test
  void queryEngineDefaultsFollowTheAppPoolAndCanBeSetApart() {
    AppConfig.QueryEngine q =
        AppConfig.load(Map.of("DB_POOL_SIZE", "7", "DB_MAX_WAIT_QUEUE", "50")).queryEngine();
    assertThat(q.poolSize()).isEqualTo(7);
    assertThat(q.maxWaitQueue()).isEqualTo(50);
    assertThat(q.defaultLimit()).isEqualTo(1000);
    assertThat(q.exportMaxRows()).isEqualTo(10_000_000);
    assertThat(q.cacheMaxBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(q.rateQueryPerMinute()).isEqualTo(600_000);
    AppConfig.QueryEngine own =
        AppConfig.load(Map.of("QUERY_POOL_SIZE", "3", "QUERY_MAX_WAIT_QUEUE", "0")).queryEngine();
    assertThat(own.poolSize()).isEqualTo(3);
    assertThat(own.maxWaitQueue()).isZero();
    assertThatThrownBy(() -> AppConfig.load(Map.of("RATE_LIMIT_QUERY_PER_MINUTE", "0")))
        .hasMessageStartingWith("RATE_LIMIT_QUERY_PER_MINUTE:");
  }

  @Test
  void securitySettingsHaveDefaultsAndAreValidated() {
    AppConfig.Security s = AppConfig.load(Map.of()).security();
    assertThat(s.rateQueryPerUserPerMinute()).isEqualTo(600_000);
    assertThat(s.rateAskPerProjectPerMinute()).isEqualTo(120);
    assertThat(s.apiKeyCreatesPerHour()).isEqualTo(20);
    assertThat(s.apiKeyMaxActive()).isEqualTo(50);
    assertThat(s.tokenVersionCacheSeconds()).isEqualTo(10);
    assertThat(s.trustedProxies()).isEmpty();
    assertThat(s.hsts()).isEqualTo("auto");
    assertThat(s.metricsToken()).isEmpty();
    assertThat(
            AppConfig.load(Map.of("TRUSTED_PROXIES", "10.0.0.1, ::1")).security().trustedProxies())
        .containsExactly("10.0.0.1", "::1");
    assertThatThrownBy(() -> AppConfig.load(Map.of("TRUSTED_PROXIES", "proxy.internal")))
        .hasMessageStartingWith("TRUSTED_PROXIES:");
    assertThatThrownBy(() -> AppConfig.load(Map.of("METRICS_TOKEN", "short")))
        .hasMessageStartingWith("METRICS_TOKEN:");
    assertThatThrownBy(() -> AppConfig.load(Map.of("HSTS", "sometimes")))
        .hasMessageStartingWith("HSTS:");
    assertThatThrownBy(() -> AppConfig.load(Map.of("API_KEY_MAX_ACTIVE", "0")))
        .hasMessageStartingWith("API_KEY_MAX_ACTIVE:");
  }

  @Test
  void environmentOverridesDefaults() {
    AppConfig c =
        AppConfig.load(
            Map.of(
                "PORT",
                "9001",
                "DB_POOL_SIZE",
                "4",
                "DB_MAX_OVERFLOW",
                "2",
                "REDIS_URL",
                "redis://cache:6379/0"));
    assertThat(c.port()).isEqualTo(9001);
    assertThat(c.dbMaxConnections()).isEqualTo(6);
    assertThat(c.redisConfigured()).isTrue();
  }

  @Test
  void badNumberNamesTheVariable() {
    assertThatThrownBy(() -> AppConfig.load(Map.of("PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("PORT:")
        .hasMessageContaining("eighty");
    assertThatThrownBy(() -> AppConfig.load(Map.of("MAX_QUERY_ROWS", "0")))
        .hasMessageStartingWith("MAX_QUERY_ROWS:")
        .hasMessageContaining("between");
  }

  @Test
  void badChoicesNameTheVariable() {
    assertThatThrownBy(() -> AppConfig.load(Map.of("LOG_FORMAT", "xml")))
        .hasMessageStartingWith("LOG_FORMAT:");
    assertThatThrownBy(() -> AppConfig.load(Map.of("ALGORITHM", "RS256")))
        .hasMessageStartingWith("ALGORITHM:");
    assertThatThrownBy(() -> AppConfig.load(Map.of("DEBUG", "maybe")))
        .hasMessageStartingWith("DEBUG:");
    assertThatThrownBy(() -> AppConfig.load(Map.of("REDIS_URL", "localhost:6379")))
        .hasMessageStartingWith("REDIS_URL:");
    assertThatThrownBy(() -> AppConfig.load(Map.of("ENVIRONMENT", "prod-ish")))
        .hasMessageStartingWith("ENVIRONMENT:");
    assertThatThrownBy(() -> AppConfig.load(Map.of("CORS_ORIGINS", "example.com")))
        .hasMessageStartingWith("CORS_ORIGINS:");
  }

  @Test
  void productionNeedsAStrongSecretKey() {
    assertThatThrownBy(() -> AppConfig.load(Map.of("ENVIRONMENT", "production")))
        .hasMessageStartingWith("SECRET_KEY:")
        .hasMessageContaining("required");
    assertThatThrownBy(
            () -> AppConfig.load(Map.of("ENVIRONMENT", "production", "SECRET_KEY", "short")))
        .hasMessageStartingWith("SECRET_KEY:")
        .hasMessageContaining("weak");
    assertThatThrownBy(
            () ->
                AppConfig.load(
                    Map.of(
                        "ENVIRONMENT",
                        "production",
                        "SECRET_KEY",
                        "<generate-secure-key>-<generate-secure-key>")))
        .hasMessageStartingWith("SECRET_KEY:");
    AppConfig ok =
        AppConfig.load(
            Map.of("ENVIRONMENT", "production", "SECRET_KEY", "k9Q2x7Lp0Zr4Vt8Bn3Mw6Yc1Hd5Fg0Js"));
    assertThat(ok.secretKeyGenerated()).isFalse();
  }

  @Test
  void thePublicLinkSecretIsDerivedWhenUnsetAndMustBeStrongInProduction() {
    String strong = "k9Q2x7Lp0Zr4Vt8Bn3Mw6Yc1Hd5Fg0Js";
    AppConfig derived = AppConfig.load(Map.of("ENVIRONMENT", "production", "SECRET_KEY", strong));
    assertThat(derived.security().publicLinkSecret()).hasSize(64).doesNotContain(strong);
    assertThatThrownBy(
            () ->
                AppConfig.load(
                    Map.of(
                        "ENVIRONMENT",
                        "production",
                        "SECRET_KEY",
                        strong,
                        "PUBLIC_LINK_SECRET",
                        "short")))
        .hasMessageStartingWith("PUBLIC_LINK_SECRET:")
        .hasMessageContaining("weak");
    assertThat(AppConfig.load(Map.of("PUBLIC_LINK_SECRET", "dev")).security().publicLinkSecret())
        .isEqualTo("dev");
  }

  @Test
  void embedFrameAncestorsAreSourcesAndDefaultToAnyone() {
    assertThat(AppConfig.load(Map.of()).security().publicEmbedFrameAncestors())
        .containsExactly("*");
    assertThat(
            AppConfig.load(
                    Map.of(
                        "PUBLIC_EMBED_FRAME_ANCESTORS",
                        "'self', https://intranet.example.com https://*.example.org:8443"))
                .security()
                .publicEmbedFrameAncestors())
        .containsExactly("'self'", "https://intranet.example.com", "https://*.example.org:8443");
    assertThatThrownBy(
            () ->
                AppConfig.load(
                    Map.of("PUBLIC_EMBED_FRAME_ANCESTORS", "https://a.example.com; script-src *")))
        .hasMessageStartingWith("PUBLIC_EMBED_FRAME_ANCESTORS:");
  }

  @Test
  void corsOriginsAcceptCommaListsAndTheSeedsJsonForm() {
    assertThat(
            AppConfig.load(
                    Map.of(
                        "CORS_ORIGINS", "[\"https://a.example.com\", \"https://b.example.com/\"]"))
                .corsOrigins())
        .containsExactly("https://a.example.com", "https://b.example.com");
    assertThat(
            AppConfig.load(Map.of("CORS_ORIGINS", "http://localhost:3000,https://x.io"))
                .corsOrigins())
        .containsExactly("http://localhost:3000", "https://x.io");
  }

  @Test
  void unknownEnvironmentVariablesAreIgnored() {
    assertThat(AppConfig.load(Map.of("HOME", "/root", "PATH", "/bin")).port()).isEqualTo(8000);
  }

  @Test
  void llmLimitsHaveDefaultsAndAreValidated() {
    AppConfig.Llm llm = AppConfig.load(Map.of()).llm();
    assertThat(llm.timeoutSeconds()).isEqualTo(30);
    assertThat(llm.maxConcurrency()).isEqualTo(4);
    assertThat(llm.maxRetries()).isEqualTo(1);
    assertThat(llm.priceInputPer1M()).isEqualTo(0.15);
    assertThat(llm.priceOutputPer1M()).isEqualTo(0.60);
    assertThat(AppConfig.load(Map.of("LLM_PRICE_INPUT_PER_1M", "2.5")).llm().priceInputPer1M())
        .isEqualTo(2.5);
    assertThatThrownBy(() -> AppConfig.load(Map.of("LLM_TIMEOUT_SECONDS", "0")))
        .hasMessageStartingWith("LLM_TIMEOUT_SECONDS:");
    assertThatThrownBy(() -> AppConfig.load(Map.of("LLM_MAX_CONCURRENCY", "many")))
        .hasMessageStartingWith("LLM_MAX_CONCURRENCY:");
    assertThatThrownBy(() -> AppConfig.load(Map.of("LLM_PRICE_OUTPUT_PER_1M", "-1")))
        .hasMessageStartingWith("LLM_PRICE_OUTPUT_PER_1M:");
    assertThatThrownBy(() -> AppConfig.load(Map.of("LLM_PRICE_OUTPUT_PER_1M", "NaN")))
        .hasMessageStartingWith("LLM_PRICE_OUTPUT_PER_1M:");
  }
}
