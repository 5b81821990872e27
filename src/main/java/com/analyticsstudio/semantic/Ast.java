package com.analyticsstudio.semantic;

import java.util.List;

/**
 * The formula language's syntax tree. Every node knows where it starts ({@code pos}, 1-based) and
 * how wide its head token is ({@code len}), so later stages can point at the place.
 */
public final class Ast {
  private Ast() {}

  /** A node of a formula. */
  public sealed interface Expr
      permits Num, Str, Bool, Null, Ref, Call, Unary, Binary, Case, IsNull {
    int pos();

    int len();
  }

  /** A number as written (digits, optional fraction); kept as text so it reaches SQL unchanged. */
  public record Num(String text, int pos, int len) implements Expr {}

  /** A string literal's value (quotes removed, {@code ''} unescaped). */
  public record Str(String value, int pos, int len) implements Expr {}

  /** A boolean literal. */
  public record Bool(boolean value, int pos, int len) implements Expr {}

  /** The null literal. */
  public record Null(int pos, int len) implements Expr {}

  /** A name: a field or measure ({@code qualifier} null), or {@code relation.name}. */
  public record Ref(String qualifier, String name, int pos, int len) implements Expr {
    public String display() {
      return qualifier == null ? name : qualifier + "." + name;
    }
  }

  /** A function call; {@code star} for {@code count(*)}. Names are lower case. */
  public record Call(String name, List<Expr> args, boolean star, int pos, int len)
      implements Expr {}

  /** {@code -x} or {@code not x}. */
  public record Unary(String op, Expr operand, int pos, int len) implements Expr {}

  /**
   * Arithmetic ({@code + - * /}), comparison ({@code = != < <= > >=}) or logic ({@code and or}).
   */
  public record Binary(String op, Expr left, Expr right, int pos, int len) implements Expr {}

  /** {@code case when c then v … [else e] end}; {@code otherwise} may be null. */
  public record Case(List<When> whens, Expr otherwise, int pos, int len) implements Expr {}

  /** One {@code when … then …} branch of a case expression. */
  public record When(Expr condition, Expr value) {}

  /** {@code x is [not] null}. */
  public record IsNull(Expr operand, boolean negated, int pos, int len) implements Expr {}
}
