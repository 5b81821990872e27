package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.tenancy.ForbiddenIdentifiers;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;

/**
 * The parser filter every user statement passes before it reaches PostgreSQL.
 *
 * <p>Three independent checks, each of which must pass:
 *
 * <ol>
 *   <li><b>PostgreSQL's token view</b> ({@link PgLexer}): exactly one statement (a trailing {@code
 *       ;} is tolerated), none of the lexical constructs where a Java parser and PostgreSQL are
 *       known to disagree, no identifier that names a server-side facility ({@code pg_*}, {@code
 *       information_schema}, {@code set_config}, {@code lo_*}, reg* types …), quoted or not, and
 *       every typed literal ({@code type 'string'}) of a type on the cast allow-list.
 *   <li><b>The parse tree</b> (JSqlParser, walked with its public visitors by {@link
 *       SqlTreeCheck}): one {@code SELECT} (plain, {@code WITH …}, set operation or {@code
 *       VALUES}); deny by default: every statement, query, FROM item and expression class must be
 *       on an allow-list, so a construct added in a future parser version is refused, not silently
 *       ignored; tables must be CTE names or the project's datasets, never schema-qualified;
 *       functions (also called through attribute notation, {@code g.setseed}), table functions and
 *       cast types come from allow-lists; {@code SELECT … INTO}, {@code FOR UPDATE/SHARE} and
 *       data-modifying CTEs are refused.
 *   <li><b>Agreement</b> between the two readings, because the original text is what runs: every
 *       name PostgreSQL sees must be one the tree walk read, and every string literal the parser
 *       saw must be one PostgreSQL sees, so nothing the parser treated as a comment or "inside a
 *       string" is code for PostgreSQL.
 * </ol>
 *
 * The guard is the first wall, not the only one: {@link QueryExecutor} also confines the session
 * inside PostgreSQL (read-only transaction, per-project role and search_path, revoked functions).
 *
 * <p>Thread-safe and stateless; parsing is CPU-bound, so callers on an event loop should run it on
 * a worker ({@link QueryExecutor} does).
 */
public final class SqlGuard {

  /** Longest SQL text accepted, in characters. */
  public static final int MAX_SQL_LENGTH = 100_000;

  /** Deepest parenthesis nesting accepted (JSqlParser backtracks badly on deep nesting). */
  public static final int MAX_NESTING_DEPTH = 40;

  private static final long PARSE_TIMEOUT_MS = 2_000;

