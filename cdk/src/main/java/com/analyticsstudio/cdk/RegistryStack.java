package com.analyticsstudio.cdk;

import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.constructs.Construct;

/**
 * The ECR repository of the studio image. A stack of its own because an image has to be pushed
 * before the service can start: the pipeline deploys this stack, pushes, then deploys the rest.
 */
public final class RegistryStack extends Stack {
  /** Images kept; older ones expire (a rollback can go back this many deployments). */
  public static final int IMAGES_KEPT = 30;

  private final Repository repository;

  public RegistryStack(Construct scope, String id, StackProps props, Settings settings) {
    super(scope, id, props);
    repository = Repository.Builder.create(this, "Repository")
        .repositoryName("analytics-studio-" + settings.env())
        .imageScanOnPush(true)
        // `latest` moves to each main build; deployments use the commit tag.
        .imageTagMutability(TagMutability.MUTABLE)
        .lifecycleRules(List.of(LifecycleRule.builder()
            .description("keep the last " + IMAGES_KEPT + " images")
            .maxImageCount(IMAGES_KEPT)
            .build()))
        .removalPolicy(settings.prod() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
        .emptyOnDelete(!settings.prod())
        .build();
    CfnOutput.Builder.create(this, "RepositoryUri").value(repository.getRepositoryUri()).build();
  }

  public Repository repository() {
    return repository;
  }
}
