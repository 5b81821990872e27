package com.analyticsstudio.common;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The shared PostgreSQL pool, JDBC connections for blocking work, and migrations. */
public final class Db {
  private static final Logger LOG = LoggerFactory.getLogger(Db.class);

  private Db() {}

  /**
   * The pool every verticle shares: {@code DB_POOL_SIZE + DB_MAX_OVERFLOW} connections spread over
   * the event loops, a bounded wait queue and a bounded wait ({@code DB_MAX_WAIT_MS}), so overload
   * fails fast ({@link Overload} maps both to 503) instead of queueing on.
   */
  public static Pool pool(Vertx vertx, AppConfig config) {
    PoolOptions poolOptions =
        new PoolOptions()
            .setMaxSize(config.dbMaxConnections())
            .setMaxWaitQueueSize(config.dbMaxWaitQueue())
            .setConnectionTimeout(config.dbMaxWaitMs())
            .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
            .setIdleTimeout(300)
            .setEventLoopSize(Math.max(1, Runtime.getRuntime().availableProcessors()))
            .setName("analytics-studio");
    return PgBuilder.pool()
        .with(poolOptions)
        .connectingTo(connectOptions(config.database()))
        .using(vertx)
        .build();
  }

  /**
   * The pool for user SQL (com.analyticsstudio.query): {@code QUERY_POOL_SIZE} connections of its
   * own, so a burst of slow queries waits here and never takes the app pool's connections. Each
   * connection is created on the event loop that first asked for it, and the pool hands a caller a
   * connection of its own event loop when one is free, so a query does not hop threads. Connection
   * options: {@link #forUserSql}.
   */
  /** Prepared statements each user-SQL connection keeps (least recently used ones are closed). */
  static final int QUERY_STATEMENT_CACHE_SIZE = 64;

  public static Pool queryPool(Vertx vertx, AppConfig config) {
    PoolOptions poolOptions =
        new PoolOptions()
            .setMaxSize(config.queryEngine().poolSize())
            .setMaxWaitQueueSize(config.queryEngine().maxWaitQueue())
            .setConnectionTimeout(config.dbMaxWaitMs())
            .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
            .setIdleTimeout(300)
            .setEventLoopSize(0)
            .setName("query");
    return PgBuilder.pool()
        .with(poolOptions)
        .connectingTo(forUserSql(connectOptions(config.database())))
        .using(vertx)
        .build();
  }

  /**
   * {@code options} for connections that run user SQL: a prepared-statement cache (the executor
   * keys statements by project and catalog version), pipelining so setup, statement and ROLLBACK
   * travel together, and the session settings every user statement runs with, sent in the startup
   * packet so no transaction has to set (and PostgreSQL report, and undo) them: UTC time zone,
   * standard conforming strings, and a minute of {@code idle_in_transaction_session_timeout}.
   * Statements on these connections cannot change settings (set_config is revoked from reader
   * roles, and SET is not a SELECT).
   */
  public static PgConnectOptions forUserSql(PgConnectOptions options) {
    Map<String, String> properties = new HashMap<>(options.getProperties());
    properties.put("TimeZone", "UTC");
    properties.put("standard_conforming_strings", "on");
    // A safety net should the app ever leave a transaction open; streams set their own (longer).
    properties.put("idle_in_transaction_session_timeout", "60s");
    return options
        .setProperties(properties)
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(QUERY_STATEMENT_CACHE_SIZE)
        .setPipeliningLimit(16);
  }

  public static PgConnectOptions connectOptions(DatabaseUrl url) {
    PgConnectOptions options =
        new PgConnectOptions()
            .setHost(url.host())
            .setPort(url.port())
            .setDatabase(url.database())
            .setUser(url.user())
            .setCachePreparedStatements(true)
            .setPreparedStatementCacheMaxSize(512)
            .setPipeliningLimit(1);
    if (url.password() != null) {
      options.setPassword(url.password());
    }
    return options;
  }

  /** A plain JDBC connection, for worker threads only (migrations, COPY). */
  public static Connection jdbc(DatabaseUrl url) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", url.user());
    if (url.password() != null) {
      props.setProperty("password", url.password());
    }
    props.setProperty("ApplicationName", "analytics-studio");
    return DriverManager.getConnection(url.jdbcUrl(), props);
  }

  /**
   * Creates the database when the server is there but the database is not (first run on a laptop),
   * then applies pending migrations. Blocking: call it from a worker.
   */
  public static void migrate(DatabaseUrl url) {
    createDatabaseIfMissing(url);
    Flyway.configure()
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations("classpath:db/migration")
        // Features are built in parallel, each in its own reserved range of versions (see
        // ARCHITECTURE.md), so a database may meet a lower version after a higher one.
        .outOfOrder(true)
        .load()
        .migrate();
  }

  /**
   * Whether {@code url}'s role may {@code SET} the superuser parameter {@code parameter} (a
   * superuser, or granted by V22 on PostgreSQL 15+). Blocking (JDBC), run at start beside {@link
   * #migrate}. False when it cannot tell.
   */
  public static boolean maySet(DatabaseUrl url, String parameter) {
    try (Connection c = jdbc(url);
        PreparedStatement st = c.prepareStatement("SELECT has_parameter_privilege(?, 'SET')")) {
      st.setString(1, parameter);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    } catch (SQLException e) {
      LOG.warn("could not check the privilege to set {}: {}", parameter, e.getMessage());
      return false;
    }
  }

  private static void createDatabaseIfMissing(DatabaseUrl url) {
    try (Connection ignored = jdbc(url)) {
      return;
    } catch (SQLException e) {
      if (!"3D000".equals(e.getSQLState())) {
        return; // let Flyway report the real problem
      }
    }
    try (Connection c = jdbc(url.withDatabase("postgres"));
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE \"" + url.database().replace("\"", "\"\"") + "\"");
      LOG.info("created database {}", url.database());
    } catch (SQLException e) {
      LOG.warn(
          "database {} does not exist and could not be created: {}",
          url.database(),
          e.getMessage());
    }
  }
}
