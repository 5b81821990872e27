package com.analyticsstudio.cdk;

import static com.analyticsstudio.cdk.Json.list;
import static com.analyticsstudio.cdk.Json.map;
import static com.analyticsstudio.cdk.Json.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Template;

class WafStackTest {

  @Test
  void wafIsOnByDefaultInProdAndOffInDev() {
    assertThat(Synth.env("prod").stacks().waf()).isNotNull();
    assertThat(Synth.env("dev").stacks().waf()).isNull();
    assertThat(Synth.with(Map.of("env", "dev", "waf", "true")).stacks().waf()).isNotNull();
    assertThat(Synth.with(Map.of("env", "prod", "waf", "false")).stacks().waf()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void webAclHasManagedRulesAndARateLimitAndGuardsTheAlb(String env) {
    Synth.Result r = Synth.with(Map.of("env", env, "waf", "true"));
    Template t = r.waf();
    Map<String, Object> acl = props(Json.only(t.findResources("AWS::WAFv2::WebACL")));
    assertThat(acl.get("Scope")).isEqualTo("REGIONAL");
    assertThat(map(acl.get("DefaultAction"))).containsKey("Allow");
    List<Map<String, Object>> rules = list(acl.get("Rules")).stream().map(Json::map).toList();
    Map<String, Object> rate = rules.stream().filter(x -> x.get("Name").equals("RateLimitPerIp")).findFirst().orElseThrow();
    assertThat(map(map(rate.get("Statement")).get("RateBasedStatement")))
        .containsEntry("Limit", 20_000).containsEntry("AggregateKeyType", "IP");
    assertThat(map(rate.get("Action"))).containsKey("Block");
    List<String> managed = rules.stream().map(x -> map(x.get("Statement")).get("ManagedRuleGroupStatement"))
        .filter(x -> x != null).map(x -> map(x).get("Name").toString()).toList();
    assertThat(managed).containsExactlyElementsOf(WafStack.MANAGED_RULE_SETS).doesNotContain("AWSManagedRulesSQLiRuleSet");
    assertThat(rules.stream().map(x -> x.get("Priority")).distinct().count()).isEqualTo(rules.size());
    assertThat(Json.text(t.findResources("AWS::WAFv2::WebACLAssociation"))).contains("AnalyticsStudio-")
        .contains("Compute").contains("Alb");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void uploadsAndSqlBodiesAreCountedNotBlockedByTheCommonRuleSet(String env) {
    Template t = Synth.with(Map.of("env", env, "waf", "true")).waf();
    Map<String, Object> acl = props(Json.only(t.findResources("AWS::WAFv2::WebACL")));
    Map<String, Object> common = list(acl.get("Rules")).stream().map(Json::map)
        .filter(x -> x.get("Name").equals("AWSManagedRulesCommonRuleSet")).findFirst().orElseThrow();
    List<Object> overrides = list(map(map(common.get("Statement")).get("ManagedRuleGroupStatement")).get("RuleActionOverrides"));
    assertThat(overrides.stream().map(o -> map(o).get("Name")).toList()).containsExactlyInAnyOrderElementsOf(WafStack.COUNTED_COMMON_RULES);
    overrides.forEach(o -> assertThat(map(map(o).get("ActionToUse"))).containsOnlyKeys("Count"));
  }

  @Test
  void rateLimitComesFromContext() {
    Template t = Synth.with(Map.of("env", "prod", "wafRateLimit", "5000")).waf();
    assertThat(Json.text(t.findResources("AWS::WAFv2::WebACL"))).contains("\"Limit\":5000");
  }
}
