package com.analyticsstudio.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.LogQueryWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The seeds' alarms (to one SNS topic) and dashboard. Thresholds are the seeds' "Key Metrics to
 * Monitor"; each alarm needs two consecutive 5-minute periods over it, as the seeds' CLI example.
 */
public final class ObservabilityStack extends Stack {
  public static final double CPU_PERCENT = 80;
  public static final double MEMORY_PERCENT = 85;
  public static final double HTTP_5XX_PERCENT = 1;
  public static final double P99_LATENCY_SECONDS = 2;
  /** 80 % of the max_connections the data stack sets. */
  public static final double DB_CONNECTIONS = Settings.DB_MAX_CONNECTIONS * 0.8;

  private static final Duration PERIOD = Duration.minutes(5);

  private final Topic topic;

  public ObservabilityStack(Construct scope, String id, StackProps props, Settings settings, DataStack data,
                            StorageStack storage, ComputeStack compute) {
    super(scope, id, props);
    topic = Topic.Builder.create(this, "Alarms").displayName("Analytics Studio " + settings.env() + " alarms").build();
    settings.alarmEmail().ifPresent(email -> topic.addSubscription(new EmailSubscription(email)));
    SnsAction notify = new SnsAction(topic);
    MetricOptions avg = MetricOptions.builder().period(PERIOD).statistic("Average").build();
    MetricOptions sum = MetricOptions.builder().period(PERIOD).statistic("Sum").build();

    IMetric cpu = compute.service().metricCpuUtilization(avg);
    IMetric memory = compute.service().metricMemoryUtilization(avg);
    var alb = compute.loadBalancer().getMetrics();
    IMetric requests = alb.requestCount(sum);
    IMetric target5xx = alb.httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, sum);
    IMetric elb5xx = alb.httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, sum);
    IMetric errorRate = MathExpression.Builder.create()
        .label("5xx % of requests")
        .expression("100 * (FILL(t5, 0) + FILL(e5, 0)) / IF(FILL(req, 0) > 0, req, 1)")
        .usingMetrics(Map.of("t5", target5xx, "e5", elb5xx, "req", requests))
        .period(PERIOD)
        .build();
    IMetric p99 = alb.targetResponseTime(MetricOptions.builder().period(PERIOD).statistic("p99").build());
    IMetric p50 = alb.targetResponseTime(MetricOptions.builder().period(PERIOD).statistic("p50").build());
    IMetric dbConnections = data.database().metricDatabaseConnections(avg);
    IMetric dbCpu = data.database().metricCPUUtilization(avg);
    IMetric redisCpu = Metric.Builder.create()
        .namespace("AWS/ElastiCache").metricName("EngineCPUUtilization")
        .dimensionsMap(Map.of("ReplicationGroupId", data.redis().getRef()))
        .period(PERIOD).statistic("Average").build();
    IMetric s3Requests = Metric.Builder.create()
        .namespace("AWS/S3").metricName("AllRequests")
        .dimensionsMap(Map.of("BucketName", storage.uploads().getBucketName(), "FilterId", "EntireBucket"))
        .period(PERIOD).statistic("Sum").build();
    IMetric s3Errors = Metric.Builder.create()
        .namespace("AWS/S3").metricName("5xxErrors")
        .dimensionsMap(Map.of("BucketName", storage.uploads().getBucketName(), "FilterId", "EntireBucket"))
        .period(PERIOD).statistic("Sum").build();

    alarm("EcsCpuHigh", cpu, CPU_PERCENT, "ECS CPU > 80 %: scale out (auto scaling targets 60 %)", TreatMissingData.MISSING, notify);
    alarm("EcsMemoryHigh", memory, MEMORY_PERCENT, "ECS memory > 85 %: scale out or raise the task size", TreatMissingData.MISSING, notify);
    alarm("Alb5xxRate", errorRate, HTTP_5XX_PERCENT, "ALB 5xx > 1 % of requests: investigate", TreatMissingData.NOT_BREACHING, notify);
    alarm("ApiLatencyP99", p99, P99_LATENCY_SECONDS, "API latency p99 > 2 s: optimise", TreatMissingData.NOT_BREACHING, notify);
    alarm("RdsConnectionsHigh", dbConnections, DB_CONNECTIONS, "RDS connections > 80 % of max_connections: review pools and queries", TreatMissingData.MISSING, notify);

    // The fixed name, not a reference: Logs Insights widgets take names.
    String logGroup = settings.logGroupName();
    Dashboard.Builder.create(this, "Dashboard")
        .dashboardName("analytics-studio-" + settings.env())
        .widgets(List.of(
            List.of(
                graph("ECS CPU and memory (%)", List.of(cpu, memory)),
                graph("ALB requests", List.of(requests)),
                graph("ALB latency (s)", List.of(p50, p99)),
                graph("ALB 5xx (% of requests)", List.of(errorRate))),
            List.of(
                graph("RDS connections", List.of(dbConnections)),
                graph("RDS and Redis CPU (%)", List.of(dbCpu, redisCpu)),
                graph("S3 uploads bucket requests", List.of(s3Requests, s3Errors))),
            List.of(
                LogQueryWidget.Builder.create()
                    .title("Application errors per 5 minutes")
                    .logGroupNames(List.of(logGroup))
                    .queryLines(List.of("fields @timestamp, @message", "filter level = 'ERROR' or @message like /ERROR/", "stats count() by bin(5m)"))
                    .width(12).height(6).build(),
                LogQueryWidget.Builder.create()
                    .title("Slow queries (query took N ms)")
                    .logGroupNames(List.of(logGroup))
                    .queryLines(List.of("fields @timestamp, @message", "filter @message like /query took/",
                        "parse @message 'query took * ms' as duration", "filter duration > 1000", "sort @timestamp desc"))
                    .width(12).height(6).build())))
        .build();

    CfnOutput.Builder.create(this, "AlarmTopicArn").value(topic.getTopicArn()).build();
  }

  private void alarm(String id, IMetric metric, double threshold, String description, TreatMissingData missing, SnsAction notify) {
    Alarm alarm = Alarm.Builder.create(this, id)
        .metric(metric)
        .threshold(threshold)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
        .evaluationPeriods(2)
        .datapointsToAlarm(2)
        .treatMissingData(missing)
        .alarmDescription(description)
        .build();
    alarm.addAlarmAction(notify);
    alarm.addOkAction(notify);
  }

  private static GraphWidget graph(String title, List<IMetric> metrics) {
    return GraphWidget.Builder.create().title(title).left(metrics).width(6).height(6).build();
  }

  public Topic topic() {
    return topic;
  }
}
