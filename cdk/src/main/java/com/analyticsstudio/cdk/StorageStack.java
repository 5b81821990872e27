package com.analyticsstudio.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.ICertificate;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.Function;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.SecurityPolicyProtocol;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.route53.ARecord;
import software.amazon.awscdk.services.route53.AaaaRecord;
import software.amazon.awscdk.services.route53.RecordTarget;
import software.amazon.awscdk.services.route53.targets.CloudFrontTarget;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.BucketMetrics;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The uploads bucket (the app's original files, with the seeds' lifecycle), the frontend bucket
 * and the CloudFront distribution in front of both the web app and the API.
 *
 * <p>The browser talks to one origin: CloudFront serves the single-page app from S3 and sends
 * {@code /api/*} (and the API docs) to the ALB at the API's own name, so there is no CORS and no
 * second name for the browser to trust. Programs may call the API name directly. The ALB origin is
 * the API's DNS name, not a reference to the ALB, so this stack does not depend on the compute
 * stack (which depends on it for the bucket).
 */
public final class StorageStack extends Stack {
  /** Paths CloudFront forwards to the API instead of the web app. */
  public static final List<String> API_PATHS = List.of("/api/*", "/docs*", "/openapi.yaml");

  /**
   * Viewer-request function of the web app's behaviour: a path without a file extension is a
   * client-side route, answered with {@code /index.html}. Only the S3 behaviour uses it, so API
   * errors (a JSON 404) are never turned into the app page, as distribution-wide error responses
   * would do.
   */
  static final String SPA_FALLBACK = String.join("\n",
      "function handler(event) {",
      "  var request = event.request;",
      "  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);",
      "  if (last.indexOf('.') === -1) {",
      "    request.uri = '/index.html';",
      "  }",
      "  return request;",
      "}");

  private final Bucket uploads;
  private final Bucket frontend;
  private final Distribution distribution;

  public StorageStack(Construct scope, String id, StackProps props, Settings settings, NetworkStack network) {
    super(scope, id, props);
    uploads = Bucket.Builder.create(this, "Uploads")
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .encryption(BucketEncryption.S3_MANAGED)
        .enforceSsl(true)
        .versioned(true)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        .lifecycleRules(List.of(
            LifecycleRule.builder().id("DeleteOldUploads").prefix("temp/").expiration(Duration.days(7)).build(),
            LifecycleRule.builder().id("TransitionToIA").prefix("datasets/")
                .transitions(List.of(Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS)
                    .transitionAfter(Duration.days(30)).build()))
                .build(),
            // Versioning keeps replaced and deleted originals; without a limit they are kept forever.
            LifecycleRule.builder().id("ExpireOldVersions")
                .noncurrentVersionExpiration(Duration.days(30))
                .abortIncompleteMultipartUploadAfter(Duration.days(1))
                .build()))
        // Request metrics for the dashboard's S3 widget.
        .metrics(List.of(BucketMetrics.builder().id("EntireBucket").build()))
        // The users' original files: never deleted with the stack, in either environment.
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();

    frontend = Bucket.Builder.create(this, "Frontend")
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .encryption(BucketEncryption.S3_MANAGED)
        .enforceSsl(true)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        // Rebuilt from git on every deploy: nothing in it is worth keeping.
        .removalPolicy(RemovalPolicy.DESTROY)
        .build();

    ICertificate edgeCertificate = settings.cloudFrontCertificateArn()
        .<ICertificate>map(arn -> Certificate.fromCertificateArn(this, "EdgeCertificate", arn))
        .orElse(network.certificate());

    Function spaFallback = Function.Builder.create(this, "SpaFallback")
        .runtime(FunctionRuntime.JS_2_0)
        .comment("Client-side routes of the web app answer with index.html")
        .code(FunctionCode.fromInline(SPA_FALLBACK))
        .build();

    HttpOrigin api = HttpOrigin.Builder.create(settings.apiDomainName())
        .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
        // CloudFront's default quota; a query needing longer runs as a job (POST …/query/jobs).
        .readTimeout(Duration.seconds(60))
        .keepaliveTimeout(Duration.seconds(60))
        .build();
    // Nothing of the API is cached. With caching disabled, AllViewerExceptHostHeader forwards every
    // viewer header including Authorization (the bearer token), cookies and the query string; the
    // Host the ALB sees is the API's name, which its certificate covers.
    BehaviorOptions apiBehavior = BehaviorOptions.builder()
        .origin(api)
        .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
        .allowedMethods(AllowedMethods.ALLOW_ALL)
        .cachePolicy(CachePolicy.CACHING_DISABLED)
        .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
        .compress(true)
        .build();

    distribution = Distribution.Builder.create(this, "Distribution")
        .comment("Analytics Studio (" + settings.env() + "): web app and /api")
        .domainNames(List.of(settings.domainName()))
        .certificate(edgeCertificate)
        .minimumProtocolVersion(SecurityPolicyProtocol.TLS_V1_2_2021)
        .httpVersion(HttpVersion.HTTP2_AND_3)
        // North America and Europe edges: the cheapest class; other viewers are served from those.
        .priceClass(PriceClass.PRICE_CLASS_100)
        .defaultRootObject("index.html")
        .defaultBehavior(BehaviorOptions.builder()
            .origin(S3BucketOrigin.withOriginAccessControl(frontend))
            .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
            .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
            .compress(true)
            .functionAssociations(List.of(FunctionAssociation.builder()
                .function(spaFallback).eventType(FunctionEventType.VIEWER_REQUEST).build()))
            .build())
        .additionalBehaviors(Map.of(
            API_PATHS.get(0), apiBehavior,
            API_PATHS.get(1), apiBehavior,
            API_PATHS.get(2), apiBehavior))
        .build();

    network.zone().ifPresent(zone -> {
      RecordTarget target = RecordTarget.fromAlias(new CloudFrontTarget(distribution));
      ARecord.Builder.create(this, "AppRecord").zone(zone).recordName(settings.domainName()).target(target).build();
      AaaaRecord.Builder.create(this, "AppRecordIpv6").zone(zone).recordName(settings.domainName()).target(target).build();
    });

    CfnOutput.Builder.create(this, "FrontendBucketName").value(frontend.getBucketName())
        .description("aws s3 sync webapp/dist s3://<this>").build();
    CfnOutput.Builder.create(this, "DistributionId").value(distribution.getDistributionId())
        .description("aws cloudfront create-invalidation --distribution-id <this> --paths '/*'").build();
    CfnOutput.Builder.create(this, "DistributionDomainName").value(distribution.getDistributionDomainName())
        .description("CNAME/alias target for " + settings.domainName() + " without a hosted zone").build();
    CfnOutput.Builder.create(this, "UploadsBucketName").value(uploads.getBucketName()).build();
  }

  public Bucket uploads() {
    return uploads;
  }

  public Bucket frontend() {
    return frontend;
  }

  public Distribution distribution() {
    return distribution;
  }
}
