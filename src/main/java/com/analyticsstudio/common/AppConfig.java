package com.analyticsstudio.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every setting of the application, validated once at startup. Defaults come from {@code
 * config/defaults.properties}; environment variables of the same name override them.
 */
public record AppConfig(
    String environment,
    boolean debug,
    String appName,
    String appVersion,
    int port,
    int httpInstances,
    int httpMaxInFlight,
    DatabaseUrl database,
    int dbPoolSize,
    int dbMaxOverflow,
    int dbMaxWaitQueue,
    int dbMaxWaitMs,
    String redisUrl,
    String redisKeyPrefix,
    int cacheTtlSeconds,
    String openAiApiKey,
    String openAiModel,
    String openAiBaseUrl,
    String secretKey,
    boolean secretKeyGenerated,
    String algorithm,
    int accessTokenExpireMinutes,
    int refreshTokenExpireDays,
    int maxQueryRows,
    int queryTimeoutSeconds,
    int maxUploadMb,
    String uploadDir,
    String awsS3Bucket,
    String awsRegion,
    String awsS3Endpoint,
    String logLevel,
    String logFormat,
    List<String> corsOrigins,
    int loginAttemptsPerAccount,
    int loginAttemptsPerAddress,
    int loginWindowSeconds,
    int shutdownGraceSeconds,
    QueryEngine queryEngine,
    Llm llm,
    Security security,
    Fairness fairness,
    boolean httpWarmup) {

  /**
   * Each project's fair share of the query engine and the resource ceilings of user SQL
   * (com.analyticsstudio.query.FairShare, QueryExecutor, QueryJobs). A 0 means "derived": see
   * {@code FairShare.Limits#of} and {@link #workMemKb()}.
   *
   * @param projectMaxConcurrent statements one project runs at once ({@code
   *     PROJECT_MAX_CONCURRENT}, 0 = half the user-SQL pool, rounded up)
   * @param userMaxConcurrent statements one user runs at once ({@code USER_MAX_CONCURRENT}, 0 = one
   *     less than a project)
   * @param exportMaxPerProject exports one project runs at once ({@code EXPORT_MAX_PER_PROJECT})
   * @param exportMaxConcurrent exports the process runs at once ({@code EXPORT_MAX_CONCURRENT}, 0 =
   *     half the pool)
   * @param jobMaxRunningPerProject jobs one project runs at once ({@code
   *     QUERY_JOB_MAX_RUNNING_PER_PROJECT}, 0 = half of {@code QUERY_JOB_CONCURRENCY})
   * @param tempFileLimitKb {@code temp_file_limit} of a user statement, in kB ({@code
   *     QUERY_TEMP_FILE_LIMIT_MB}; -1 = no limit)
   * @param workMemMb {@code work_mem} of a user statement ({@code QUERY_WORK_MEM_MB}, 0 = sized for
   *     the pool from {@code QUERY_MEMORY_BUDGET_MB})
   * @param memoryBudgetMb memory the user-SQL pool's sorts and hashes may use together ({@code
   *     QUERY_MEMORY_BUDGET_MB})
   * @param maxResultBytes bytes of a JSON query result ({@code QUERY_MAX_RESULT_MB})
   * @param jobMaxResultBytes bytes of one job's stored result ({@code QUERY_JOB_MAX_RESULT_MB})
   * @param jobMaxActivePerProject queued or running jobs of one project ({@code
   *     QUERY_JOB_MAX_ACTIVE_PER_PROJECT})
   * @param jobMaxStoredPerProject jobs one project keeps, finished ones included ({@code
   *     QUERY_JOB_MAX_STORED_PER_PROJECT})
   * @param jobMaxStoredBytesPerProject bytes of stored job results of one project ({@code
   *     QUERY_JOB_MAX_STORED_MB_PER_PROJECT})
   */
  public record Fairness(
      int projectMaxConcurrent,
      int userMaxConcurrent,
      int exportMaxPerProject,
      int exportMaxConcurrent,
      int jobMaxRunningPerProject,
      int tempFileLimitKb,
      int workMemMb,
      int memoryBudgetMb,
      long maxResultBytes,
      long jobMaxResultBytes,
      int jobMaxActivePerProject,
      int jobMaxStoredPerProject,
      long jobMaxStoredBytesPerProject) {}

  /**
   * {@code work_mem} of a user statement in kB: {@code QUERY_WORK_MEM_MB}, or, when it is 0, {@code
   * QUERY_MEMORY_BUDGET_MB} shared by the pool's connections, two sort or hash nodes each, at least
   * 1 MB and at most 256 MB.
   */
  public int workMemKb() {
    if (fairness.workMemMb() > 0) return fairness.workMemMb() * 1024;
    long kb = fairness.memoryBudgetMb() * 1024L / (2L * queryEngine.poolSize());
    return (int) Math.max(1024, Math.min(256 * 1024, kb));
  }

  /**
   * Settings of the query engine (com.analyticsstudio.query) and the API rate limits.
   *
   * @param poolSize connections of the user-SQL pool ({@code QUERY_POOL_SIZE}, 0 = {@code
   *     DB_POOL_SIZE})
   * @param maxWaitQueue requests waiting for a user-SQL connection before 503 ({@code
   *     QUERY_MAX_WAIT_QUEUE})
   * @param defaultLimit rows returned when a query gives no {@code limit} ({@code
   *     QUERY_DEFAULT_LIMIT})
   * @param exportMaxRows rows an export streams at most ({@code EXPORT_MAX_ROWS})
   * @param exportTimeoutSeconds wall time an export may take ({@code EXPORT_TIMEOUT_SECONDS})
   * @param cacheMaxEntries in-process cache: entries ({@code QUERY_CACHE_MAX_ENTRIES})
   * @param cacheMaxBytes in-process cache: bytes of cached results ({@code QUERY_CACHE_MAX_MB})
   * @param cacheMaxResultBytes results larger than this are not cached ({@code
   *     QUERY_CACHE_MAX_RESULT_KB})
   * @param slowQueryMs queries at least this slow are logged ({@code SLOW_QUERY_MS})
   * @param jobConcurrency query jobs running at once per process ({@code QUERY_JOB_CONCURRENCY})
   * @param jobTtlHours hours a finished job and its result are kept ({@code QUERY_JOB_TTL_HOURS})
   * @param rateQueryPerMinute query bucket per user or API key ({@code
   *     RATE_LIMIT_QUERY_PER_MINUTE})
   * @param rateAskPerMinute ask bucket ({@code RATE_LIMIT_ASK_PER_MINUTE})
   * @param rateUploadPerMinute upload bucket ({@code RATE_LIMIT_UPLOAD_PER_MINUTE})
   * @param exportStallSeconds an export whose client reads nothing for this long is ended and its
   *     connection returned ({@code EXPORT_STALL_SECONDS})
   */
  public record QueryEngine(
      int poolSize,
      int maxWaitQueue,
      int defaultLimit,
      int exportMaxRows,
      int exportTimeoutSeconds,
      int cacheMaxEntries,
      long cacheMaxBytes,
      int cacheMaxResultBytes,
      int slowQueryMs,
      int jobConcurrency,
      int jobTtlHours,
      int rateQueryPerMinute,
      int rateAskPerMinute,
      int rateUploadPerMinute,
      int exportStallSeconds) {}

  /**
   * Limits and prices of the LLM path (see {@code com.analyticsstudio.llm}).
   *
   * @param timeoutSeconds deadline of one model call, waiting for a slot and SDK retries included
   * @param maxConcurrency model calls in flight at once
   * @param maxQueue calls that may wait for a slot; beyond that they fail at once
   * @param maxRetries retries the OpenAI SDK makes on connection errors, 408/409/429 and 5xx
   * @param breakerFailures consecutive failures that open the circuit breaker
   * @param breakerOpenSeconds how long the open breaker refuses calls before one probe is let
   *     through
   * @param priceInputPer1M USD per million prompt tokens, for cost estimates
   * @param priceOutputPer1M USD per million completion tokens, for cost estimates
   */
  public record Llm(
      int timeoutSeconds,
      int maxConcurrency,
      int maxQueue,
      int maxRetries,
      int breakerFailures,
      int breakerOpenSeconds,
      double priceInputPer1M,
      double priceOutputPer1M) {}

  /**
   * Rate limits that follow the person, API keys, access-token revocation, login throttling and web
   * hardening (com.analyticsstudio.auth, ratelimit, http).
   *
   * @param rateQueryPerUserPerMinute query bucket per user, whichever key or token ({@code
   *     RATE_LIMIT_QUERY_PER_USER_PER_MINUTE})
   * @param rateQueryPerProjectPerMinute query bucket per project, all members together ({@code
   *     RATE_LIMIT_QUERY_PER_PROJECT_PER_MINUTE})
   * @param rateAskPerUserPerMinute ask bucket per user ({@code RATE_LIMIT_ASK_PER_USER_PER_MINUTE})
   * @param rateAskPerProjectPerMinute ask bucket per project ({@code
   *     RATE_LIMIT_ASK_PER_PROJECT_PER_MINUTE})
   * @param rateUploadPerUserPerMinute upload bucket per user ({@code
   *     RATE_LIMIT_UPLOAD_PER_USER_PER_MINUTE})
   * @param rateUploadPerProjectPerMinute upload bucket per project ({@code
   *     RATE_LIMIT_UPLOAD_PER_PROJECT_PER_MINUTE})
   * @param apiKeyCreatesPerHour API keys one user may create per hour ({@code
   *     API_KEY_CREATE_PER_HOUR})
   * @param apiKeyMaxActive live (unrevoked, unexpired) keys one user may hold ({@code
   *     API_KEY_MAX_ACTIVE})
   * @param tokenVersionCacheSeconds how long a user's token version is cached: the bound on how
   *     late another instance ends a signed-out access token ({@code TOKEN_VERSION_CACHE_SECONDS})
   * @param loginFreeFailures failed sign-ins of an account before its delay starts ({@code
   *     LOGIN_FREE_FAILURES})
   * @param loginMaxDelaySeconds ceiling of the per-account delay, which doubles per failure ({@code
   *     LOGIN_MAX_DELAY_SECONDS})
   * @param trustedProxies peers whose X-Forwarded-For/-Proto are believed ({@code TRUSTED_PROXIES})
   * @param hsts {@code auto} (when the request came over TLS), {@code always} or {@code off}
   *     ({@code HSTS})
   * @param hstsMaxAgeSeconds max-age of Strict-Transport-Security ({@code HSTS_MAX_AGE_SECONDS})
   * @param metricsToken bearer token /metrics requires; empty = open outside production ({@code
   *     METRICS_TOKEN})
   * @param eventsMembershipCheckSeconds how often an open /events stream re-checks that its user is
   *     still a member ({@code EVENTS_MEMBERSHIP_CHECK_SECONDS})
   * @param publicLinkSecret the HMAC key that signs public dashboard links ({@code
   *     PUBLIC_LINK_SECRET}; outside production, when empty, derived from the JWT secret)
   * @param publicEmbedFrameAncestors who may frame a public dashboard page ({@code
   *     PUBLIC_EMBED_FRAME_ANCESTORS}, CSP frame-ancestors sources)
   * @param ratePublicPerMinute requests one address may make through one public link per minute
   *     ({@code RATE_LIMIT_PUBLIC_PER_MINUTE})
   */
  public record Security(
      int rateQueryPerUserPerMinute,
      int rateQueryPerProjectPerMinute,
      int rateAskPerUserPerMinute,
      int rateAskPerProjectPerMinute,
      int rateUploadPerUserPerMinute,
      int rateUploadPerProjectPerMinute,
      int apiKeyCreatesPerHour,
      int apiKeyMaxActive,
      int tokenVersionCacheSeconds,
      int loginFreeFailures,
      int loginMaxDelaySeconds,
      List<String> trustedProxies,
      String hsts,
      int hstsMaxAgeSeconds,
      String metricsToken,
      int eventsMembershipCheckSeconds,
      String publicLinkSecret,
      List<String> publicEmbedFrameAncestors,
      int ratePublicPerMinute) {}

  /** Setting names, identical to the environment variables. */
  public static final class Keys {
    public static final String ENVIRONMENT = "ENVIRONMENT";
    public static final String DEBUG = "DEBUG";
    public static final String APP_NAME = "APP_NAME";
    public static final String APP_VERSION = "APP_VERSION";
    public static final String PORT = "PORT";
    public static final String HTTP_INSTANCES = "HTTP_INSTANCES";
    public static final String HTTP_MAX_IN_FLIGHT = "HTTP_MAX_IN_FLIGHT";
    public static final String HTTP_WARMUP = "HTTP_WARMUP";
    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String DB_POOL_SIZE = "DB_POOL_SIZE";
    public static final String DB_MAX_OVERFLOW = "DB_MAX_OVERFLOW";
    public static final String DB_MAX_WAIT_QUEUE = "DB_MAX_WAIT_QUEUE";
    public static final String DB_MAX_WAIT_MS = "DB_MAX_WAIT_MS";
    public static final String REDIS_URL = "REDIS_URL";
    public static final String REDIS_KEY_PREFIX = "REDIS_KEY_PREFIX";
    public static final String CACHE_TTL = "CACHE_TTL";
    public static final String OPENAI_API_KEY = "OPENAI_API_KEY";
    public static final String OPENAI_MODEL = "OPENAI_MODEL";
    public static final String OPENAI_BASE_URL = "OPENAI_BASE_URL";
    public static final String SECRET_KEY = "SECRET_KEY";
    public static final String ALGORITHM = "ALGORITHM";
    public static final String ACCESS_TOKEN_EXPIRE_MINUTES = "ACCESS_TOKEN_EXPIRE_MINUTES";
    public static final String REFRESH_TOKEN_EXPIRE_DAYS = "REFRESH_TOKEN_EXPIRE_DAYS";
    public static final String MAX_QUERY_ROWS = "MAX_QUERY_ROWS";
    public static final String QUERY_TIMEOUT_SECONDS = "QUERY_TIMEOUT_SECONDS";
    public static final String MAX_UPLOAD_MB = "MAX_UPLOAD_MB";
    public static final String UPLOAD_DIR = "UPLOAD_DIR";
    public static final String AWS_S3_BUCKET = "AWS_S3_BUCKET";
    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_S3_ENDPOINT = "AWS_S3_ENDPOINT";
    public static final String LOG_LEVEL = "LOG_LEVEL";
    public static final String LOG_FORMAT = "LOG_FORMAT";
    public static final String CORS_ORIGINS = "CORS_ORIGINS";
    public static final String LOGIN_ATTEMPTS_PER_ACCOUNT = "LOGIN_ATTEMPTS_PER_ACCOUNT";
    public static final String LOGIN_ATTEMPTS_PER_ADDRESS = "LOGIN_ATTEMPTS_PER_ADDRESS";
    public static final String LOGIN_WINDOW_SECONDS = "LOGIN_WINDOW_SECONDS";
    public static final String SHUTDOWN_GRACE_SECONDS = "SHUTDOWN_GRACE_SECONDS";
    // query engine and rate limits
    public static final String QUERY_POOL_SIZE = "QUERY_POOL_SIZE";
    public static final String QUERY_MAX_WAIT_QUEUE = "QUERY_MAX_WAIT_QUEUE";
    public static final String QUERY_DEFAULT_LIMIT = "QUERY_DEFAULT_LIMIT";
    public static final String EXPORT_MAX_ROWS = "EXPORT_MAX_ROWS";
    public static final String EXPORT_TIMEOUT_SECONDS = "EXPORT_TIMEOUT_SECONDS";
    public static final String EXPORT_STALL_SECONDS = "EXPORT_STALL_SECONDS";
    public static final String QUERY_CACHE_MAX_ENTRIES = "QUERY_CACHE_MAX_ENTRIES";
    public static final String QUERY_CACHE_MAX_MB = "QUERY_CACHE_MAX_MB";
    public static final String QUERY_CACHE_MAX_RESULT_KB = "QUERY_CACHE_MAX_RESULT_KB";
    public static final String SLOW_QUERY_MS = "SLOW_QUERY_MS";
    public static final String QUERY_JOB_CONCURRENCY = "QUERY_JOB_CONCURRENCY";
    public static final String QUERY_JOB_TTL_HOURS = "QUERY_JOB_TTL_HOURS";
    public static final String RATE_LIMIT_QUERY_PER_MINUTE = "RATE_LIMIT_QUERY_PER_MINUTE";
    public static final String RATE_LIMIT_ASK_PER_MINUTE = "RATE_LIMIT_ASK_PER_MINUTE";
    public static final String RATE_LIMIT_UPLOAD_PER_MINUTE = "RATE_LIMIT_UPLOAD_PER_MINUTE";
    public static final String LLM_TIMEOUT_SECONDS = "LLM_TIMEOUT_SECONDS";
    public static final String LLM_MAX_CONCURRENCY = "LLM_MAX_CONCURRENCY";
    public static final String LLM_MAX_QUEUE = "LLM_MAX_QUEUE";
    public static final String LLM_MAX_RETRIES = "LLM_MAX_RETRIES";
    public static final String LLM_BREAKER_FAILURES = "LLM_BREAKER_FAILURES";
    public static final String LLM_BREAKER_OPEN_SECONDS = "LLM_BREAKER_OPEN_SECONDS";
    public static final String LLM_PRICE_INPUT_PER_1M = "LLM_PRICE_INPUT_PER_1M";
    public static final String LLM_PRICE_OUTPUT_PER_1M = "LLM_PRICE_OUTPUT_PER_1M";
    // security: rate limits per user and project, API keys, tokens, login, web hardening
    public static final String RATE_LIMIT_QUERY_PER_USER_PER_MINUTE =
        "RATE_LIMIT_QUERY_PER_USER_PER_MINUTE";
    public static final String RATE_LIMIT_QUERY_PER_PROJECT_PER_MINUTE =
        "RATE_LIMIT_QUERY_PER_PROJECT_PER_MINUTE";
    public static final String RATE_LIMIT_ASK_PER_USER_PER_MINUTE =
        "RATE_LIMIT_ASK_PER_USER_PER_MINUTE";
    public static final String RATE_LIMIT_ASK_PER_PROJECT_PER_MINUTE =
        "RATE_LIMIT_ASK_PER_PROJECT_PER_MINUTE";
    public static final String RATE_LIMIT_UPLOAD_PER_USER_PER_MINUTE =
        "RATE_LIMIT_UPLOAD_PER_USER_PER_MINUTE";
    public static final String RATE_LIMIT_UPLOAD_PER_PROJECT_PER_MINUTE =
        "RATE_LIMIT_UPLOAD_PER_PROJECT_PER_MINUTE";
    public static final String API_KEY_CREATE_PER_HOUR = "API_KEY_CREATE_PER_HOUR";
    public static final String API_KEY_MAX_ACTIVE = "API_KEY_MAX_ACTIVE";
    public static final String TOKEN_VERSION_CACHE_SECONDS = "TOKEN_VERSION_CACHE_SECONDS";
    public static final String LOGIN_FREE_FAILURES = "LOGIN_FREE_FAILURES";
    public static final String LOGIN_MAX_DELAY_SECONDS = "LOGIN_MAX_DELAY_SECONDS";
    public static final String TRUSTED_PROXIES = "TRUSTED_PROXIES";
    public static final String HSTS = "HSTS";
    public static final String HSTS_MAX_AGE_SECONDS = "HSTS_MAX_AGE_SECONDS";
    public static final String METRICS_TOKEN = "METRICS_TOKEN";
    public static final String EVENTS_MEMBERSHIP_CHECK_SECONDS = "EVENTS_MEMBERSHIP_CHECK_SECONDS";
    public static final String PUBLIC_LINK_SECRET = "PUBLIC_LINK_SECRET";
    public static final String PUBLIC_EMBED_FRAME_ANCESTORS = "PUBLIC_EMBED_FRAME_ANCESTORS";
    public static final String RATE_LIMIT_PUBLIC_PER_MINUTE = "RATE_LIMIT_PUBLIC_PER_MINUTE";
    // fair share of the query engine and ceilings of user SQL
    public static final String PROJECT_MAX_CONCURRENT = "PROJECT_MAX_CONCURRENT";
    public static final String USER_MAX_CONCURRENT = "USER_MAX_CONCURRENT";
    public static final String EXPORT_MAX_PER_PROJECT = "EXPORT_MAX_PER_PROJECT";
    public static final String EXPORT_MAX_CONCURRENT = "EXPORT_MAX_CONCURRENT";
    public static final String QUERY_JOB_MAX_RUNNING_PER_PROJECT =
        "QUERY_JOB_MAX_RUNNING_PER_PROJECT";
    public static final String QUERY_TEMP_FILE_LIMIT_MB = "QUERY_TEMP_FILE_LIMIT_MB";
    public static final String QUERY_WORK_MEM_MB = "QUERY_WORK_MEM_MB";
    public static final String QUERY_MEMORY_BUDGET_MB = "QUERY_MEMORY_BUDGET_MB";
    public static final String QUERY_MAX_RESULT_MB = "QUERY_MAX_RESULT_MB";
    public static final String QUERY_JOB_MAX_RESULT_MB = "QUERY_JOB_MAX_RESULT_MB";
    public static final String QUERY_JOB_MAX_ACTIVE_PER_PROJECT =
        "QUERY_JOB_MAX_ACTIVE_PER_PROJECT";
    public static final String QUERY_JOB_MAX_STORED_PER_PROJECT =
        "QUERY_JOB_MAX_STORED_PER_PROJECT";
    public static final String QUERY_JOB_MAX_STORED_MB_PER_PROJECT =
        "QUERY_JOB_MAX_STORED_MB_PER_PROJECT";

    private Keys() {}
  }

  private static final String DEFAULTS_RESOURCE = "config/defaults.properties";
  private static final Set<String> ALGORITHMS = Set.of("HS256", "HS384", "HS512");
  private static final Set<String> LOG_LEVELS =
      Set.of("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR");
  private static final int MIN_SECRET_LENGTH = 32;

  /** A CSP frame-ancestors source: a keyword, {@code *}, or a scheme, host (wildcard) and port. */
  private static final Pattern FRAME_SOURCE =
      Pattern.compile(
          "\\*|'self'|'none'|[a-z][a-z0-9+.-]*:|([a-z][a-z0-9+.-]*://)?(\\*\\.)?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*(:([0-9]{1,5}|\\*))?");

  /** Defaults overridden by the process environment. */
  public static AppConfig fromEnvironment() {
    return load(System.getenv());
  }

  /** Defaults overridden by the given values (the environment, or a test's settings). */
  public static AppConfig load(Map<String, String> overrides) {
    Map<String, String> values = defaults();
    overrides.forEach(
        (k, v) -> {
          if (values.containsKey(k) && v != null) {
            values.put(k, v);
          }
        });
    return from(values);
  }

  static Map<String, String> defaults() {
    Properties props = new Properties();
    try (InputStream in = AppConfig.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath");
      }
      props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
    }
    Map<String, String> values = new HashMap<>();
    props.forEach((k, v) -> values.put(k.toString(), v.toString().trim()));
    return values;
  }

  private static AppConfig from(Map<String, String> v) {
    String environment =
        oneOf(v, Keys.ENVIRONMENT, Set.of("development", "test", "staging", "production"));
    boolean production = environment.equals("production");
    String secret = v.get(Keys.SECRET_KEY);
    boolean generated = false;
    if (secret.isBlank()) {
      if (production) {
        throw new ConfigException(
            Keys.SECRET_KEY,
            "is required in production (at least " + MIN_SECRET_LENGTH + " random characters)");
      }
      secret = Secrets.randomToken(48);
      generated = true;
    } else if (production && (secret.length() < MIN_SECRET_LENGTH || isWeak(secret))) {
      throw new ConfigException(
          Keys.SECRET_KEY,
          "is too weak for production: use at least " + MIN_SECRET_LENGTH + " random characters");
    }
    String algorithm = v.get(Keys.ALGORITHM).toUpperCase(Locale.ROOT);
    if (!ALGORITHMS.contains(algorithm)) {
      throw new ConfigException(
          Keys.ALGORITHM,
          "must be one of " + ALGORITHMS + " (was '" + v.get(Keys.ALGORITHM) + "')");
    }
    String logLevel = v.get(Keys.LOG_LEVEL).toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(logLevel)) {
      throw new ConfigException(
          Keys.LOG_LEVEL,
          "must be one of TRACE, DEBUG, INFO, WARN, ERROR (was '" + v.get(Keys.LOG_LEVEL) + "')");
    }
    String redis = v.get(Keys.REDIS_URL);
    if (!redis.isBlank() && !(redis.startsWith("redis://") || redis.startsWith("rediss://"))) {
      throw new ConfigException(
          Keys.REDIS_URL, "must start with redis:// or rediss:// (was '" + redis + "')");
    }
    String openAiBase = v.get(Keys.OPENAI_BASE_URL);
    if (!openAiBase.isBlank()
        && !(openAiBase.startsWith("http://") || openAiBase.startsWith("https://"))) {
      throw new ConfigException(Keys.OPENAI_BASE_URL, "must be an http:// or https:// URL");
    }
    String s3Endpoint = v.get(Keys.AWS_S3_ENDPOINT);
    if (!s3Endpoint.isBlank()
        && !(s3Endpoint.startsWith("http://") || s3Endpoint.startsWith("https://"))) {
      throw new ConfigException(Keys.AWS_S3_ENDPOINT, "must be an http:// or https:// URL");
    }
    String uploadDir = v.get(Keys.UPLOAD_DIR);
    if (uploadDir.isBlank()) {
      throw new ConfigException(Keys.UPLOAD_DIR, "must not be empty");
    }
    return new AppConfig(
        environment,
        bool(v, Keys.DEBUG),
        nonBlank(v, Keys.APP_NAME),
        nonBlank(v, Keys.APP_VERSION),
        intIn(v, Keys.PORT, 0, 65535),
        intIn(v, Keys.HTTP_INSTANCES, 0, 64),
        intIn(v, Keys.HTTP_MAX_IN_FLIGHT, 0, 1_000_000),
        DatabaseUrl.parse(Keys.DATABASE_URL, v.get(Keys.DATABASE_URL)),
        intIn(v, Keys.DB_POOL_SIZE, 1, 1000),
        intIn(v, Keys.DB_MAX_OVERFLOW, 0, 1000),
        intIn(v, Keys.DB_MAX_WAIT_QUEUE, 0, 100_000),
        intIn(v, Keys.DB_MAX_WAIT_MS, 1, 600_000),
        redis,
        v.get(Keys.REDIS_KEY_PREFIX),
        intIn(v, Keys.CACHE_TTL, 0, 30 * 24 * 3600),
        v.get(Keys.OPENAI_API_KEY),
        nonBlank(v, Keys.OPENAI_MODEL),
        openAiBase,
        secret,
        generated,
        algorithm,
        intIn(v, Keys.ACCESS_TOKEN_EXPIRE_MINUTES, 1, 24 * 60),
        intIn(v, Keys.REFRESH_TOKEN_EXPIRE_DAYS, 1, 365),
        intIn(v, Keys.MAX_QUERY_ROWS, 1, 10_000_000),
        intIn(v, Keys.QUERY_TIMEOUT_SECONDS, 1, 24 * 3600),
        intIn(v, Keys.MAX_UPLOAD_MB, 1, 10_000),
        uploadDir,
        v.get(Keys.AWS_S3_BUCKET),
        nonBlank(v, Keys.AWS_REGION),
        s3Endpoint,
        logLevel.equals("WARNING") ? "WARN" : logLevel,
        oneOf(v, Keys.LOG_FORMAT, Set.of("json", "text")),
        origins(v.get(Keys.CORS_ORIGINS)),
        intIn(v, Keys.LOGIN_ATTEMPTS_PER_ACCOUNT, 1, 100_000),
        intIn(v, Keys.LOGIN_ATTEMPTS_PER_ADDRESS, 1, 1_000_000),
        intIn(v, Keys.LOGIN_WINDOW_SECONDS, 1, 86_400),
        intIn(v, Keys.SHUTDOWN_GRACE_SECONDS, 0, 600),
        queryEngine(v),
        new Llm(
            intIn(v, Keys.LLM_TIMEOUT_SECONDS, 1, 600),
            intIn(v, Keys.LLM_MAX_CONCURRENCY, 1, 256),
            intIn(v, Keys.LLM_MAX_QUEUE, 0, 10_000),
            intIn(v, Keys.LLM_MAX_RETRIES, 0, 10),
            intIn(v, Keys.LLM_BREAKER_FAILURES, 1, 1000),
            intIn(v, Keys.LLM_BREAKER_OPEN_SECONDS, 1, 3600),
            decimalIn(v, Keys.LLM_PRICE_INPUT_PER_1M, 0, 1000),
            decimalIn(v, Keys.LLM_PRICE_OUTPUT_PER_1M, 0, 1000)),
        security(v, production, secret),
        fairness(v),
        bool(v, Keys.HTTP_WARMUP));
  }

  private static final long MB = 1024L * 1024L;

  private static Fairness fairness(Map<String, String> v) {
    int tempMb = intIn(v, Keys.QUERY_TEMP_FILE_LIMIT_MB, -1, 1024 * 1024);
    return new Fairness(
        intIn(v, Keys.PROJECT_MAX_CONCURRENT, 0, 1000),
        intIn(v, Keys.USER_MAX_CONCURRENT, 0, 1000),
        intIn(v, Keys.EXPORT_MAX_PER_PROJECT, 1, 1000),
        intIn(v, Keys.EXPORT_MAX_CONCURRENT, 0, 1000),
        intIn(v, Keys.QUERY_JOB_MAX_RUNNING_PER_PROJECT, 0, 256),
        tempMb < 0 ? -1 : tempMb * 1024,
        intIn(v, Keys.QUERY_WORK_MEM_MB, 0, 16 * 1024),
        intIn(v, Keys.QUERY_MEMORY_BUDGET_MB, 1, 1024 * 1024),
        intIn(v, Keys.QUERY_MAX_RESULT_MB, 1, 4096) * MB,
        intIn(v, Keys.QUERY_JOB_MAX_RESULT_MB, 1, 1024 * 1024) * MB,
        intIn(v, Keys.QUERY_JOB_MAX_ACTIVE_PER_PROJECT, 1, 100_000),
        intIn(v, Keys.QUERY_JOB_MAX_STORED_PER_PROJECT, 1, 1_000_000),
        intIn(v, Keys.QUERY_JOB_MAX_STORED_MB_PER_PROJECT, 1, 1024 * 1024) * MB);
  }

  private static Security security(Map<String, String> v, boolean production, String jwtSecret) {
    String linkSecret = v.getOrDefault(Keys.PUBLIC_LINK_SECRET, "");
    if (linkSecret.isBlank()) {
      // Unset: a key of its own derived from SECRET_KEY (which production requires to be strong),
      // so existing deployments keep starting; links then end when SECRET_KEY changes. Outside
      // production with SECRET_KEY unset too, links last until the process restarts.
      linkSecret = Secrets.hmacSha256Hex(jwtSecret, "analytics-studio/public-link-secret/v1");
    } else if (production && (linkSecret.length() < MIN_SECRET_LENGTH || isWeak(linkSecret))) {
      throw new ConfigException(
          Keys.PUBLIC_LINK_SECRET,
          "is too weak for production: use at least " + MIN_SECRET_LENGTH + " random characters");
    }
    List<String> ancestors = new ArrayList<>();
    for (String part : v.getOrDefault(Keys.PUBLIC_EMBED_FRAME_ANCESTORS, "*").split("[,\\s]+")) {
      String a = part.trim();
      if (a.isEmpty()) continue;
      if (!FRAME_SOURCE.matcher(a).matches()) {
        throw new ConfigException(
            Keys.PUBLIC_EMBED_FRAME_ANCESTORS,
            "'"
                + a
                + "' is not a frame-ancestors source (*, 'self', 'none', https://host[:port],"
                + " https://*.example.com)");
      }
      ancestors.add(a);
    }
    if (ancestors.isEmpty()) ancestors.add("'none'");
    String metricsToken = v.get(Keys.METRICS_TOKEN);
    if (!metricsToken.isBlank() && metricsToken.length() < 16) {
      throw new ConfigException(Keys.METRICS_TOKEN, "must be at least 16 characters (or empty)");
    }
    List<String> proxies = new ArrayList<>();
    for (String part : v.get(Keys.TRUSTED_PROXIES).split(",")) {
      String p = part.trim();
      if (p.isEmpty()) continue;
      if (!p.matches("[0-9A-Fa-f:.]+")) {
        throw new ConfigException(
            Keys.TRUSTED_PROXIES,
            "'" + p + "' is not an IP address (list the proxies' addresses, comma-separated)");
      }
      proxies.add(p);
    }
    return new Security(
        intIn(v, Keys.RATE_LIMIT_QUERY_PER_USER_PER_MINUTE, 1, 100_000_000),
        intIn(v, Keys.RATE_LIMIT_QUERY_PER_PROJECT_PER_MINUTE, 1, 100_000_000),
        intIn(v, Keys.RATE_LIMIT_ASK_PER_USER_PER_MINUTE, 1, 100_000_000),
        intIn(v, Keys.RATE_LIMIT_ASK_PER_PROJECT_PER_MINUTE, 1, 100_000_000),
        intIn(v, Keys.RATE_LIMIT_UPLOAD_PER_USER_PER_MINUTE, 1, 100_000_000),
        intIn(v, Keys.RATE_LIMIT_UPLOAD_PER_PROJECT_PER_MINUTE, 1, 100_000_000),
        intIn(v, Keys.API_KEY_CREATE_PER_HOUR, 1, 100_000),
        intIn(v, Keys.API_KEY_MAX_ACTIVE, 1, 100_000),
        intIn(v, Keys.TOKEN_VERSION_CACHE_SECONDS, 0, 300),
        intIn(v, Keys.LOGIN_FREE_FAILURES, 0, 1000),
        intIn(v, Keys.LOGIN_MAX_DELAY_SECONDS, 1, 86_400),
        List.copyOf(proxies),
        oneOf(v, Keys.HSTS, Set.of("auto", "always", "off")),
        intIn(v, Keys.HSTS_MAX_AGE_SECONDS, 0, 2 * 365 * 86_400),
        metricsToken,
        intIn(v, Keys.EVENTS_MEMBERSHIP_CHECK_SECONDS, 1, 3600),
        linkSecret,
        List.copyOf(ancestors),
        intIn(v, Keys.RATE_LIMIT_PUBLIC_PER_MINUTE, 1, 100_000_000));
  }

  private static QueryEngine queryEngine(Map<String, String> v) {
    int poolSize = intIn(v, Keys.QUERY_POOL_SIZE, 0, 1000);
    int waitQueue = intIn(v, Keys.QUERY_MAX_WAIT_QUEUE, -1, 100_000);
    return new QueryEngine(
        poolSize == 0 ? intIn(v, Keys.DB_POOL_SIZE, 1, 1000) : poolSize,
        waitQueue < 0 ? intIn(v, Keys.DB_MAX_WAIT_QUEUE, 0, 100_000) : waitQueue,
        intIn(v, Keys.QUERY_DEFAULT_LIMIT, 1, 1_000_000),
        intIn(v, Keys.EXPORT_MAX_ROWS, 1, 1_000_000_000),
        intIn(v, Keys.EXPORT_TIMEOUT_SECONDS, 1, 24 * 3600),
        intIn(v, Keys.QUERY_CACHE_MAX_ENTRIES, 0, 10_000_000),
        intIn(v, Keys.QUERY_CACHE_MAX_MB, 0, 100_000) * 1024L * 1024L,
        intIn(v, Keys.QUERY_CACHE_MAX_RESULT_KB, 1, 1024 * 1024) * 1024,
        intIn(v, Keys.SLOW_QUERY_MS, 0, 24 * 3600 * 1000),
        intIn(v, Keys.QUERY_JOB_CONCURRENCY, 1, 256),
        intIn(v, Keys.QUERY_JOB_TTL_HOURS, 1, 24 * 365),
        intIn(v, Keys.RATE_LIMIT_QUERY_PER_MINUTE, 1, 100_000_000),
        intIn(v, Keys.RATE_LIMIT_ASK_PER_MINUTE, 1, 100_000_000),
        intIn(v, Keys.RATE_LIMIT_UPLOAD_PER_MINUTE, 1, 100_000_000),
        intIn(v, Keys.EXPORT_STALL_SECONDS, 1, 3600));
  }

  /** Pool size plus overflow: the most connections this process opens. */
  public int dbMaxConnections() {
    return dbPoolSize + dbMaxOverflow;
  }

  public boolean production() {
    return environment.equals("production");
  }

  public boolean redisConfigured() {
    return !redisUrl.isBlank();
  }

  public long maxUploadBytes() {
    return maxUploadMb * 1024L * 1024L;
  }

  private static boolean isWeak(String secret) {
    String lower = secret.toLowerCase(Locale.ROOT);
    return lower.contains("changeme")
        || lower.contains("secret")
        || lower.contains("generate")
        || secret.chars().distinct().count() < 10;
  }

  private static String nonBlank(Map<String, String> v, String key) {
    String s = v.get(key);
    if (s == null || s.isBlank()) {
      throw new ConfigException(key, "must not be empty");
    }
    return s;
  }

  private static String oneOf(Map<String, String> v, String key, Set<String> allowed) {
    String s = v.get(key).toLowerCase(Locale.ROOT);
    if (!allowed.contains(s)) {
      throw new ConfigException(key, "must be one of " + allowed + " (was '" + v.get(key) + "')");
    }
    return s;
  }

  private static boolean bool(Map<String, String> v, String key) {
    String s = v.get(key).toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off", "" -> false;
      default -> throw new ConfigException(key, "must be true or false (was '" + v.get(key) + "')");
    };
  }

  private static int intIn(Map<String, String> v, String key, int min, int max) {
    String s = v.get(key);
    int n;
    try {
      n = Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "must be a whole number (was '" + s + "')");
    }
    if (n < min || n > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + " (was " + n + ")");
    }
    return n;
  }

  private static double decimalIn(Map<String, String> v, String key, double min, double max) {
    String s = v.get(key);
    double d;
    try {
      d = Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "must be a number (was '" + s + "')");
    }
    if (!(d >= min && d <= max)) {
      throw new ConfigException(
          key, "must be between " + min + " and " + max + " (was " + s.trim() + ")");
    }
    return d;
  }

  /** Accepts "a,b" or the seeds' JSON list form ["a","b"]. */
  static List<String> origins(String raw) {
    List<String> out = new ArrayList<>();
    String s = raw.trim();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    for (String part : s.split(",")) {
      String o = part.trim();
      if (o.startsWith("\"") && o.endsWith("\"") && o.length() >= 2) {
        o = o.substring(1, o.length() - 1);
      }
      if (o.isEmpty()) continue;
      if (!o.equals("*") && !(o.startsWith("http://") || o.startsWith("https://"))) {
        throw new ConfigException(
            Keys.CORS_ORIGINS, "'" + o + "' is not an origin like https://analytics.example.com");
      }
      out.add(o.endsWith("/") ? o.substring(0, o.length() - 1) : o);
    }
    return List.copyOf(out);
  }
}
