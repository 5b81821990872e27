package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.tenancy.ForbiddenIdentifiers;
import com.analyticsstudio.tenancy.ProjectSchemas;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a project's reader role may still call once the confinement migrations ran (as a DBA runs
 * them for a non-superuser app role): every function it can EXECUTE is listed from {@code pg_proc}
 * and none may run SQL text, change the session or connection, or read server state or files.
 *
 * <p>The denylist is by name pattern as well as by name, so a dangerous function a future
 * PostgreSQL adds under a familiar prefix ({@code pg_stat_…}, {@code pg_ls_…}, {@code …_to_xml})
 * fails this test until V50's list (or a new migration) revokes it.
 */
class ReaderFunctionsIT {

  private static PgTestDatabase db;
  private static final UUID PROJECT = UUID.randomUUID();
  private static String reader;

  /** Functions that run SQL text, change per-connection state or read server state, by pattern. */
  private static final List<Pattern> DENIED =
      List.of(
          // run a query string
          Pattern.compile(".*(query|cursor|table|schema|database)_to_xml.*"),
          Pattern.compile("ts_(stat|rewrite)"),
          Pattern.compile("dblink.*"),
          Pattern.compile(".*(exec|eval).*"),
          // session and connection state
          Pattern.compile("set_config|setseed|pg_notify|pg_export_snapshot|pg_stat_clear_snapshot"),
          Pattern.compile("pg_(try_)?advisory.*"),
          Pattern.compile("lo_.*|loread|lowrite"),
          Pattern.compile("txid_current.*|pg_current_xact_id.*"),
          Pattern.compile("pg_sleep.*"),
          Pattern.compile(
              "pg_(cancel|terminate|signal)_backend|pg_reload_conf|pg_rotate_logfile|pg_log_.*"),
          Pattern.compile(
              "pg_(promote|switch_wal|create_.*|drop_.*|backup_.*|replication_.*|logical_.*)"),
          // server state and files
          Pattern.compile(
              "current_setting|version|pg_show_.*|pg_hba_.*|pg_ident_.*|pg_settings_.*|pg_conf_load_time"),
          Pattern.compile("inet_(client|server)_.*|pg_backend_pid|pg_postmaster_start_time"),
          Pattern.compile("pg_read_.*|pg_ls_.*|pg_stat_.*|pg_current_logfile|pg_file.*"),
          Pattern.compile("pg_control_.*|pg_.*wal.*|pg_.*_size|pg_tablespace_location"),
          Pattern.compile(
              "pg_lock_status|pg_blocking_pids|pg_safe_snapshot_blocking_pids|pg_isolation_test_session_is_blocked"),
          Pattern.compile(
              "pg_prepared_(xact|statement)|pg_cursor|pg_listening_channels|pg_notification_queue_usage"),
          Pattern.compile("pg_get_(backend_memory_contexts|shmem_allocations|replication_slots)"),
          Pattern.compile(
              "txid_status|pg_xact_.*|pg_last_committed_xact|pg_current_snapshot|txid_current_snapshot"),
          Pattern.compile("(obj|col|shobj)_description"));

