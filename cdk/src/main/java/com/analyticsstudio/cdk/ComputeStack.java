package com.analyticsstudio.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.route53.ARecord;
import software.amazon.awscdk.services.route53.RecordTarget;
import software.amazon.awscdk.services.route53.targets.LoadBalancerTarget;
import software.constructs.Construct;

/**
 * The studio itself: ECS cluster, the Fargate service (the seeds' 0.5 vCPU / 1 GB task) behind an
 * HTTPS ALB, its log group, auto scaling on CPU and on requests per target, and the API's DNS name.
 *
 * <p>Secrets reach the container as ECS secrets (read by the execution role at start), never as
 * plain environment values; the task role may use only the uploads bucket.
 */
public final class ComputeStack extends Stack {
  public static final String CONTAINER_NAME = "studio";

  private final Cluster cluster;
  private final FargateService service;
  private final ApplicationLoadBalancer loadBalancer;
  private final ApplicationTargetGroup targetGroup;
  private final LogGroup logGroup;

  public ComputeStack(Construct scope, String id, StackProps props, Settings settings, NetworkStack network,
                      DataStack data, StorageStack storage, RegistryStack registry) {
    super(scope, id, props);

    cluster = Cluster.Builder.create(this, "Cluster")
        .clusterName("analytics-studio-" + settings.env())
        .vpc(network.vpc())
        .containerInsightsV2(settings.prod() ? ContainerInsights.ENABLED : ContainerInsights.DISABLED)
        .build();

    logGroup = LogGroup.Builder.create(this, "Logs")
        .logGroupName(settings.logGroupName())
        .retention(settings.prod() ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS)
        .removalPolicy(settings.prod() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
        .build();

    FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, "Task")
        .family("analytics-studio-" + settings.env())
        .cpu(Settings.TASK_CPU)
        .memoryLimitMiB(Settings.TASK_MEMORY_MIB)
        .runtimePlatform(RuntimePlatform.builder()
            .cpuArchitecture(CpuArchitecture.X86_64)
            .operatingSystemFamily(OperatingSystemFamily.LINUX)
            .build())
        .build();
    storage.uploads().grantReadWrite(task.getTaskRole());

    task.addContainer(CONTAINER_NAME, ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromEcrRepository(registry.repository(), settings.imageTag()))
        .essential(true)
        .portMappings(List.of(PortMapping.builder().containerPort(Settings.CONTAINER_PORT).build()))
        .environment(Map.ofEntries(
            Map.entry("ENVIRONMENT", settings.appEnvironment()),
            Map.entry("PORT", Integer.toString(Settings.CONTAINER_PORT)),
            Map.entry("LOG_FORMAT", "json"),
            Map.entry("LOG_LEVEL", "INFO"),
            Map.entry("AWS_S3_BUCKET", storage.uploads().getBucketName()),
            Map.entry("AWS_REGION", settings.region()),
            Map.entry("UPLOAD_DIR", "/uploads"),
            Map.entry("DB_POOL_SIZE", Integer.toString(Settings.DB_POOL_SIZE)),
            Map.entry("DB_MAX_OVERFLOW", Integer.toString(Settings.DB_MAX_OVERFLOW)),
            Map.entry("SHUTDOWN_GRACE_SECONDS", Integer.toString(Settings.SHUTDOWN_GRACE_SECONDS)),
            Map.entry("APP_VERSION", settings.imageTag())))
        .secrets(Map.of(
            "DATABASE_URL", Secret.fromSecretsManager(data.databaseUrl()),
            "REDIS_URL", Secret.fromSecretsManager(data.redisUrl()),
            "SECRET_KEY", Secret.fromSecretsManager(data.jwtSecret()),
            "OPENAI_API_KEY", Secret.fromSecretsManager(data.openAiKey(), DataStack.OPENAI_KEY_FIELD)))
        // /health says the process is alive; /ready (the ALB's check) also needs the database.
        .healthCheck(HealthCheck.builder()
            .command(List.of("CMD-SHELL", "curl -fsS http://localhost:" + Settings.CONTAINER_PORT + "/health || exit 1"))
            .interval(Duration.seconds(15))
            .timeout(Duration.seconds(5))
            .retries(3)
            // First start applies the migrations; half a vCPU also JIT-compiles slowly.
            .startPeriod(Duration.seconds(90))
            .build())
        .stopTimeout(Duration.seconds(Settings.STOP_TIMEOUT_SECONDS))
        .logging(LogDriver.awsLogs(AwsLogDriverProps.builder()
            .logGroup(logGroup)
            .streamPrefix("ecs")
            .build()))
        .build());

