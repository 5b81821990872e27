package com.analyticsstudio.cdk;

import static com.analyticsstudio.cdk.Json.list;
import static com.analyticsstudio.cdk.Json.map;
import static com.analyticsstudio.cdk.Json.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class StorageStackTest {
  private static final Map<String, Object> BLOCK_ALL = Map.of(
      "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true);

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyBucketBlocksPublicAccessIsEncryptedAndRequiresTls(String env) {
    Template t = Synth.env(env).storage();
    t.resourceCountIs("AWS::S3::Bucket", 2);
    t.allResourcesProperties("AWS::S3::Bucket", Map.of(
        "PublicAccessBlockConfiguration", BLOCK_ALL,
        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(
            Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256"))))));
    t.findResources("AWS::S3::BucketPolicy").values().forEach(policy -> assertThat(Json.text(props(policy)))
        .contains("\"aws:SecureTransport\":\"false\"").contains("\"Effect\":\"Deny\""));
    t.resourceCountIs("AWS::S3::BucketPolicy", 2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void uploadsBucketIsVersionedWithTheSeedsLifecycleAndOutlivesTheStack(String env) {
    Template t = Synth.env(env).storage();
    t.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain",
        "Properties", Match.objectLike(Map.of("VersioningConfiguration", Map.of("Status", "Enabled")))));
    t.hasResourceProperties("AWS::S3::Bucket", Map.of(
        "VersioningConfiguration", Map.of("Status", "Enabled"),
        "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
            Map.of("Id", "DeleteOldUploads", "Prefix", "temp/", "ExpirationInDays", 7, "Status", "Enabled"),
            Map.of("Id", "TransitionToIA", "Prefix", "datasets/", "Status", "Enabled",
                "Transitions", List.of(Map.of("StorageClass", "STANDARD_IA", "TransitionInDays", 30))))))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void frontendIsReadOnlyByThisDistributionThroughOriginAccessControl(String env) {
    Template t = Synth.env(env).storage();
    t.hasResourceProperties("AWS::CloudFront::OriginAccessControl", Map.of("OriginAccessControlConfig",
        Map.of("OriginAccessControlOriginType", "s3", "SigningBehavior", "always", "SigningProtocol", "sigv4")));
    String distribution = t.getResourceId("AWS::CloudFront::Distribution");
    String policies = Json.text(t.findResources("AWS::S3::BucketPolicy"));
    assertThat(policies).contains("\"Service\":\"cloudfront.amazonaws.com\"").contains("s3:GetObject")
        .contains("AWS:SourceArn").contains(distribution);
    // Every Allow names CloudFront; the only statements for any principal are the TLS-only Denys.
    t.findResources("AWS::S3::BucketPolicy").values().forEach(policy ->
        list(map(props(policy).get("PolicyDocument")).get("Statement")).stream().map(Json::map).forEach(statement -> {
          if ("Allow".equals(statement.get("Effect"))) {
            assertThat(statement.get("Principal")).isEqualTo(Map.of("Service", "cloudfront.amazonaws.com"));
            assertThat(statement.get("Action")).isEqualTo("s3:GetObject");
          } else {
            assertThat(statement.get("Effect")).isEqualTo("Deny");
          }
        }));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void apiPathsGoUncachedToTheApiNameAndTheRestToS3(String env) {
    Synth.Result r = Synth.env(env);
    Map<String, Object> config = map(props(Json.only(r.storage().findResources("AWS::CloudFront::Distribution")))
        .get("DistributionConfig"));
    String apiDomain = r.stacks().settings().apiDomainName();
    assertThat(config.get("Aliases")).isEqualTo(List.of(r.stacks().settings().domainName()));
    assertThat(map(config.get("ViewerCertificate"))).containsEntry("MinimumProtocolVersion", "TLSv1.2_2021")
        .containsEntry("SslSupportMethod", "sni-only");
    List<Object> origins = list(config.get("Origins"));
    Map<String, Object> apiOrigin = origins.stream().map(Json::map)
        .filter(o -> apiDomain.equals(o.get("DomainName"))).findFirst().orElseThrow();
    assertThat(map(apiOrigin.get("CustomOriginConfig"))).containsEntry("OriginProtocolPolicy", "https-only");
    List<Object> behaviors = list(config.get("CacheBehaviors"));
    assertThat(behaviors.stream().map(b -> map(b).get("PathPattern")).toList())
        .containsExactlyInAnyOrderElementsOf(StorageStack.API_PATHS);
    for (Object b : behaviors) {
      Map<String, Object> behavior = map(b);
      assertThat(behavior.get("TargetOriginId")).isEqualTo(apiOrigin.get("Id"));
      assertThat(behavior.get("CachePolicyId")).as("CachingDisabled").isEqualTo("4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
      assertThat(behavior.get("OriginRequestPolicyId")).as("AllViewerExceptHostHeader").isEqualTo("b689b0a8-53d0-40ab-baf2-68738e2966ac");
      assertThat(list(behavior.get("AllowedMethods"))).contains("POST", "PUT", "PATCH", "DELETE");
      assertThat(behavior).doesNotContainKey("FunctionAssociations");
    }
    Map<String, Object> fallback = map(config.get("DefaultCacheBehavior"));
    assertThat(fallback.get("TargetOriginId")).isNotEqualTo(apiOrigin.get("Id"));
    assertThat(fallback.get("ViewerProtocolPolicy")).isEqualTo("redirect-to-https");
    assertThat(Json.text(fallback.get("FunctionAssociations"))).contains("viewer-request");
    // Distribution-wide error pages would turn the API's JSON 404s into the app's index.html.
    assertThat(config).doesNotContainKey("CustomErrorResponses");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void spaFallbackFunctionIsTheTestedCode(String env) {
    Synth.env(env).storage().hasResourceProperties("AWS::CloudFront::Function", Map.of(
        "FunctionCode", StorageStack.SPA_FALLBACK,
        "FunctionConfig", Map.of("Runtime", "cloudfront-js-2.0", "Comment", Match.anyValue())));
  }
}