  @BeforeAll
  static void setUp() throws Exception {
    db = new PgTestDatabase();
    reader = ProjectSchemas.readerRole(PROJECT);
    db.trackRole(reader);
    db.migrate();
    try (Connection c = db.asApp();
        Statement s = c.createStatement()) {
      for (String sql : ProjectSchemas.create(PROJECT)) s.execute(sql);
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (db != null) db.close();
  }

  @Test
  void readerRoleCanExecuteNothingThatRunsSqlChangesStateOrReadsTheServer() throws Exception {
    List<String> callable = executable(reader);
    assertThat(callable).as("functions the reader role may execute").hasSizeGreaterThan(1_000);
    List<String> dangerous = new ArrayList<>();
    for (String f : callable) {
      String name = f.substring(0, f.indexOf('('));
      if (name.contains(".")) name = name.substring(name.lastIndexOf('.') + 1);
      for (Pattern p : DENIED) {
        if (p.matcher(name).matches()) {
          dangerous.add(f);
          break;
        }
      }
    }
    assertThat(dangerous).isEmpty();
  }

  @Test
  void theFunctionsOfIssue15AreRevokedFromReaders() throws Exception {
    for (String sig :
        List.of(
            "setseed(double precision)",
            "ts_rewrite(tsquery,text)",
            "ts_stat(text)",
            "query_to_xml(text,boolean,boolean,text)",
            "query_to_xml_and_xmlschema(text,boolean,boolean,text)",
            "cursor_to_xml(refcursor,integer,boolean,boolean,text)",
            "table_to_xml(regclass,boolean,boolean,text)",
            "set_config(text,text,boolean)",
            "pg_advisory_lock(bigint)",
            "pg_try_advisory_xact_lock(bigint)",
            "pg_notify(text,text)",
            "pg_read_file(text)",
            "lo_creat(integer)",
            "lo_get(oid)",
            "current_setting(text)",
            "obj_description(oid)",
            "version()",
            "pg_backend_pid()",
            "pg_stat_get_activity(integer)",
            "pg_export_snapshot()",
            "txid_current()")) {
      assertThat(canExecute(reader, sig)).as(sig).isFalse();
    }
  }

  @Test
  void appRoleKeepsWhatTheAppCalls() throws Exception {
    // Flyway and the ingest take advisory locks; jobs are cancelled through pg_stat_activity.
    for (String sig :
        List.of(
            "pg_advisory_lock(bigint)",
            "pg_advisory_xact_lock(bigint)",
            "pg_try_advisory_lock(bigint)",
            "pg_cancel_backend(integer)",
            "pg_backend_pid()",
            "pg_stat_get_activity(integer)",
            "current_setting(text)",
            "set_config(text,text,boolean)")) {
      assertThat(canExecute(db.appRole, sig)).as(sig).isTrue();
    }
    try (Connection c = db.admin()) {
      assertThat(
              PgTestDatabase.text(
                  c,
                  "SELECT has_language_privilege('" + db.appRole + "', 'plpgsql', 'USAGE')::text"))
          .isEqualTo("true");
      assertThat(
              PgTestDatabase.text(
                  c, "SELECT has_language_privilege('" + reader + "', 'plpgsql', 'USAGE')::text"))
          .isEqualTo("false");
      assertThat(
              PgTestDatabase.text(
                  c,
                  "SELECT has_database_privilege('"
                      + reader
                      + "', current_database(), 'TEMPORARY')::text"))
          .isEqualTo("false");
    }
  }

  @Test
  void readerRoleCanUseNoSequence() throws Exception {
    // nextval/setval/currval stay executable (PUBLIC), but act only on sequences one may use: none.
    try (Connection c = db.asApp();
        Statement s = c.createStatement()) {
      s.execute("CREATE SEQUENCE IF NOT EXISTS public.app_seq_" + db.suffix);
    }
    try (Connection c = db.admin()) {
      assertThat(
              PgTestDatabase.count(
                  c,
                  "SELECT count(*) FROM pg_class WHERE relkind = 'S' AND "
                      + "(has_sequence_privilege('"
                      + reader
                      + "', oid, 'USAGE') OR has_sequence_privilege('"
                      + reader
                      + "', oid, 'UPDATE'))"))
          .isZero();
    }
  }

  /**
   * Every pg_catalog function a dataset's row reaches through attribute notation ({@code t.f} is
   * {@code f(t)}: one argument of a row or of any type) is on the guard's allow-list, refused by
   * name after a qualifier, or refused by the token filter: the guard cannot tell such a name from
   * a dataset column, so this keeps its list complete.
   */
  @Test
  void everyFunctionARowReachesIsKnownToTheGuard() throws Exception {
    List<String> unknown = new ArrayList<>();
    try (Connection c = db.admin();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT DISTINCT p.proname FROM pg_proc p WHERE p.pronamespace = 'pg_catalog'::regnamespace "
                    + "AND p.pronargs >= 1 AND p.pronargs - p.pronargdefaults <= 1 AND p.proargtypes[0] IN "
                    + "('record'::regtype, 'anyelement'::regtype, 'anycompatible'::regtype, '\"any\"'::regtype, "
                    + "'anynonarray'::regtype, 'anycompatiblenonarray'::regtype) ORDER BY 1")) {
      while (rs.next()) {
        String name = rs.getString(1);
        if (!SqlFunctions.ALLOWED.contains(name)
            && !SqlFunctions.ROW_ARGUMENT_FUNCTIONS.contains(name)
            && !ForbiddenIdentifiers.isForbiddenIdentifier(name)) {
          unknown.add(name);
        }
      }
    }
    assertThat(unknown).as("add them to SqlFunctions.ROW_ARGUMENT_FUNCTIONS").isEmpty();
  }

  private static List<String> executable(String role) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.admin();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT p.oid::regprocedure::text FROM pg_proc p WHERE has_function_privilege(?, p.oid, 'EXECUTE') ORDER BY 1")) {
      ps.setString(1, role);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static boolean canExecute(String role, String signature) throws Exception {
    try (Connection c = db.admin();
        PreparedStatement ps =
            c.prepareStatement("SELECT has_function_privilege(?, ?, 'EXECUTE')")) {
      ps.setString(1, role);
      ps.setString(2, signature);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }
}