    service = FargateService.Builder.create(this, "Service")
        .serviceName("analytics-studio-api")
        .cluster(cluster)
        .taskDefinition(task)
        .desiredCount(settings.desiredTasks())
        .minHealthyPercent(100)
        .maxHealthyPercent(200)
        .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
        .healthCheckGracePeriod(Duration.seconds(120))
        .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
        .securityGroups(List.of(network.serviceSecurityGroup()))
        .assignPublicIp(false)
        .build();

    loadBalancer = ApplicationLoadBalancer.Builder.create(this, "Alb")
        .vpc(network.vpc())
        .internetFacing(true)
        .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
        .securityGroup(network.albSecurityGroup())
        // Synchronous queries may run QUERY_TIMEOUT_SECONDS (300) before the first byte.
        .idleTimeout(Duration.seconds(330))
        .dropInvalidHeaderFields(true)
        .deletionProtection(settings.prod())
        .build();

    loadBalancer.addRedirect();
    ApplicationListener https = loadBalancer.addListener("Https", BaseApplicationListenerProps.builder()
        .port(443)
        .protocol(ApplicationProtocol.HTTPS)
        .certificates(List.of(ListenerCertificate.fromCertificateManager(network.certificate())))
        .sslPolicy(SslPolicy.RECOMMENDED_TLS)
        .open(false)
        .build());
    targetGroup = https.addTargets("Studio", AddApplicationTargetsProps.builder()
        .port(Settings.CONTAINER_PORT)
        .protocol(ApplicationProtocol.HTTP)
        .targets(List.of(service))
        .deregistrationDelay(Duration.seconds(Settings.DEREGISTRATION_DELAY_SECONDS))
        .healthCheck(software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck.builder()
            .path("/ready")
            .healthyHttpCodes("200")
            .interval(Duration.seconds(15))
            .timeout(Duration.seconds(5))
            .healthyThresholdCount(2)
            .unhealthyThresholdCount(3)
            .build())
        .build());

    ScalableTaskCount scaling = service.autoScaleTaskCount(EnableScalingProps.builder()
        .minCapacity(settings.desiredTasks())
        .maxCapacity(settings.maxTasks())
        .build());
    scaling.scaleOnCpuUtilization("Cpu", CpuUtilizationScalingProps.builder()
        .targetUtilizationPercent(Settings.SCALE_CPU_TARGET_PERCENT)
        .scaleOutCooldown(Duration.seconds(60))
        .scaleInCooldown(Duration.seconds(300))
        .build());
    scaling.scaleOnRequestCount("Requests", RequestCountScalingProps.builder()
        .requestsPerTarget(Settings.SCALE_REQUESTS_PER_TARGET)
        .targetGroup(targetGroup)
        .scaleOutCooldown(Duration.seconds(60))
        .scaleInCooldown(Duration.seconds(300))
        .build());

    network.zone().ifPresent(zone -> {
      RecordTarget target = RecordTarget.fromAlias(new LoadBalancerTarget(loadBalancer));
      // IPv4 only: the VPC and the ALB have no IPv6 (CloudFront serves the app over both).
      ARecord.Builder.create(this, "ApiRecord").zone(zone).recordName(settings.apiDomainName()).target(target).build();
    });

    CfnOutput.Builder.create(this, "ClusterName").value(cluster.getClusterName()).build();
    CfnOutput.Builder.create(this, "ServiceName").value(service.getServiceName()).build();
    CfnOutput.Builder.create(this, "LoadBalancerDnsName").value(loadBalancer.getLoadBalancerDnsName())
        .description("CNAME/alias target for " + settings.apiDomainName() + " without a hosted zone").build();
  }

  public Cluster cluster() {
    return cluster;
  }

  public FargateService service() {
    return service;
  }

  public ApplicationLoadBalancer loadBalancer() {
    return loadBalancer;
  }

  public ApplicationTargetGroup targetGroup() {
    return targetGroup;
  }

  public LogGroup logGroup() {
    return logGroup;
  }
}
