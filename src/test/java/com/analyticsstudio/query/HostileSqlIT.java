package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.Db;
import com.analyticsstudio.tenancy.ProjectSchemas;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs hostile SQL as project A against a real PostgreSQL holding two projects and an app table,
 * and proves that nothing leaks, nothing changes, and that the database itself is a wall when the
 * parser filter is bypassed.
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileSqlIT {

  private static PgTestDatabase db;
  private static Pool pool;
  private static QueryExecutor executor;
  private static final UUID PROJECT_A = UUID.randomUUID();
  private static final UUID PROJECT_B = UUID.randomUUID();
  private static String secretB;
  private static String secretUsers;
  private static String schemaA;
  private static String schemaB;
  private static String roleA;
  private static String roleB;
  private static final Set<String> DATASETS_A = Set.of("sales");
  private static Map<String, String> baseline;

  @BeforeAll
  static void setUp(Vertx vertx) throws Exception {
    db = new PgTestDatabase();
    secretB = "SECRET-B-" + db.suffix;
    secretUsers = "SECRET-USERS-" + db.suffix;
    schemaA = ProjectSchemas.schemaName(PROJECT_A);
    schemaB = ProjectSchemas.schemaName(PROJECT_B);
    roleA = ProjectSchemas.readerRole(PROJECT_A);
    roleB = ProjectSchemas.readerRole(PROJECT_B);
    db.trackRole(roleA);
    db.trackRole(roleB);
    db.migrate();

    pool =
        PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(4))
            // The production options of the user-SQL pool (statement cache, pipelining, session
            // settings).
            .connectingTo(
                Db.forUserSql(
                    new PgConnectOptions()
                        .setHost(PgTestDatabase.HOST)
                        .setPort(PgTestDatabase.PORT)
                        .setDatabase(db.database)
                        .setUser(db.appRole)))
            .using(vertx)
            .build();
    executor = new QueryExecutor(vertx, pool);

    // Project layout through the helper, as the (non-superuser) app role.
    await(ProjectSchemas.run(pool, ProjectSchemas.create(PROJECT_A)));
    await(ProjectSchemas.run(pool, ProjectSchemas.create(PROJECT_B)));
    await(ProjectSchemas.run(pool, ProjectSchemas.create(PROJECT_A))); // idempotent

    try (Connection c = db.asApp();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE public.users (id int PRIMARY KEY, email text)");
      s.execute("INSERT INTO public.users VALUES (1, '" + secretUsers + "')");
      s.execute(
          "CREATE TABLE "
              + schemaA
              + ".sales (region text, amount numeric(10,2), qty int, day date)");
      s.execute(
          "INSERT INTO "
              + schemaA
              + ".sales VALUES "
              + "('north', 10.50, 1, '2024-01-05'), ('north', 20.00, 2, '2024-01-20'),"
              + "('south', 5.25, 3, '2024-02-01'), ('south', 4.75, 4, '2024-02-15'),"
              + "('east', 100.00, 5, '2024-03-01')");
      s.execute("CREATE TABLE " + schemaB + ".secrets (secret text)");
      s.execute("INSERT INTO " + schemaB + ".secrets VALUES ('" + secretB + "')");
      s.execute(
          "CREATE TABLE "
              + schemaB
              + ".sales (region text, amount numeric(10,2), qty int, day date)");
      s.execute("INSERT INTO " + schemaB + ".sales VALUES ('" + secretB + "', 1, 1, '2024-01-01')");
    }
    await(ProjectSchemas.run(pool, ProjectSchemas.grantRead(PROJECT_A, "sales")));
    await(ProjectSchemas.run(pool, ProjectSchemas.grantRead(PROJECT_B, "secrets")));
    await(ProjectSchemas.run(pool, ProjectSchemas.grantRead(PROJECT_B, "sales")));
    baseline = snapshot();
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (pool != null) await(pool.close());
    if (db != null) db.close();
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception ex) throw ex;
      throw e;
    }
  }

  private static QueryRequest req(String sql) {
    return new QueryRequest(PROJECT_A, sql, 100, 5, DATASETS_A);
  }

  private static QueryResult run(String sql) throws Exception {
    return await(executor.execute(req(sql)));
  }

  private static ApiException refusal(Future<?> f) throws Exception {
    try {
      Object r = await(f);
      return fail("expected a refusal but got " + r);
    } catch (ApiException e) {
      return e;
    }
  }

  private static void assertNoSecret(String text) {
    assertThat(text)
        .doesNotContain(secretB)
        .doesNotContain(secretUsers)
        .doesNotContain(schemaB)
        .doesNotContain(roleB);
  }

  private static String describe(ApiException e) {
    return e.status() + " " + e.code() + " " + e.getMessage() + " " + e.details().encode();
  }

  /** Refused with a 4xx, or (only where allowed) harmless; never a secret in the answer. */
  private static void assertRefusedOrHarmless(String sql, boolean mayRun) throws Exception {
    try {
      QueryResult r = run(sql);
      assertNoSecret(r.toJson().encode());
      assertThat(mayRun)
          .as("should have been refused: " + sql + " -> " + r.toJson().encode())
          .isTrue();
    } catch (ApiException e) {
      assertThat(e.status()).as(describe(e)).isBetween(400, 499);
      assertNoSecret(describe(e));
    }
  }

  /** Counts and settings that no query may change. */
  private static Map<String, String> snapshot() throws Exception {
    Map<String, String> m = new LinkedHashMap<>();
    try (Connection c = db.admin()) {
      m.put("sales A", "" + PgTestDatabase.count(c, "select count(*) from " + schemaA + ".sales"));
      m.put("sum A", PgTestDatabase.text(c, "select sum(amount)::text from " + schemaA + ".sales"));
      m.put(
          "secrets B",
          "" + PgTestDatabase.count(c, "select count(*) from " + schemaB + ".secrets"));
      m.put("sales B", "" + PgTestDatabase.count(c, "select count(*) from " + schemaB + ".sales"));
      m.put("users", "" + PgTestDatabase.count(c, "select count(*) from public.users"));
      m.put(
          "relations",
          PgTestDatabase.text(
              c,
              "select string_agg(n.nspname || '.' || c.relname, ',' order by 1) "
                  + "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                  + "where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')"));
      m.put(
          "schemas",
          PgTestDatabase.text(
              c, "select string_agg(nspname, ',' order by nspname) from pg_namespace"));
      m.put(
          "our roles",
          PgTestDatabase.text(
              c,
              "select string_agg(rolname || ':' || rolsuper || rolcanlogin || rolinherit, ',' order by rolname) "
                  + "from pg_roles where rolname like '%"
                  + db.suffix
                  + "%' or rolname in ('"
                  + roleA
                  + "','"
                  + roleB
                  + "')"));
      m.put(
          "memberships of A",
          PgTestDatabase.text(
              c,
              "select coalesce(string_agg(roleid::regrole::text, ','), '') "
                  + "from pg_auth_members where member = '"
                  + roleA
                  + "'::regrole"));
      m.put(
          "largeobjects",
          "" + PgTestDatabase.count(c, "select count(*) from pg_largeobject_metadata"));
      m.put(
          "A can read users",
          PgTestDatabase.text(
              c, "select has_table_privilege('" + roleA + "', 'public.users', 'SELECT')::text"));
      m.put(
          "A can use B",
          PgTestDatabase.text(
              c, "select has_schema_privilege('" + roleA + "', '" + schemaB + "', 'USAGE')::text"));
      m.put(
          "A set_config",
          PgTestDatabase.text(
              c,
              "select has_function_privilege('"
                  + roleA
                  + "', 'set_config(text,text,boolean)', 'EXECUTE')::text"));
      m.put(
          "db settings",
          PgTestDatabase.text(
              c,
              "select coalesce(string_agg(array_to_string(setconfig, ';'), '|'), '') from pg_db_role_setting"));
    }
    // every pooled connection is back to its defaults
    List<Future<Row>> probes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      probes.add(
          pool.withConnection(
              conn ->
                  conn.query(
                          "select current_user::text, session_user::text, current_setting('search_path'), "
                              + "current_setting('statement_timeout'), current_setting('transaction_read_only'), "
                              + "current_setting('TimeZone') = (select reset_val from pg_settings where name = 'TimeZone'), "
                              + "(select count(*) from pg_prepared_statements where not from_sql) as dummy, "
                              + "(select count(*) from pg_prepared_statements where from_sql), "
                              + "(select count(*) from pg_cursors), (select count(*) from pg_listening_channels())")
                      .execute()
                      .map(rs -> rs.iterator().next())));
    }
    Set<String> seen = new TreeSet<>();
    for (Future<Row> p : probes) {
      Row r = await(p);
      seen.add(
          r.getString(0)
              + "/"
              + r.getString(1)
              + "/"
              + r.getString(2)
              + "/"
              + r.getString(3)
              + "/"
              + r.getString(4)
              + "/"
              + r.getBoolean(5)
              + "/sqlprepared="
              + r.getLong(7)
              + "/cursors="
              + r.getLong(8)
              + "/listen="
              + r.getLong(9));
    }
    m.put("pooled sessions", String.join(";", seen));
    return m;
  }

  // ---------------------------------------------------------------------------------------------
  // hostile SQL through the full path

  @TestFactory
  @Order(1)
  Stream<DynamicTest> hostileQueriesAreRefusedAndLeakNothing() {
    String s = db.suffix;
    Map<String, Boolean> cases = new LinkedHashMap<>(); // sql -> may it run (harmlessly)?
    // writes
    cases.put("INSERT INTO sales VALUES ('x', 1, 1, '2024-01-01')", false);
    cases.put("UPDATE sales SET amount = 0", false);
    cases.put("DELETE FROM sales", false);
    cases.put(
        "MERGE INTO sales t USING sales s ON t.region = s.region WHEN MATCHED THEN DELETE", false);
    // DDL
    cases.put("CREATE TABLE evil_" + s + " (a int)", false);
    cases.put("CREATE ROLE evil_" + s + " SUPERUSER LOGIN", false);
    cases.put("DROP TABLE sales", false);
    cases.put("ALTER TABLE sales ADD COLUMN evil int", false);
    cases.put("TRUNCATE sales", false);
    cases.put("GRANT SELECT ON public.users TO " + roleA, false);
    // sneaky selects
    cases.put("SELECT * INTO evil_" + s + " FROM sales", false);
    cases.put("WITH d AS (DELETE FROM sales RETURNING *) SELECT * FROM d", false);
    cases.put("WITH u AS (UPDATE sales SET amount = 0 RETURNING *) SELECT count(*) FROM u", false);
    cases.put("SELECT 1; DROP TABLE sales", false);
    cases.put("SELECT 1; SELECT * FROM public.users", false);
    cases.put("SELECT 1 /* ; DELETE FROM sales */", true);
    // PostgreSQL and the parser both read this as "SELECT 1 AS delete FROM sales": harmless
    cases.put("SELECT 1 -- \n DELETE FROM sales", true);
    cases.put("SELECT 1 /* /* */ ; DELETE FROM sales; /* */ */", false);
    cases.put("SELECT * FROM sales FOR UPDATE", false);
    cases.put("SELECT * FROM sales FOR SHARE", false);
    // session state
    cases.put("SET ROLE " + roleB, false);
    cases.put("RESET ROLE", false);
    cases.put("SET search_path = " + schemaB, false);
    cases.put("SET LOCAL search_path TO public", false);
    cases.put("SELECT set_config('role', '" + roleB + "', true)", false);
    cases.put("SELECT set_config('search_path', '" + schemaB + "', true)", false);
    cases.put(
        "SELECT set_config('role', '" + roleB + "', true), (SELECT secret FROM secrets)", false);
    cases.put("SELECT current_setting('role')", false);
    // catalog snooping
    cases.put("SELECT relname FROM pg_class", false);
    cases.put("SELECT * FROM pg_catalog.pg_tables", false);
    cases.put("SELECT * FROM information_schema.tables", false);
    cases.put("SELECT rolname FROM pg_roles", false);
    cases.put("SELECT query FROM pg_stat_activity", false);
    cases.put("SELECT 'p_x.t'::regclass", false);
    // other project and app tables
    cases.put("SELECT * FROM secrets", false);
    cases.put("SELECT * FROM \"secrets\"", false);
    cases.put("SELECT * FROM " + schemaB + ".secrets", false);
    cases.put("SELECT * FROM \"" + schemaB + "\".\"sales\"", false);
    cases.put("SELECT * FROM " + schemaB + ".sales", false);
    cases.put("SELECT * FROM public.users", false);
    cases.put("SELECT * FROM \"public\".\"users\"", false);
    cases.put("SELECT * FROM users", false);
    cases.put("SELECT * FROM sales WHERE region IN (SELECT email FROM public.users)", false);
    cases.put("SELECT * FROM U&\"pub\\006cic\".\"users\"", false);
    cases.put("SELECT * FROM U&\"publi\\0063\".users", false);
    cases.put("SELECT public.users.email FROM sales", false);
    // server functions
    cases.put("SELECT pg_read_file('/etc/passwd')", false);
    cases.put("SELECT * FROM pg_ls_dir('.')", false);
    cases.put("SELECT lo_import('/etc/passwd')", false);
    cases.put("SELECT lo_export(1, '/tmp/x_" + s + "')", false);
    cases.put("SELECT query_to_xml('select * from public.users', true, true, '')", false);
    cases.put(
        "SELECT query_to_xml('select * from " + schemaB + ".secrets', true, true, '')", false);
    cases.put("SELECT ts_stat('select to_tsvector(email) from public.users')", false);
    cases.put("SELECT dblink('dbname=postgres', 'select 1')", false);
    cases.put("SELECT version()", false);
    cases.put("SELECT current_user", false);
    cases.put("SELECT pg_sleep(10)", false);
    cases.put("SELECT \"pg_sleep\"(10)", false);
    cases.put("SELECT pg_catalog.pg_sleep(10)", false);
    cases.put("SELECT pg_terminate_backend(pg_backend_pid())", false);
    cases.put("SELECT pg_advisory_lock(1)", false);
    cases.put("SELECT nextval('x')", false);
    // utility statements
    cases.put("COPY sales TO STDOUT", false);
    cases.put("COPY (SELECT * FROM public.users) TO '/tmp/x_" + s + "'", false);
    cases.put(
        "DO $$ BEGIN RESET ROLE; RAISE EXCEPTION '%', (SELECT string_agg(secret, ',') FROM "
            + schemaB
            + ".secrets); END $$",
        false);
    cases.put("LOCK TABLE sales", false);
    cases.put("CALL evil()", false);
    cases.put("PREPARE p AS SELECT * FROM public.users", false);
    cases.put("EXECUTE p", false);
    cases.put("LISTEN evil", false);
    cases.put("NOTIFY evil, 'x'", false);
    cases.put("SELECT pg_notify('evil', 'x')", false);
    cases.put("DECLARE c CURSOR WITH HOLD FOR SELECT * FROM sales", false);
    cases.put("EXPLAIN ANALYZE SELECT * FROM sales", false);
    cases.put("SHOW ALL", false);
    cases.put("VACUUM sales", false);
    cases.put("BEGIN; SELECT 1; COMMIT", false);
    cases.put("COMMIT", false);
    // lexical tricks
    cases.put("SELECT $$x$$", false);
    cases.put("SELECT E'\\'', version() --'", false);
    cases.put("SELECT 'a\\', version() --'", false);
    cases.put("SELECT * FROM sales WHERE region = $1", false);
    // PostgreSQL: "SELECT 4 / ascii(version()) AS ascii, …"; JSqlParser sees a "//" comment
    cases.put("SELECT 4 //* */ ascii(version())\n AS ascii, 1 AS version", false);
    cases.put("SELECT 1version()", false);
    cases.put("SELECT (SELECT 1) \"pg_catalog\", * FROM sales", false);
    cases.put(
        "WITH users AS (SELECT 1) SELECT * FROM (SELECT * FROM users) x, (WITH y AS (SELECT 2) SELECT * FROM y) z",
        true);
    // issue #15: functions through attribute notation, typed literals, SQL-running and state
    // functions
    for (String payload : ISSUE_15_PAYLOADS.keySet()) cases.put(payload, false);

    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, Boolean> e : cases.entrySet()) {
      String name = e.getKey().replace('\n', ' ');
      tests.add(
          DynamicTest.dynamicTest(
              name.length() > 100 ? name.substring(0, 100) + "…" : name,
              () -> assertRefusedOrHarmless(e.getKey(), e.getValue())));
    }
    return tests.stream();
  }

  @Test
  @Order(2)
  void runawayCrossJoinIsStoppedByTheTimeout() throws Exception {
    long t0 = System.nanoTime();
    ApiException e =
        refusal(
            executor.execute(
                new QueryRequest(
                    PROJECT_A,
                    "select count(*) from generate_series(1,100000000) a, generate_series(1,100000000) b",
                    100,
                    1,
                    DATASETS_A)));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(e.status()).isEqualTo(422);
    assertThat(e.code()).isEqualTo("query_timeout");
    assertThat(e.getMessage()).isEqualTo("the query ran longer than 1 s and was stopped");
    assertThat(ms).as("elapsed ms").isLessThan(4_000);
  }

  @Test
  @Order(3)
  void explainIsConfinedLikeExecute() throws Exception {
    JsonObject plan =
        await(executor.explain(req("SELECT region, sum(amount) FROM sales GROUP BY region")));
    assertThat(plan.getJsonObject("Plan")).isNotNull();
    assertThat(plan.encode()).contains("sales");
    ApiException e = refusal(executor.explain(req("SELECT * FROM public.users")));
    assertThat(e.code()).isEqualTo("table_not_allowed");
    ApiException e2 =
        refusal(executor.explainConfined(req("x"), "SELECT * FROM " + schemaB + ".secrets"));
    assertThat(e2.code()).isEqualTo("permission_denied");
    assertNoSecret(describe(e2));
  }

  // ---------------------------------------------------------------------------------------------
  // second wall: the parser is bypassed, PostgreSQL must refuse on its own

  private static ApiException bypassed(String sql) throws Exception {
    ApiException e = refusal(executor.executeUnwrapped(req(sql), sql));
    assertNoSecret(describe(e));
    return e;
  }

  @Test
  @Order(10)
  void databaseRefusesOtherProjectsTableWithoutParser() throws Exception {
    assertThat(bypassed("SELECT * FROM " + schemaB + ".secrets").code())
        .isEqualTo("permission_denied");
    assertThat(bypassed("SELECT * FROM " + schemaB + ".sales").code())
        .isEqualTo("permission_denied");
    // unqualified names resolve in A's schema only
    assertThat(bypassed("SELECT * FROM secrets").code()).isEqualTo("unknown_table");
  }

  @Test
  @Order(11)
  void databaseRefusesAppTablesWithoutParser() throws Exception {
    ApiException e = bypassed("SELECT * FROM public.users");
    assertThat(e.status()).isEqualTo(403);
    assertThat(e.code()).isEqualTo("permission_denied");
    assertThat(e.getMessage()).isEqualTo("this query tried to read data outside the project");
  }

  @Test
  @Order(12)
  void databaseRefusesSetConfigRoleWithoutParser() throws Exception {
    assertThat(bypassed("SELECT set_config('role', '" + roleB + "', true)").code())
        .isEqualTo("permission_denied");
    assertThat(
            bypassed(
                    "SELECT set_config('search_path', '"
                        + schemaB
                        + "', true), (SELECT count(*) FROM "
                        + schemaB
                        + ".secrets)")
                .code())
        .isEqualTo("permission_denied");
  }

  @Test
  @Order(13)
  void databaseRefusesWritesWithoutParser() throws Exception {
    for (String sql :
        List.of(
            "INSERT INTO sales VALUES ('x', 1, 1, '2024-01-01')",
            "DELETE FROM sales",
            "UPDATE sales SET amount = 0",
            "CREATE TABLE evil_" + db.suffix + " (a int)",
            "TRUNCATE sales",
            "WITH d AS (DELETE FROM sales RETURNING *) SELECT * FROM d")) {
      ApiException e = bypassed(sql);
      assertThat(e.status()).as(sql + ": " + describe(e)).isIn(400, 403);
      assertThat(e.code()).as(sql + ": " + describe(e)).isIn("only_select", "permission_denied");
    }
  }

  @Test
  @Order(14)
  void databaseRefusesServerFunctionsWithoutParser() throws Exception {
    assertThat(bypassed("SELECT pg_sleep(10)").code()).isEqualTo("permission_denied");
    assertThat(bypassed("SELECT pg_read_file('/etc/passwd')").code())
        .isEqualTo("permission_denied");
    assertThat(bypassed("SELECT query_to_xml('select * from public.users', true, true, '')").code())
        .isEqualTo("permission_denied");
    assertThat(bypassed("SELECT pg_advisory_lock(42)").code()).isEqualTo("permission_denied");
    assertThat(bypassed("SELECT * FROM pg_catalog.pg_authid").code())
        .isEqualTo("permission_denied");
    assertThat(bypassed("COPY (SELECT 1) TO '/tmp/x_" + db.suffix + "'").code())
        .isEqualTo("permission_denied");
    assertThat(
            bypassed(
                    "DO $$ BEGIN RESET ROLE; RAISE EXCEPTION '%', (SELECT string_agg(secret, ',') FROM "
                        + schemaB
                        + ".secrets); END $$")
                .code())
        .isEqualTo("permission_denied");
  }

  /**
   * The payloads of issue #15 and variations, each refused by the guard; the value says whether
   * PostgreSQL refuses it on its own too when the guard is bypassed (false: the parser is the only
   * wall, and what PostgreSQL answers leaks nothing of another project).
   */
  private static final Map<String, Boolean> ISSUE_15_PAYLOADS = new LinkedHashMap<>();

  static {
    Map<String, Boolean> p = ISSUE_15_PAYLOADS;
    // attribute notation: g.f is f(g)
    p.put("SELECT g.obj_description FROM generate_series(1299,1299) g", true);
    p.put("SELECT g.obj_description FROM generate_series(1259,1259) g", true);
    p.put("SELECT g.setseed FROM generate_series(0.5,0.5) g", true);
    p.put("SELECT g.setseed FROM generate_series(1,1) g", true);
    p.put(
        "SELECT t.setseed FROM unnest(ARRAY[0.5]) WITH ORDINALITY AS t(x, i)",
        false); // a row here: no such column
    p.put(
        "SELECT x.setseed FROM (SELECT 0.5 AS n) x",
        false); // a row: setseed(record) does not exist
    p.put(
        "SELECT amount.setseed FROM sales",
        false); // PostgreSQL reads amount as a table here: no such table
    p.put("SELECT g.current_setting FROM unnest(ARRAY['port']) g", true);
    p.put(
        "SELECT g.ts_stat FROM unnest(ARRAY['select to_tsvector(email) from public.users']) g",
        true);
    p.put(
        "SELECT s.record_out FROM sales s",
        false); // harmless output function; the parser refuses it by name
    p.put("SELECT (g).setseed FROM generate_series(1, 1) g", true);
    // typed literals: checked like casts
    p.put("SELECT aclitem 'postgres=arwdDxt/postgres'", false);
    p.put("SELECT oid '1259'", false);
    p.put("SELECT tid '(0,1)'", false);
    p.put("SELECT xml '<a/>'", false);
    p.put("SELECT \"aclitem\" 'x=r/postgres'", false);
    p.put("SELECT name 'x'", false);
    p.put("SELECT 'x'::aclitem", false);
    // SQL text and state
    p.put("SELECT ts_rewrite('a'::tsquery, 'SELECT ''a''::tsquery, ''b''::tsquery')", true);
    p.put("SELECT ts_stat('select to_tsvector(email) from public.users')", true);
    p.put("SELECT setseed(0.5)", true);
    p.put("SELECT * FROM generate_series(1, 1) WHERE setseed(0.5) IS NULL", true);
    p.put("SELECT pg_try_advisory_lock(1)", true);
    p.put("SELECT pg_advisory_xact_lock(1)", true);
    p.put("SELECT set_config('random_page_cost', '1', false)", true);
    p.put("SELECT current_setting('port')", true);
    p.put("SELECT version()", true);
    p.put("SELECT pg_backend_pid()", true);
    p.put("SELECT txid_current()", true);
    p.put("SELECT obj_description(1259)", true);
    p.put("SELECT pg_notify('x', 'y')", true);
    p.put("SELECT lo_creat(-1)", true);
  }

  @Test
  @Order(14)
  void issue15PayloadsAreRefusedByTheGuardAndWhereMarkedByPostgres() throws Exception {
    for (Map.Entry<String, Boolean> e : ISSUE_15_PAYLOADS.entrySet()) {
      String sql = e.getKey();
      ApiException guard = refusal(executor.execute(req(sql)));
      assertThat(guard.status()).as(sql + ": " + describe(guard)).isIn(400, 403);
      try {
        QueryResult r = await(executor.executeUnwrapped(req(sql), sql));
        assertNoSecret(r.toJson().encode());
        assertThat(e.getValue())
            .as("PostgreSQL should refuse " + sql + " but answered " + r.toJson().encode())
            .isFalse();
      } catch (ApiException db) {
        assertNoSecret(describe(db));
        if (e.getValue())
          assertThat(db.code()).as(sql + ": " + describe(db)).isEqualTo("permission_denied");
      }
    }
  }

  @Test
  @Order(14)
  void anotherTenantsRandomIsNotPredictableAfterSetseedOnTheSameConnection(Vertx vertx)
      throws Exception {
    // What random() returns right after setseed(0.5): the value a tenant would know in advance.
    double predicted;
    try (Connection c = db.admin();
        Statement st = c.createStatement()) {
      st.execute("SELECT setseed(0.5)");
      try (ResultSet rs = st.executeQuery("SELECT random()")) {
        rs.next();
        predicted = rs.getDouble(1);
      }
    }
    // One connection, so both tenants meet on it.
    Pool single =
        PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(1))
            .connectingTo(
                Db.forUserSql(
                    new PgConnectOptions()
                        .setHost(PgTestDatabase.HOST)
                        .setPort(PgTestDatabase.PORT)
                        .setDatabase(db.database)
                        .setUser(db.appRole)))
            .using(vertx)
            .build();
    try {
      QueryExecutor one = new QueryExecutor(vertx, single);
      for (String sql :
          List.of(
              "SELECT setseed(0.5)",
              "SELECT g.setseed FROM generate_series(0.5,0.5) g",
              "SELECT t.setseed FROM unnest(ARRAY[0.5]) t",
              "SELECT 1 FROM generate_series(1,1) WHERE setseed(0.5) IS NULL",
              "SELECT * FROM setseed(0.5)")) {
        assertThat(refusal(one.execute(req(sql))).status()).as(sql).isIn(400, 403);
        assertThat(refusal(one.executeUnwrapped(req(sql), sql)).code())
            .as(sql)
            .isEqualTo("permission_denied");
      }
      QueryRequest b =
          new QueryRequest(PROJECT_B, "SELECT random() AS r", 10, 5, Set.of("secrets", "sales"));
      double r = ((Number) await(one.execute(b)).rows().get(0).get(0)).doubleValue();
      assertThat(r).isNotEqualTo(predicted);
    } finally {
      await(single.close());
    }
  }

  @Test
  @Order(15)
  void roleChangesDoNotSurviveTheRequestWithoutParser() throws Exception {
    for (String sql :
        List.of(
            "RESET ROLE",
            "SET ROLE " + roleB,
            "SET search_path = " + schemaB + ", public",
            "SET SESSION AUTHORIZATION DEFAULT",
            "COMMIT",
            "SET statement_timeout = 0")) {
      try {
        QueryResult r = await(executor.executeUnwrapped(req(sql), sql));
        assertNoSecret(r.toJson().encode());
      } catch (ApiException e) {
        assertNoSecret(describe(e));
      }
      // Whatever that statement did, the next request on the pool is confined again.
      for (int i = 0; i < 4; i++) {
        assertThat(bypassed("SELECT * FROM public.users").code()).isEqualTo("permission_denied");
        assertThat(bypassed("SELECT * FROM " + schemaB + ".secrets").code())
            .isEqualTo("permission_denied");
        // current_setting is revoked from reader roles (V50): the search path shows in what
        // "sales" resolves to (A's table has 5 rows, B's 1).
        QueryResult who =
            await(
                executor.executeUnwrapped(
                    req("x"), "SELECT current_user::text, (SELECT count(*) FROM sales)"));
        assertThat(who.rows().get(0)).containsExactly(roleA, 5L);
      }
    }
  }

  @Test
  @Order(16)
  void preparedStatementsOutliveTheRequestButRunConfined(Vertx vertx) throws Exception {
    // PREPARE is not transactional, so it survives the ROLLBACK; it is checked when executed, as
    // whatever role runs it then. One connection, so the EXECUTE meets the PREPARE.
    Pool single =
        PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(1))
            .connectingTo(
                new PgConnectOptions()
                    .setHost(PgTestDatabase.HOST)
                    .setPort(PgTestDatabase.PORT)
                    .setDatabase(db.database)
                    .setUser(db.appRole))
            .using(vertx)
            .build();
    try {
      QueryExecutor one = new QueryExecutor(vertx, single);
      String prepare = "PREPARE leak AS SELECT email FROM public.users";
      try {
        await(one.executeUnwrapped(req(prepare), prepare));
      } catch (ApiException e) {
        assertNoSecret(describe(e));
      }
      ApiException e = refusal(one.executeUnwrapped(req("EXECUTE leak"), "EXECUTE leak"));
      assertNoSecret(describe(e));
      assertThat(e.code()).isEqualTo("permission_denied");
      // and the guarded path refuses both outright (a statement it checked and refused: 403)
      assertThat(refusal(one.execute(req("EXECUTE leak"))).status()).isEqualTo(403);
    } finally {
      await(single.close());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // normal analytics

  @Test
  @Order(20)
  void groupByAggregateReturnsTheRightNumbers() throws Exception {
    QueryResult r =
        run(
            "SELECT region, sum(amount) AS total, count(*) AS n, avg(qty)::float8 AS q "
                + "FROM sales GROUP BY region ORDER BY region");
    assertThat(r.columns())
        .extracting(QueryResult.Column::name)
        .containsExactly("region", "total", "n", "q");
    assertThat(r.columns())
        .extracting(QueryResult.Column::type)
        .containsExactly("text", "decimal", "integer", "decimal");
    assertThat(r.rowCount()).isEqualTo(3);
    assertThat(r.truncated()).isFalse();
    assertThat(r.rows().get(0).get(0)).isEqualTo("east");
    assertThat((BigDecimal) r.rows().get(0).get(1)).isEqualByComparingTo("100.00");
    assertThat(r.rows().get(1).get(0)).isEqualTo("north");
    assertThat((BigDecimal) r.rows().get(1).get(1)).isEqualByComparingTo("30.50");
    assertThat(r.rows().get(1).get(2)).isEqualTo(2L);
    assertThat(r.rows().get(1).get(3)).isEqualTo(1.5);
    assertThat((BigDecimal) r.rows().get(2).get(1)).isEqualByComparingTo("10.00");
    assertThat(r.elapsedMs()).isGreaterThanOrEqualTo(0);
  }

  @Test
  @Order(21)
  void limitTruncatesToExactlyLimitRows() throws Exception {
    QueryResult r =
        await(
            executor.execute(
                new QueryRequest(
                    PROJECT_A, "SELECT g FROM generate_series(1, 100000) g", 10, 5, DATASETS_A)));
    assertThat(r.rowCount()).isEqualTo(10);
    assertThat(r.rows()).hasSize(10);
    assertThat(r.truncated()).isTrue();
    assertThat(r.rows().get(9)).containsExactly(10);

    QueryResult exact =
        await(
            executor.execute(new QueryRequest(PROJECT_A, "SELECT * FROM sales", 5, 5, DATASETS_A)));
    assertThat(exact.rowCount()).isEqualTo(5);
    assertThat(exact.truncated()).isFalse();
    QueryResult fewer =
        await(
            executor.execute(new QueryRequest(PROJECT_A, "SELECT * FROM sales", 4, 5, DATASETS_A)));
    assertThat(fewer.rowCount()).isEqualTo(4);
    assertThat(fewer.truncated()).isTrue();
  }

  @Test
  @Order(21)
  void neverFetchesMoreThanLimitPlusOneRows() throws Exception {
    // Row 12 would divide by zero; with limit 10 only 11 rows are ever produced by PostgreSQL.
    QueryResult r =
        await(
            executor.execute(
                new QueryRequest(
                    PROJECT_A,
                    "SELECT 1 / (g - 12) AS x FROM generate_series(1, 20) g",
                    10,
                    5,
                    DATASETS_A)));
    assertThat(r.rowCount()).isEqualTo(10);
    assertThat(r.truncated()).isTrue();
    ApiException e =
        refusal(
            executor.execute(
                new QueryRequest(
                    PROJECT_A,
                    "SELECT 1 / (g - 12) AS x FROM generate_series(1, 20) g",
                    11,
                    5,
                    DATASETS_A)));
    assertThat(e.getMessage()).isEqualTo("division by zero");
  }

  @Test
  @Order(22)
  void concurrentMixedQueriesLeaveThePoolClean() throws Exception {
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String sql =
          switch (i % 4) {
            case 0 -> "SELECT region, sum(amount) FROM sales GROUP BY region";
            case 1 -> "SELECT 1 / 0";
            case 2 ->
                "SELECT count(*) FROM generate_series(1, 100000000) a, generate_series(1, 100000000) b";
            default -> "SELECT * FROM public.users";
          };
      all.add(
          executor
              .execute(new QueryRequest(PROJECT_A, sql, 100, 1, DATASETS_A))
              .map(r -> "ok")
              .recover(
                  err ->
                      Future.succeededFuture(
                          err instanceof ApiException a ? a.code() : err.toString())));
    }
    List<Object> outcomes = new ArrayList<>();
    for (Future<?> f : all) outcomes.add(await(f));
    assertThat(outcomes).containsOnly("ok", "query_failed", "query_timeout", "table_not_allowed");
    assertThat(outcomes.stream().filter("query_timeout"::equals).count()).isEqualTo(6);
    assertThat(snapshot().get("pooled sessions")).isEqualTo(baseline.get("pooled sessions"));
  }

  @Test
  @Order(23)
  void cteAndUnionWork() throws Exception {
    QueryResult cte =
        run("WITH big AS (SELECT * FROM sales WHERE amount > 10) SELECT count(*) AS n FROM big");
    assertThat(cte.rows()).containsExactly(List.of(3L));
    QueryResult union =
        run("SELECT region FROM sales WHERE region = 'east' UNION SELECT 'west' ORDER BY 1");
    assertThat(union.rows()).containsExactly(List.of("east"), List.of("west"));
    QueryResult all = run("SELECT region FROM sales UNION ALL SELECT region FROM sales");
    assertThat(all.rowCount()).isEqualTo(10);
  }

  @Test
  @Order(23)
  void windowFunctionsWork() throws Exception {
    QueryResult r =
        run(
            "SELECT region, amount, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn, "
                + "sum(amount) OVER (PARTITION BY region) AS region_total FROM sales ORDER BY region, rn");
    assertThat(r.rowCount()).isEqualTo(5);
    List<Object> north1 = r.rows().get(1);
    assertThat(north1.get(0)).isEqualTo("north");
    assertThat((BigDecimal) north1.get(1)).isEqualByComparingTo("20.00");
    assertThat(north1.get(2)).isEqualTo(1L);
    assertThat((BigDecimal) north1.get(3)).isEqualByComparingTo("30.50");
  }

  @Test
  @Order(24)
  void dateAndScalarFunctionsWork() throws Exception {
    QueryResult r =
        run(
            "SELECT date_trunc('month', day)::date AS m, extract(month FROM day) AS mon, "
                + "coalesce(NULL, region) AS r, round(sum(amount) / 3, 2) AS third, count(DISTINCT region) AS regions "
                + "FROM sales GROUP BY 1, 2, 3 ORDER BY 1, 3");
    assertThat(r.columns())
        .extracting(QueryResult.Column::type)
        .containsExactly("date", "decimal", "text", "decimal", "integer");
    assertThat(r.rows().get(0).get(0)).isEqualTo("2024-01-01");
    assertThat((BigDecimal) r.rows().get(0).get(1)).isEqualByComparingTo("1");
    assertThat(r.rows().get(0).get(2)).isEqualTo("north");
    assertThat((BigDecimal) r.rows().get(0).get(3)).isEqualByComparingTo("10.17");
    assertThat(r.rows().get(0).get(4)).isEqualTo(1L);
    QueryResult d = run("SELECT count(DISTINCT region) FROM sales");
    assertThat(d.rows()).containsExactly(List.of(3L));
  }

  @Test
  @Order(25)
  void valuesAreJsonFriendly() throws Exception {
    QueryResult r =
        run(
            "SELECT 1::int2 AS a, 2::int8 AS b, 1.5::float8 AS c, 'x'::varchar AS d, true AS e, "
                + "date '2024-01-02' AS f, timestamp '2024-01-02 03:04:05' AS g, "
                + "timestamptz '2024-01-02 03:04:05+02' AS h, interval '1 day 2 hours' AS i, "
                + "'{\"k\": [1, 2]}'::jsonb AS j, NULL::text AS k, 'NaN'::numeric AS l, 'x'::char(3) AS m, "
                + "'{1,2}'::int[] AS n, 12345678901234567890.123::numeric AS o, "
                + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS p");
    assertThat(r.columns())
        .extracting(QueryResult.Column::type)
        .containsExactly(
            "integer",
            "integer",
            "decimal",
            "text",
            "boolean",
            "date",
            "timestamp",
            "timestamp",
            "interval",
            "jsonb",
            "text",
            "decimal",
            "text",
            "integer[]",
            "decimal",
            "uuid");
    List<Object> row = r.rows().get(0);
    assertThat(row.get(0)).isEqualTo(1);
    assertThat(row.get(1)).isEqualTo(2L);
    assertThat(row.get(2)).isEqualTo(1.5);
    assertThat(row.get(3)).isEqualTo("x");
    assertThat(row.get(4)).isEqualTo(true);
    assertThat(row.get(5)).isEqualTo("2024-01-02");
    assertThat(row.get(6)).isEqualTo("2024-01-02T03:04:05.000Z");
    assertThat(row.get(7)).isEqualTo("2024-01-02T01:04:05.000Z");
    assertThat(row.get(8)).isEqualTo("P1DT2H");
    assertThat(row.get(9)).isEqualTo(new JsonObject().put("k", new JsonArray().add(1).add(2)));
    assertThat(row.get(10)).isNull();
    assertThat(row.get(11)).isEqualTo("NaN");
    assertThat(row.get(12)).isEqualTo("x  ");
    assertThat(row.get(13)).isEqualTo(List.of(1, 2));
    // A decimal a double cannot hold exactly is sent as its exact digits in a string (#17.1).
    assertThat(row.get(14)).isEqualTo("12345678901234567890.123");
    assertThat(row.get(15)).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    assertThat(r.toJson().encode()).contains("12345678901234567890.123");
  }

  @Test
  @Order(26)
  void databaseErrorsCarryPostgresMessage() throws Exception {
    ApiException e = refusal(executor.execute(req("SELECT nosuchcolumn FROM sales")));
    assertThat(e.status()).isEqualTo(422);
    assertThat(e.code()).isEqualTo("query_failed");
    assertThat(e.getMessage()).contains("nosuchcolumn");
    assertThat(e.details().getString("sqlstate")).isEqualTo("42703");
    ApiException div = refusal(executor.execute(req("SELECT 1 / 0")));
    assertThat(div.code()).isEqualTo("query_failed");
    assertThat(div.getMessage()).isEqualTo("division by zero");
    ApiException missing =
        refusal(executor.executeUnwrapped(req("x"), "SELECT * FROM nosuchtable"));
    assertThat(missing.code()).isEqualTo("unknown_table");
    assertThat(missing.getMessage()).contains("nosuchtable");
  }

  @Test
  @Order(27)
  void unknownProjectFailsWithoutRunningTheQuery() throws Exception {
    ApiException e =
        refusal(executor.execute(new QueryRequest(UUID.randomUUID(), "SELECT 1", 10, 5, Set.of())));
    assertThat(e.status()).isEqualTo(500);
    assertThat(e.code()).isEqualTo("query_setup_failed");
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  @Order(100)
  void nothingChangedAfterAllOfIt() throws Exception {
    Map<String, String> now = snapshot();
    assertThat(now).isEqualTo(baseline);
    assertThat(Files.exists(Path.of("/tmp/x_" + db.suffix))).isFalse();
    assertThat(baseline.get("pooled sessions"))
        .startsWith(db.appRole + "/" + db.appRole + "/\"$user\", public/0/off/true/");
    assertThat(baseline.get("A can read users")).isEqualTo("false");
    assertThat(baseline.get("A can use B")).isEqualTo("false");
    assertThat(baseline.get("A set_config")).isEqualTo("false");
  }
}
