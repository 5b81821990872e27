package com.analyticsstudio.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.elasticache.CfnReplicationGroup;
import software.amazon.awscdk.services.elasticache.CfnSubnetGroup;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.CredentialsFromUsernameOptions;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.amazon.awscdk.services.rds.PerformanceInsightRetention;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * RDS PostgreSQL, ElastiCache Redis and the four Secrets Manager entries the task reads: the
 * database URL, the Redis URL (both assembled by CloudFormation from generated credentials, so no
 * password is ever in the template), the JWT signing key and the OpenAI key.
 */
public final class DataStack extends Stack {
  /** The app's database and the RDS master user it connects as (it creates its own roles). */
  public static final String DATABASE_NAME = "analytics_studio";
  public static final String DATABASE_USER = "studio";
  /** Key inside the OpenAI secret's JSON: the secret starts empty (the built-in planner answers). */
  public static final String OPENAI_KEY_FIELD = "OPENAI_API_KEY";
  /**
   * Characters left out of generated passwords: they would need escaping inside the URLs the app
   * parses ({@code postgresql://user:pass@host}), and RDS/ElastiCache refuse some of them.
   */
  private static final String URL_UNSAFE = " %+~`#$&*()|[]{}:;<>?!'/@\"\\=,^";

  private final DatabaseInstance database;
  private final Secret databaseUrl;
  private final Secret redisUrl;
  private final Secret jwtSecret;
  private final Secret openAiKey;
  private final CfnReplicationGroup redis;

  public DataStack(Construct scope, String id, StackProps props, Settings settings, NetworkStack network) {
    super(scope, id, props);
    String prefix = "analytics-studio/" + settings.env() + "/";
    SubnetSelection isolated = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();

    PostgresEngineVersion version = PostgresEngineVersion.VER_15_17;
    // PostgreSQL 15 keeps rds.force_ssl off by default; the app's reactive client does not use
    // TLS yet, and the database is reachable only from the tasks' security group inside the VPC.
    ParameterGroup parameters = ParameterGroup.Builder.create(this, "DbParameters")
        .engine(DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder().version(version).build()))
        .description("Analytics Studio: an explicit max_connections for the connections alarm")
        .parameters(Map.of("max_connections", Integer.toString(Settings.DB_MAX_CONNECTIONS)))
        .build();

