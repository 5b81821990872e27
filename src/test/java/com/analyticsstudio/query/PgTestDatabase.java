package com.analyticsstudio.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;

/**
 * A throw-away database {@code query_it_<random>} on the local PostgreSQL (trust auth, superuser
 * {@code postgres}), plus a non-superuser app login role {@code as_it_app_<random>} with CREATEROLE
 * that owns the database, like the app's login role in production. Everything is dropped by {@link
 * #close()}; only roles created through {@link #trackRole} or by this class are dropped.
 */
final class PgTestDatabase implements AutoCloseable {

  static final String HOST = System.getenv().getOrDefault("QUERY_IT_PGHOST", "localhost");
  static final int PORT = Integer.parseInt(System.getenv().getOrDefault("QUERY_IT_PGPORT", "5432"));
  static final String ADMIN = System.getenv().getOrDefault("QUERY_IT_PGUSER", "postgres");

  final String suffix;
  final String database;
  final String appRole;
  private final List<String> roles = new ArrayList<>();

  PgTestDatabase() throws SQLException {
    byte[] b = new byte[6];
    ThreadLocalRandom.current().nextBytes(b);
    suffix = HexFormat.of().formatHex(b);
    database = "query_it_" + suffix;
    appRole = "as_it_app_" + suffix;
    try (Connection c = admin("postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + appRole + " LOGIN CREATEROLE");
      roles.add(appRole);
      s.execute("CREATE DATABASE " + database + " OWNER " + appRole);
    }
  }

  void trackRole(String role) {
    roles.add(0, role);
  }

  Connection admin(String db) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + HOST + ":" + PORT + "/" + db, ADMIN, "");
  }

  Connection admin() throws SQLException {
    return admin(database);
  }

  Connection asApp() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, appRole, "");
  }

  /** The confinement migrations, in order. */
  static final List<String> CONFINEMENT_MIGRATIONS =
      List.of("V20__query_confinement.sql", "V50__revoke_session_state_and_server_functions.sql");

  /**
   * Runs the confinement migrations with Flyway as the superuser, as a DBA provisions the database
   * of a non-superuser app role (config/postgres/provision.sql). Only these migrations are run
   * (copied to a scratch location), so the test does not depend on the others. V50 grants the app
   * role, the database's owner, what it needs back.
   */
  void migrate() throws Exception {
    Path dir = Files.createTempDirectory("query-it-migration");
    for (String m : CONFINEMENT_MIGRATIONS) {
      try (var in = QueryExecutor.class.getResourceAsStream("/db/migration/" + m)) {
        Files.write(dir.resolve(m), in.readAllBytes());
      }
    }
    try {
      Flyway.configure()
          .dataSource("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, ADMIN, "")
          .locations("filesystem:" + dir)
          .load()
          .migrate();
    } finally {
      for (String m : CONFINEMENT_MIGRATIONS) Files.deleteIfExists(dir.resolve(m));
      Files.deleteIfExists(dir);
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String text(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = admin("postgres");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      for (String r : roles) {
        s.execute("DROP ROLE IF EXISTS \"" + r + "\"");
      }
    }
  }
}
