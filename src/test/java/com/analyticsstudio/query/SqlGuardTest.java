package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class SqlGuardTest {

  private static final Set<String> DATASETS = Set.of("sales", "customers");

  private static GuardedSql ok(String sql) {
    return SqlGuard.check(sql, DATASETS);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(
      String sql, int status, String code) {
    return assertThatThrownBy(() -> SqlGuard.check(sql, DATASETS))
        .as(sql)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status())
                  .as("status of " + sql + ": " + e.getMessage())
                  .isEqualTo(status);
              assertThat(e.code()).as("code of " + sql + ": " + e.getMessage()).isEqualTo(code);
            });
  }

  // ---- accepted queries ------------------------------------------------------------------

  @Test
  void allowsPlainSelectFromDataset() {
    GuardedSql g =
        ok("SELECT region, sum(amount) AS total FROM sales GROUP BY region ORDER BY total DESC");
    assertThat(g.referencedTables()).containsExactly("sales");
    assertThat(g.sql())
        .isEqualTo(
            "SELECT region, sum(amount) AS total FROM sales GROUP BY region ORDER BY total DESC");
  }

  @Test
  void allowsSelectWithoutFrom() {
    assertThat(ok("select 1 + 2 as three").referencedTables()).isEmpty();
  }

  @Test
  void allowsTrailingSemicolon() {
    ok("SELECT * FROM sales;");
    ok("SELECT * FROM sales ; ;  -- done");
  }

  @Test
  void matchesDatasetNamesCaseInsensitivelyAndQuoted() {
    assertThat(ok("SELECT * FROM SALES").referencedTables()).containsExactly("sales");
    assertThat(ok("SELECT * FROM \"sales\" s").referencedTables()).containsExactly("sales");
    assertThat(ok("SELECT * FROM \"Sales\"").referencedTables()).containsExactly("sales");
  }

  @Test
  void reportsReferencedTablesWithCallersSpelling() {
    GuardedSql g =
        SqlGuard.check(
            "select * from orders o join ITEMS i on i.order_id = o.id", Set.of("Orders", "items"));
    assertThat(g.referencedTables()).containsExactlyInAnyOrder("Orders", "items");
  }

  @Test
  void allowsCteReferencingDatasets() {
    GuardedSql g =
        ok(
            "WITH big AS (SELECT * FROM sales WHERE amount > 100), c AS (SELECT id FROM customers) "
                + "SELECT count(*) FROM big JOIN c ON c.id = big.customer_id");
    assertThat(g.referencedTables()).containsExactlyInAnyOrder("sales", "customers");
  }

  @Test
  void allowsRecursiveCte() {
    ok(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT sum(i) FROM n");
  }

  @Test
  void allowsSetOperations() {
    ok("SELECT id FROM sales UNION SELECT id FROM customers");
    ok("SELECT id FROM sales UNION ALL SELECT id FROM customers ORDER BY 1 LIMIT 5");
    ok("SELECT id FROM sales INTERSECT SELECT id FROM customers");
    ok("SELECT id FROM sales EXCEPT SELECT id FROM customers");
    ok("(SELECT id FROM sales) UNION (SELECT id FROM customers)");
  }

  @Test
  void allowsSubqueriesJoinsAndAliases() {
    ok(
        "SELECT s.id, (SELECT max(amount) FROM sales s2 WHERE s2.region = s.region) AS m FROM sales AS s "
            + "LEFT JOIN customers c ON c.id = s.customer_id WHERE EXISTS (SELECT 1 FROM customers x WHERE x.id = s.id) "
            + "AND s.region IN (SELECT region FROM sales) AND s.amount BETWEEN 1 AND 10 AND s.name ILIKE '%a%'");
    ok("SELECT t.* FROM (SELECT id FROM sales) t");
    ok("SELECT * FROM sales CROSS JOIN customers");
    ok("SELECT * FROM sales JOIN customers USING (id)");
  }

  @Test
  void allowsWindowFunctions() {
    ok(
        "SELECT id, row_number() OVER (PARTITION BY region ORDER BY amount DESC) rn, "
            + "sum(amount) OVER (ORDER BY day ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) rolling, "
            + "lag(amount, 1) OVER (ORDER BY day), rank() OVER w FROM sales WINDOW w AS (ORDER BY amount)");
  }

  @Test
  void allowsCommonScalarFunctions() {
    ok(
        "SELECT date_trunc('month', day) m, extract(year FROM day) y, coalesce(region, 'n/a'), "
            + "round(avg(amount)::numeric, 2), count(DISTINCT customer_id), upper(lower(name)), "
            + "CASE WHEN amount > 10 THEN 'big' ELSE 'small' END, nullif(a, 0), greatest(1, 2), "
            + "to_char(day, 'YYYY-MM'), length(name), substring(name from 1 for 3), trim(both ' ' from name), "
            + "now(), current_date, current_timestamp, cast(amount AS integer), amount::float8, "
            + "day + interval '1 day', string_agg(name, ',' ORDER BY name), "
            + "percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) "
            + "FROM sales GROUP BY 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18");
  }

  @Test
  void allowsAggregateFilterAndGroupingSets() {
    ok("SELECT region, count(*) FILTER (WHERE amount > 10) FROM sales GROUP BY ROLLUP (region)");
  }

  @Test
  void allowsJsonAccessors() {
    ok(
        "SELECT payload->>'name', payload->'a'->'b', jsonb_array_length(payload->'items') FROM sales");
  }

  @Test
  void allowsGenerateSeriesInFrom() {
    ok("SELECT g FROM generate_series(1, 10) AS g");
    ok(
        "SELECT d::date FROM generate_series('2024-01-01'::date, '2024-12-31'::date, interval '1 month') d");
  }

  @Test
  void allowsStringsContainingSqlKeywordsAndSemicolons() {
    GuardedSql g =
        ok("SELECT 'DROP TABLE x; DELETE FROM y' AS s, 'it''s' FROM sales WHERE name = 'pg_sleep'");
    assertThat(g.referencedTables()).containsExactly("sales");
  }

  @Test
  void allowsBackslashInStandardStrings() {
    ok("SELECT regexp_replace(name, '\\d+', '') FROM sales");
  }

  @Test
  void allowsCommentsThatHideNothing() {
    ok("-- top\nSELECT /* inline */ id FROM sales -- tail");
  }

  @Test
  void normalizesWhitespaceCaseAndComments() {
    String a = ok("SELECT  Id,\n\tAMOUNT FROM Sales -- c\n WHERE name = 'X'").normalizedSql();
    String b = ok("select id, amount /* x */ from sales where NAME = 'X';").normalizedSql();
    assertThat(a).isEqualTo(b).isEqualTo("select id , amount from sales where name = 'X'");
  }

  @Test
  void keepsQuotedIdentifierCaseInNormalizedText() {
    assertThat(ok("SELECT \"Amount\" FROM sales").normalizedSql())
        .isEqualTo("select \"Amount\" from sales");
  }

  // ---- statement kinds ------------------------------------------------------------------

  @Test
  void refusesEmptyQuery() {
    refused("", 400, "empty_query");
    refused("   -- nothing\n", 400, "empty_query");
    refused(";", 400, "empty_query");
  }

  @Test
  void refusesOverlongQuery() {
    refused("SELECT " + "1 + ".repeat(30_000) + "1", 400, "query_too_long");
  }

  @Test
  void refusesDeepNesting() {
    refused("SELECT " + "(".repeat(60) + "1" + ")".repeat(60), 400, "query_too_complex");
  }

  @Test
  void refusesSyntaxErrorsWithPositionAndNoParserInternals() {
    refused("SELECT FROM WHERE", 400, "syntax_error")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .startsWith("syntax error at or near")
                    .doesNotContain("jsqlparser"));
    refused("SELECT region FROM sales WHERE", 400, "syntax_error")
        .satisfies(e -> assertThat(e.getMessage()).startsWith("syntax error").contains("line 1"));
  }

  @Test
  void refusesAStatementVerbAsNotASelect() {
    refused("COPY sales TO STDOUT", 403, "only_select")
        .hasMessage("only SELECT statements can run, not COPY");
    refused("  vacuum sales", 403, "only_select")
        .hasMessage("only SELECT statements can run, not VACUUM");
  }

  @Test
  void aTypoInTheFirstWordIsASyntaxErrorThatSuggestsTheWord() {
    refused("selct 1", 400, "syntax_error")
        .hasMessage("syntax error at or near \"selct\" (line 1, column 1) — did you mean SELECT?")
        .satisfies(
            e -> {
              JsonObject d = ((ApiException) e).details();
              assertThat(d.getInteger("line")).isEqualTo(1);
              assertThat(d.getInteger("column")).isEqualTo(1);
              assertThat(d.getString("suggestion")).isEqualTo("SELECT");
            });
    refused("SELEC 1", 400, "syntax_error")
        .satisfies(e -> assertThat(e.getMessage()).endsWith("did you mean SELECT?"));
    refused("-- note\n  slect * from sales", 400, "syntax_error")
        .satisfies(e -> assertThat(e.getMessage()).contains("(line 2, column 3)"));
    refused("wiht x as (select 1) select * from x", 400, "syntax_error")
        .satisfies(e -> assertThat(e.getMessage()).endsWith("did you mean WITH?"));
    // Not near any query word: a syntax error without a guess.
    refused("hello world", 400, "syntax_error")
        .hasMessage("syntax error at or near \"hello\" (line 1, column 1)");
    refused("42", 400, "syntax_error")
        .satisfies(
            e -> assertThat(((ApiException) e).details().containsKey("suggestion")).isFalse());
  }

  @Test
  void showsRefusedTableNamesWithoutQuotes() {
    refused("SELECT * FROM \"secrets\"", 403, "table_not_allowed")
        .hasMessage("table \"secrets\" is not a dataset of this project");
  }

  @Test
  void refusesDataModifyingStatements() {
    refused("INSERT INTO sales VALUES (1)", 403, "only_select");
    refused("UPDATE sales SET amount = 0", 403, "only_select");
    refused("DELETE FROM sales", 403, "only_select");
    refused(
        "MERGE INTO sales s USING customers c ON s.id = c.id WHEN MATCHED THEN DELETE",
        403,
        "only_select");
  }

  @Test
  void refusesDdl() {
    refused("CREATE TABLE x (a int)", 403, "only_select");
    refused("DROP TABLE sales", 403, "only_select");
    refused("ALTER TABLE sales ADD COLUMN x int", 403, "only_select");
    refused("TRUNCATE sales", 403, "only_select");
  }

  @Test
  void refusesSessionAndUtilityStatements() {
    for (String sql :
        new String[] {
          "SET ROLE postgres",
          "RESET ROLE",
          "SET search_path = public",
          "LOCK TABLE sales",
          "CALL do_things()",
          "PREPARE p AS SELECT 1",
          "EXECUTE p",
          "LISTEN x",
          "NOTIFY x",
          "DO $$ BEGIN END $$",
          "COPY sales TO STDOUT",
          "COPY (SELECT 1) TO '/tmp/x'",
          "EXPLAIN SELECT 1",
          "SHOW search_path",
          "BEGIN",
          "COMMIT",
          "VACUUM sales",
          "GRANT SELECT ON sales TO x",
          "DECLARE c CURSOR FOR SELECT 1",
          "DISCARD ALL",
          "TABLE sales"
        }) {
      assertThatThrownBy(() -> SqlGuard.check(sql, DATASETS))
          .as(sql)
          .isInstanceOfSatisfying(
              ApiException.class,
              // refused after checking (403 only_select) or not checkable (400): never run
              e ->
                  assertThat(e.status())
                      .as(sql + " " + e.code())
                      .isEqualTo("only_select".equals(e.code()) ? 403 : 400));
    }
  }

  @Test
  void refusesMultipleStatements() {
    refused("SELECT 1; DROP TABLE sales", 400, "multiple_statements");
    refused("SELECT 1; SELECT 2", 400, "multiple_statements");
    refused("SELECT 1;;SELECT 2;", 400, "multiple_statements");
  }

  @Test
  void refusesStatementsHiddenBehindLineComments() {
    // "-- \n DELETE" is code for PostgreSQL after the newline
    assertThatThrownBy(() -> ok("SELECT 1 -- \n; DELETE FROM sales"))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> ok("-- \n DELETE FROM sales")).isInstanceOf(ApiException.class);
  }

  @Test
  void allowsBlockCommentContainingStatementText() {
    // The comment really is a comment for both PostgreSQL and the parser.
    assertThat(ok("SELECT 1 /* ; DELETE FROM sales */").referencedTables()).isEmpty();
  }

  @Test
  void refusesNestedBlockComments() {
    refused("SELECT 1 /* /* */ , pg_sleep(1) /* */ */", 400, "unsupported_syntax");
    refused("SELECT 1 /* a /* b */ c */", 400, "unsupported_syntax");
  }

  @Test
  void refusesUnterminatedCommentsAndStrings() {
    refused("SELECT 1 /* open", 400, "syntax_error");
    refused("SELECT 'open", 400, "syntax_error");
    refused("SELECT \"open", 400, "syntax_error");
  }

  @Test
  void refusesSelectInto() {
    refused("SELECT * INTO stolen FROM sales", 403, "only_select");
    // JSqlParser does not know INTO TEMP; it is refused as a syntax error, which is just as good
    assertThatThrownBy(() -> ok("SELECT * INTO TEMP stolen FROM sales"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void refusesRowLocking() {
    refused("SELECT * FROM sales FOR UPDATE", 403, "only_select");
    refused("SELECT * FROM sales FOR SHARE", 403, "only_select");
    refused("SELECT * FROM sales FOR UPDATE OF sales NOWAIT", 403, "only_select");
    refused("SELECT * FROM sales FOR NO KEY UPDATE", 403, "only_select");
  }

  @Test
  void refusesDataModifyingCte() {
    refused("WITH x AS (DELETE FROM sales RETURNING *) SELECT * FROM x", 403, "only_select");
    refused(
        "WITH x AS (INSERT INTO sales VALUES (1) RETURNING *) SELECT * FROM x", 403, "only_select");
    refused(
        "WITH x AS (UPDATE sales SET amount = 0 RETURNING *) SELECT * FROM x", 403, "only_select");
  }

  // ---- tables ---------------------------------------------------------------------------

  @Test
  void refusesTablesOutsideTheProject() {
    refused("SELECT * FROM users", 403, "table_not_allowed")
        .hasMessage("table \"users\" is not a dataset of this project");
    refused("SELECT * FROM sales JOIN orders ON true", 403, "table_not_allowed");
    refused("SELECT * FROM sales WHERE id IN (SELECT id FROM secrets)", 403, "table_not_allowed");
    refused("SELECT (SELECT max(x) FROM secrets)", 403, "table_not_allowed");
  }

  @Test
  void refusesSchemaQualifiedTables() {
    refused("SELECT * FROM public.users", 403, "table_not_allowed");
    refused("SELECT * FROM \"public\".\"users\"", 403, "table_not_allowed");
    refused("SELECT * FROM p_0123456789abcdef0123456789abcdef.sales", 403, "table_not_allowed");
    refused("SELECT * FROM mydb.public.sales", 403, "table_not_allowed");
  }

  @Test
  void refusesSchemaQualifiedColumnReferences() {
    refused("SELECT public.users.email FROM sales", 403, "table_not_allowed");
  }

  @Test
  void refusesCatalogSnooping() {
    refused("SELECT * FROM pg_class", 403, "function_not_allowed");
    refused("SELECT * FROM pg_catalog.pg_tables", 403, "function_not_allowed");
    refused("SELECT * FROM information_schema.tables", 403, "function_not_allowed");
    refused("SELECT rolname FROM pg_roles", 403, "function_not_allowed");
    refused("SELECT query FROM pg_stat_activity", 403, "function_not_allowed");
    refused("SELECT * FROM \"pg_class\"", 403, "function_not_allowed");
  }

  @Test
  void refusesUnicodeEscapedIdentifiers() {
    refused("SELECT * FROM U&\"pub\\006cic\".\"users\"", 400, "unsupported_syntax");
    refused("SELECT U&'\\0041'", 400, "unsupported_syntax");
  }

  @Test
  void refusesCteShadowingWithForbiddenName() {
    refused("WITH pg_class AS (SELECT 1) SELECT * FROM pg_class", 403, "function_not_allowed");
  }

  // ---- functions ------------------------------------------------------------------------

  @Test
  void refusesServerFunctions() {
    refused("SELECT set_config('role', 'x', true)", 403, "function_not_allowed");
    refused("SELECT current_setting('search_path')", 403, "function_not_allowed");
    refused("SELECT pg_sleep(10)", 403, "function_not_allowed");
    refused("SELECT pg_read_file('/etc/passwd')", 403, "function_not_allowed");
    refused("SELECT * FROM pg_ls_dir('.')", 403, "function_not_allowed");
    refused("SELECT lo_import('/etc/passwd')", 403, "function_not_allowed");
    refused(
        "SELECT query_to_xml('select * from public.users', true, true, '')",
        403,
        "function_not_allowed");
    refused("SELECT dblink('host=x', 'select 1')", 403, "function_not_allowed");
    refused("SELECT txid_current()", 403, "function_not_allowed");
    refused("SELECT inet_server_addr()", 403, "function_not_allowed");
    refused("SELECT nextval('s')", 403, "function_not_allowed");
  }

  @Test
  void refusesFunctionsNotOnTheAllowList() {
    refused("SELECT version()", 403, "function_not_allowed");
    refused("SELECT format_type(23, null)", 403, "function_not_allowed");
    refused("SELECT obj_description(1)", 403, "function_not_allowed");
    refused(
        "SELECT sum(amount) FILTER (WHERE evil(amount)) FROM sales", 403, "function_not_allowed");
    refused("SELECT * FROM sales WHERE amount > (SELECT evil())", 403, "function_not_allowed");
  }

  @Test
  void refusesQuotedFunctionNames() {
    refused("SELECT \"pg_sleep\"(1)", 403, "function_not_allowed");
    refused("SELECT \"version\"()", 403, "function_not_allowed");
  }

  @Test
  void refusesSchemaQualifiedFunctions() {
    refused("SELECT pg_catalog.pg_sleep(1)", 403, "function_not_allowed");
    refused("SELECT public.lower('x')", 403, "function_not_allowed");
  }

  @Test
  void refusesParenlessIdentityFunctions() {
    refused("SELECT current_user", 403, "function_not_allowed");
    refused("SELECT session_user", 403, "function_not_allowed");
    refused("SELECT user", 403, "function_not_allowed");
    refused("SELECT current_schema", 403, "function_not_allowed");
  }

  @Test
  void allowsQuotedColumnNamedUser() {
    ok("SELECT \"user\" FROM sales");
  }

  @Test
  void refusesWindowFunctionsNotOnTheAllowList() {
    refused("SELECT evil(x) OVER () FROM sales", 403, "function_not_allowed");
  }

  @Test
  void refusesTableFunctionsNotOnTheAllowList() {
    refused("SELECT * FROM lower('x')", 403, "function_not_allowed");
    refused("SELECT * FROM evil()", 403, "function_not_allowed");
  }

  @Test
  void refusesOidCasts() {
    refused("SELECT 'pg_class'::regclass", 403, "function_not_allowed");
    refused("SELECT CAST('x' AS regclass)", 403, "function_not_allowed");
    refused("SELECT 'x'::name", 403, "type_not_allowed");
    refused("SELECT 'x'::public.mytype", 403, "type_not_allowed");
  }

  @Test
  void allowsCommonCasts() {
    ok(
        "SELECT amount::numeric(10,2), day::timestamp, day::timestamptz, id::text, id::bigint, "
            + "CAST(x AS double precision), CAST(d AS timestamp with time zone), '{1,2}'::int[] FROM sales");
  }

  // ---- lexical tricks -------------------------------------------------------------------

  @Test
  void refusesDollarQuoting() {
    refused("SELECT $$DROP TABLE x$$", 400, "unsupported_syntax");
    refused("SELECT $tag$x$tag$", 400, "unsupported_syntax");
  }

  @Test
  void countsPositionalParameters() {
    assertThat(ok("SELECT * FROM sales").parameterCount()).isZero();
    assertThat(ok("SELECT * FROM sales WHERE id = $1").parameterCount()).isEqualTo(1);
    assertThat(ok("SELECT * FROM sales WHERE id = $2 OR id = $1 OR id = $2").parameterCount())
        .isEqualTo(2);
    assertThat(ok("SELECT * FROM sales WHERE id IN ($1, $2) LIMIT $3").parameterCount())
        .isEqualTo(3);
    assertThat(ok("SELECT $1::int + 1").parameterCount()).isEqualTo(1);
    // In a string or a comment, $1 is text, not a parameter.
    assertThat(ok("SELECT '$1' AS t -- and $2").parameterCount()).isZero();
    assertThat(ok("SELECT * FROM sales WHERE id = $1").normalizedSql()).contains("$1");
  }

  @Test
  void refusesParametersPostgresqlWouldNotNumberTheSame() {
    refused("SELECT * FROM sales WHERE id = ?", 400, "unsupported_syntax");
    refused("SELECT * FROM sales WHERE id = $2", 400, "syntax_error");
    refused("SELECT * FROM sales WHERE id = $1 OR id = $3", 400, "syntax_error");
    refused("SELECT * FROM sales WHERE id = $1a", 400, "syntax_error");
    refused("SELECT * FROM sales WHERE id = $0", 400, "syntax_error");
    refused("SELECT * FROM sales WHERE id = $101", 400, "syntax_error");
    refused("SELECT * FROM sales WHERE id = $99999999999", 400, "syntax_error");
  }

  @Test
  void refusesBackslashEscapesInEscapeStrings() {
    refused("SELECT E'\\'', version() --'", 400, "unsupported_syntax");
  }

  @Test
  void refusesStringsTheParserReadsDifferently() {
    // PostgreSQL (standard_conforming_strings=on): 'a\' is a whole string, version() is a call.
    assertThatThrownBy(() -> ok("SELECT 'a\\', version() --'")).isInstanceOf(ApiException.class);
  }

  @Test
  void refusesHexAndBitStrings() {
    refused("SELECT X'1F'", 400, "unsupported_syntax");
  }

  @Test
  void refusesNulCharacter() {
    refused("SELECT 1\0", 400, "syntax_error");
  }

  @Test
  void refusesTextOnlyTheParserTreatsAsComment() {
    // JSqlParser skips "//" and "#" to the end of the line; PostgreSQL reads them as operators.
    refused("SELECT 1 // ascii(version())", 400, "unsupported_syntax");
    // PostgreSQL: "SELECT 4 / ascii(version()) AS ascii, 1 AS version"; JSqlParser: "SELECT 4 AS
    // ascii, 1 AS version"
    refused("SELECT 4 //* */ ascii(version())\n AS ascii, 1 AS version", 400, "unsupported_syntax");
    assertThatThrownBy(() -> ok("SELECT 1 # ascii(version())")).isInstanceOf(ApiException.class);
    refused("SELECT 1 /*! x */ // lower(name) FROM sales", 400, "unsupported_syntax");
  }

  @Test
  void allowsAnyAllAndRowConstructors() {
    ok("SELECT * FROM sales WHERE qty = ANY (ARRAY[1, 2, 3]) AND qty > ALL (SELECT 0)");
    ok("SELECT ROW(1, 2), (ARRAY[1, 2, 3])[1], qty << 1, qty % 2, region || '-' FROM sales");
    refused("SELECT \"any\"(1)", 403, "function_not_allowed");
  }

  @Test
  void allowsCommonAnalyticalSyntax() {
    ok("SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, name)");
    ok(
        "SELECT s.region, x.n FROM sales s, LATERAL (SELECT count(*) AS n FROM sales t WHERE t.region = s.region) x");
    ok("SELECT region, sum(amount) FROM sales GROUP BY GROUPING SETS ((region), ())");
    ok(
        "SELECT DISTINCT ON (region) region, amount FROM sales ORDER BY region, amount DESC NULLS LAST");
    ok("SELECT * FROM sales ORDER BY amount OFFSET 2 FETCH FIRST 3 ROWS ONLY");
    ok(
        "SELECT * FROM sales WHERE region IS NOT DISTINCT FROM 'x' OR region SIMILAR TO 'n%' OR region ~ '^n'");
    ok("SELECT day AT TIME ZONE 'UTC', region COLLATE \"C\" FROM sales");
    ok("SELECT x, i FROM unnest(ARRAY[1, 2]) WITH ORDINALITY AS t(x, i)");
    ok("SELECT payload #>> '{a,b}', payload @> '{\"a\":1}' FROM sales");
    ok("SELECT extract(epoch FROM day), date_part('dow', day) FROM sales ORDER BY day");
  }

  @Test
  void refusesUnsupportedConstructs() {
    refused("SELECT * FROM sales TABLESAMPLE SYSTEM (10)", 400, "unsupported_syntax");
    refused(
        "SELECT * FROM ROWS FROM (generate_series(1, 2), generate_series(1, 3))",
        400,
        "unsupported_syntax");
  }

  @Test
  void neverEchoesTheSchemaOfAQualifiedName() {
    refused("SELECT * FROM p_0123456789abcdef0123456789abcdef.secrets", 403, "table_not_allowed")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("p_0123").contains("secrets"));
  }

  @Test
  void splitsNumbersFromFollowingNamesLikePostgres() {
    // PostgreSQL 15 reads "1version()" as "1" followed by "version()"
    assertThatThrownBy(() -> ok("SELECT 1version()")).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> ok("SELECT 0x1, 1pg_sleep(1)")).isInstanceOf(ApiException.class);
    ok("SELECT 1.5e3, .5, 2e-2, 1.0 FROM sales");
  }

  @Test
  void refusesOverlongNamesPostgresWouldTruncate() {
    refused("SELECT * FROM " + "s".repeat(64), 400, "syntax_error");
  }

  @Test
  void foldsOnlyAsciiLettersLikePostgres() {
    // U+212A KELVIN SIGN lower-cases to "k" in Java but not in PostgreSQL
    assertThatThrownBy(() -> SqlGuard.check("SELECT * FROM \u212Apis", Set.of("kpis")))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("table_not_allowed"));
  }

  // ---- attribute notation and typed literals (issue #15) ---------------------------------

  @Test
  void refusesFunctionsCalledThroughAttributeNotation() {
    // PostgreSQL reads g.f as f(g) when g has no column f.
    refused(
        "SELECT g.obj_description FROM generate_series(1299,1299) g", 403, "function_not_allowed");
    refused("SELECT g.setseed FROM generate_series(0.5,0.5) g", 403, "function_not_allowed");
    refused(
        "SELECT t.setseed FROM unnest(ARRAY[0.5]) WITH ORDINALITY AS t(x, i)",
        403,
        "function_not_allowed");
    refused("SELECT x.setseed FROM (SELECT 0.5 AS n) x", 403, "function_not_allowed");
    refused("SELECT v.setseed FROM (VALUES (0.5)) v", 403, "function_not_allowed");
    refused("WITH c AS (SELECT 0.5 AS n) SELECT c.setseed FROM c", 403, "function_not_allowed");
    // not a FROM alias at all: a column, and the call is setseed(amount)
    refused("SELECT amount.setseed FROM sales", 403, "function_not_allowed");
    refused(
        "SELECT * FROM sales WHERE amount.obj_description IS NULL", 403, "function_not_allowed");
    // a dataset's row reaches only functions of a row or of any type
    refused("SELECT s.record_out FROM sales s", 403, "function_not_allowed");
    refused("SELECT sales.hash_record FROM sales", 403, "function_not_allowed");
    // (g).f is refused outright
    refused("SELECT (g).setseed FROM generate_series(1, 1) g", 400, "unsupported_syntax");
  }

  @Test
  void allowsColumnsReferencedThroughTheirAlias() {
    ok("SELECT g.g, g.g + 1 FROM generate_series(1, 3) g");
    ok("SELECT t.x, t.i FROM unnest(ARRAY[1, 2]) WITH ORDINALITY AS t(x, i)");
    ok("SELECT s.region, s.amount, sales.qty FROM sales s JOIN sales ON true");
    ok("SELECT x.n FROM (SELECT count(*) AS n FROM sales) x");
    ok("SELECT c.total FROM (SELECT sum(amount) total FROM sales) c(total)");
    ok("SELECT e.key, e.value FROM jsonb_each('{\"a\":1}') e");
    ok("SELECT v.column1, w.n FROM (VALUES (1)) v, (VALUES (2)) w(n)");
    ok("WITH c AS (SELECT region FROM sales) SELECT c.region FROM c");
    // an allowed function through attribute notation is just that function
    ok("SELECT g.abs FROM generate_series(-3, -1) g");
  }

  @Test
  void checksTypedLiteralsLikeCasts() {
    refused("SELECT aclitem 'postgres=arwdDxt/postgres'", 403, "type_not_allowed");
    refused("SELECT oid '1259'", 403, "type_not_allowed");
    refused("SELECT tid '(0,1)'", 403, "type_not_allowed");
    refused("SELECT xml '<a/>'", 403, "type_not_allowed");
    refused("SELECT name 'x'", 403, "type_not_allowed");
    refused("SELECT \"aclitem\" 'x'", 403, "type_not_allowed");
    refused("SELECT public.aclitem 'x'", 403, "type_not_allowed");
    refused("SELECT pg_catalog.oid '1'", 403, "function_not_allowed");
    refused("SELECT bit(3) '101'", 403, "type_not_allowed");
    refused("SELECT * FROM sales WHERE region = xml 'x'", 403, "type_not_allowed");
    refused("SELECT regclass 'pg_class'", 403, "function_not_allowed");
    refused("SELECT regrole 'postgres'", 403, "function_not_allowed");
    refused("SELECT regnamespace 'public'", 403, "function_not_allowed");
    // the same types as casts
    refused("SELECT 'x'::aclitem", 403, "type_not_allowed");
    refused("SELECT CAST('1' AS oid)", 403, "type_not_allowed");
  }

  @Test
  void allowsTypedLiteralsOfAllowedTypes() {
    ok(
        "SELECT text 'x', \"int4\" '1', numeric(10,2) '1.5', varchar(3) 'abc', double precision '1', "
            + "timestamp with time zone '2024-01-01', date '2024-01-02', interval '1 day', jsonb '{}', int '1'");
    ok(
        "SELECT region FROM sales WHERE region LIKE 'n%' ESCAPE '!' OR region SIMILAR TO 'x' OR region IN ('a') "
            + "ORDER BY day AT TIME ZONE 'UTC'");
  }

  @Test
  void refusesStringAliases() {
    // not PostgreSQL syntax; JSqlParser would read 'x' as an alias
    refused("SELECT (1) 'x'", 400, "syntax_error");
  }

  @Test
  void refusesPerConnectionStateFunctionsInAnySyntax() {
    refused("SELECT setseed(0.5)", 403, "function_not_allowed");
    refused(
        "SELECT * FROM generate_series(1, 1) g WHERE setseed(0.5) IS NULL",
        403,
        "function_not_allowed");
    refused("SELECT * FROM setseed(0.5)", 403, "function_not_allowed");
    refused("SELECT pg_advisory_lock(1)", 403, "function_not_allowed");
    refused("SELECT g.pg_advisory_lock FROM generate_series(1, 1) g", 403, "function_not_allowed");
    refused("SELECT g.set_config FROM generate_series(1, 1) g", 403, "function_not_allowed");
    refused("SELECT pg_notify('x', 'y')", 403, "function_not_allowed");
    refused("SELECT g.ts_stat FROM unnest(ARRAY['select 1']) g", 403, "function_not_allowed");
    refused("SELECT ts_rewrite('a'::tsquery, 'select 1')", 403, "function_not_allowed");
    refused("SELECT g.ts_rewrite FROM unnest(ARRAY['a']) g", 403, "function_not_allowed");
    refused("SELECT dblink_connect('x')", 403, "function_not_allowed");
    refused("PREPARE p AS SELECT 1", 403, "only_select");
    refused("DEALLOCATE ALL", 403, "only_select");
    refused("DISCARD ALL", 403, "only_select");
  }

  @Test
  void refusesConstructsOutsideTheAllowListsAsUnsupported() {
    refused("SELECT 1 # 2", 400, "unsupported_syntax");
    refused("SELECT TOP 1 * FROM sales", 400, "unsupported_syntax");
    refused("SELECT * FROM sales QUALIFY row_number() OVER () = 1", 400, "unsupported_syntax");
    refused("SELECT @x", 400, "unsupported_syntax");
  }
}
