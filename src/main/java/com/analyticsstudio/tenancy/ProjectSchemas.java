package com.analyticsstudio.tenancy;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The physical layout of project data and the SQL that creates it.
 *
 * <ul>
 *   <li>Schema {@code p_<projectUuidHex32>} holds the project's dataset tables (or views); a
 *       dataset's SQL name ({@code tableName}) is the object name in that schema.
 *   <li>Role {@code as_r_<projectUuidHex32>} is the project's reader: NOLOGIN, NOINHERIT, no other
 *       attributes; {@code USAGE} on the schema and {@code SELECT} on each dataset object, nothing
 *       else (in particular nothing in {@code public}).
 *   <li>The role that runs these statements (the app's login role) is granted membership in the
 *       reader role so the query executor can {@code SET LOCAL ROLE} to it. That role therefore
 *       needs {@code CREATEROLE} (or superuser) and {@code CREATE} on the database.
 * </ul>
 *
 * <p>The methods return the statements (pure, no I/O) so they can be run inside a caller's own
 * transaction; {@link #run(SqlClient, List)} runs them in order. All statements are idempotent.
 * Names are built only from the UUID and from table names that pass {@link #requireValidTableName},
 * and are quoted anyway.
 */
public final class ProjectSchemas {

  private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private ProjectSchemas() {}

  private static String hex(UUID projectId) {
    return projectId.toString().replace("-", "").toLowerCase(Locale.ROOT);
  }

  /** {@code p_<hex32>} */
  public static String schemaName(UUID projectId) {
    return "p_" + hex(projectId);
  }

  /** {@code as_r_<hex32>} */
  public static String readerRole(UUID projectId) {
    return "as_r_" + hex(projectId);
  }

  /**
   * Dataset SQL names: lower-case {@code [a-z_][a-z0-9_]*}, at most 63 characters, not starting
   * with {@code pg_} (refused by the query guard) and not a name the guard reserves.
   *
   * @throws ApiException 400 {@code invalid_table_name}
   */
  public static String requireValidTableName(String tableName) {
    if (tableName == null
        || !TABLE_NAME.matcher(tableName).matches()
        || ForbiddenIdentifiers.isForbiddenIdentifier(tableName)) {
      throw ApiException.badRequest(
          "invalid_table_name",
          "a dataset name must be 1-63 lower-case letters, digits or underscores, start with a letter or"
              + " underscore, and not start with pg_");
    }
    return tableName;
  }

  /** Creates the schema and the reader role and lets the current role use it. */
  public static List<String> create(UUID projectId) {
    String schema = schemaName(projectId);
    String role = readerRole(projectId);
    return List.of(
        "CREATE SCHEMA IF NOT EXISTS " + q(schema),
        "REVOKE ALL ON SCHEMA " + q(schema) + " FROM PUBLIC",
        "DO $$ BEGIN CREATE ROLE "
            + q(role)
            + " NOLOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;"
            + " EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        "GRANT USAGE ON SCHEMA " + q(schema) + " TO " + q(role),
        "GRANT " + q(role) + " TO CURRENT_USER");
  }

  /** Lets the project's reader role {@code SELECT} from dataset table or view {@code tableName}. */
  public static List<String> grantRead(UUID projectId, String tableName) {
    requireValidTableName(tableName);
    return List.of(
        "GRANT SELECT ON "
            + q(schemaName(projectId))
            + "."
            + q(tableName)
            + " TO "
            + q(readerRole(projectId)));
  }

  /** Takes the read grant away again (e.g. before replacing a dataset's object). */
  public static List<String> revokeRead(UUID projectId, String tableName) {
    requireValidTableName(tableName);
    return List.of(
        "REVOKE ALL ON "
            + q(schemaName(projectId))
            + "."
            + q(tableName)
            + " FROM "
            + q(readerRole(projectId)));
  }

  /** Drops the schema with all its datasets, then the reader role. */
  public static List<String> drop(UUID projectId) {
    String role = readerRole(projectId);
    return List.of(
        "DROP SCHEMA IF EXISTS " + q(schemaName(projectId)) + " CASCADE",
        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
            + role
            + "') THEN"
            + " EXECUTE 'DROP OWNED BY "
            + q(role)
            + "'; EXECUTE 'DROP ROLE "
            + q(role)
            + "'; END IF; END $$");
  }

  /** Runs {@code statements} in order in one transaction on {@code pool}. */
  public static Future<Void> run(Pool pool, List<String> statements) {
    return pool.withTransaction(conn -> run((SqlClient) conn, statements));
  }

  /**
   * Runs {@code statements} in order on {@code client} (e.g. a connection inside the caller's
   * transaction).
   */
  public static Future<Void> run(SqlClient client, List<String> statements) {
    Future<Void> f = Future.succeededFuture();
    for (String s : statements) {
      f = f.compose(v -> client.query(s).execute().mapEmpty());
    }
    return f;
  }

  private static String q(String ident) {
    return "\"" + ident.replace("\"", "\"\"") + "\"";
  }
}
