package com.analyticsstudio.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;

class DnsTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void hostedZoneGetsAliasRecordsForTheAppAndTheApi(String env) {
    String domain = env.equals("prod") ? "analytics.example.com" : "dev.analytics.example.com";
    Synth.Result r = Synth.with(Map.of("env", env, "hostedZoneId", "Z0123456789ABCDEFGHIJ", "hostedZoneName", "example.com"));
    r.storage().hasResourceProperties("AWS::Route53::RecordSet", Map.of(
        "Name", domain + ".", "Type", "A", "HostedZoneId", "Z0123456789ABCDEFGHIJ",
        "AliasTarget", Match.objectLike(Map.of("DNSName", Map.of("Fn::GetAtt", java.util.List.of(
            r.storage().getResourceId("AWS::CloudFront::Distribution"), "DomainName"))))));
    r.storage().hasResourceProperties("AWS::Route53::RecordSet", Map.of("Name", domain + ".", "Type", "AAAA",
        "AliasTarget", Match.anyValue(), "HostedZoneId", "Z0123456789ABCDEFGHIJ"));
    r.compute().hasResourceProperties("AWS::Route53::RecordSet", Map.of(
        "Name", "api." + domain + ".", "Type", "A", "HostedZoneId", "Z0123456789ABCDEFGHIJ",
        "AliasTarget", Match.objectLike(Map.of("DNSName", Match.anyValue()))));
    // The certificate is validated in the same zone, so the first deploy needs no manual step.
    assertThat(Json.text(r.network().findResources("AWS::CertificateManager::Certificate")))
        .contains("Z0123456789ABCDEFGHIJ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void withoutAHostedZoneNoRecordIsCreated(String env) {
    Synth.Result r = Synth.env(env);
    r.all().forEach(t -> t.resourceCountIs("AWS::Route53::RecordSet", 0));
    r.storage().hasOutput("DistributionDomainName", Match.anyValue());
    r.compute().hasOutput("LoadBalancerDnsName", Match.anyValue());
  }
}
