package com.analyticsstudio;

import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Shared;
import com.analyticsstudio.http.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.micrometer.MicrometerMetricsFactory;

/** Builds the Vert.x instance with metrics and deploys the application; shared by Main and tests. */
public final class App {
  private App() {}

  public static Vertx createVertx() {
    PrometheusMeterRegistry registry = Metrics.newRegistry();
    Vertx vertx = Vertx.builder()
        .with(Metrics.vertxOptions())
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    Shared.of(vertx, Metrics.REGISTRY, () -> registry);
    return vertx;
  }

  public static Future<String> deploy(Vertx vertx, AppConfig config) {
    return vertx.deployVerticle(new MainVerticle(config));
  }
}
