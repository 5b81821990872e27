package com.analyticsstudio.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class SettingsTest {

  private static Settings settings(Map<String, Object> context) {
    return Settings.from(new App(AppProps.builder().context(context).build()).getNode());
  }

  @Test
  void envDefaultsToDevInUsEast1() {
    Settings s = settings(Map.of());
    assertThat(s.env()).isEqualTo("dev");
    assertThat(s.region()).isEqualTo("us-east-1");
    assertThat(s.apiDomainName()).isEqualTo("api." + s.domainName());
    assertThat(s.stackPrefix()).isEqualTo("AnalyticsStudio-Dev");
  }

  @Test
  void unknownEnvIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> settings(Map.of("env", "staging")))
        .hasMessageContaining("context 'env' must be dev or prod");
  }

  @Test
  void perEnvironmentObjectIsReadAndCommandLineValuesWin() {
    Map<String, Object> cdkJson = Map.of("env", "prod", "prod", Map.of("domainName", "studio.acme.io", "alarmEmail", "ops@acme.io"));
    Settings s = settings(cdkJson);
    assertThat(s.domainName()).isEqualTo("studio.acme.io");
    assertThat(s.alarmEmail()).contains("ops@acme.io");
    Settings overridden = settings(Map.of("env", "prod", "domainName", "other.acme.io",
        "prod", Map.of("domainName", "studio.acme.io")));
    assertThat(overridden.domainName()).isEqualTo("other.acme.io");
  }

  @Test
  void hostedZoneIdAndNameGoTogetherAndMustContainTheNames() {
    assertThatThrownBy(() -> settings(Map.of("hostedZoneId", "Z0123456789")))
        .hasMessageContaining("context 'hostedZoneName'");
    assertThatThrownBy(() -> settings(Map.of("hostedZoneId", "Z0123456789", "hostedZoneName", "acme.io")))
        .hasMessageContaining("context 'domainName' must be inside hostedZoneName 'acme.io'");
  }

  @Test
  void regionOtherThanUsEast1NeedsACloudFrontCertificate() {
    assertThatThrownBy(() -> settings(Map.of("region", "eu-west-1")))
        .hasMessageContaining("context 'cloudFrontCertificateArn' is required when region is not us-east-1");
    assertThatThrownBy(() -> settings(Map.of("region", "eu-west-1",
        "cloudFrontCertificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/abc")))
        .hasMessageContaining("must be a certificate in us-east-1");
    Settings s = settings(Map.of("region", "eu-west-1",
        "cloudFrontCertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/abc"));
    assertThat(s.region()).isEqualTo("eu-west-1");
  }

  @Test
  void malformedValuesAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> settings(Map.of("domainName", "Not A Domain"))).hasMessageContaining("context 'domainName'");
    assertThatThrownBy(() -> settings(Map.of("waf", "yes"))).hasMessageContaining("context 'waf' must be true or false");
    assertThatThrownBy(() -> settings(Map.of("wafRateLimit", "10"))).hasMessageContaining("context 'wafRateLimit'");
    assertThatThrownBy(() -> settings(Map.of("imageTag", "bad tag"))).hasMessageContaining("context 'imageTag'");
    assertThatThrownBy(() -> settings(Map.of("certificateArn", "cert"))).hasMessageContaining("context 'certificateArn'");
    assertThatThrownBy(() -> settings(Map.of("githubRepository", "no-slash"))).hasMessageContaining("context 'githubRepository'");
  }

  @Test
  void prodDiffersFromDevInSizeAndProtection() {
    Settings dev = settings(Map.of("env", "dev"));
    Settings prod = settings(Map.of("env", "prod"));
    assertThat(dev.desiredTasks()).isEqualTo(1);
    assertThat(prod.desiredTasks()).isEqualTo(2);
    assertThat(prod.maxTasks()).isEqualTo(4);
    assertThat(prod.multiAz()).isTrue();
    assertThat(dev.multiAz()).isFalse();
    assertThat(prod.waf()).isTrue();
    assertThat(dev.waf()).isFalse();
    assertThat(prod.appEnvironment()).isEqualTo("production");
  }
}
