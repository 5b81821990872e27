package com.analyticsstudio.semantic;

import com.analyticsstudio.semantic.Ast.Expr;
import com.analyticsstudio.semantic.FormulaLexer.Kind;
import com.analyticsstudio.semantic.FormulaLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser of the formula language. Grammar, loosest binding first:
 *
 * <pre>
 * formula := or END
 * or      := and ("or" and)*
 * and     := not ("and" not)*
 * not     := "not" not | compare
 * compare := sum (("=" | "!=" | "&lt;&gt;" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") sum)? | sum "is" ["not"] "null"
 * sum     := product (("+" | "-") product)*
 * product := unary (("*" | "/") unary)*
 * unary   := "-" unary | primary
 * primary := NUMBER | STRING | "true" | "false" | "null" | case | "(" or ")"
 *          | name "(" [ "*" | or ("," or)* ] ")" | name ["." name]
 * case    := "case" ("when" or "then" or)+ ["else" or] "end"
 * name    := IDENT | "quoted" | `quoted`
 * </pre>
 *
 * Keywords and function names are case-insensitive; quoted names keep their case.
 */
public final class FormulaParser {
  /** Deepest nesting accepted: keeps the recursion (and the compiled SQL) bounded. */
  static final int MAX_DEPTH = 30;

  static final Set<String> RESERVED =
      Set.of(
          "and", "or", "not", "is", "null", "true", "false", "case", "when", "then", "else", "end");

  private final List<Token> tokens;
  private int at;
  private int depth;

  private FormulaParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** Parses {@code formula}; throws {@link FormulaError} naming the place. */
  public static Expr parse(String formula) {
    if (formula == null || formula.isBlank()) {
      throw new FormulaError("the formula is empty", 1, 1);
    }
    FormulaParser p = new FormulaParser(FormulaLexer.tokens(formula));
    Expr e = p.or();
    Token t = p.peek();
    if (t.kind() != Kind.END) {
      throw new FormulaError(
          t.kind() == Kind.RPAREN
              ? "unexpected ')' (no '(' to close)"
              : "unexpected " + describe(t) + " (an operator or ',' is missing?)",
          t.pos(),
          t.len());
    }
    return e;
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Token next() {
    return tokens.get(at++);
  }

  private boolean word(String w) {
    if (peek().isWord(w)) {
      at++;
      return true;
    }
    return false;
  }

  private Expr or() {
    if (++depth > MAX_DEPTH) {
      throw new FormulaError(
          "the formula nests deeper than " + MAX_DEPTH + " levels", peek().pos(), peek().len());
    }
    try {
      Expr left = and();
      while (peek().isWord("or")) {
        Token op = next();
        left = new Ast.Binary("or", left, and(), op.pos(), op.len());
      }
      return left;
    } finally {
      depth--;
    }
  }

  private Expr and() {
    Expr left = not();
    while (peek().isWord("and")) {
      Token op = next();
      left = new Ast.Binary("and", left, not(), op.pos(), op.len());
    }
    return left;
  }

  private Expr not() {
    if (peek().isWord("not")) {
      Token op = next();
      return new Ast.Unary("not", not(), op.pos(), op.len());
    }
    return compare();
  }

  private Expr compare() {
    Expr left = sum();
    Token t = peek();
    if (t.kind() == Kind.OP && Set.of("=", "!=", "<", "<=", ">", ">=").contains(t.text())) {
      next();
      Expr right = sum();
      Token after = peek();
      if (after.kind() == Kind.OP
          && Set.of("=", "!=", "<", "<=", ">", ">=").contains(after.text())) {
        throw new FormulaError(
            "comparisons cannot be chained; combine them with 'and'", after.pos(), after.len());
      }
      return new Ast.Binary(t.text(), left, right, t.pos(), t.len());
    }
    if (t.isWord("is")) {
      next();
      boolean negated = word("not");
      Token n = peek();
      if (!n.isWord("null")) {
        throw new FormulaError(
            "expected 'null' after 'is" + (negated ? " not" : "") + "'", n.pos(), n.len());
      }
      next();
      return new Ast.IsNull(left, negated, t.pos(), t.len());
    }
    return left;
  }

  private Expr sum() {
    Expr left = product();
    while (peek().kind() == Kind.OP && (peek().text().equals("+") || peek().text().equals("-"))) {
      Token op = next();
      left = new Ast.Binary(op.text(), left, product(), op.pos(), op.len());
    }
    return left;
  }

  private Expr product() {
    Expr left = unary();
    while (peek().kind() == Kind.STAR || peek().is(Kind.OP, "/")) {
      Token op = next();
      left = new Ast.Binary(op.text(), left, unary(), op.pos(), op.len());
    }
    return left;
  }

  private Expr unary() {
    if (peek().is(Kind.OP, "-")) {
      Token op = next();
      if (++depth > MAX_DEPTH) {
        throw new FormulaError(
            "the formula nests deeper than " + MAX_DEPTH + " levels", op.pos(), op.len());
      }
      try {
        return new Ast.Unary("-", unary(), op.pos(), op.len());
      } finally {
        depth--;
      }
    }
    return primary();
  }

  private Expr primary() {
    Token t = next();
    switch (t.kind()) {
      case NUMBER:
        return new Ast.Num(t.text(), t.pos(), t.len());
      case STRING:
        return new Ast.Str(t.text(), t.pos(), t.len());
      case LPAREN:
        {
          Expr inner = or();
          expect(Kind.RPAREN, "')' to close the '(' at " + t.pos());
          return inner;
        }
      case QUOTED_IDENT:
        return nameOrCall(t);
      case IDENT:
        switch (t.text()) {
          case "true":
            return new Ast.Bool(true, t.pos(), t.len());
          case "false":
            return new Ast.Bool(false, t.pos(), t.len());
          case "null":
            return new Ast.Null(t.pos(), t.len());
          case "case":
            return caseExpr(t);
          default:
            if (RESERVED.contains(t.text())) {
              throw new FormulaError(
                  "unexpected '" + t.text() + "' (a value is missing before it?)",
                  t.pos(),
                  t.len());
            }
            return nameOrCall(t);
        }
      case END:
        throw new FormulaError("the formula ends too early (a value is missing)", t.pos(), 1);
      default:
        throw new FormulaError(
            "unexpected " + describe(t) + " (a value is missing?)", t.pos(), t.len());
    }
  }

  private Expr nameOrCall(Token name) {
    if (peek().kind() == Kind.LPAREN && name.kind() == Kind.IDENT) {
      next();
      List<Expr> args = new ArrayList<>();
      boolean star = false;
      if (peek().kind() == Kind.STAR) {
        Token s = next();
        if (!name.text().equals("count")) {
          throw new FormulaError("'*' is only allowed in count(*)", s.pos(), 1);
        }
        star = true;
      } else if (peek().kind() != Kind.RPAREN) {
        args.add(or());
        while (peek().kind() == Kind.COMMA) {
          next();
          args.add(or());
        }
      }
      expect(Kind.RPAREN, "')' or ',' in the call of " + name.text() + "() at " + name.pos());
      return new Ast.Call(name.text(), List.copyOf(args), star, name.pos(), name.len());
    }
    if (peek().kind() == Kind.DOT) {
      next();
      Token field = next();
      if (field.kind() != Kind.IDENT && field.kind() != Kind.QUOTED_IDENT) {
        throw new FormulaError(
            "expected a field name after '" + name.text() + ".'", field.pos(), field.len());
      }
      return new Ast.Ref(
          name.text(), field.text(), name.pos(), field.pos() + field.len() - name.pos());
    }
    return new Ast.Ref(null, name.text(), name.pos(), name.len());
  }

  private Expr caseExpr(Token head) {
    List<Ast.When> whens = new ArrayList<>();
    while (word("when")) {
      Expr cond = or();
      Token then = peek();
      if (!word("then")) {
        throw new FormulaError("expected 'then' after the condition", then.pos(), then.len());
      }
      whens.add(new Ast.When(cond, or()));
    }
    if (whens.isEmpty()) {
      throw new FormulaError("expected 'when' after 'case'", peek().pos(), peek().len());
    }
    Expr otherwise = word("else") ? or() : null;
    Token end = peek();
    if (!word("end")) {
      throw new FormulaError(
          "expected 'when', 'else' or 'end' to close the 'case' at " + head.pos(),
          end.pos(),
          end.len());
    }
    return new Ast.Case(List.copyOf(whens), otherwise, head.pos(), head.len());
  }

  private void expect(Kind kind, String what) {
    Token t = peek();
    if (t.kind() != kind) {
      throw new FormulaError("expected " + what + ", found " + describe(t), t.pos(), t.len());
    }
    next();
  }

  private static String describe(Token t) {
    return switch (t.kind()) {
      case END -> "the end of the formula";
      case STRING -> "the string '" + t.text() + "'";
      case NUMBER -> "the number " + t.text();
      case IDENT, QUOTED_IDENT -> "\"" + t.text() + "\"";
      default -> "'" + t.text() + "'";
    };
  }
}
