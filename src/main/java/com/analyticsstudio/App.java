package com.analyticsstudio;

import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.micrometer.MicrometerMetricsFactory;

/**
 * The Vert.x instance with its metrics registry, and the deployment of the application on it;
 * shared by {@link Main} and the tests.
 */
public final class App {
  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;

  private App(Vertx vertx, PrometheusMeterRegistry registry) {
    this.vertx = vertx;
    this.registry = registry;
  }

  /** A Vert.x instance reporting to a new Prometheus registry. */
  public static App create() {
    PrometheusMeterRegistry registry = Metrics.newRegistry();
    Vertx vertx =
        Vertx.builder()
            .with(Metrics.vertxOptions())
            .withMetrics(new MicrometerMetricsFactory(registry))
            .build();
    return new App(vertx, registry);
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Deploys the application; the deployment id. */
  public Future<String> deploy(AppConfig config) {
    return vertx.deployVerticle(new MainVerticle(config, registry));
  }
}
