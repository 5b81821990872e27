package com.analyticsstudio.semantic;

import com.analyticsstudio.common.Json;
import com.analyticsstudio.semantic.Ast.Expr;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves every name of a formula against a {@link Scope} and types it: arithmetic on numbers,
 * comparisons of like types, conditions that are booleans, fields inside aggregations (for a
 * measure) or none at all (for a filter), no aggregation nested in another, no measure that refers
 * to itself, and nothing aggregated from the "one" side of a relationship. Records the type of
 * every node for the compiler. One checker per model version; not thread-safe.
 */
public final class FormulaChecker {
  /** Aggregations: name → {min args, max args}. */
  static final Map<String, int[]> AGGREGATES =
      Map.of(
          "sum",
          new int[] {1, 1},
          "avg",
          new int[] {1, 1},
          "min",
          new int[] {1, 1},
          "max",
          new int[] {1, 1},
          "median",
          new int[] {1, 1},
          "count",
          new int[] {0, 1},
          "count_distinct",
          new int[] {1, 1},
          "percentile",
          new int[] {2, 2});

  /** Row-level functions: name → {min args, max args}. */
  static final Map<String, int[]> SCALARS =
      Map.of(
          "if",
          new int[] {3, 3},
          "coalesce",
          new int[] {1, 20},
          "nullif",
          new int[] {2, 2},
          "round",
          new int[] {1, 2},
          "abs",
          new int[] {1, 1},
          "least",
          new int[] {1, 20},
          "greatest",
          new int[] {1, 20});

  /** Every function name, sorted (the editor completes them). */
  public static final Set<String> FUNCTIONS;

  static {
    TreeSet<String> all = new TreeSet<>(AGGREGATES.keySet());
    all.addAll(SCALARS.keySet());
    FUNCTIONS = Collections.unmodifiableSortedSet(all);
  }

  enum Level {
    CONST,
    ROW,
    AGG
  }

  /** What a node is: its type, level, and the first field outside an aggregation (for errors). */
  record Info(ValueType type, Level level, Ast.Ref rowRef) {}

  private final Scope scope;
  private final Map<Expr, ValueType> types = new IdentityHashMap<>();
  private final Map<String, Info> checkedMeasures = new HashMap<>();
  private final Deque<String> stack = new ArrayDeque<>();
  private boolean insideAggregate;

  /**
   * Inside count_distinct, min or max: repeating a row does not change them, so the "one" side is
   * safe.
   */
  private boolean duplicateProof;

  public FormulaChecker(Scope scope) {
    this.scope = scope;
  }

  /** The type of each node checked so far; the compiler reads it. */
  Map<Expr, ValueType> types() {
    return types;
  }

  /** Checks a measure's formula: it must aggregate. */
  public Info measure(Expr e) {
    Info i = check(e);
    if (i.level() == Level.ROW) throw rowOutsideAggregate(i.rowRef());
    if (i.level() == Level.CONST) {
      throw new FormulaError(
          "a measure must aggregate something, e.g. sum(amount) or count()", e.pos(), e.len());
    }
    return i;
  }

  /** Checks a row-level filter: a condition with no aggregation. */
  public Info filter(Expr e) {
    Info i = check(e);
    if (i.level() == Level.AGG) {
      throw new FormulaError(
          "a filter is checked row by row, so it cannot use aggregations or measures",
          e.pos(),
          e.len());
    }
    if (i.type() != ValueType.BOOLEAN && i.type() != ValueType.NULL) {
      throw new FormulaError(
          "a filter must be a condition (true or false), not a " + i.type().wire(),
          e.pos(),
          e.len());
    }
    return i;
  }

  /** Checks a named measure of the model (with its filter); errors point into its own formula. */
  public Info measureDef(Scope.MeasureDef m) {
    return measureDef(m, null);
  }

