package com.analyticsstudio.cdk;

import static com.analyticsstudio.cdk.Json.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ObservabilityStackTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void ecsCpuAndMemoryAlarmsUseTheSeedsThresholds(String env) {
    Template t = Synth.env(env).observability();
    t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "Namespace", "AWS/ECS", "MetricName", "CPUUtilization", "Threshold", 80,
        "ComparisonOperator", "GreaterThanThreshold", "EvaluationPeriods", 2, "Period", 300)));
    t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "Namespace", "AWS/ECS", "MetricName", "MemoryUtilization", "Threshold", 85)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void alb5xxRateAlarmIsOnePercentOfRequests(String env) {
    Template t = Synth.env(env).observability();
    Map<String, Object> alarm = props(Json.only(t.findResources("AWS::CloudWatch::Alarm",
        Map.of("Properties", Map.of("Threshold", 1)))));
    String metrics = Json.text(alarm.get("Metrics"));
    assertThat(metrics).contains("HTTPCode_Target_5XX_Count").contains("HTTPCode_ELB_5XX_Count").contains("RequestCount")
        .contains("100 * (FILL(t5, 0) + FILL(e5, 0))");
    assertThat(alarm.get("TreatMissingData")).isEqualTo("notBreaching");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void p99LatencyAlarmIsTwoSeconds(String env) {
    Synth.env(env).observability().hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "Namespace", "AWS/ApplicationELB", "MetricName", "TargetResponseTime", "ExtendedStatistic", "p99", "Threshold", 2)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void rdsConnectionsAlarmIsEightyPercentOfMaxConnections(String env) {
    Synth.env(env).observability().hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "Namespace", "AWS/RDS", "MetricName", "DatabaseConnections", "Threshold", 160)));
    assertThat(ObservabilityStack.DB_CONNECTIONS).isEqualTo(0.8 * Settings.DB_MAX_CONNECTIONS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyAlarmNotifiesTheTopic(String env) {
    Template t = Synth.env(env).observability();
    String topic = t.getResourceId("AWS::SNS::Topic");
    Map<String, Map<String, Object>> alarms = t.findResources("AWS::CloudWatch::Alarm");
    assertThat(alarms).hasSize(5);
    alarms.values().forEach(a -> {
      assertThat(Json.text(props(a).get("AlarmActions"))).contains(topic);
      assertThat(Json.text(props(a).get("OKActions"))).contains(topic);
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void alarmEmailSubscribesToTheTopic(String env) {
    Synth.with(Map.of("env", env, "alarmEmail", "oncall@example.com")).observability()
        .hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "oncall@example.com"));
    Synth.env(env).observability().resourceCountIs("AWS::SNS::Subscription", 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void dashboardHasTheSeedsWidgets(String env) {
    Template t = Synth.env(env).observability();
    String body = Json.text(props(Json.only(t.findResources("AWS::CloudWatch::Dashboard"))).get("DashboardBody"));
    for (String title : List.of("ECS CPU and memory", "ALB requests", "ALB latency", "RDS connections", "RDS and Redis CPU",
        "S3 uploads bucket requests", "Application errors per 5 minutes", "Slow queries")) {
      assertThat(body).contains(title);
    }
    assertThat(body).contains("query took").contains("/ecs/analytics-studio/" + env).contains("AllRequests");
  }
}
