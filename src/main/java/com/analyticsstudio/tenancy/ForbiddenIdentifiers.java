package com.analyticsstudio.tenancy;

import java.util.Locale;
import java.util.Set;

/**
 * Names that expose the server: the query guard refuses them anywhere in a statement, even quoted,
 * so no dataset table or column may be named so either (it could never be queried). One list, read
 * by the guard, by dataset naming ({@link ProjectSchemas#requireValidTableName}) and by ingest's
 * column naming.
 */
public final class ForbiddenIdentifiers {

  private ForbiddenIdentifiers() {}

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