    database = DatabaseInstance.Builder.create(this, "Database")
        .engine(DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder().version(version).build()))
        .instanceType(InstanceType.of(InstanceClass.BURSTABLE3, InstanceSize.SMALL))
        .vpc(network.vpc())
        .vpcSubnets(isolated)
        .securityGroups(List.of(network.databaseSecurityGroup()))
        .publiclyAccessible(false)
        .databaseName(DATABASE_NAME)
        .credentials(Credentials.fromGeneratedSecret(DATABASE_USER, CredentialsFromUsernameOptions.builder()
            .secretName(prefix + "database-master")
            .excludeCharacters(URL_UNSAFE)
            .build()))
        .parameterGroup(parameters)
        .storageType(StorageType.GP3)
        .allocatedStorage(20)
        .maxAllocatedStorage(100)
        .storageEncrypted(true)
        .multiAz(settings.multiAz())
        .backupRetention(Duration.days(7))
        .enablePerformanceInsights(true)
        .performanceInsightRetention(PerformanceInsightRetention.DEFAULT)
        .autoMinorVersionUpgrade(true)
        .deletionProtection(settings.prod())
        .removalPolicy(settings.prod() ? RemovalPolicy.RETAIN : RemovalPolicy.SNAPSHOT)
        .build();
    ISecret master = database.getSecret();

    // The URL the app reads: CloudFormation resolves the password from the generated secret at
    // deploy time; the template holds only the {{resolve:secretsmanager:…}} reference.
    databaseUrl = Secret.Builder.create(this, "DatabaseUrl")
        .secretName(prefix + "database-url")
        .description("DATABASE_URL of Analytics Studio (" + settings.env() + ")")
        .secretStringValue(SecretValue.unsafePlainText(Fn.join("", List.of(
            "postgresql://", DATABASE_USER, ":",
            master.secretValueFromJson("password").unsafeUnwrap(),
            "@", database.getDbInstanceEndpointAddress(), ":", database.getDbInstanceEndpointPort(),
            "/", DATABASE_NAME))))
        .build();

    Secret redisAuth = Secret.Builder.create(this, "RedisAuthToken")
        .secretName(prefix + "redis-auth-token")
        .description("ElastiCache AUTH token of Analytics Studio (" + settings.env() + ")")
        .generateSecretString(SecretStringGenerator.builder()
            .passwordLength(64).excludePunctuation(true).build())
        .build();
    CfnSubnetGroup cacheSubnets = CfnSubnetGroup.Builder.create(this, "CacheSubnets")
        .description("Analytics Studio Redis (" + settings.env() + ")")
        .subnetIds(network.vpc().selectSubnets(isolated).getSubnetIds())
        .build();
    int nodes = settings.multiAz() ? 2 : 1;
    redis = CfnReplicationGroup.Builder.create(this, "Redis")
        .replicationGroupDescription("Analytics Studio query cache, rate limits, sessions (" + settings.env() + ")")
        .engine("redis")
        .engineVersion("7.1")
        .cacheNodeType("cache.t3.micro")
        .numCacheClusters(nodes)
        .automaticFailoverEnabled(nodes > 1)
        .multiAzEnabled(nodes > 1)
        .cacheSubnetGroupName(cacheSubnets.getRef())
        .securityGroupIds(List.of(network.cacheSecurityGroup().getSecurityGroupId()))
        .transitEncryptionEnabled(true)
        .atRestEncryptionEnabled(true)
        .authToken(redisAuth.getSecretValue().unsafeUnwrap())
        .port(6379)
        .snapshotRetentionLimit(settings.prod() ? 3 : 0)
        .build();
    redis.applyRemovalPolicy(RemovalPolicy.DESTROY);

    redisUrl = Secret.Builder.create(this, "RedisUrl")
        .secretName(prefix + "redis-url")
        .description("REDIS_URL of Analytics Studio (" + settings.env() + "): TLS and AUTH")
        .secretStringValue(SecretValue.unsafePlainText(Fn.join("", List.of(
            "rediss://:", redisAuth.getSecretValue().unsafeUnwrap(), "@",
            redis.getAttrPrimaryEndPointAddress(), ":", redis.getAttrPrimaryEndPointPort(), "/0"))))
        .build();

    jwtSecret = Secret.Builder.create(this, "JwtSecret")
        .secretName(prefix + "jwt-secret")
        .description("SECRET_KEY (JWT signing) of Analytics Studio (" + settings.env() + ")")
        .generateSecretString(SecretStringGenerator.builder()
            .passwordLength(64).excludePunctuation(true).build())
        .build();

    // Starts as {"OPENAI_API_KEY":""}: the studio answers with its built-in planner until an
    // operator puts a key in (docs/deploy.md). Nothing secret is in the template.
    openAiKey = Secret.Builder.create(this, "OpenAiKey")
        .secretName(prefix + "openai-api-key")
        .description("OPENAI_API_KEY of Analytics Studio (" + settings.env() + "); empty = built-in planner")
        .secretObjectValue(Map.of(OPENAI_KEY_FIELD, SecretValue.unsafePlainText("")))
        .build();
  }

  public DatabaseInstance database() {
    return database;
  }

  public Secret databaseUrl() {
    return databaseUrl;
  }

  public Secret redisUrl() {
    return redisUrl;
  }

  public Secret jwtSecret() {
    return jwtSecret;
  }

  public Secret openAiKey() {
    return openAiKey;
  }

  public CfnReplicationGroup redis() {
    return redis;
  }
}
