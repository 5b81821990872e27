package com.analyticsstudio.cdk;

import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: {@code cdk synth -c env=dev} (the default) or {@code -c env=prod}. The stacks name a
 * region but no account, so synthesis needs no AWS credentials and makes no lookups; deploying
 * uses the account of the caller's credentials.
 */
public final class StudioApp {
  private StudioApp() {
  }

  /** The stacks of one environment, in deployment order. */
  public record Stacks(Settings settings, NetworkStack network, RegistryStack registry, DataStack data,
                       StorageStack storage, ComputeStack compute, ObservabilityStack observability,
                       WafStack waf, CicdStack cicd) {
  }

  public static Stacks build(App app) {
    Settings settings = Settings.from(app.getNode());
    String prefix = settings.stackPrefix();
    Environment env = Environment.builder().region(settings.region()).build();
    StackProps props = StackProps.builder().env(env).build();

    NetworkStack network = new NetworkStack(app, prefix + "-Network", props, settings);
    RegistryStack registry = new RegistryStack(app, prefix + "-Registry", props, settings);
    DataStack data = new DataStack(app, prefix + "-Data", props, settings, network);
    StorageStack storage = new StorageStack(app, prefix + "-Storage", props, settings, network);
    ComputeStack compute = new ComputeStack(app, prefix + "-Compute", props, settings, network, data, storage, registry);
    ObservabilityStack observability = new ObservabilityStack(app, prefix + "-Observability", props, settings, data, storage, compute);
    WafStack waf = settings.waf() ? new WafStack(app, prefix + "-Waf", props, settings, compute) : null;
    CicdStack cicd = settings.githubRepository()
        .map(repo -> new CicdStack(app, prefix + "-Cicd", props, settings, repo, registry, storage))
        .orElse(null);

    Map.of("project", "analytics-studio", "environment", settings.env())
        .forEach((k, v) -> Tags.of(app).add(k, v));
    return new Stacks(settings, network, registry, data, storage, compute, observability, waf, cicd);
  }

  public static void main(String[] args) {
    App app = new App();
    build(app);
    app.synth();
  }
}