  /**
   * Checks a named measure (with its filter), once; refuses cycles. {@code at}: where it is
   * referred to, or null.
   */
  Info measureDef(Scope.MeasureDef m, Ast.Ref at) {
    Info done = checkedMeasures.get(m.name());
    if (done != null) return done;
    if (stack.contains(m.name())) {
      List<String> path = new ArrayList<>(stack);
      Collections.reverse(path);
      path.add(m.name());
      throw new FormulaError(
          "measure \"" + m.name() + "\" refers to itself (" + String.join(" → ", path) + ")",
          at.pos(),
          at.len());
    }
    if (m.broken() != null) {
      throw new FormulaError(
          "measure \"" + m.name() + "\" is broken: " + m.broken(),
          at == null ? 1 : at.pos(),
          at == null ? 1 : at.len());
    }
    stack.push(m.name());
    boolean wasInside = insideAggregate;
    insideAggregate = false;
    try {
      if (m.filter() != null) filter(m.filter());
      Info i = measure(m.body());
      checkedMeasures.put(m.name(), i);
      return i;
    } catch (FormulaError e) {
      if (at == null) throw e;
      throw new FormulaError(
          "measure \"" + m.name() + "\" cannot be used: " + e.getMessage(), at.pos(), at.len());
    } finally {
      insideAggregate = wasInside;
      stack.pop();
    }
  }

  private Info check(Expr e) {
    Info i;
    if (e instanceof Ast.Num) {
      i = new Info(ValueType.NUMBER, Level.CONST, null);
    } else if (e instanceof Ast.Str) {
      i = new Info(ValueType.TEXT, Level.CONST, null);
    } else if (e instanceof Ast.Bool) {
      i = new Info(ValueType.BOOLEAN, Level.CONST, null);
    } else if (e instanceof Ast.Null) {
      i = new Info(ValueType.NULL, Level.CONST, null);
    } else if (e instanceof Ast.Ref r) {
      i = ref(r);
    } else if (e instanceof Ast.Call c) {
      i = call(c);
    } else if (e instanceof Ast.Unary u) {
      i = unary(u);
    } else if (e instanceof Ast.Binary b) {
      i = binary(b);
    } else if (e instanceof Ast.Case c) {
      i = caseExpr(c);
    } else {
      Ast.IsNull n = (Ast.IsNull) e;
      Info o = check(n.operand());
      i = new Info(ValueType.BOOLEAN, o.level(), o.rowRef());
    }
    types.put(e, i.type());
    return i;
  }

  private Info ref(Ast.Ref r) {
    if (r.qualifier() != null && !scope.relation(r.qualifier())) {
      throw new FormulaError(
          "unknown relationship \"" + r.qualifier() + "\"",
          r.pos(),
          r.qualifier().length(),
          EditDistance.closest(r.qualifier(), scope.names(null)));
    }
    Scope.MeasureDef m = scope.measure(r.qualifier(), r.name());
    if (m != null) {
      if (m.oneSide()) throw fanOut(r, "measure");
      if (insideAggregate) {
        throw new FormulaError(
            "measure \""
                + r.display()
                + "\" is already an aggregation; it cannot be aggregated again",
            r.pos(),
            r.len());
      }
      Info i = measureDef(m, r);
      return new Info(i.type(), Level.AGG, null);
    }
    Scope.Field f = scope.field(r.qualifier(), r.name());
    if (f == null) {
      throw new FormulaError(
          "unknown field \"" + r.display() + "\"",
          r.pos(),
          r.len(),
          EditDistance.closest(r.name(), scope.names(r.qualifier())));
    }
    if (f.broken() != null) {
      throw new FormulaError(
          "field \"" + r.display() + "\" is broken: " + f.broken(), r.pos(), r.len());
    }
    if (insideAggregate && f.oneSide() && !duplicateProof) throw fanOut(r, "field");
    return new Info(f.type(), Level.ROW, r);
  }

  private static FormulaError fanOut(Ast.Ref r, String what) {
    return new FormulaError(
        what
            + " \""
            + r.display()
            + "\" is on the \"one\" side of a many-to-one relationship: "
            + "aggregated here it would count once per matching row; aggregate it in the "
            + r.qualifier()
            + " dataset's own model instead",
        r.pos(),
        r.len());
  }

