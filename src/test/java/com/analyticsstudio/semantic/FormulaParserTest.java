package com.analyticsstudio.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.semantic.Ast.Expr;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormulaParserTest {

  /** The tree as a compact S-expression, to compare shapes. */
  static String show(Expr e) {
    if (e instanceof Ast.Num n) return n.text();
    if (e instanceof Ast.Str s) return "'" + s.value() + "'";
    if (e instanceof Ast.Bool b) return String.valueOf(b.value());
    if (e instanceof Ast.Null) return "null";
    if (e instanceof Ast.Ref r) return r.display();
    if (e instanceof Ast.Call c) {
      return c.name()
          + "("
          + (c.star()
              ? "*"
              : String.join(" ", c.args().stream().map(FormulaParserTest::show).toList()))
          + ")";
    }
    if (e instanceof Ast.Unary u) return "(" + u.op() + " " + show(u.operand()) + ")";
    if (e instanceof Ast.Binary b)
      return "(" + b.op() + " " + show(b.left()) + " " + show(b.right()) + ")";
    if (e instanceof Ast.Case c) {
      StringBuilder out = new StringBuilder("(case");
      for (Ast.When w : c.whens())
        out.append(" [")
            .append(show(w.condition()))
            .append(" ")
            .append(show(w.value()))
            .append("]");
      if (c.otherwise() != null) out.append(" else ").append(show(c.otherwise()));
      return out.append(")").toString();
    }
    Ast.IsNull n = (Ast.IsNull) e;
    return "(" + (n.negated() ? "notnull " : "isnull ") + show(n.operand()) + ")";
  }

  static String parse(String f) {
    return show(FormulaParser.parse(f));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "42|42",
        "3.25|3.25",
        ".5|.5",
        "'East'|'East'",
        "'it''s'|'it's'",
        "true|true",
        "FALSE|false",
        "null|null",
        "amount|amount",
        "Amount|amount",
        "\"Unit Price\"|Unit Price",
        "`odd name`|odd name",
        "customers.segment|customers.segment",
        "sum(amount)|sum(amount)",
        "SUM(amount)|sum(amount)",
        "count()|count()",
        "count(*)|count(*)",
        "count_distinct(order_id)|count_distinct(order_id)",
        "percentile(amount, 0.9)|percentile(amount 0.9)",
        "if(amount > 0, 1, 0)|if((> amount 0) 1 0)",
        "coalesce(a, b, 0)|coalesce(a b 0)",
        "1 + 2 * 3|(+ 1 (* 2 3))",
        "(1 + 2) * 3|(* (+ 1 2) 3)",
        "10 - 4 - 3|(- (- 10 4) 3)",
        "8 / 4 / 2|(/ (/ 8 4) 2)",
        "-amount|(- amount)",
        "- - 1|(- (- 1))",
        "-a * b|(* (- a) b)",
        "a = 1|(= a 1)",
        "a == 1|(= a 1)",
        "a != 1|(!= a 1)",
        "a <> 1|(!= a 1)",
        "a < 1|(< a 1)",
        "a <= 1|(<= a 1)",
        "a > 1|(> a 1)",
        "a >= 1|(>= a 1)",
        "a + 1 > b * 2|(> (+ a 1) (* b 2))",
        "a and b or c|(or (and a b) c)",
        "a or b and c|(or a (and b c))",
        "not a and b|(and (not a) b)",
        "not not a|(not (not a))",
        "a is null|(isnull a)",
        "a IS NOT NULL|(notnull a)",
        "case when a > 1 then 'big' else 'small' end|(case [(> a 1) 'big'] else 'small')",
        "case when a then 1 when b then 2 end|(case [a 1] [b 2])",
        "(sum(price * quantity) - sum(cost)) / sum(price * quantity)|(/ (- sum((* price quantity)) sum(cost)) sum((* price quantity)))",
      })
  void parsesEveryConstructWithItsPrecedence(String formula, String tree) {
    assertThat(parse(formula)).isEqualTo(tree);
  }

  @Test
  void recordsOneBasedPositionsOfNodes() {
    Ast.Call c = (Ast.Call) FormulaParser.parse("  sum(reveneu)");
    assertThat(c.pos()).isEqualTo(3);
    Ast.Ref r = (Ast.Ref) c.args().get(0);
    assertThat(r.pos()).isEqualTo(7);
    assertThat(r.len()).isEqualTo(7);
    Ast.Ref q = (Ast.Ref) FormulaParser.parse("customers.segment");
    assertThat(q.pos()).isEqualTo(1);
    assertThat(q.len()).isEqualTo(17);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "~~|1|the formula is empty",
        "sum(amount|11|expected ')' or ','",
        "sum(amount))|12|unexpected ')'",
        "1 +|4|ends too early",
        "1 2|3|an operator or ',' is missing",
        "a = b = c|7|cannot be chained",
        "'open|1|string is not closed",
        "\"open|1|quoted name is not closed",
        "a $ b|3|unexpected character '$'",
        "12abc|3|a number cannot run into a name",
        "a is 1|6|expected 'null'",
        "case a then 1 end|6|expected 'when'",
        "case when a 1 end|13|expected 'then'",
        "case when a then 1|19|expected 'when', 'else' or 'end'",
        "sum(*)|5|only allowed in count(*)",
        "customers.|11|expected a field name",
        "(1 + 2|7|')' to close the '(' at 1",
        "and|1|unexpected 'and'",
        "a, b|2|unexpected ','",
        "\"\"|1|cannot be empty",
      })
  void pointsAtTheErrorPosition(String formula, int position, String message) {
    assertThatThrownBy(() -> FormulaParser.parse(formula))
        .isInstanceOfSatisfying(
            FormulaError.class,
            e -> {
              assertThat(e.position()).isEqualTo(position);
              assertThat(e.getMessage()).contains(message).contains(" at " + position);
            });
  }

  @Test
  void refusesFormulasNestedTooDeeply() {
    String deep = "(".repeat(40) + "1" + ")".repeat(40);
    assertThatThrownBy(() -> FormulaParser.parse(deep))
        .isInstanceOf(FormulaError.class)
        .hasMessageContaining("nests deeper");
    assertThatThrownBy(() -> FormulaParser.parse("-".repeat(40) + "1"))
        .isInstanceOf(FormulaError.class)
        .hasMessageContaining("nests deeper");
    assertThat(parse("(".repeat(10) + "1" + ")".repeat(10))).isEqualTo("1");
  }

  @Test
  void refusesFormulasOverTheLengthLimit() {
    String huge = "1" + " + 1".repeat(FormulaLexer.MAX_LENGTH / 4);
    assertThatThrownBy(() -> FormulaParser.parse(huge))
        .isInstanceOf(FormulaError.class)
        .hasMessageContaining("longer than");
  }

  @Test
  void callsHaveLowerCaseNamesAndImmutableArguments() {
    Ast.Call c = (Ast.Call) FormulaParser.parse("GREATEST(a, 1)");
    assertThat(c.name()).isEqualTo("greatest");
    assertThat(c.args()).hasSize(2);
    assertThatThrownBy(() -> c.args().add(new Ast.Null(1, 1)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(List.of("a")).isNotEmpty();
  }
}
