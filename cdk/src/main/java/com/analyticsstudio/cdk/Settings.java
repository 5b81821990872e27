package com.analyticsstudio.cdk;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.constructs.Node;

/**
 * Everything that differs between {@code dev} and {@code prod}, read once from the CDK context
 * ({@code -c env=dev|prod} plus the optional values below) and validated before any construct is
 * built, so a wrong value stops {@code cdk synth} with a message naming the context key.
 *
 * <p>A key is looked up as {@code -c key=value} first, then in the object {@code "<env>"} of the
 * context (cdk.json can hold one per environment), then the environment's default below.
 */
public record Settings(
    String env,
    String region,
    String domainName,
    String apiDomainName,
    Optional<String> hostedZoneId,
    Optional<String> hostedZoneName,
    Optional<String> certificateArn,
    Optional<String> cloudFrontCertificateArn,
    Optional<String> alarmEmail,
    Optional<String> githubRepository,
    String imageTag,
    boolean waf,
    int wafRateLimitPer5Minutes,
    boolean prod) {

  /** The app's own default (config/defaults.properties); drains in-flight requests on SIGTERM. */
  public static final int SHUTDOWN_GRACE_SECONDS = 10;
  /** The ALB waits this long for in-flight requests of a deregistered task (&gt; the grace). */
  public static final int DEREGISTRATION_DELAY_SECONDS = 30;
  /** ECS sends SIGKILL this long after SIGTERM (&gt; the grace; Fargate allows up to 120). */
  public static final int STOP_TIMEOUT_SECONDS = 30;
  /** The seeds' task size: 0.5 vCPU, 1 GB. */
  public static final int TASK_CPU = 512;
  public static final int TASK_MEMORY_MIB = 1024;
  public static final int CONTAINER_PORT = 8000;
  /** Set in the DB parameter group so the "connections &gt; 80 %" alarm has an exact threshold. */
  public static final int DB_MAX_CONNECTIONS = 200;
  /** App pool size per task (DB_POOL_SIZE + DB_MAX_OVERFLOW + the query pool of DB_POOL_SIZE). */
  public static final int DB_POOL_SIZE = 10;
  public static final int DB_MAX_OVERFLOW = 10;
  /** Target tracking: keep average CPU here (the alarm fires at 80 %). */
  public static final int SCALE_CPU_TARGET_PERCENT = 60;
  /** Target tracking: ALB requests per task per minute (about 50 req/s per 0.5 vCPU task). */
  public static final int SCALE_REQUESTS_PER_TARGET = 3000;
  /** Log group of the tasks (the seeds' name, one per environment). */
  public static final String LOG_GROUP_PREFIX = "/ecs/analytics-studio";

  private static final List<String> ENVS = List.of("dev", "prod");
  private static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
  private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-gov)?-[a-z]+-\\d$");
  private static final Pattern ACM_ARN = Pattern.compile("^arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+$");
  private static final Pattern ZONE_ID = Pattern.compile("^Z[A-Z0-9]{1,31}$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern REPO = Pattern.compile("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$");
  private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");

  /** Reads and validates the settings of the environment named by the context value {@code env}. */
  public static Settings from(Node node) {
    Object rawEnv = node.tryGetContext("env");
    String env = rawEnv == null ? "dev" : rawEnv.toString();
    if (!ENVS.contains(env)) {
      throw new IllegalArgumentException("context 'env' must be dev or prod (was '" + env + "')");
    }
    Lookup c = new Lookup(node, env);
    boolean prod = env.equals("prod");

    String region = c.string("region").orElse("us-east-1");
    require(REGION.matcher(region).matches(), "region", "must be an AWS region like us-east-1 (was '" + region + "')");
    String domain = c.string("domainName").orElse(prod ? "analytics.example.com" : "dev.analytics.example.com");
    require(DOMAIN.matcher(domain).matches(), "domainName", "must be a lower-case DNS name (was '" + domain + "')");
    String apiDomain = c.string("apiDomainName").orElse("api." + domain);
    require(DOMAIN.matcher(apiDomain).matches(), "apiDomainName", "must be a lower-case DNS name (was '" + apiDomain + "')");
    require(!apiDomain.equals(domain), "apiDomainName", "must differ from domainName (CloudFront serves the app's name)");

    Optional<String> zoneId = c.string("hostedZoneId");
    Optional<String> zoneName = c.string("hostedZoneName");
    require(zoneId.isPresent() == zoneName.isPresent(), zoneId.isPresent() ? "hostedZoneName" : "hostedZoneId",
        "is required with the other (hostedZoneId and hostedZoneName go together)");
    zoneId.ifPresent(z -> require(ZONE_ID.matcher(z).matches(), "hostedZoneId", "must look like Z0123456789ABC (was '" + z + "')"));
    zoneName.ifPresent(z -> {
      require(DOMAIN.matcher(z).matches(), "hostedZoneName", "must be a lower-case DNS name (was '" + z + "')");
      require(domain.equals(z) || domain.endsWith("." + z), "domainName", "must be inside hostedZoneName '" + z + "'");
      require(apiDomain.equals(z) || apiDomain.endsWith("." + z), "apiDomainName", "must be inside hostedZoneName '" + z + "'");
    });

    Optional<String> cert = c.string("certificateArn");
    cert.ifPresent(a -> require(ACM_ARN.matcher(a).matches(), "certificateArn", "must be an ACM certificate ARN (was '" + a + "')"));
    Optional<String> cfCert = c.string("cloudFrontCertificateArn");
    cfCert.ifPresent(a -> {
      require(ACM_ARN.matcher(a).matches(), "cloudFrontCertificateArn", "must be an ACM certificate ARN (was '" + a + "')");
      require(a.contains(":acm:us-east-1:"), "cloudFrontCertificateArn", "must be a certificate in us-east-1 (CloudFront only uses those)");
    });
    // CloudFront only takes certificates from us-east-1: the stack's own certificate serves it
    // only when the stack is there.
    require(region.equals("us-east-1") || cfCert.isPresent(), "cloudFrontCertificateArn",
        "is required when region is not us-east-1 (CloudFront needs a certificate in us-east-1 for '" + domain + "')");

    Optional<String> email = c.string("alarmEmail");
    email.ifPresent(e -> require(EMAIL.matcher(e).matches(), "alarmEmail", "must be an e-mail address (was '" + e + "')"));
    Optional<String> repo = c.string("githubRepository");
    repo.ifPresent(r -> require(REPO.matcher(r).matches(), "githubRepository", "must be owner/name (was '" + r + "')"));
    String tag = c.string("imageTag").orElse("latest");
    require(TAG.matcher(tag).matches(), "imageTag", "must be a Docker tag (was '" + tag + "')");

    boolean waf = c.bool("waf").orElse(prod);
    int rate = c.integer("wafRateLimit").orElse(20_000);
    require(rate >= 100 && rate <= 2_000_000_000, "wafRateLimit", "must be between 100 and 2000000000 requests per 5 minutes (was " + rate + ")");

    return new Settings(env, region, domain, apiDomain, zoneId, zoneName, cert, cfCert, email, repo, tag, waf, rate, prod);
  }

  /** Prefix of every stack name: {@code AnalyticsStudio-Dev}, {@code AnalyticsStudio-Prod}. */
  public String stackPrefix() {
    return "AnalyticsStudio-" + Character.toUpperCase(env.charAt(0)) + env.substring(1);
  }

  /** The value of the app's {@code ENVIRONMENT}: dev runs as staging (weak keys still refused in prod). */
  public String appEnvironment() {
    return prod ? "production" : "staging";
  }

  public String logGroupName() {
    return LOG_GROUP_PREFIX + "/" + env;
  }

  public int desiredTasks() {
    return prod ? 2 : 1;
  }

  public int maxTasks() {
    return prod ? 4 : 2;
  }

  public int natGateways() {
    return prod ? 2 : 1;
  }

  public boolean multiAz() {
    return prod;
  }

  public boolean hasHostedZone() {
    return hostedZoneId.isPresent();
  }

  private static void require(boolean ok, String key, String message) {
    if (!ok) {
      throw new IllegalArgumentException("context '" + key + "' " + message);
    }
  }

  /** {@code -c key=value}, then the environment's object in the context, else empty. */
  private record Lookup(Node node, String env) {
    Optional<String> string(String key) {
      Object top = node.tryGetContext(key);
      Object value = top;
      if (value == null && node.tryGetContext(env) instanceof Map<?, ?> perEnv) {
        value = perEnv.get(key);
      }
      if (value == null || value.toString().isBlank()) {
        return Optional.empty();
      }
      return Optional.of(value.toString().trim());
    }

    Optional<Boolean> bool(String key) {
      return string(key).map(v -> switch (v) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException("context '" + key + "' must be true or false (was '" + v + "')");
      });
    }

    Optional<Integer> integer(String key) {
      return string(key).map(v -> {
        try {
          return Integer.parseInt(v);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("context '" + key + "' must be a whole number (was '" + v + "')");
        }
      });
    }
  }
}
