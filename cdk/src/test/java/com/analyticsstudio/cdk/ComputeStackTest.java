package com.analyticsstudio.cdk;

import static com.analyticsstudio.cdk.Json.list;
import static com.analyticsstudio.cdk.Json.map;
import static com.analyticsstudio.cdk.Json.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ComputeStackTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void taskHasTheSeedsSizeOnFargate(String env) {
    Synth.env(env).compute().hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
        "Cpu", "512", "Memory", "1024", "NetworkMode", "awsvpc", "RequiresCompatibilities", List.of("FARGATE")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void containerChecksHealthAndTheAlbChecksReadiness(String env) {
    Template t = Synth.env(env).compute();
    Map<String, Object> container = container(t);
    Map<String, Object> health = map(container.get("HealthCheck"));
    assertThat(Json.text(health.get("Command"))).contains("http://localhost:8000/health");
    assertThat(container.get("PortMappings")).isEqualTo(List.of(Map.of("ContainerPort", 8000, "Protocol", "tcp")));
    t.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
        "HealthCheckPath", "/ready", "Port", 8000, "Protocol", "HTTP", "TargetType", "ip",
        "Matcher", Map.of("HttpCode", "200")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void drainingOutlastsTheAppsShutdownGrace(String env) {
    Template t = Synth.env(env).compute();
    Map<String, Object> container = container(t);
    int grace = Integer.parseInt(environment(container).get("SHUTDOWN_GRACE_SECONDS"));
    assertThat(grace).isEqualTo(Settings.SHUTDOWN_GRACE_SECONDS);
    assertThat((Integer) container.get("StopTimeout")).isGreaterThan(grace);
    Map<String, Object> tg = props(Json.only(t.findResources("AWS::ElasticLoadBalancingV2::TargetGroup")));
    String delay = list(tg.get("TargetGroupAttributes")).stream().map(Json::map)
        .filter(a -> a.get("Key").equals("deregistration_delay.timeout_seconds"))
        .map(a -> a.get("Value").toString()).findFirst().orElseThrow();
    assertThat(Integer.parseInt(delay)).isGreaterThan(grace);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void logsGoToTheSeedsGroupWithARetention(String env) {
    Template t = Synth.env(env).compute();
    t.hasResourceProperties("AWS::Logs::LogGroup", Map.of(
        "LogGroupName", "/ecs/analytics-studio/" + env, "RetentionInDays", env.equals("prod") ? 90 : 14));
    Map<String, Object> logging = map(container(t).get("LogConfiguration"));
    assertThat(logging.get("LogDriver")).isEqualTo("awslogs");
    assertThat(map(logging.get("Options"))).containsEntry("awslogs-stream-prefix", "ecs");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void failedDeploymentsRollBackAndTasksRunPrivately(String env) {
    Synth.env(env).compute().hasResourceProperties("AWS::ECS::Service", Map.of(
        "LaunchType", "FARGATE",
        "DesiredCount", env.equals("prod") ? 2 : 1,
        "DeploymentConfiguration", Match.objectLike(Map.of(
            "DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true),
            "MinimumHealthyPercent", 100)),
        "NetworkConfiguration", Map.of("AwsvpcConfiguration", Match.objectLike(Map.of("AssignPublicIp", "DISABLED")))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void serviceScalesOnCpuAndOnRequestsPerTarget(String env) {
    Template t = Synth.env(env).compute();
    boolean prod = env.equals("prod");
    t.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", Map.of(
        "MinCapacity", prod ? 2 : 1, "MaxCapacity", prod ? 4 : 2, "ScalableDimension", "ecs:service:DesiredCount"));
    t.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Map.of(
        "PolicyType", "TargetTrackingScaling",
        "TargetTrackingScalingPolicyConfiguration", Match.objectLike(Map.of(
            "PredefinedMetricSpecification", Map.of("PredefinedMetricType", "ECSServiceAverageCPUUtilization"),
            "TargetValue", Settings.SCALE_CPU_TARGET_PERCENT))));
    t.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Map.of(
        "PolicyType", "TargetTrackingScaling",
        "TargetTrackingScalingPolicyConfiguration", Match.objectLike(Map.of(
            "PredefinedMetricSpecification", Match.objectLike(Map.of("PredefinedMetricType", "ALBRequestCountPerTarget")),
            "TargetValue", Settings.SCALE_REQUESTS_PER_TARGET))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void albServesHttpsWithAModernPolicyAndRedirectsHttp(String env) {
    Template t = Synth.env(env).compute();
    t.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Match.objectLike(Map.of(
        "Scheme", "internet-facing", "Type", "application")));
    t.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
        "Port", 443, "Protocol", "HTTPS", "SslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06",
        "Certificates", List.of(Map.of("CertificateArn", Match.anyValue()))));
    t.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
        "Port", 80, "Protocol", "HTTP",
        "DefaultActions", List.of(Map.of("Type", "redirect",
            "RedirectConfig", Map.of("Port", "443", "Protocol", "HTTPS", "StatusCode", "HTTP_301")))));
    t.resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void secretsAreInjectedAsEcsSecretsAndNeverAsPlainEnvironment(String env) {
    Map<String, Object> container = container(Synth.env(env).compute());
    List<String> secretNames = list(container.get("Secrets")).stream().map(s -> map(s).get("Name").toString()).toList();
    assertThat(secretNames).containsExactlyInAnyOrder("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "OPENAI_API_KEY");
    Map<String, String> plain = environment(container);
    assertThat(plain).doesNotContainKeys("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "OPENAI_API_KEY");
    assertThat(Json.text(plain)).doesNotContain("postgresql://").doesNotContain("redis://").doesNotContain("rediss://");
    for (Object s : list(container.get("Secrets"))) {
      assertThat(Json.text(map(s).get("ValueFrom"))).as("a Secrets Manager ARN").contains("AnalyticsStudio-");
    }
    assertThat(plain).containsEntry("ENVIRONMENT", env.equals("prod") ? "production" : "staging");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void taskRoleMayUseOnlyItsBucketAndExecutionRoleOnlyItsSecrets(String env) {
    Template t = Synth.env(env).compute();
    List<Map<String, Object>> taskStatements = statementsOfRole(t, "TaskTaskRole");
    assertThat(taskStatements).isNotEmpty();
    for (Map<String, Object> s : taskStatements) {
      assertThat(Json.text(s.get("Action"))).doesNotContain("secretsmanager").contains("s3:");
      assertThat(Json.text(s.get("Resource"))).contains("Uploads").doesNotContain("\"*\"");
    }
    List<Map<String, Object>> execStatements = statementsOfRole(t, "TaskExecutionRole");
    List<String> secretResources = new ArrayList<>();
    for (Map<String, Object> s : execStatements) {
      String actions = Json.text(s.get("Action"));
      assertThat(actions).doesNotContain("s3:");
      if (actions.contains("secretsmanager")) {
        assertThat(actions).doesNotContain("secretsmanager:*").doesNotContain("PutSecretValue");
        list(s.get("Resource")).forEach(res -> secretResources.add(Json.text(res)));
      }
    }
    assertThat(secretResources).hasSize(4).allSatisfy(res -> assertThat(res).doesNotContain("\"*\""));
    assertThat(String.join(" ", secretResources)).contains("DatabaseUrl").contains("RedisUrl").contains("JwtSecret").contains("OpenAiKey");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void imageComesFromTheRegistryAtTheGivenTag(String env) {
    Template t = Synth.with(Map.of("env", env, "imageTag", "0123abc")).compute();
    String image = Json.text(container(t).get("Image"));
    assertThat(image).contains("AnalyticsStudio-").contains("Registry").endsWith(":0123abc\"]]}");
    Synth.env(env).registry().hasResourceProperties("AWS::ECR::Repository", Map.of(
        "RepositoryName", "analytics-studio-" + env, "ImageScanningConfiguration", Map.of("ScanOnPush", true)));
  }

  static Map<String, Object> container(Template t) {
    Map<String, Object> task = props(Json.only(t.findResources("AWS::ECS::TaskDefinition")));
    List<Object> containers = list(task.get("ContainerDefinitions"));
    assertThat(containers).hasSize(1);
    return map(containers.get(0));
  }

  static Map<String, String> environment(Map<String, Object> container) {
    Map<String, String> out = new HashMap<>();
    for (Object e : list(container.get("Environment"))) {
      Map<String, Object> entry = map(e);
      out.put(entry.get("Name").toString(), entry.get("Value") instanceof String s ? s : Json.text(entry.get("Value")));
    }
    return out;
  }

  private static List<Map<String, Object>> statementsOfRole(Template t, String rolePrefix) {
    List<Map<String, Object>> out = new ArrayList<>();
    t.findResources("AWS::IAM::Policy").forEach((id, policy) -> {
      Map<String, Object> p = props(policy);
      if (Json.text(p.get("Roles")).contains("\"" + rolePrefix)) {
        list(map(p.get("PolicyDocument")).get("Statement")).forEach(s -> out.add(map(s)));
      }
    });
    return out;
  }
}
