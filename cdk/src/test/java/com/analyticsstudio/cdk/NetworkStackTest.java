package com.analyticsstudio.cdk;

import static com.analyticsstudio.cdk.Json.list;
import static com.analyticsstudio.cdk.Json.map;
import static com.analyticsstudio.cdk.Json.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class NetworkStackTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void vpcSpansTwoZonesWithPublicAppAndDataSubnets(String env) {
    Template t = Synth.env(env).network();
    t.resourceCountIs("AWS::EC2::VPC", 1);
    t.resourceCountIs("AWS::EC2::Subnet", 6);
    t.resourcePropertiesCountIs("AWS::EC2::Subnet", Map.of("MapPublicIpOnLaunch", true), 2);
    t.resourcePropertiesCountIs("AWS::EC2::Subnet", Map.of("MapPublicIpOnLaunch", false), 4);
    assertThat(t.findResources("AWS::EC2::Subnet").values().stream()
        .map(s -> Json.text(props(s).get("AvailabilityZone"))).distinct().count()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void natGatewaysAreOneInDevAndOnePerZoneInProd(String env) {
    Synth.env(env).network().resourceCountIs("AWS::EC2::NatGateway", env.equals("prod") ? 2 : 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void flowLogsAreOnInProdOnly(String env) {
    Template t = Synth.env(env).network();
    if (env.equals("prod")) {
      t.hasResourceProperties("AWS::EC2::FlowLog", Map.of("TrafficType", "ALL", "ResourceType", "VPC",
          "LogDestinationType", "cloud-watch-logs"));
    } else {
      t.resourceCountIs("AWS::EC2::FlowLog", 0);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void onlyTheAlbIsOpenToTheWorldAndOnlyOn443And80(String env) {
    Synth.Result r = Synth.env(env);
    String albSg = r.network().getResourceId("AWS::EC2::SecurityGroup",
        Map.of("Properties", Map.of("GroupDescription", Match.stringLikeRegexp("^ALB.*"))));
    List<String> worldRules = new ArrayList<>();
    for (Template t : r.all()) {
      t.findResources("AWS::EC2::SecurityGroup").forEach((id, sg) -> {
        for (Object rule : list(props(sg).get("SecurityGroupIngress"))) {
          Map<String, Object> ingress = map(rule);
          if ("0.0.0.0/0".equals(ingress.get("CidrIp")) || "::/0".equals(ingress.get("CidrIpv6"))) {
            worldRules.add(id + ":" + ingress.get("FromPort") + "-" + ingress.get("ToPort"));
          }
        }
      });
      t.findResources("AWS::EC2::SecurityGroupIngress").forEach((id, rule) -> {
        Map<String, Object> ingress = props(rule);
        if ("0.0.0.0/0".equals(ingress.get("CidrIp")) || "::/0".equals(ingress.get("CidrIpv6"))) {
          worldRules.add(id + ":" + ingress.get("FromPort") + "-" + ingress.get("ToPort"));
        }
      });
    }
    assertThat(worldRules).containsExactlyInAnyOrder(albSg + ":443-443", albSg + ":80-80");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void tasksAcceptOnlyTheAlbAndDataAcceptsOnlyTheTasks(String env) {
    Template t = Synth.env(env).network();
    String alb = sg(t, "^ALB.*");
    String service = sg(t, "^Studio tasks.*");
    String db = sg(t, "^PostgreSQL.*");
    String cache = sg(t, "^Redis.*");
    assertThat(ingressSources(t, service)).containsExactly(alb + ":8000");
    assertThat(ingressSources(t, db)).containsExactly(service + ":5432");
    assertThat(ingressSources(t, cache)).containsExactly(service + ":6379");
    // Nothing but the ALB's own rules are inline: every other group is reachable only through the above.
    for (String id : List.of(service, db, cache)) {
      assertThat(list(props(t.findResources("AWS::EC2::SecurityGroup").get(id)).get("SecurityGroupIngress"))).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void certificateCoversTheAppAndApiNames(String env) {
    String domain = env.equals("prod") ? "analytics.example.com" : "dev.analytics.example.com";
    Synth.env(env).network().hasResourceProperties("AWS::CertificateManager::Certificate", Map.of(
        "DomainName", domain,
        "SubjectAlternativeNames", List.of("api." + domain),
        "ValidationMethod", "DNS"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void givenCertificateArnIsUsedInsteadOfANewCertificate(String env) {
    String arn = "arn:aws:acm:us-east-1:123456789012:certificate/abcd-1234";
    Synth.Result r = Synth.with(Map.of("env", env, "certificateArn", arn));
    r.network().resourceCountIs("AWS::CertificateManager::Certificate", 0);
    r.compute().hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
        "Port", 443, "Certificates", List.of(Map.of("CertificateArn", arn))));
  }

  private static String sg(Template t, String descriptionRegex) {
    return t.getResourceId("AWS::EC2::SecurityGroup",
        Map.of("Properties", Map.of("GroupDescription", Match.stringLikeRegexp(descriptionRegex))));
  }

  /** "sourceGroupId:port" of every ingress rule resource into the group. */
  private static List<String> ingressSources(Template t, String groupId) {
    List<String> out = new ArrayList<>();
    t.findResources("AWS::EC2::SecurityGroupIngress").values().forEach(rule -> {
      Map<String, Object> p = props(rule);
      if (Json.text(p.get("GroupId")).contains("\"" + groupId + "\"")) {
        String source = Json.text(p.get("SourceSecurityGroupId"));
        String sourceId = source.replaceAll(".*\\[\"([A-Za-z0-9]+)\",\"GroupId\"\\].*", "$1");
        out.add(sourceId + ":" + p.get("FromPort"));
        assertThat(p.get("FromPort")).isEqualTo(p.get("ToPort"));
        assertThat(p).doesNotContainKeys("CidrIp", "CidrIpv6");
      }
    });
    return out;
  }
}
