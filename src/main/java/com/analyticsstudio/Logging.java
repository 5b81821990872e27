package com.analyticsstudio;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.analyticsstudio.common.AppConfig;
import java.net.URL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks JSON or text log lines ({@code LOG_FORMAT}) and the level ({@code LOG_LEVEL}). */
final class Logging {
  private Logging() {}

  static void configure(AppConfig config) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    URL xml = Logging.class.getClassLoader().getResource("logback-" + config.logFormat() + ".xml");
    ctx.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(ctx);
    try {
      configurator.doConfigure(xml);
    } catch (JoranException e) {
      System.err.println("logging configuration failed: " + e.getMessage());
    }
    ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(config.logLevel(), Level.INFO));
    // Netty and Vert.x internals are noisy at DEBUG; keep them at INFO unless asked otherwise.
    if (!"TRACE".equals(config.logLevel())) {
      ctx.getLogger("io.netty").setLevel(Level.INFO);
      ctx.getLogger("org.flywaydb").setLevel(Level.WARN);
      // Several HTTP instances register the same server gauges; the duplicate warning is noise.
      ctx.getLogger("io.micrometer.core.instrument.MeterRegistry").setLevel(Level.ERROR);
    }
  }

  static void flush() {
    ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
  }
}
