package com.analyticsstudio.cdk;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * The web ACL on the ALB (context flag {@code waf}, on by default in prod). On the ALB rather than
 * CloudFront: both the browser path (through CloudFront) and programs calling the API name pass the
 * ALB, and a regional ACL lives in the stack's own region (CloudFront's would have to be in
 * us-east-1).
 *
 * <p>The managed rule sets are AWS's common, known-bad-inputs and IP-reputation lists. Two rules of
 * the common set are counted instead of blocking, because the studio's normal traffic trips them:
 * bodies over 8 KB (every upload) and "cross-site scripting" in bodies (SQL text and CSV data).
 * The SQL-injection set is deliberately absent: the query API's bodies are SQL.
 */
public final class WafStack extends Stack {
  public static final List<String> MANAGED_RULE_SETS = List.of(
      "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList");
  public static final List<String> COUNTED_COMMON_RULES = List.of("SizeRestrictions_BODY", "CrossSiteScripting_BODY");

  public WafStack(Construct scope, String id, StackProps props, Settings settings, ComputeStack compute) {
    super(scope, id, props);
    List<Object> rules = new ArrayList<>();
    // Rate limit per client address over 5 minutes: the app's own token buckets (429 +
    // Retry-After) do the fine-grained limiting; this one only stops floods.
    rules.add(CfnWebACL.RuleProperty.builder()
        .name("RateLimitPerIp")
        .priority(0)
        .action(CfnWebACL.RuleActionProperty.builder().block(CfnWebACL.BlockActionProperty.builder().build()).build())
        .statement(CfnWebACL.StatementProperty.builder()
            .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                .limit(settings.wafRateLimitPer5Minutes())
                .aggregateKeyType("IP")
                .build())
            .build())
        .visibilityConfig(visibility("RateLimitPerIp"))
        .build());
    for (int i = 0; i < MANAGED_RULE_SETS.size(); i++) {
      String name = MANAGED_RULE_SETS.get(i);
      CfnWebACL.ManagedRuleGroupStatementProperty.Builder group = CfnWebACL.ManagedRuleGroupStatementProperty.builder()
          .vendorName("AWS").name(name);
      if (name.equals("AWSManagedRulesCommonRuleSet")) {
        group.ruleActionOverrides(COUNTED_COMMON_RULES.stream().map(rule -> (Object) CfnWebACL.RuleActionOverrideProperty.builder()
            .name(rule)
            .actionToUse(CfnWebACL.RuleActionProperty.builder().count(CfnWebACL.CountActionProperty.builder().build()).build())
            .build()).toList());
      }
      rules.add(CfnWebACL.RuleProperty.builder()
          .name(name)
          .priority(i + 1)
          .overrideAction(CfnWebACL.OverrideActionProperty.builder().none(java.util.Map.of()).build())
          .statement(CfnWebACL.StatementProperty.builder().managedRuleGroupStatement(group.build()).build())
          .visibilityConfig(visibility(name))
          .build());
    }
    CfnWebACL acl = CfnWebACL.Builder.create(this, "WebAcl")
        .name("analytics-studio-" + settings.env())
        .scope("REGIONAL")
        .defaultAction(CfnWebACL.DefaultActionProperty.builder().allow(CfnWebACL.AllowActionProperty.builder().build()).build())
        .visibilityConfig(visibility("analytics-studio-" + settings.env()))
        .rules(rules)
        .build();
    CfnWebACLAssociation.Builder.create(this, "AlbAssociation")
        .resourceArn(compute.loadBalancer().getLoadBalancerArn())
        .webAclArn(acl.getAttrArn())
        .build();
  }

  private static CfnWebACL.VisibilityConfigProperty visibility(String name) {
    return CfnWebACL.VisibilityConfigProperty.builder()
        .metricName(name.replaceAll("[^A-Za-z0-9]", ""))
        .cloudWatchMetricsEnabled(true)
        .sampledRequestsEnabled(true)
        .build();
  }
}
