package com.analyticsstudio.semantic;

import com.analyticsstudio.semantic.Ast.Expr;
import java.util.List;

/**
 * What the names of a formula can refer to: one dataset's fields and measures, and its
 * relationships.
 */
interface Scope {
  /**
   * A column of the dataset ({@code qualifier} null) or of a related one; {@code sql} is its
   * qualified, quoted name.
   */
  record Field(String display, String sql, ValueType type, boolean oneSide, String broken) {}

  /** A measure, parsed: {@code filter} may be null; {@code zeroWhenEmpty} for counts and sums. */
  record MeasureDef(
      String name, Expr body, Expr filter, boolean oneSide, String broken, boolean zeroWhenEmpty) {}

  Field field(String qualifier, String name);

  MeasureDef measure(String qualifier, String name);

  /** Whether {@code qualifier} names a relationship. */
  boolean relation(String qualifier);

  /**
   * Every name a formula may use with this qualifier (null: the dataset's own), for "did you mean".
   */
  List<String> names(String qualifier);
}