  private Info call(Ast.Call c) {
    int[] arity = AGGREGATES.get(c.name());
    boolean aggregate = arity != null;
    if (arity == null) arity = SCALARS.get(c.name());
    if (arity == null) {
      throw new FormulaError(
          "unknown function \"" + c.name() + "\"",
          c.pos(),
          c.len(),
          EditDistance.closest(c.name(), FUNCTIONS));
    }
    int n = c.star() ? 0 : c.args().size();
    if (n < arity[0] || n > arity[1]) {
      String want = arity[0] == arity[1] ? String.valueOf(arity[0]) : arity[0] + " to " + arity[1];
      throw new FormulaError(
          c.name() + "() takes " + want + " argument" + (arity[1] == 1 ? "" : "s") + ", not " + n,
          c.pos(),
          c.len());
    }
    if (aggregate) {
      if (insideAggregate) {
        throw new FormulaError(
            "aggregations cannot be nested (" + c.name() + " inside another aggregation)",
            c.pos(),
            c.len());
      }
      insideAggregate = true;
      duplicateProof = Set.of("count_distinct", "min", "max").contains(c.name());
      List<Info> args = new ArrayList<>();
      try {
        for (Expr a : c.args()) args.add(check(a));
      } finally {
        insideAggregate = false;
        duplicateProof = false;
      }
      return aggregate(c, args);
    }
    List<Info> args = new ArrayList<>();
    for (Expr a : c.args()) args.add(check(a));
    Level level = combine(args);
    Ast.Ref rowRef = firstRowRef(args);
    switch (c.name()) {
      case "if" -> {
        requireType(c.args().get(0), args.get(0), ValueType.BOOLEAN, "the condition of if()");
        ValueType t =
            unify(c, c.args().subList(1, 3), args.subList(1, 3), "the two branches of if()");
        return new Info(t, level, rowRef);
      }
      case "round" -> {
        requireType(c.args().get(0), args.get(0), ValueType.NUMBER, "round()");
        if (args.size() == 2
            && !(c.args().get(1) instanceof Ast.Num num && num.text().matches("\\d{1,2}"))) {
          Expr d = c.args().get(1);
          throw new FormulaError(
              "the decimals of round() must be a whole number from 0 to 99", d.pos(), d.len());
        }
        return new Info(ValueType.NUMBER, level, rowRef);
      }
      case "abs" -> {
        requireType(c.args().get(0), args.get(0), ValueType.NUMBER, "abs()");
        return new Info(ValueType.NUMBER, level, rowRef);
      }
      default -> {
        return new Info(
            unify(c, c.args(), args, "the arguments of " + c.name() + "()"), level, rowRef);
      }
    }
  }