  private static final ExecutorService PARSER_THREADS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "sql-guard-parser");
            t.setDaemon(true);
            return t;
          });

  private SqlGuard() {}

  /**
   * Checks one user statement.
   *
   * @param sql the SQL text as the user sent it
   * @param allowedTables the project's dataset table names (matched case-insensitively)
   * @return the statement's normalised text and the datasets it reads
   * @throws ApiException 400 ({@code empty_query}, {@code query_too_long}, {@code syntax_error},
   *     {@code multiple_statements}, {@code unsupported_syntax}: the text cannot be checked) or 403
   *     ({@code only_select}, {@code table_not_allowed}, {@code function_not_allowed}: checked and
   *     refused)
   */
  public static GuardedSql check(String sql, Set<String> allowedTables) {
    try {
      return doCheck(sql, allowedTables);
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // Fail closed: whatever the guard could not handle does not run.
      throw ApiException.badRequest(
          "unsupported_syntax", "the query could not be checked; simplify it");
    }
  }

  private static GuardedSql doCheck(String sql, Set<String> allowedTables) {
    if (sql == null || sql.isBlank()) {
      throw ApiException.badRequest("empty_query", "the query is empty");
    }
    if (sql.length() > MAX_SQL_LENGTH) {
      throw ApiException.badRequest(
          "query_too_long", "the query is longer than " + MAX_SQL_LENGTH + " characters");
    }
    List<PgLexer.Token> tokens = PgLexer.tokenize(sql);
    List<PgLexer.Token> body = withoutTrailingSemicolons(tokens);
    if (body.isEmpty()) {
      throw ApiException.badRequest("empty_query", "the query is empty");
    }
    for (PgLexer.Token t : body) {
      if (t.kind() == PgLexer.Kind.SEMICOLON) {
        throw ApiException.badRequest(
            "multiple_statements", "only one statement can run at a time");
      }
    }
    PgLexer.Token first = body.get(0);
    boolean selectStart =
        (first.kind() == PgLexer.Kind.IDENT && SELECT_STARTS.contains(first.text()))
            || (first.kind() == PgLexer.Kind.OPERATOR && first.text().equals("("));
    if (!selectStart) {
      throw notASelect(sql, first);
    }
    checkTokenIdentifiers(body);
    checkTypedLiterals(body);
    checkNesting(body);

    // What runs is the text up to its last significant token: trailing semicolons and comments are
    // cut (empty trailing statements trip the parser), nothing else is changed.
    String text = sql.substring(0, body.get(body.size() - 1).end());
    Statement statement = parseOne(text);

    Map<String, String> allowed = new HashMap<>();
    for (String t : allowedTables) {
      allowed.put(PgLexer.foldAscii(t), t);
    }
    SqlTreeCheck tree = new SqlTreeCheck(allowed);
    tree.check(statement);

    // Every name PostgreSQL will see must be one the walk read: if the parser skipped text as a
    // comment or hint that PostgreSQL executes (JSqlParser knows "//" and "#" comments, PostgreSQL
    // does not), or kept it in a part of the tree the walk does not read, a name in it is missing.
    for (PgLexer.Token t : body) {
      if (t.kind() == PgLexer.Kind.IDENT && KEYWORDS.contains(t.text())) continue;
      if (t.kind() == PgLexer.Kind.IDENT || t.kind() == PgLexer.Kind.QUOTED_IDENT) {
        for (String w : WORD_SPLIT.split(t.text())) {
          if (!w.isEmpty() && !tree.words.contains(w.toLowerCase(Locale.ROOT))) {
            throw ApiException.badRequest(
                "unsupported_syntax",
                "the query could not be read unambiguously near \"" + w + "\"; simplify it");
          }
        }
      }
    }

    List<String> lexerStrings = new ArrayList<>();
    for (PgLexer.Token t : body) {
      if (t.kind() == PgLexer.Kind.STRING) lexerStrings.add(t.text());
    }
    // Every literal the parser saw must be a literal PostgreSQL sees too. If the parser read code
    // as "inside a string" (the dangerous direction), that string will not be among PostgreSQL's.
    Map<String, Integer> available = new HashMap<>();
    for (String s : lexerStrings) available.merge(s, 1, Integer::sum);
    for (String s : tree.strings) {
      Integer left = available.get(s);
      if (left == null || left == 0) {
        throw ApiException.badRequest(
            "unsupported_syntax",
            "the query's string literals could not be read unambiguously; simplify the quoting");
      }
      available.put(s, left - 1);
    }
    return new GuardedSql(
        text, normalize(body), new LinkedHashSet<>(tree.referenced), parameterCount(body, tree));
  }

  /**
   * The statement's positional parameters: the ones PostgreSQL's lexer sees must be the ones the
   * parse tree holds (so none hides in text the parser skipped), numbered from {@code $1} without
   * gaps (PostgreSQL cannot type a parameter the statement never uses).
   */
  private static int parameterCount(List<PgLexer.Token> body, SqlTreeCheck tree) {
    List<Integer> lexed = new ArrayList<>();
    for (PgLexer.Token t : body) {
      if (t.kind() == PgLexer.Kind.PARAM) lexed.add(Integer.parseInt(t.text().substring(1)));
    }
    List<Integer> parsed = new ArrayList<>(tree.parameters);
    Collections.sort(lexed);
    Collections.sort(parsed);
    if (!lexed.equals(parsed)) {
      throw ApiException.badRequest(
          "unsupported_syntax",
          "the query's parameters ($1, $2, …) could not be read unambiguously; simplify it");
    }
    TreeSet<Integer> used = new TreeSet<>(lexed);
    int count = used.isEmpty() ? 0 : used.last();
    for (int i = 1; i <= count; i++) {
      if (!used.contains(i)) {
        throw ApiException.badRequest(
            "syntax_error",
            "the query uses $"
                + count
                + " but not $"
                + i
                + ": number parameters from $1 without"
                + " gaps");
      }
    }
    return count;
  }

  // ---------------------------------------------------------------------------------------------
  // token-level checks

  private static List<PgLexer.Token> withoutTrailingSemicolons(List<PgLexer.Token> tokens) {
    int end = tokens.size();
    while (end > 0 && tokens.get(end - 1).kind() == PgLexer.Kind.SEMICOLON) end--;
    return tokens.subList(0, end);
  }

  private static void checkTokenIdentifiers(List<PgLexer.Token> tokens) {
    for (PgLexer.Token t : tokens) {
      if ((t.kind() == PgLexer.Kind.IDENT || t.kind() == PgLexer.Kind.QUOTED_IDENT)
          && ForbiddenIdentifiers.isForbiddenIdentifier(t.text())) {
        throw ApiException.forbidden(
            "function_not_allowed",
            "\""
                + t.text()
                + "\" refers to the database server itself and cannot be used in a query");
      }
    }
  }

  private static void checkNesting(List<PgLexer.Token> tokens) {
    int depth = 0;
    for (PgLexer.Token t : tokens) {
      if (t.kind() != PgLexer.Kind.OPERATOR) continue;
      if (t.text().equals("(")) depth++;
      if (t.text().equals(")")) depth--;
      if (depth > MAX_NESTING_DEPTH) {
        throw ApiException.badRequest(
            "query_too_complex",
            "the query nests parentheses deeper than " + MAX_NESTING_DEPTH + " levels");
      }
    }
  }

  private static String normalize(List<PgLexer.Token> tokens) {
    StringBuilder out = new StringBuilder();
    for (PgLexer.Token t : tokens) {
      if (out.length() > 0) out.append(' ');
      switch (t.kind()) {
        case STRING -> out.append('\'').append(t.text()).append('\'');
        case QUOTED_IDENT -> out.append('"').append(t.text().replace("\"", "\"\"")).append('"');
        default -> out.append(t.text());
      }
    }
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // parsing

  private static Statement parseOne(String sql) {
    Statements statements;
    CCJSqlParser parser = CCJSqlParserUtil.newParser(sql).withTimeOut((int) PARSE_TIMEOUT_MS);
    try {
      statements = CCJSqlParserUtil.parseStatements(parser, PARSER_THREADS);
    } catch (JSQLParserException e) {
      throw syntaxError(e);
    } catch (RuntimeException | StackOverflowError e) {
      throw ApiException.badRequest("syntax_error", "the query could not be parsed");
    }
    if (statements == null || statements.isEmpty()) {
      throw ApiException.badRequest("empty_query", "the query is empty");
    }
    if (statements.size() > 1) {
      throw ApiException.badRequest("multiple_statements", "only one statement can run at a time");
    }
    Statement statement = statements.get(0);
    if (statement == null) {
      throw ApiException.badRequest("syntax_error", "the query could not be parsed");
    }
    return statement;
  }

  private static final Pattern PARSE_POSITION =
      Pattern.compile(
          "Encountered:?\\s*(?:<[^>]*>\\s*/\\s*)?\"?(.*?)\"?,? at line (\\d+), column (\\d+)");

  private static ApiException syntaxError(JSQLParserException e) {
    String detail = e.getMessage() == null ? "" : e.getMessage();
    if (detail.contains("Time out")) {
      return ApiException.badRequest("query_too_complex", "the query is too complex to check");
    }
    // Keep the position and token; the parser's own wording and class names are not for users.
    Matcher m = PARSE_POSITION.matcher(detail);
    JsonObject details =
        new JsonObject().put("hint", "only PostgreSQL SELECT statements are accepted");
    String message = "the query could not be parsed";
    if (m.find()) {
      String token = m.group(1).trim();
      if (token.length() > 40) token = token.substring(0, 40) + "…";
      int line = Integer.parseInt(m.group(2));
      int column = Integer.parseInt(m.group(3));
      message =
          token.isEmpty() || token.equals("<EOF>")
              ? "syntax error at end of query (line " + line + ", column " + column + ")"
              : "syntax error at or near \""
                  + token
                  + "\" (line "
                  + line
                  + ", column "
                  + column
                  + ")";
      details.put("line", line).put("column", column);
    }
    return ApiException.badRequest("syntax_error", message, details);
  }

  // ---------------------------------------------------------------------------------------------
  // agreement

  /** First words of a statement that can be a query. */
  private static final Set<String> SELECT_STARTS = Set.of("select", "with", "values");

  /**
   * The words a PostgreSQL statement other than a query can start with (its SQL commands). A first
   * word among them is a statement that is not allowed to run ({@code only_select}); any other
   * first word is a typo or not SQL at all, which PostgreSQL itself calls a syntax error.
   */
  private static final Set<String> STATEMENT_VERBS =
      Set.of(
          "abort",
          "alter",
          "analyze",
          "analyse",
          "begin",
          "call",
          "checkpoint",
          "close",
          "cluster",
          "comment",
          "commit",
          "copy",
          "create",
          "deallocate",
          "declare",
          "delete",
          "discard",
          "do",
          "drop",
          "end",
          "execute",
          "explain",
          "fetch",
          "grant",
          "import",
          "insert",
          "listen",
          "load",
          "lock",
          "merge",
          "move",
          "notify",
          "prepare",
          "reassign",
          "refresh",
          "reindex",
          "release",
          "reset",
          "revoke",
          "rollback",
          "savepoint",
          "security",
          "set",
          "show",
          "start",
          "table",
          "truncate",
          "unlisten",
          "update",
          "vacuum");

  /**
   * A first token that does not start a query: a statement verb is {@code only_select}; anything
   * else (a typo such as {@code selct}) is {@code syntax_error} at that word, with the verb it is
   * closest to when it is one letter or two away.
   */
  private static ApiException notASelect(String sql, PgLexer.Token first) {
    String word = first.text().toLowerCase(Locale.ROOT);
    if (first.kind() == PgLexer.Kind.IDENT && STATEMENT_VERBS.contains(word)) {
      return ApiException.forbidden(
          "only_select", "only SELECT statements can run, not " + word.toUpperCase(Locale.ROOT));
    }
    int line = 1;
    int column = 1;
    for (int i = 0; i < first.start() && i < sql.length(); i++) {
      if (sql.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    String shown = first.text().length() > 40 ? first.text().substring(0, 40) + "…" : first.text();
    JsonObject details =
        new JsonObject()
            .put("line", line)
            .put("column", column)
            .put("hint", "a query starts with SELECT, WITH or VALUES");
    String suggestion = first.kind() == PgLexer.Kind.IDENT ? closestStart(word) : null;
    if (suggestion != null) details.put("suggestion", suggestion);
    return ApiException.badRequest(
        "syntax_error",
        "syntax error at or near \""
            + shown
            + "\" (line "
            + line
            + ", column "
            + column
            + ")"
            + (suggestion == null ? "" : " — did you mean " + suggestion + "?"),
        details);
  }

  /** SELECT, WITH or VALUES when {@code word} is at most two edits from it (not for tiny words). */
  static String closestStart(String word) {
    if (word.length() < 3 || word.length() > 10) return null;
    String best = null;
    int bestDistance = 3;
    for (String start : List.of("select", "values", "with")) {
      int d = editDistance(word, start);
      int allowed = start.length() <= 4 ? 1 : 2;
      if (d <= allowed && d < bestDistance) {
        best = start.toUpperCase(Locale.ROOT);
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance with adjacent transpositions counted as one edit. */
  private static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }

  private static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}_$\\u0080-\\uffff]+");

  /**
   * SQL keywords the parse tree does not keep as text. Only words that are not names of dangerous
   * functions belong here: a keyword is exempt from the "the parser saw it too" check.
   */
  private static final Set<String> KEYWORDS =
      Set.of(
          "select",
          "from",
          "where",
          "group",
          "by",
          "order",
          "having",
          "limit",
          "offset",
          "fetch",
          "first",
          "next",
          "row",
          "rows",
          "only",
          "with",
          "recursive",
          "as",
          "and",
          "or",
          "not",
          "in",
          "is",
          "null",
          "true",
          "false",
          "like",
          "ilike",
          "similar",
          "to",
          "between",
          "symmetric",
          "asymmetric",
          "case",
          "when",
          "then",
          "else",
          "end",
          "distinct",
          "on",
          "all",
          "any",
          "some",
          "union",
          "intersect",
          "except",
          "join",
          "inner",
          "left",
          "right",
          "full",
          "outer",
          "cross",
          "natural",
          "lateral",
          "using",
          "exists",
          "cast",
          "over",
          "partition",
          "window",
          "range",
          "groups",
          "preceding",
          "following",
          "unbounded",
          "current",
          "filter",
          "within",
          "asc",
          "desc",
          "nulls",
          "last",
          "escape",
          "interval",
          "at",
          "zone",
          "time",
          "timestamp",
          "date",
          "collate",
          "values",
          "array",
          "extract",
          "substring",
          "trim",
          "both",
          "leading",
          "trailing",
          "position",
          "overlay",
          "placing",
          "for",
          "ordinality",
          "grouping",
          "sets",
          "cube",
          "rollup",
          "materialized",
          "ties",
          "percent",
          "without",
          "unknown",
          "isnull",
          "notnull",
          "exclude",
          "others",
          "no",
          "default",
          "ignore",
          "respect",
          "precision",
          "varying",
          "double",
          "character",
          "national");

  /**
   * Words after which PostgreSQL may read a string constant as an ordinary operand. After any other
   * name a string constant makes a typed literal ({@code aclitem '…'}, {@code "int4" '1'}), which
   * is a cast and is checked like one.
   */
  private static final Set<String> BEFORE_STRING =
      Set.of(
          "select",
          "distinct",
          "all",
          "and",
          "or",
          "not",
          "like",
          "ilike",
          "escape",
          "to",
          "then",
          "else",
          "when",
          "case",
          "from",
          "for",
          "by",
          "zone",
          "precision",
          "varying",
          "placing",
          "both",
          "leading",
          "trailing",
          "where",
          "having",
          "on",
          "between",
          "symmetric",
          "asymmetric",
          "limit",
          "offset",
          "as",
          "in",
          "is",
          "similar",
          "any",
          "some",
          "using",
          "returning",
          "default",
          "interval",
          "date",
          "time",
          "timestamp");

  /**
   * PostgreSQL's typed literals ({@code type 'string'}, {@code type(n) 'string'}) as its lexer sees
   * them: the type must be on the cast allow-list, unqualified. JSqlParser reads several of them as
   * a column with a string alias, so this check is made on the token stream.
   */
  private static void checkTypedLiterals(List<PgLexer.Token> tokens) {
    for (int i = 1; i < tokens.size(); i++) {
      if (tokens.get(i).kind() != PgLexer.Kind.STRING) continue;
      PgLexer.Token before = tokens.get(i - 1);
      if (before.kind() == PgLexer.Kind.IDENT || before.kind() == PgLexer.Kind.QUOTED_IDENT) {
        if (before.kind() == PgLexer.Kind.IDENT && BEFORE_STRING.contains(before.text())) continue;
        typedLiteral(tokens, i - 1);
      } else if (before.kind() == PgLexer.Kind.OPERATOR && before.text().equals(")")) {
        // type(modifiers) 'string': the name before the matching "("
        int depth = 0;
        int j = i - 1;
        for (; j >= 0; j--) {
          PgLexer.Token t = tokens.get(j);
          if (t.kind() != PgLexer.Kind.OPERATOR) continue;
          if (t.text().equals(")")) depth++;
          if (t.text().equals("(") && --depth == 0) break;
        }
        PgLexer.Token name = j <= 0 ? null : tokens.get(j - 1);
        boolean typeName =
            name != null
                && (name.kind() == PgLexer.Kind.QUOTED_IDENT
                    || (name.kind() == PgLexer.Kind.IDENT
                        && !KEYWORDS.contains(name.text())
                        && !BEFORE_STRING.contains(name.text())));
        if (!typeName) {
          throw ApiException.badRequest(
              "syntax_error", "a string literal cannot follow \")\" here");
        }
        typedLiteral(tokens, j - 1);
      } else if (before.kind() == PgLexer.Kind.OPERATOR && before.text().equals("]")) {
        throw ApiException.badRequest("syntax_error", "a string literal cannot follow \"]\" here");
      }
    }
  }

  private static void typedLiteral(List<PgLexer.Token> tokens, int typeToken) {
    PgLexer.Token type = tokens.get(typeToken);
    if (typeToken > 0
        && tokens.get(typeToken - 1).kind() == PgLexer.Kind.OPERATOR
        && tokens.get(typeToken - 1).text().equals(".")) {
      throw ApiException.forbidden(
          "type_not_allowed", "schema-qualified types cannot be used (\"" + type.text() + "\")");
    }
    String name = type.text();
    // "double precision", "character varying", "timestamp with time zone" end in words of
    // BEFORE_STRING.
    if (!SqlFunctions.CAST_TYPES.contains(name)) {
      throw ApiException.forbidden(
          "type_not_allowed", "values cannot be cast to type \"" + name + "\"");
    }
  }

  /** PostgreSQL identifier folding: quoted names are exact, unquoted ones fold to lower case. */
  static String identKey(String raw) {
    if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
      return PgLexer.foldAscii(raw.substring(1, raw.length() - 1).replace("\"\"", "\""));
    }
    return PgLexer.foldAscii(raw);
  }
}
