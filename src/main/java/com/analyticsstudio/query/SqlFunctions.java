package com.analyticsstudio.query;

import java.util.Locale;
import java.util.Set;

/**
 * The allow-lists the guard uses. Everything not listed here is refused: adding a function is a
 * deliberate, reviewed act. Names are PostgreSQL's (lower case).
 */
public final class SqlFunctions {
  private SqlFunctions() {}

  /** Functions (scalar, aggregate and window) a query may call. */
  static final Set<String> ALLOWED =
      Set.of(
          // aggregates
          "count",
          "sum",
          "avg",
          "min",
          "max",
          "stddev",
          "stddev_pop",
          "stddev_samp",
          "variance",
          "var_pop",
          "var_samp",
          "string_agg",
          "array_agg",
          "bool_and",
          "bool_or",
          "every",
          "bit_and",
          "bit_or",
          "percentile_cont",
          "percentile_disc",
          "mode",
          "corr",
          "covar_pop",
          "covar_samp",
          "regr_avgx",
          "regr_avgy",
          "regr_count",
          "regr_intercept",
          "regr_r2",
          "regr_slope",
          "regr_sxx",
          "regr_sxy",
          "regr_syy",
          "json_agg",
          "jsonb_agg",
          "json_object_agg",
          "jsonb_object_agg",
          "grouping",
          "rollup",
          "cube", // ROLLUP (…) / CUBE (…) in GROUP BY parse as calls
          // window
          "row_number",
          "rank",
          "dense_rank",
          "percent_rank",
          "cume_dist",
          "ntile",
          "lag",
          "lead",
          "first_value",
          "last_value",
          "nth_value",
          // math
          "abs",
          "ceil",
          "ceiling",
          "floor",
          "round",
          "trunc",
          "sign",
          "sqrt",
          "cbrt",
          "power",
          "pow",
          "exp",
          "ln",
          "log",
          "log10",
          "mod",
          "div",
          "pi",
          "degrees",
          "radians",
          "width_bucket",
          "random",
          "sin",
          "cos",
          "tan",
          "asin",
          "acos",
          "atan",
          "atan2",
          "gcd",
          "lcm",
          "factorial",
          "scale",
          "trim_scale",
          // string
          "length",
          "char_length",
          "character_length",
          "octet_length",
          "bit_length",
          "lower",
          "upper",
          "initcap",
          "trim",
          "btrim",
          "ltrim",
          "rtrim",
          "lpad",
          "rpad",
          "substr",
          "substring",
          "left",
          "right",
          "replace",
          "reverse",
          "repeat",
          "concat",
          "concat_ws",
          "position",
          "strpos",
          "split_part",
          "starts_with",
          "regexp_replace",
          "regexp_match",
          "regexp_matches",
          "regexp_split_to_array",
          "regexp_split_to_table",
          "regexp_count",
          "regexp_instr",
          "regexp_like",
          "regexp_substr",
          "translate",
          "md5",
          "sha256",
          "to_char",
          "to_number",
          "ascii",
          "chr",
          "string_to_array",
          "array_to_string",
          "overlay",
          "format",
          "quote_ident",
          "quote_literal",
          "quote_nullable",
          "to_hex",
          "encode",
          "decode",
          "gen_random_uuid",
          // date / time
          "now",
          "date_trunc",
          "date_part",
          "date_bin",
          "age",
          "make_date",
          "make_time",
          "make_timestamp",
          "make_timestamptz",
          "make_interval",
          "to_date",
          "to_timestamp",
          "clock_timestamp",
          "statement_timestamp",
          "transaction_timestamp",
          "justify_days",
          "justify_hours",
          "justify_interval",
          "isfinite",
          "extract",
          // conditional
          "coalesce",
          "nullif",
          "greatest",
          "least",
          "num_nulls",
          "num_nonnulls",
          // function-style casts
          "date",
          "text",
          "numeric",
          "int2",
          "int4",
          "int8",
          "float4",
          "float8",
          "bool",
          "varchar",
          // arrays
          "array_length",
          "cardinality",
          "unnest",
          "array_position",
          "array_positions",
          "array_append",
          "array_prepend",
          "array_cat",
          "array_remove",
          "array_replace",
          "array_upper",
          "array_lower",
          "generate_series",
          "generate_subscripts",
          // json accessors and builders
          "json_extract_path",
          "json_extract_path_text",
          "jsonb_extract_path",
          "jsonb_extract_path_text",
          "json_array_length",
          "jsonb_array_length",
          "json_typeof",
          "jsonb_typeof",
          "json_build_object",
          "jsonb_build_object",
          "json_build_array",
          "jsonb_build_array",
          "to_json",
          "to_jsonb",
          "json_array_elements",
          "jsonb_array_elements",
          "json_array_elements_text",
          "jsonb_array_elements_text",
          "json_each",
          "jsonb_each",
          "json_each_text",
          "jsonb_each_text",
          "json_object_keys",
          "jsonb_object_keys",
          "jsonb_path_query",
          "jsonb_path_query_first",
          "jsonb_path_exists",
          "jsonb_path_query_array",
          "jsonb_pretty",
          "jsonb_strip_nulls",
          "json_strip_nulls",
          "row_to_json");

