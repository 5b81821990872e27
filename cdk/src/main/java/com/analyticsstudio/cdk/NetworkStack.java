package com.analyticsstudio.cdk;

import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.certificatemanager.ICertificate;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.constructs.Construct;

/**
 * The VPC over two AZs (public: ALB and NAT; private with egress: tasks; isolated: PostgreSQL and
 * Redis), the security groups that chain ALB → tasks → data, flow logs in prod, the hosted zone
 * (imported from context, never looked up) and the TLS certificate of the app and API names.
 *
 * <p>All four security groups live here so the rules between them never cross a stack boundary
 * (which would make the stacks depend on each other both ways).
 */
public final class NetworkStack extends Stack {
  private final Vpc vpc;
  private final SecurityGroup albSecurityGroup;
  private final SecurityGroup serviceSecurityGroup;
  private final SecurityGroup databaseSecurityGroup;
  private final SecurityGroup cacheSecurityGroup;
  private final Optional<IHostedZone> zone;
  private final ICertificate certificate;

  public NetworkStack(Construct scope, String id, StackProps props, Settings settings) {
    super(scope, id, props);

    vpc = Vpc.Builder.create(this, "Vpc")
        .ipAddresses(IpAddresses.cidr("10.0.0.0/16"))
        .maxAzs(2)
        .natGateways(settings.natGateways())
        .subnetConfiguration(List.of(
            SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
            SubnetConfiguration.builder().name("app").subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(22).build(),
            SubnetConfiguration.builder().name("data").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build()))
        .build();
    if (settings.prod()) {
      LogGroup flowLogs = LogGroup.Builder.create(this, "FlowLogs")
          .retention(RetentionDays.THREE_MONTHS)
          .removalPolicy(RemovalPolicy.RETAIN)
          .build();
      vpc.addFlowLog("FlowLog", FlowLogOptions.builder()
          .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
          .trafficType(FlowLogTrafficType.ALL)
          .build());
    }

    albSecurityGroup = SecurityGroup.Builder.create(this, "AlbSg")
        .vpc(vpc).description("ALB: HTTPS and the HTTP redirect from anywhere").allowAllOutbound(false).build();
    albSecurityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS");
    albSecurityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "HTTP, redirected to HTTPS");

    // Tasks reach S3, Secrets Manager, ECR, CloudWatch and the model's API through the NAT.
    serviceSecurityGroup = SecurityGroup.Builder.create(this, "ServiceSg")
        .vpc(vpc).description("Studio tasks: the app port from the ALB only").allowAllOutbound(true).build();
    serviceSecurityGroup.addIngressRule(albSecurityGroup, Port.tcp(Settings.CONTAINER_PORT), "from the ALB");
    albSecurityGroup.addEgressRule(serviceSecurityGroup, Port.tcp(Settings.CONTAINER_PORT), "to the tasks");

    databaseSecurityGroup = SecurityGroup.Builder.create(this, "DatabaseSg")
        .vpc(vpc).description("PostgreSQL: from the studio tasks only").allowAllOutbound(false).build();
    databaseSecurityGroup.addIngressRule(serviceSecurityGroup, Port.tcp(5432), "from the studio tasks");

    cacheSecurityGroup = SecurityGroup.Builder.create(this, "CacheSg")
        .vpc(vpc).description("Redis: from the studio tasks only").allowAllOutbound(false).build();
    cacheSecurityGroup.addIngressRule(serviceSecurityGroup, Port.tcp(6379), "from the studio tasks");

    zone = settings.hostedZoneId().map(zoneId -> HostedZone.fromHostedZoneAttributes(this, "Zone",
        HostedZoneAttributes.builder().hostedZoneId(zoneId).zoneName(settings.hostedZoneName().orElseThrow()).build()));

    // One certificate for both names: the ALB uses it, and so does CloudFront when this stack is
    // in us-east-1 (Settings refuses other regions without cloudFrontCertificateArn). Without a
    // hosted zone the deployment waits until the validation CNAMEs are added by hand.
    certificate = settings.certificateArn()
        .map(arn -> Certificate.fromCertificateArn(this, "Certificate", arn))
        .orElseGet(() -> Certificate.Builder.create(this, "Certificate")
            .domainName(settings.domainName())
            .subjectAlternativeNames(List.of(settings.apiDomainName()))
            .validation(zone.map(CertificateValidation::fromDns).orElseGet(() -> CertificateValidation.fromDns()))
            .build());
  }

  public Vpc vpc() {
    return vpc;
  }

  public SecurityGroup albSecurityGroup() {
    return albSecurityGroup;
  }

  public SecurityGroup serviceSecurityGroup() {
    return serviceSecurityGroup;
  }

  public SecurityGroup databaseSecurityGroup() {
    return databaseSecurityGroup;
  }

  public SecurityGroup cacheSecurityGroup() {
    return cacheSecurityGroup;
  }

  public Optional<IHostedZone> zone() {
    return zone;
  }

  public ICertificate certificate() {
    return certificate;
  }
}
