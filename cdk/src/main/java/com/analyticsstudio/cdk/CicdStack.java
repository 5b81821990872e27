package com.analyticsstudio.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.CfnOIDCProvider;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.FederatedPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The role GitHub Actions assumes through OIDC to deploy (no stored access keys), created when the
 * context names {@code githubRepository}. Only workflow runs on that repository's {@code main}
 * may assume it. The account's GitHub OIDC provider is created here unless
 * {@code githubOidcProviderArn} names an existing one (an account has at most one; the second
 * environment passes the first one's).
 */
public final class CicdStack extends Stack {
  public static final String GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

  public CicdStack(Construct scope, String id, StackProps props, Settings settings, String repository,
                   RegistryStack registry, StorageStack storage) {
    super(scope, id, props);
    Object existing = getNode().tryGetContext("githubOidcProviderArn");
    String providerArn;
    if (existing != null && !existing.toString().isBlank()) {
      providerArn = existing.toString();
    } else {
      providerArn = CfnOIDCProvider.Builder.create(this, "GithubOidc")
          .url("https://" + GITHUB_OIDC_HOST)
          .clientIdList(List.of("sts.amazonaws.com"))
          .build().getAttrArn();
    }

    Role role = Role.Builder.create(this, "DeployRole")
        .roleName("analytics-studio-" + settings.env() + "-github-deploy")
        .description("GitHub Actions (" + repository + ", main) deploys Analytics Studio " + settings.env())
        .maxSessionDuration(Duration.hours(2))
        .assumedBy(new FederatedPrincipal(providerArn, Map.of(
            "StringEquals", Map.of(GITHUB_OIDC_HOST + ":aud", "sts.amazonaws.com",
                GITHUB_OIDC_HOST + ":sub", "repo:" + repository + ":ref:refs/heads/main")),
            "sts:AssumeRoleWithWebIdentity"))
        .build();
    // cdk deploy works through the bootstrap roles; the role itself only pushes the image,
    // uploads the web app and invalidates the distribution.
    role.addToPolicy(PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(List.of("sts:AssumeRole"))
        .resources(List.of(Fn.join("", List.of("arn:", Aws.PARTITION, ":iam::", Aws.ACCOUNT_ID, ":role/cdk-*"))))
        .build());
    role.addToPolicy(PolicyStatement.Builder.create()
        .actions(List.of("cloudformation:DescribeStacks"))
        .resources(List.of(Fn.join("", List.of("arn:", Aws.PARTITION, ":cloudformation:", Aws.REGION, ":", Aws.ACCOUNT_ID,
            ":stack/" + settings.stackPrefix() + "-*/*"))))
        .build());
    registry.repository().grantPullPush(role);
    storage.frontend().grantReadWrite(role);
    storage.frontend().grantDelete(role);
    role.addToPolicy(PolicyStatement.Builder.create()
        .actions(List.of("cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"))
        .resources(List.of(Fn.join("", List.of("arn:", Aws.PARTITION, ":cloudfront::", Aws.ACCOUNT_ID,
            ":distribution/", storage.distribution().getDistributionId()))))
        .build());
    CfnOutput.Builder.create(this, "DeployRoleArn").value(role.getRoleArn())
        .description("The repository variable AWS_DEPLOY_ROLE_ARN").build();
  }
}