  /**
   * Keywords JSqlParser represents as function calls; accepted only unquoted (then PostgreSQL reads
   * them as syntax).
   */
  static final Set<String> KEYWORD_CALLS = Set.of("any", "all", "some", "row");

  /** Set-returning functions allowed in FROM (each also in {@link #ALLOWED}). */
  static final Set<String> TABLE_FUNCTIONS =
      Set.of(
          "generate_series",
          "generate_subscripts",
          "unnest",
          "regexp_split_to_table",
          "regexp_matches",
          "json_array_elements",
          "jsonb_array_elements",
          "json_array_elements_text",
          "jsonb_array_elements_text",
          "json_each",
          "jsonb_each",
          "json_each_text",
          "jsonb_each_text",
          "json_object_keys",
          "jsonb_object_keys",
          "jsonb_path_query");

  /**
   * Functions of PostgreSQL 15's pg_catalog that take a single argument of type {@code record} or
   * any type and are not on {@link #ALLOWED}: the ones a dataset's row reaches through attribute
   * notation ({@code t.record_out} is {@code record_out(t)} when t has no such column). The guard
   * cannot tell such a name from a column of a dataset, so these names are refused after a
   * qualifier. {@code ReaderFunctionsIT} fails when PostgreSQL has one that is missing here.
   */
  static final Set<String> ROW_ARGUMENT_FUNCTIONS =
      Set.of(
          "any_out",
          "anycompatible_out",
          "anycompatiblenonarray_out",
          "anyelement_out",
          "anynonarray_out",
          "hash_record",
          "hash_record_extended",
          "record_out",
          "record_send",
          "pg_collation_for",
          "pg_column_compression",
          "pg_column_size",
          "pg_typeof");

  /**
   * SQL-standard "functions" PostgreSQL accepts without parentheses (parsed as keywords, not
   * calls).
   */
  static final Set<String> ALLOWED_TIME_KEYWORDS =
      Set.of("current_date", "current_time", "current_timestamp", "localtime", "localtimestamp");

  /**
   * Bare words that PostgreSQL evaluates as functions without parentheses and that reveal the
   * server's identity; refused when they appear unquoted as a column.
   */
  static final Set<String> PARENLESS_FUNCTIONS =
      Set.of(
          "user",
          "current_user",
          "session_user",
          "current_role",
          "system_user",
          "current_schema",
          "current_catalog");

  /** Types a value may be cast to ({@code CAST(x AS t)} / {@code x::t}); no reg* OID types. */
  static final Set<String> CAST_TYPES =
      Set.of(
          "smallint",
          "integer",
          "int",
          "bigint",
          "int2",
          "int4",
          "int8",
          "numeric",
          "decimal",
          "real",
          "float",
          "float4",
          "float8",
          "double precision",
          "double",
          "text",
          "varchar",
          "character varying",
          "char",
          "character",
          "bpchar",
          "boolean",
          "bool",
          "date",
          "time",
          "timetz",
          "time with time zone",
          "time without time zone",
          "timestamp",
          "timestamptz",
          "timestamp with time zone",
          "timestamp without time zone",
          "interval",
          "json",
          "jsonb",
          "uuid",
          "money");

  /**
   * Identifiers that must not appear anywhere in the token stream (PostgreSQL's view of it), even
   * quoted. A second net under the parse-tree allow-lists, for objects that expose the server.
   */
  public static boolean isForbiddenIdentifier(String ident) {
    String s = ident.toLowerCase(Locale.ROOT);
    return s.startsWith("pg_")
        || s.startsWith("lo_")
        || s.startsWith("dblink")
        || s.startsWith("txid_")
        || s.startsWith("to_reg")
        || s.startsWith("query_to_xml")
        || s.startsWith("table_to_xml")
        || s.startsWith("cursor_to_xml")
        || s.startsWith("schema_to_xml")
        || s.startsWith("database_to_xml")
        || s.startsWith("inet_client_")
        || s.startsWith("inet_server_")
        || (s.startsWith("has_") && s.endsWith("_privilege"))
        || (s.startsWith("reg") && REG_TYPES.contains(s))
        || FORBIDDEN_WORDS.contains(s);
  }

  private static final Set<String> REG_TYPES =
      Set.of(
          "regclass",
          "regproc",
          "regprocedure",
          "regoper",
          "regoperator",
          "regtype",
          "regrole",
          "regnamespace",
          "regconfig",
          "regdictionary",
          "regcollation");

  private static final Set<String> FORBIDDEN_WORDS =
      Set.of(
          "information_schema",
          "set_config",
          "current_setting",
          "current_database",
          "current_schemas",
          "session_user",
          "current_user",
          "current_role",
          "system_user",
          "current_catalog",
          "nextval",
          "setval",
          "currval",
          "lastval",
          "loread",
          "lowrite",
          "xpath",
          "xpath_exists",
          "xmlparse",
          "xmlserialize");
}
