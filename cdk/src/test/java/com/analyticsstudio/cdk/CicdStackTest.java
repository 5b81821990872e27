package com.analyticsstudio.cdk;

import static com.analyticsstudio.cdk.Json.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Template;

class CicdStackTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void githubMainAssumesTheDeployRoleThroughOidc(String env) {
    Template t = Synth.with(Map.of("env", env, "githubRepository", "acme/analytics-studio")).cicd();
    t.hasResourceProperties("AWS::IAM::OIDCProvider", Map.of(
        "Url", "https://token.actions.githubusercontent.com", "ClientIdList", java.util.List.of("sts.amazonaws.com")));
    String trust = Json.text(props(Json.only(t.findResources("AWS::IAM::Role"))).get("AssumeRolePolicyDocument"));
    assertThat(trust).contains("sts:AssumeRoleWithWebIdentity")
        .contains("\"token.actions.githubusercontent.com:sub\":\"repo:acme/analytics-studio:ref:refs/heads/main\"")
        .contains("\"token.actions.githubusercontent.com:aud\":\"sts.amazonaws.com\"");
    String policy = Json.text(t.findResources("AWS::IAM::Policy"));
    assertThat(policy).contains("cloudfront:CreateInvalidation").contains("ecr:PutImage").contains("s3:PutObject")
        .contains(":role/cdk-");
  }

  @Test
  void anExistingOidcProviderIsReusedNotCreatedAgain() {
    Template t = Synth.with(Map.of("env", "prod", "githubRepository", "acme/analytics-studio",
        "githubOidcProviderArn", "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com")).cicd();
    t.resourceCountIs("AWS::IAM::OIDCProvider", 0);
    assertThat(Json.text(t.findResources("AWS::IAM::Role"))).contains("oidc-provider/token.actions.githubusercontent.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void noStackCreatesAccessKeysOrIamUsers(String env) {
    Synth.with(Map.of("env", env, "githubRepository", "acme/analytics-studio")).all().forEach(t -> {
      t.resourceCountIs("AWS::IAM::AccessKey", 0);
      t.resourceCountIs("AWS::IAM::User", 0);
    });
    assertThat(Synth.env(env).stacks().cicd()).isNull();
  }
}
