package com.analyticsstudio.support;

import com.analyticsstudio.common.DatabaseUrl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/** Creates and drops throwaway databases on the test PostgreSQL server. */
public final class TestDatabases {
  private TestDatabases() {}

  /**
   * The maintenance database of the test server (TEST_ADMIN_DATABASE_URL, default local postgres).
   */
  public static DatabaseUrl admin() {
    String url =
        System.getenv()
            .getOrDefault(
                "TEST_ADMIN_DATABASE_URL", "postgresql://postgres@localhost:5432/postgres");
    return DatabaseUrl.parse("TEST_ADMIN_DATABASE_URL", url);
  }

  public static DatabaseUrl create(String prefix) {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + name);
    return admin().withDatabase(name);
  }

  /**
   * A throwaway database provisioned for a non-superuser app role, as {@code
   * config/postgres/provision.sql} does in production: a login role {@code <database>_app} with
   * CREATEROLE and nothing else owns the database, and the confinement migrations (V20, V22, V50)
   * have run as the superuser. The returned URL connects as that role; {@link #drop} also drops the
   * role.
   */
  public static DatabaseUrl createForAppRole(String prefix) {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String role = name + "_app";
    execute(
        "CREATE ROLE "
            + role
            + " LOGIN CREATEROLE NOSUPERUSER NOCREATEDB NOREPLICATION NOBYPASSRLS");
    execute("CREATE DATABASE " + name + " OWNER " + role);
    DatabaseUrl asAdmin = admin().withDatabase(name);
    try (Connection c =
            DriverManager.getConnection(asAdmin.jdbcUrl(), asAdmin.user(), asAdmin.password());
        Statement st = c.createStatement()) {
      for (String migration : CONFINEMENT_MIGRATIONS) {
        try (var in = TestDatabases.class.getResourceAsStream("/db/migration/" + migration)) {
          st.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("provisioning " + name + ": " + e.getMessage(), e);
    }
    return new DatabaseUrl(asAdmin.host(), asAdmin.port(), name, role, null, asAdmin.params());
  }

  /**
   * The migrations a superuser runs for a non-superuser app role (config/postgres/provision.sql).
   */
  public static final List<String> CONFINEMENT_MIGRATIONS =
      List.of(
          "V20__query_confinement.sql",
          "V22__temp_file_limit_grant.sql",
          "V50__revoke_session_state_and_server_functions.sql");

  /** True when {@code db} connects as a role other than the test server's superuser. */
  public static boolean isAppRole(DatabaseUrl db) {
    return !db.user().equals(admin().user());
  }

  public static void drop(DatabaseUrl db) {
    execute("DROP DATABASE IF EXISTS " + db.database() + " WITH (FORCE)");
    if (isAppRole(db)) {
      // V22's grant is cluster-wide (parameters are shared objects) and would keep the role.
      execute(
          "REVOKE SET ON PARAMETER temp_file_limit FROM \""
              + db.user().replace("\"", "\"\"")
              + "\"");
      execute("DROP ROLE IF EXISTS \"" + db.user().replace("\"", "\"\"") + "\"");
    }
  }

  public static void execute(String sql) {
    DatabaseUrl admin = admin();
    try (Connection c =
            DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
