package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.JsonObject;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.WithItem;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The parser filter every user statement passes before it reaches PostgreSQL.
 *
 * <p>Three independent checks, each of which must pass:
 * <ol>
 *   <li><b>PostgreSQL's token view</b> ({@link PgLexer}): exactly one statement (a trailing
 *       {@code ;} is tolerated), none of the lexical constructs where a Java parser and
 *       PostgreSQL are known to disagree, and no identifier that names a server-side facility
 *       ({@code pg_*}, {@code information_schema}, {@code set_config}, {@code lo_*}, reg* types …),
 *       quoted or not.</li>
 *   <li><b>The parse tree</b> (JSqlParser): one {@code SELECT} (plain, {@code WITH …}, or set
 *       operation); every node of the tree is visited reflectively and its class must be on an
 *       allow-list (deny by default, so a construct added in a future parser version is refused,
 *       not silently ignored); tables must be CTE names or the project's datasets, never
 *       schema-qualified; functions, table functions and cast types come from allow-lists;
 *       {@code SELECT … INTO}, {@code FOR UPDATE/SHARE} and data-modifying CTEs are refused.</li>
 *   <li><b>Agreement</b> between the two readings, because the original text is what runs: the
 *       parser must have consumed exactly the characters PostgreSQL reads as code (no comment or
 *       hint one of them skips), every name PostgreSQL sees must occur in the parse tree, and every
 *       string literal the parser saw must be one PostgreSQL sees, so nothing the parser treated as
 *       a comment or "inside a string" is code for PostgreSQL.</li>
 * </ol>
 * The guard is the first wall, not the only one: {@link QueryExecutor} also confines the session
 * inside PostgreSQL (read-only transaction, per-project role and search_path, revoked functions).
 *
 * <p>Thread-safe and stateless; parsing is CPU-bound, so callers on an event loop should run it on a
 * worker ({@link QueryExecutor} does).
 */
public final class SqlGuard {

  /** Longest SQL text accepted, in characters. */
  public static final int MAX_SQL_LENGTH = 100_000;
  /** Deepest parenthesis nesting accepted (JSqlParser backtracks badly on deep nesting). */
  public static final int MAX_NESTING_DEPTH = 40;
  private static final int MAX_TREE_DEPTH = 1_000;
  private static final long PARSE_TIMEOUT_MS = 2_000;

