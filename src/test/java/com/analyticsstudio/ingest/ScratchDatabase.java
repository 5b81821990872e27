package com.analyticsstudio.ingest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the loader tests: a database of their own for the test class (dropped afterwards) and a
 * connection per test whose work is rolled back.
 */
abstract class ScratchDatabase {
  private static final String HOST = System.getenv().getOrDefault("PGHOST", "localhost");
  private static final String PORT = System.getenv().getOrDefault("PGPORT", "5432");
  private static final String USER = System.getenv().getOrDefault("PGUSER", "postgres");
  private static String database;

  /** This test's connection: autocommit off, rolled back after the test. */
  protected Connection conn;

  private static Connection connect(String db) throws Exception {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + HOST + ":" + PORT + "/" + db, USER, "");
  }

  @BeforeAll
  static void createDatabase() throws Exception {
    database = "ingest_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = connect("postgres");
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + database);
    }
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    try (Connection c = connect("postgres");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  @BeforeEach
  void open() throws Exception {
    conn = connect(database);
    conn.setAutoCommit(false);
  }

  @AfterEach
  void close() throws Exception {
    conn.rollback();
    conn.close();
  }
}
