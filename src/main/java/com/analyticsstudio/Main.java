package com.analyticsstudio;

import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.ConfigException;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and validates the configuration, sets up logging, starts the application and stops it
 * cleanly on SIGTERM or Ctrl-C: in-flight requests get the grace period, then the process exits 0.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment();
    } catch (ConfigException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    Logging.configure(config);
    Logger log = LoggerFactory.getLogger(Main.class);
    if (config.secretKeyGenerated()) {
      log.warn(
          "SECRET_KEY is not set: using a random key for this process; sessions end when it restarts");
    }
    App app = App.create();
    Vertx vertx = app.vertx();
    log.info(
        "network transport: {}",
        vertx.isNativeTransportEnabled()
            ? "native (epoll)"
            : "NIO ("
                + (vertx.unavailableNativeTransportCause() == null
                    ? "native not preferred"
                    : vertx.unavailableNativeTransportCause().getMessage())
                + ")");
    AtomicBoolean stopping = new AtomicBoolean();
    AtomicReference<String> deployment = new AtomicReference<>();
    Runnable stop =
        () -> {
          if (!stopping.compareAndSet(false, true)) return;
          log.info(
              "stopping: draining in-flight requests (up to {} s)", config.shutdownGraceSeconds());
          try {
            // Undeploy first: HTTP instances drain, then the main verticle closes the connections.
            String id = deployment.get();
            if (id != null) {
              vertx.undeploy(id).await(config.shutdownGraceSeconds() + 5L, TimeUnit.SECONDS);
            }
            vertx.close().await(5, TimeUnit.SECONDS);
          } catch (Exception e) {
            log.warn("shutdown did not finish cleanly: {}", e.toString());
          }
          log.info("stopped");
          Logging.flush();
          Runtime.getRuntime().halt(0);
        };
    // SIGTERM and Ctrl-C start the JVM's shutdown, which runs this hook: drain, then halt with 0
    // (a signal would otherwise end the process with 143/130 although it stopped cleanly).
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "shutdown"));

    app.deploy(config)
        .onSuccess(deployment::set)
        .onFailure(
            e -> {
              log.error("startup failed: {}", e.getMessage(), e);
              Logging.flush();
              Runtime.getRuntime().halt(1);
            });
  }
}
