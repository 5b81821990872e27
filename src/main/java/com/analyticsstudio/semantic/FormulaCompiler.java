package com.analyticsstudio.semantic;

import com.analyticsstudio.semantic.Ast.Expr;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a checked formula as SQL. Names come from the {@link Scope} (quoted, qualified); literals
 * through {@link SqlText}; functions are PostgreSQL's from the guard's allow-list. Division is
 * {@code numeric} over {@code NULLIF(…, 0)}, so dividing by zero gives null and integers do not
 * truncate. A measure's filter applies to the rows each of its aggregations reads.
 */
final class FormulaCompiler {
  private final Scope scope;
  private final Map<Expr, ValueType> types;

  FormulaCompiler(Scope scope, Map<Expr, ValueType> types) {
    this.scope = scope;
    this.types = types;
  }

  /** A measure's SQL: its body with its filter. */
  String measure(Scope.MeasureDef m, String outerFilter) {
    String filter = and(outerFilter, m.filter() == null ? null : expr(m.filter(), null));
    return expr(m.body(), filter);
  }

  /** {@code filter}: SQL condition limiting the rows aggregations read, or null. */
  String expr(Expr e, String filter) {
    if (e instanceof Ast.Num n) return n.text();
    if (e instanceof Ast.Str s) {
      ValueType t = types.get(s);
      return t == ValueType.DATE
          ? "CAST(" + SqlText.literal(s.value()) + " AS date)"
          : t == ValueType.TIMESTAMP
              ? "CAST(" + SqlText.literal(s.value()) + " AS timestamp)"
              : SqlText.literal(s.value());
    }
    if (e instanceof Ast.Bool b) return b.value() ? "TRUE" : "FALSE";
    if (e instanceof Ast.Null) return "NULL";
    if (e instanceof Ast.Ref r) {
      Scope.MeasureDef m = scope.measure(r.qualifier(), r.name());
      return m != null
          ? "(" + measure(m, filter) + ")"
          : scope.field(r.qualifier(), r.name()).sql();
    }
    if (e instanceof Ast.Call c) return call(c, filter);
    if (e instanceof Ast.Unary u) {
      return u.op().equals("-")
          ? "(- " + expr(u.operand(), filter) + ")"
          : "(NOT " + expr(u.operand(), filter) + ")";
    }
    if (e instanceof Ast.Binary b) return binary(b, filter);
    if (e instanceof Ast.Case c) {
      StringBuilder out = new StringBuilder("CASE");
      for (Ast.When w : c.whens()) {
        out.append(" WHEN ")
            .append(expr(w.condition(), filter))
            .append(" THEN ")
            .append(expr(w.value(), filter));
      }
      if (c.otherwise() != null) out.append(" ELSE ").append(expr(c.otherwise(), filter));
      return out.append(" END").toString();
    }
    Ast.IsNull n = (Ast.IsNull) e;
    return "(" + expr(n.operand(), filter) + (n.negated() ? " IS NOT NULL)" : " IS NULL)");
  }

  private String binary(Ast.Binary b, String filter) {
    String l = expr(b.left(), filter);
    String r = expr(b.right(), filter);
    return switch (b.op()) {
      case "/" -> "(CAST(" + l + " AS numeric) / NULLIF(" + r + ", 0))";
      case "and" -> "(" + l + " AND " + r + ")";
      case "or" -> "(" + l + " OR " + r + ")";
      case "!=" -> "(" + l + " <> " + r + ")";
      default -> "(" + l + " " + b.op() + " " + r + ")";
    };
  }

  private String call(Ast.Call c, String filter) {
    if (FormulaChecker.AGGREGATES.containsKey(c.name())) {
      return aggregate(c, filter);
    }
    String args = c.args().stream().map(a -> expr(a, filter)).collect(Collectors.joining(", "));
    return switch (c.name()) {
      case "if" ->
          "CASE WHEN "
              + expr(c.args().get(0), filter)
              + " THEN "
              + expr(c.args().get(1), filter)
              + " ELSE "
              + expr(c.args().get(2), filter)
              + " END";
      case "round" ->
          c.args().size() == 1
              ? "round(CAST(" + args + " AS numeric))"
              : "round(CAST("
                  + expr(c.args().get(0), filter)
                  + " AS numeric), "
                  + expr(c.args().get(1), filter)
                  + ")";
      default -> c.name() + "(" + args + ")";
    };
  }

  /** Aggregations read only the rows of {@code filter}: their argument is null on the others. */
  private String aggregate(Ast.Call c, String filter) {
    if (c.name().equals("count") && (c.star() || c.args().isEmpty())) {
      return filter == null ? "count(*)" : "count(CASE WHEN " + filter + " THEN 1 END)";
    }
    String arg = expr(c.args().get(0), null);
    if (filter != null) arg = "CASE WHEN " + filter + " THEN " + arg + " END";
    return switch (c.name()) {
      case "count_distinct" -> "count(DISTINCT " + arg + ")";
      case "median" -> "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + arg + ")";
      case "percentile" ->
          "percentile_cont("
              + expr(c.args().get(1), null)
              + ") WITHIN GROUP (ORDER BY "
              + arg
              + ")";
      default -> c.name() + "(" + arg + ")";
    };
  }

  static String and(String a, String b) {
    if (a == null) return b;
    if (b == null) return a;
    return "(" + a + " AND " + b + ")";
  }
}
