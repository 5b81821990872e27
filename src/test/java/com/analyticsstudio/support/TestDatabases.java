package com.analyticsstudio.support;

import com.analyticsstudio.common.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Creates and drops throwaway databases on the test PostgreSQL server. */
public final class TestDatabases {
  private TestDatabases() {}

  /** The maintenance database of the test server (TEST_ADMIN_DATABASE_URL, default local postgres). */
  public static DatabaseUrl admin() {
    String url = System.getenv().getOrDefault("TEST_ADMIN_DATABASE_URL", "postgresql://postgres@localhost:5432/postgres");
    return DatabaseUrl.parse("TEST_ADMIN_DATABASE_URL", url);
  }

  public static DatabaseUrl create(String prefix) {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + name);
    return admin().withDatabase(name);
  }

  public static void drop(DatabaseUrl db) {
    execute("DROP DATABASE IF EXISTS " + db.database() + " WITH (FORCE)");
  }

  public static void execute(String sql) {
    DatabaseUrl admin = admin();
    try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
         Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