  private Info aggregate(Ast.Call c, List<Info> args) {
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).level() == Level.AGG) {
        Expr a = c.args().get(i);
        throw new FormulaError(
            "aggregations cannot be nested (" + c.name() + " of an aggregated value)",
            a.pos(),
            a.len());
      }
    }
    ValueType out = ValueType.NUMBER;
    switch (c.name()) {
      case "sum", "avg", "median" ->
          requireType(c.args().get(0), args.get(0), ValueType.NUMBER, c.name() + "()");
      case "percentile" -> {
        requireType(c.args().get(0), args.get(0), ValueType.NUMBER, "percentile()");
        Expr p = c.args().get(1);
        boolean ok =
            p instanceof Ast.Num num && new BigDecimal(num.text()).compareTo(BigDecimal.ONE) <= 0;
        if (!ok)
          throw new FormulaError(
              "the second argument of percentile() is a number from 0 to 1, e.g. 0.9",
              p.pos(),
              p.len());
      }
      case "min", "max" -> {
        ValueType t = args.get(0).type();
        if (t == ValueType.BOOLEAN) {
          Expr a = c.args().get(0);
          throw new FormulaError(
              c.name() + "() needs numbers, dates or text, not a boolean", a.pos(), a.len());
        }
        out = t;
      }
      default -> {}
    }
    return new Info(out, Level.AGG, null);
  }

  private Info unary(Ast.Unary u) {
    Info o = check(u.operand());
    if (u.op().equals("-")) {
      requireType(u.operand(), o, ValueType.NUMBER, "'-'");
      return new Info(ValueType.NUMBER, o.level(), o.rowRef());
    }
    requireType(u.operand(), o, ValueType.BOOLEAN, "'not'");
    return new Info(ValueType.BOOLEAN, o.level(), o.rowRef());
  }

  private Info binary(Ast.Binary b) {
    Info l = check(b.left());
    Info r = check(b.right());
    Level level = combine(List.of(l, r));
    Ast.Ref rowRef = l.rowRef() != null ? l.rowRef() : r.rowRef();
    switch (b.op()) {
      case "+", "-", "*", "/" -> {
        requireType(b.left(), l, ValueType.NUMBER, "'" + b.op() + "'");
        requireType(b.right(), r, ValueType.NUMBER, "'" + b.op() + "'");
        return new Info(ValueType.NUMBER, level, rowRef);
      }
      case "and", "or" -> {
        requireType(b.left(), l, ValueType.BOOLEAN, "'" + b.op() + "'");
        requireType(b.right(), r, ValueType.BOOLEAN, "'" + b.op() + "'");
        return new Info(ValueType.BOOLEAN, level, rowRef);
      }
      default -> {
        // A date compared with a string literal reads the string as a date.
        if (l.type().temporal() && b.right() instanceof Ast.Str s) {
          dateLiteral(s, l.type());
        } else if (r.type().temporal() && b.left() instanceof Ast.Str s) {
          dateLiteral(s, r.type());
        } else if (ValueType.unify(l.type(), r.type()) == null) {
          throw new FormulaError(
              "cannot compare a " + l.type().wire() + " with a " + r.type().wire(),
              b.pos(),
              b.len());
        } else if (l.type() == ValueType.BOOLEAN && !b.op().equals("=") && !b.op().equals("!=")) {
          throw new FormulaError("booleans can only be compared with = or !=", b.pos(), b.len());
        }
        return new Info(ValueType.BOOLEAN, level, rowRef);
      }
    }
  }

  private void dateLiteral(Ast.Str s, ValueType as) {
    try {
      if (as == ValueType.DATE) {
        LocalDate.parse(s.value());
      } else if (s.value().length() == 10) {
        LocalDate.parse(s.value());
      } else {
        Json.utcDateTime(s.value());
      }
    } catch (DateTimeParseException e) {
      throw new FormulaError(
          "'" + s.value() + "' is not a date (write it as 'YYYY-MM-DD')", s.pos(), s.len());
    }
    types.put(s, as);
  }

  private Info caseExpr(Ast.Case c) {
    List<Info> all = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    List<Info> valueInfos = new ArrayList<>();
    for (Ast.When w : c.whens()) {
      Info cond = check(w.condition());
      requireType(w.condition(), cond, ValueType.BOOLEAN, "a 'when' condition");
      Info v = check(w.value());
      all.add(cond);
      all.add(v);
      values.add(w.value());
      valueInfos.add(v);
    }
    if (c.otherwise() != null) {
      Info v = check(c.otherwise());
      all.add(v);
      values.add(c.otherwise());
      valueInfos.add(v);
    }
    ValueType t = unify(c, values, valueInfos, "the results of 'case'");
    return new Info(t, combine(all), firstRowRef(all));
  }

  private ValueType unify(Expr at, List<Expr> exprs, List<Info> infos, String what) {
    ValueType t = ValueType.NULL;
    for (int i = 0; i < infos.size(); i++) {
      ValueType next = ValueType.unify(t, infos.get(i).type());
      if (next == null) {
        Expr e = exprs.get(i);
        throw new FormulaError(
            what
                + " must have the same type: a "
                + t.wire()
                + " and a "
                + infos.get(i).type().wire(),
            e.pos(),
            e.len());
      }
      t = next;
    }
    return t;
  }

  private static void requireType(Expr e, Info i, ValueType want, String where) {
    if (i.type() != want && i.type() != ValueType.NULL) {
      throw new FormulaError(
          where + " needs a " + want.wire() + ", not a " + i.type().wire(), e.pos(), e.len());
    }
  }

  private Level combine(List<Info> infos) {
    boolean row = false;
    boolean agg = false;
    Ast.Ref rowRef = null;
    for (Info i : infos) {
      if (i.level() == Level.ROW) {
        row = true;
        if (rowRef == null) rowRef = i.rowRef();
      }
      if (i.level() == Level.AGG) agg = true;
    }
    if (row && agg) throw rowOutsideAggregate(rowRef);
    return agg ? Level.AGG : row ? Level.ROW : Level.CONST;
  }

  private static Ast.Ref firstRowRef(List<Info> infos) {
    for (Info i : infos) if (i.rowRef() != null) return i.rowRef();
    return null;
  }

  private static FormulaError rowOutsideAggregate(Ast.Ref r) {
    return new FormulaError(
        "field \""
            + r.display()
            + "\" must be inside an aggregation, e.g. sum("
            + r.display()
            + ")",
        r.pos(),
        r.len());
  }
}