  private static final ExecutorService PARSER_THREADS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "sql-guard-parser");
    t.setDaemon(true);
    return t;
  });

  private SqlGuard() {}

  /**
   * Checks one user statement.
   *
   * @param sql           the SQL text as the user sent it
   * @param allowedTables the project's dataset table names (matched case-insensitively)
   * @return the statement's normalised text and the datasets it reads
   * @throws ApiException 400 ({@code empty_query}, {@code query_too_long}, {@code syntax_error},
   *                      {@code multiple_statements}, {@code only_select}, {@code unsupported_syntax})
   *                      or 403 ({@code table_not_allowed}, {@code function_not_allowed})
   */
  public static GuardedSql check(String sql, Set<String> allowedTables) {
    try {
      return doCheck(sql, allowedTables);
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // Fail closed: whatever the guard could not handle does not run.
      throw ApiException.badRequest("unsupported_syntax", "the query could not be checked; simplify it");
    }
  }

  private static GuardedSql doCheck(String sql, Set<String> allowedTables) {
    if (sql == null || sql.isBlank()) {
      throw ApiException.badRequest("empty_query", "the query is empty");
    }
    if (sql.length() > MAX_SQL_LENGTH) {
      throw ApiException.badRequest("query_too_long",
          "the query is longer than " + MAX_SQL_LENGTH + " characters");
    }
    List<PgLexer.Token> tokens = PgLexer.tokenize(sql);
    List<PgLexer.Token> body = withoutTrailingSemicolons(tokens);
    if (body.isEmpty()) {
      throw ApiException.badRequest("empty_query", "the query is empty");
    }
    for (PgLexer.Token t : body) {
      if (t.kind() == PgLexer.Kind.SEMICOLON) {
        throw ApiException.badRequest("multiple_statements", "only one statement can run at a time");
      }
    }
    PgLexer.Token first = body.get(0);
    boolean selectStart = (first.kind() == PgLexer.Kind.IDENT && SELECT_STARTS.contains(first.text()))
        || (first.kind() == PgLexer.Kind.OPERATOR && first.text().equals("("));
    if (!selectStart) {
      String verb = first.kind() == PgLexer.Kind.IDENT ? first.text().toUpperCase(Locale.ROOT) : first.text();
      throw ApiException.badRequest("only_select", "only SELECT statements can run, not " + verb);
    }
    checkTokenIdentifiers(body);
    checkNesting(body);

    // What runs is the text up to its last significant token: trailing semicolons and comments are
    // cut (empty trailing statements trip the parser), nothing else is changed.
    String text = sql.substring(0, body.get(body.size() - 1).end());
    Parsed parsed = parseOne(text);
    // The parser must have read exactly the characters PostgreSQL reads as code: anything one of
    // them takes for a comment and the other for code (JSqlParser's "//" comments, hints, …) shows
    // up as a difference here. Spacing is ignored (JSqlParser has multi-word tokens such as
    // "timestamp with time zone").
    StringBuilder pgCode = new StringBuilder(text.length());
    for (PgLexer.Token t : body) pgCode.append(text, t.start(), t.end());
    if (!withoutSpaces(pgCode).equals(withoutSpaces(parsed.code()))) {
      throw ApiException.badRequest("unsupported_syntax",
          "the query could not be read unambiguously (comments or quoting); simplify it");
    }
    Statement statement = parsed.statement();
    if (!(statement instanceof Select select)) {
      throw ApiException.badRequest("only_select", "only SELECT statements can run");
    }

    Map<String, String> allowed = new HashMap<>();
    for (String t : allowedTables) {
      allowed.put(PgLexer.foldAscii(t), t);
    }
    Walker walker = new Walker(allowed);
    walker.collectCteNames(select);
    walker.walk(select, 0);

    // Every name PostgreSQL will see must be one the parser saw: if the parser skipped text as a
    // comment or hint that PostgreSQL executes (JSqlParser knows "//" and "#" comments, PostgreSQL
    // does not), a name in it would be missing from the tree.
    for (PgLexer.Token t : body) {
      if (t.kind() == PgLexer.Kind.IDENT && KEYWORDS.contains(t.text())) continue;
      if (t.kind() == PgLexer.Kind.IDENT || t.kind() == PgLexer.Kind.QUOTED_IDENT) {
        for (String w : WORD_SPLIT.split(t.text())) {
          if (!w.isEmpty() && !walker.words.contains(w.toLowerCase(Locale.ROOT))) {
            throw ApiException.badRequest("unsupported_syntax",
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
    boolean agree = true;
    for (String s : walker.strings) {
      Integer left = available.get(s);
      if (left == null || left == 0) {
        agree = false;
        break;
      }
      available.put(s, left - 1);
    }
    if (!agree) {
      throw ApiException.badRequest("unsupported_syntax",
          "the query's string literals could not be read unambiguously; simplify the quoting");
    }
    return new GuardedSql(text, normalize(body), new LinkedHashSet<>(walker.referenced));
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
          && SqlFunctions.isForbiddenIdentifier(t.text())) {
        throw ApiException.forbidden("function_not_allowed",
            "\"" + t.text() + "\" refers to the database server itself and cannot be used in a query");
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
        throw ApiException.badRequest("query_too_complex",
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

  private static String withoutSpaces(CharSequence s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\u000B') out.append(c);
    }
    return out.toString();
  }

  /** The statement and the code text the parser consumed (token images, no comments or whitespace). */
  private record Parsed(Statement statement, String code) {}

  private static Parsed parseOne(String sql) {
    Statements statements;
    CCJSqlParser parser = CCJSqlParserUtil.newParser(sql).withTimeOut((int) PARSE_TIMEOUT_MS);
    Token head = parser.token; // JavaCC links every token it reads after this one
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
    StringBuilder code = new StringBuilder(sql.length());
    for (Token t = head.next; t != null && t.kind != 0; t = t.next) { // kind 0 is EOF
      code.append(t.image);
    }
    return new Parsed(statement, code.toString());
  }


  private static final java.util.regex.Pattern PARSE_POSITION = java.util.regex.Pattern.compile(
      "Encountered:?\\s*(?:<[^>]*>\\s*/\\s*)?\"?(.*?)\"?,? at line (\\d+), column (\\d+)");

  private static ApiException syntaxError(JSQLParserException e) {
    String detail = e.getMessage() == null ? "" : e.getMessage();
    if (detail.contains("Time out")) {
      return ApiException.badRequest("query_too_complex", "the query is too complex to check");
    }
    // Keep the position and token; the parser's own wording and class names are not for users.
    java.util.regex.Matcher m = PARSE_POSITION.matcher(detail);
    JsonObject details = new JsonObject().put("hint", "only PostgreSQL SELECT statements are accepted");
    String message = "the query could not be parsed";
    if (m.find()) {
      String token = m.group(1).trim();
      if (token.length() > 40) token = token.substring(0, 40) + "…";
      int line = Integer.parseInt(m.group(2));
      int column = Integer.parseInt(m.group(3));
      message = token.isEmpty() || token.equals("<EOF>")
          ? "syntax error at end of query (line " + line + ", column " + column + ")"
          : "syntax error at or near \"" + token + "\" (line " + line + ", column " + column + ")";
      details.put("line", line).put("column", column);
    }
    return ApiException.badRequest("syntax_error", message, details);
  }


  // ---------------------------------------------------------------------------------------------
  // the tree walk

  /** Parse-tree classes a read-only analytical query may contain; anything else is refused. */
  private static final Set<String> ALLOWED_NODES = Set.of(
      // statements and query structure
      "statement.select.PlainSelect", "statement.select.SetOperationList",
      "statement.select.ParenthesedSelect", "statement.select.WithItem", "statement.select.Values",
      "statement.select.LateralSubSelect", "statement.select.SelectItem",
      "statement.select.AllColumns", "statement.select.AllTableColumns",
      "statement.select.Join", "statement.select.ParenthesedFromItem",
      "statement.select.TableFunction", "statement.select.GroupByElement",
      "statement.select.OrderByElement", "statement.select.OrderByElement$NullOrdering",
      "statement.select.Limit", "statement.select.Offset", "statement.select.Fetch",
      "statement.select.Distinct", "statement.select.UnionOp", "statement.select.IntersectOp",
      "statement.select.ExceptOp", "statement.select.MinusOp", "statement.select.SetOperation",
      "statement.select.Join$JoinHint", "statement.select.JoinHint",
      "statement.select.WithIsolation", "expression.DateUnitExpression",
      // expressions
      "expression.Alias", "expression.Alias$AliasColumn", "expression.AnalyticExpression",
      "expression.AnalyticType", "expression.AnyComparisonExpression", "expression.AnyType",
      "expression.ArrayConstructor", "expression.ArrayExpression", "expression.BooleanValue",
      "expression.CaseExpression", "expression.CastExpression", "expression.CollateExpression",
      "expression.DateTimeLiteralExpression",
      "expression.DateTimeLiteralExpression$DateTime", "expression.DateValue",
      "expression.DoubleValue", "expression.ExtractExpression", "expression.FilterOverImpl",
      "expression.Function", "expression.Function$NullHandling",
      "expression.Function$HavingClause", "expression.IntervalExpression",
      "expression.JsonExpression", "expression.LongValue", "expression.NotExpression",
      "expression.NullValue", "expression.OrderByClause", "expression.OverlapsCondition",
      "expression.Parenthesis", "expression.PartitionByClause", "expression.RowConstructor",
      "expression.SignedExpression", "expression.StringValue", "expression.TimeKeyExpression",
      "expression.TimeValue", "expression.TimestampValue", "expression.TimezoneExpression",
      "expression.TrimFunction", "expression.TrimFunction$TrimSpecification", "expression.WhenClause",
      "expression.WindowDefinition", "expression.WindowElement",
      "expression.WindowElement$Type", "expression.WindowOffset", "expression.WindowOffset$Type",
      "expression.WindowRange", "expression.RangeExpression",
      "expression.operators.relational.ExpressionList",
      "expression.operators.relational.ParenthesedExpressionList",
      "expression.operators.relational.EqualsTo", "expression.operators.relational.NotEqualsTo",
      "expression.operators.relational.GreaterThan",
      "expression.operators.relational.GreaterThanEquals",
      "expression.operators.relational.MinorThan",
      "expression.operators.relational.MinorThanEquals",
      "expression.operators.relational.InExpression", "expression.operators.relational.Between",
      "expression.operators.relational.IsNullExpression",
      "expression.operators.relational.IsBooleanExpression",
      "expression.operators.relational.IsDistinctExpression",
      "expression.operators.relational.LikeExpression",
      "expression.operators.relational.LikeExpression$KeyWord",
      "expression.operators.relational.ExistsExpression",
      "expression.operators.relational.RegExpMatchOperator",
      "expression.operators.relational.RegExpMatchOperatorType",
      "expression.operators.relational.SimilarToExpression",
      "expression.operators.relational.JsonOperator",
      "expression.operators.relational.ContainedBy", "expression.operators.relational.Contains",
      "expression.operators.relational.DoubleAnd",
      "expression.operators.conditional.AndExpression",
      "expression.operators.conditional.OrExpression",
      "expression.operators.arithmetic.Addition", "expression.operators.arithmetic.Subtraction",
      "expression.operators.arithmetic.Multiplication", "expression.operators.arithmetic.Division",
      "expression.operators.arithmetic.IntegerDivision", "expression.operators.arithmetic.Modulo",
      "expression.operators.arithmetic.Concat",
      "expression.operators.arithmetic.BitwiseAnd", "expression.operators.arithmetic.BitwiseOr",
      "expression.operators.arithmetic.BitwiseXor",
      "expression.operators.arithmetic.BitwiseLeftShift",
      "expression.operators.arithmetic.BitwiseRightShift",
      // names
      "schema.Column", "schema.Table", "statement.create.table.ColDataType");

  private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

  /** First words of a statement that can be a query. */
  private static final Set<String> SELECT_STARTS = Set.of("select", "with", "values");

  private static final java.util.regex.Pattern WORD_SPLIT = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}_$\\u0080-\\uffff]+");

  /**
   * SQL keywords the parse tree does not keep as text. Only words that are not names of dangerous
   * functions belong here: a keyword is exempt from the "the parser saw it too" check.
   */
  private static final Set<String> KEYWORDS = Set.of(
      "select", "from", "where", "group", "by", "order", "having", "limit", "offset", "fetch", "first",
      "next", "row", "rows", "only", "with", "recursive", "as", "and", "or", "not", "in", "is", "null",
      "true", "false", "like", "ilike", "similar", "to", "between", "symmetric", "asymmetric", "case",
      "when", "then", "else", "end", "distinct", "on", "all", "any", "some", "union", "intersect",
      "except", "join", "inner", "left", "right", "full", "outer", "cross", "natural", "lateral",
      "using", "exists", "cast", "over", "partition", "window", "range", "groups", "preceding",
      "following", "unbounded", "current", "filter", "within", "asc", "desc", "nulls", "last",
      "escape", "interval", "at", "zone", "time", "timestamp", "date", "collate", "values", "array",
      "extract", "substring", "trim", "both", "leading", "trailing", "position", "overlay", "placing",
      "for", "ordinality", "grouping", "sets", "cube", "rollup", "materialized", "ties", "percent",
      "without", "unknown", "isnull", "notnull", "exclude", "others", "no", "default", "ignore",
      "respect", "precision", "varying", "double", "character", "national");

  private static final class Walker {
    final Map<String, String> allowedTables;
    final Set<String> cteNames = new LinkedHashSet<>();
    final Set<String> referenced = new LinkedHashSet<>();
    final List<String> strings = new ArrayList<>();
    final Map<Object, Boolean> seen = new IdentityHashMap<>();

    /** Every identifier-like word the parser kept in the tree (names, keywords), lower-cased. */
    final Set<String> words = new java.util.HashSet<>();

    Walker(Map<String, String> allowedTables) {
      this.allowedTables = allowedTables;
    }

    void addWords(String text) {
      if (text.startsWith("'")) return; // a literal, not a name
      for (String w : WORD_SPLIT.split(text)) {
        if (!w.isEmpty()) words.add(w.toLowerCase(Locale.ROOT));
      }
    }

    void collectCteNames(Object root) {
      // CTE names are visible to the whole statement here (PostgreSQL scopes them more tightly;
      // a name used outside its scope just fails inside PostgreSQL, confined to the project's schema).
      new Object() {
        final Map<Object, Boolean> visited = new IdentityHashMap<>();
        void visit(Object o, int depth) {
          if (o == null || depth > MAX_TREE_DEPTH || visited.put(o, Boolean.TRUE) != null) return;
          if (o instanceof WithItem<?> w && w.getAlias() != null) {
            cteNames.add(identKey(w.getAlias().getName()));
          }
          forEachChild(o, c -> visit(c, depth + 1));
        }
      }.visit(root, 0);
    }

    void walk(Object o, int depth) {
      if (o == null) return;
      if (depth > MAX_TREE_DEPTH) {
        throw ApiException.badRequest("query_too_complex", "the query is too deeply nested");
      }
      if (seen.put(o, Boolean.TRUE) != null) return;
      if (o instanceof Collection<?> c) {
        for (Object e : c) {
          if (e instanceof String str) addWords(str); // name parts of tables, functions, …
          else walk(e, depth + 1);
        }
        return;
      }
      if (o instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          walk(e.getKey(), depth + 1);
          walk(e.getValue(), depth + 1);
        }
        return;
      }
      if (o instanceof Object[] arr) {
        for (Object e : arr) walk(e, depth + 1);
        return;
      }
      Class<?> cls = o.getClass();
      if (!cls.getName().startsWith("net.sf.jsqlparser.")) return; // String, numbers, enums of the JDK
      if (o instanceof Enum<?> e) {
        addWords(e.name()); // e.g. DateUnit.DAY for a column called "day"
        return;
      }
      if (o instanceof Node || o instanceof Token) return;

      checkNode(o);
      String shortName = cls.getName().substring("net.sf.jsqlparser.".length());
      if (!ALLOWED_NODES.contains(shortName)) {
        throw ApiException.badRequest("unsupported_syntax",
            "this SQL construct is not supported in queries: " + describe(cls));
      }
      forEachChild(o, c -> walk(c, depth + 1));
    }

    private void checkNode(Object o) {
      if (o instanceof Statement && !(o instanceof Select)) {
        throw ApiException.badRequest("only_select",
            "only SELECT statements can run; INSERT, UPDATE, DELETE and MERGE are not allowed, also not inside WITH");
      }
      if (o instanceof Select s) {
        checkSelect(s);
      }
      if (o instanceof Table t) {
        checkTable(t);
      } else if (o instanceof Column c) {
        checkColumn(c);
      } else if (o instanceof AllTableColumns a) {
        checkQualifier(a.getTable());
      } else if (o instanceof TableFunction tf) {
        checkTableFunction(tf);
      } else if (o instanceof Function f) {
        checkFunction(f);
      } else if (o instanceof AnalyticExpression a) {
        checkFunctionName(a.getName(), false);
      } else if (o instanceof CastExpression c) {
        checkCastType(c.getColDataType());
      } else if (o instanceof ColDataType t) {
        checkCastType(t);
      } else if (o instanceof TimeKeyExpression k) {
        String v = k.getStringValue() == null ? "" : k.getStringValue().toLowerCase(Locale.ROOT).trim();
        if (!SqlFunctions.ALLOWED_TIME_KEYWORDS.contains(v)) {
          throw functionNotAllowed(v);
        }
      } else if (o instanceof StringValue s) {
        strings.add(s.getValue());
      }
      if (!(o instanceof StringValue)) {
        // Other nodes keep literals as quoted text (interval '1 day', date '…', json ->> 'key');
        // everything else in a String field is a name or keyword the parser understood.
        for (Field f : stringFieldsOf(o.getClass())) {
          Object v;
          try {
            v = f.get(o);
          } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot inspect " + f, e);
          }
          if (v instanceof String str) {
            if (str.length() >= 2 && str.startsWith("'") && str.endsWith("'")) {
              strings.add(str.substring(1, str.length() - 1));
            } else {
              addWords(str);
            }
          }
        }
      }
      if (o instanceof JdbcParameter || o instanceof JdbcNamedParameter) {
        throw ApiException.badRequest("unsupported_syntax", "query parameters are not supported");
      }
    }

    private void checkSelect(Select s) {
      if (s.getForMode() != null || (s.getForUpdateTables() != null && !s.getForUpdateTables().isEmpty())) {
        throw ApiException.badRequest("only_select",
            "row locking (FOR UPDATE / FOR SHARE) is not allowed in queries");
      }
      if (s instanceof PlainSelect p) {
        if ((p.getIntoTables() != null && !p.getIntoTables().isEmpty()) || p.getIntoTempTable() != null) {
          throw ApiException.badRequest("only_select",
              "SELECT … INTO creates a table and is not allowed; use a plain SELECT");
        }
      }
    }

    private void checkTable(Table t) {
      List<String> parts = t.getNameParts();
      if (parts == null || parts.isEmpty() || t.getName() == null) {
        throw ApiException.badRequest("syntax_error", "a table reference has no name");
      }
      if (parts.size() > 1) {
        // Echo only the last part: the schema part may be another project's internal name.
        throw schemaQualified(display(t.getName()));
      }
      String key = identKey(t.getName());
      if (cteNames.contains(key)) return;
      String dataset = allowedTables.get(key);
      if (dataset == null) {
        throw tableNotAllowed(display(t.getName()), null);
      }
      referenced.add(dataset);
    }

    private void checkQualifier(Table qualifier) {
      if (qualifier != null && qualifier.getNameParts() != null && qualifier.getNameParts().size() > 1) {
        throw schemaQualified(display(qualifier.getName()));
      }
    }

    private void checkColumn(Column c) {
      checkQualifier(c.getTable());
      String name = c.getColumnName();
      if (name != null && c.getTable() == null && !name.startsWith("\"")
          && SqlFunctions.PARENLESS_FUNCTIONS.contains(name.toLowerCase(Locale.ROOT))) {
        throw functionNotAllowed(name.toLowerCase(Locale.ROOT));
      }
    }

    private void checkTableFunction(TableFunction tf) {
      Function f = tf.getFunction();
      if (f == null || tf.getRowsFromFunctions() != null) {
        throw ApiException.badRequest("unsupported_syntax", "this table function form is not supported");
      }
      String name = functionName(f);
      if (!SqlFunctions.TABLE_FUNCTIONS.contains(name)) {
        throw ApiException.forbidden("function_not_allowed",
            "function \"" + name + "\" cannot be used in FROM");
      }
    }

    private void checkFunction(Function f) {
      if (f.getMultipartName() != null && f.getMultipartName().size() > 1) {
        throw ApiException.forbidden("function_not_allowed",
            "schema-qualified function names cannot be used (\"" + String.join(".", f.getMultipartName()) + "\")");
      }
      if (f.getAttribute() != null) {
        throw ApiException.badRequest("unsupported_syntax", "function attribute access is not supported");
      }
      functionName(f);
    }

    private String functionName(Function f) {
      List<String> parts = f.getMultipartName();
      if (parts == null || parts.size() != 1) {
        throw ApiException.forbidden("function_not_allowed", "schema-qualified function names cannot be used");
      }
      return checkFunctionName(parts.get(0), true);
    }

    private String checkFunctionName(String raw, boolean mayBeQuoted) {
      if (raw == null) {
        throw ApiException.badRequest("syntax_error", "a function call has no name");
      }
      String name = identKey(raw);
      if (!mayBeQuoted && raw.startsWith("\"")) {
        throw functionNotAllowed(name);
      }
      if (SqlFunctions.KEYWORD_CALLS.contains(name) && !raw.startsWith("\"")) {
        return name; // x = ANY (…), ROW (…): syntax, not calls
      }
      if (!SqlFunctions.ALLOWED.contains(name)) {
        throw functionNotAllowed(name);
      }
      return name;
    }

    private void checkCastType(ColDataType type) {
      if (type == null || type.getDataType() == null) return;
      String t = type.getDataType().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
      t = t.replaceAll("\\s*\\(.*$", "").replaceAll("(\\s*\\[\\s*\\d*\\s*\\])+$", "").trim();
      if (t.startsWith("\"") && t.endsWith("\"") && t.length() > 1) t = t.substring(1, t.length() - 1);
      if (!SqlFunctions.CAST_TYPES.contains(t)) {
        throw ApiException.forbidden("type_not_allowed", "values cannot be cast to type \"" + t + "\"");
      }
    }
  }

  /** PostgreSQL identifier folding: quoted names are exact, unquoted ones fold to lower case. */
  static String identKey(String raw) {
    if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
      return PgLexer.foldAscii(raw.substring(1, raw.length() - 1).replace("\"\"", "\""));
    }
    return PgLexer.foldAscii(raw);
  }

  /** A name as the user meant it, without the SQL quotes. */
  private static String display(String raw) {
    if (raw != null && raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
      return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
    }
    return raw;
  }

  private static ApiException tableNotAllowed(String name, String why) {
    return ApiException.forbidden("table_not_allowed",
        why != null ? "table \"" + name + "\" cannot be used: " + why
            : "table \"" + name + "\" is not a dataset of this project");
  }

  private static ApiException schemaQualified(String lastPart) {
    return ApiException.forbidden("table_not_allowed",
        "schema-qualified names cannot be used; refer to datasets by their name only (\"" + lastPart + "\")");
  }

  private static ApiException functionNotAllowed(String name) {
    return ApiException.forbidden("function_not_allowed",
        "function \"" + name + "\" is not allowed in queries");
  }

  private static String describe(Class<?> cls) {
    String n = cls.getSimpleName();
    return n.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }

  private interface ChildConsumer {
    void accept(Object child);
  }

  private static void forEachChild(Object o, ChildConsumer consumer) {
    if (o instanceof Collection<?> c) {
      for (Object e : c) consumer.accept(e);
      return;
    }
    if (o instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        consumer.accept(e.getKey());
        consumer.accept(e.getValue());
      }
      return;
    }
    if (o instanceof Object[] arr) {
      for (Object e : arr) consumer.accept(e);
      return;
    }
    if (!o.getClass().getName().startsWith("net.sf.jsqlparser.")) return;
    for (Field f : fieldsOf(o.getClass())) {
      // A column's or t.*'s "table" is a qualifier, checked by the owner; walking it as a table
      // reference would refuse aliases.
      if ((o instanceof Column || o instanceof AllTableColumns) && f.getName().equals("table")) continue;
      if (f.getName().equals("resolvedTable")) continue;
      Object value;
      try {
        value = f.get(o);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot inspect " + f, e);
      }
      if (value != null) consumer.accept(value);
    }
  }

  private static final Map<Class<?>, List<Field>> STRING_FIELDS = new ConcurrentHashMap<>();

  private static List<Field> stringFieldsOf(Class<?> cls) {
    return STRING_FIELDS.computeIfAbsent(cls, c -> {
      List<Field> out = new ArrayList<>();
      for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
        for (Field f : k.getDeclaredFields()) {
          if (!Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
            f.setAccessible(true);
            out.add(f);
          }
        }
      }
      return out;
    });
  }

  private static List<Field> fieldsOf(Class<?> cls) {
    return FIELDS.computeIfAbsent(cls, c -> {
      List<Field> out = new ArrayList<>();
      for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
        for (Field f : k.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers())) continue;
          Class<?> type = f.getType();
          if (type.isPrimitive() || type == String.class) continue;
          if (Node.class.isAssignableFrom(type) || Token.class.isAssignableFrom(type)) continue;
          f.setAccessible(true);
          out.add(f);
        }
      }
      return out;
    });
  }

}
