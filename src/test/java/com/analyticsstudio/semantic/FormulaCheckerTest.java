package com.analyticsstudio.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormulaCheckerTest {
  final ModelIndex idx = Models.index();

  FormulaChecker.Info measure(String f) {
    return new FormulaChecker(idx).measure(FormulaParser.parse(f));
  }

  String sql(String f) {
    FormulaChecker c = new FormulaChecker(idx);
    Ast.Expr e = FormulaParser.parse(f);
    c.measure(e);
    return new FormulaCompiler(idx, c.types()).expr(e, null);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "sum(amount)|NUMBER",
        "count()|NUMBER",
        "min(order_date)|DATE",
        "max(region)|TEXT",
        "revenue / count()|NUMBER",
        "if(sum(amount) > 100, 'big', 'small')|TEXT",
        "round(avg(amount), 2)|NUMBER",
        "coalesce(sum(amount), 0)|NUMBER",
        "sum(if(paid, amount, 0))|NUMBER",
        "sum(case when order_date >= '2024-01-01' then amount end)|NUMBER",
        "count_distinct(customers.segment)|NUMBER",
        "greatest(sum(amount), sum(cost))|NUMBER",
      })
  void typesValidMeasures(String formula, ValueType type) {
    assertThat(measure(formula).type()).isEqualTo(type);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "sum(reveneu)|5|unknown field \"reveneu\"|revenue",
        "sum(amout)|5|unknown field \"amout\"|amount",
        "summ(amount)|1|unknown function \"summ\"|sum",
        "amount|1|must be inside an aggregation|",
        "sum(amount) + cost|15|field \"cost\" must be inside an aggregation|",
        "sum(sum(amount))|5|cannot be nested|",
        "sum(revenue)|5|already an aggregation|",
        "sum(region)|5|needs a number, not a text|",
        "sum(amount) + 'x'|15|needs a number, not a text|",
        "sum(amount) > 'x' and true|13|cannot compare a number with a text|",
        "if(sum(amount), 1, 0)|4|the condition of if() needs a boolean|",
        "if(count() > 1, 1, 'x')|20|must have the same type|",
        "nullif(sum(amount))|1|takes 2 arguments, not 1|",
        "42|1|must aggregate something|",
        "sum(customers.credit)|5|one\" side of a many-to-one|",
        "count(orders.amount)|7|unknown relationship \"orders\"|",
        "count(customers.segmnt)|7|unknown field \"customers.segmnt\"|segment",
        "percentile(amount, 2)|20|number from 0 to 1|",
        "round(sum(amount), 1.5)|20|whole number|",
        "sum(if(order_date > 'soon', 1, 0))|21|not a date|",
        "count() + -region|12|'-' needs a number|",
      })
  void pointsAtTypeAndNameErrors(String formula, int position, String message, String suggestion) {
    assertThatThrownBy(() -> measure(formula))
        .isInstanceOfSatisfying(
            FormulaError.class,
            e -> {
              assertThat(e.getMessage()).contains(message);
              assertThat(e.position()).as(e.getMessage()).isEqualTo(position);
              assertThat(e.suggestion()).isEqualTo(suggestion);
            });
  }

  @Test
  void saysDidYouMeanInTheMessage() {
    ModelIndex withRevenue = Models.index();
    assertThatThrownBy(
            () -> new FormulaChecker(withRevenue).measure(FormulaParser.parse("sum(amont)")))
        .hasMessage("unknown field \"amont\" at 5 — did you mean \"amount\"?");
  }

  @Test
  void refusesMeasuresThatReferToThemselves() {
    Model m =
        Models.withMeasure(
            Models.orders(), new JsonObject().put("name", "a").put("formula", "b + 1"));
    m = Models.withMeasure(m, new JsonObject().put("name", "b").put("formula", "a * 2"));
    ModelIndex idx = Models.index(m);
    assertThatThrownBy(() -> new FormulaChecker(idx).measureDef(idx.measure(null, "a")))
        .isInstanceOf(FormulaError.class)
        .hasMessageContaining("refers to itself (a → b → a)");
    assertThat(idx.problems(Set.of("orders", "customers"))).hasSize(2);
  }

  @Test
  void filtersMustBeRowLevelConditions() {
    FormulaChecker c = new FormulaChecker(idx);
    assertThat(c.filter(FormulaParser.parse("region = 'East' and not paid")).type())
        .isEqualTo(ValueType.BOOLEAN);
    assertThatThrownBy(() -> c.filter(FormulaParser.parse("sum(amount) > 1")))
        .hasMessageContaining("row by row");
    assertThatThrownBy(() -> c.filter(FormulaParser.parse("amount + 1")))
        .hasMessageContaining("must be a condition");
  }

  @Test
  void compilesDivisionToNumericOverNullifSoZeroGivesNull() {
    assertThat(sql("sum(amount) / count()"))
        .isEqualTo("(CAST(sum(\"t0\".\"amount\") AS numeric) / NULLIF(count(*), 0))");
  }

  @Test
  void compilesMeasureReferencesByInliningTheirDefinitionWithTheirFilter() {
    assertThat(sql("east_revenue / revenue"))
        .isEqualTo(
            "(CAST(((sum(CASE WHEN (\"t0\".\"region\" = 'East') THEN \"t0\".\"amount\" END)))"
                + " AS numeric) / NULLIF((sum(\"t0\".\"amount\")), 0))");
  }

  @Test
  void compilesEveryFunctionToAnAllowedPostgresFunction() {
    assertThat(sql("count_distinct(order_id)")).isEqualTo("count(DISTINCT \"t0\".\"order_id\")");
    assertThat(sql("median(amount)"))
        .isEqualTo("percentile_cont(0.5) WITHIN GROUP (ORDER BY \"t0\".\"amount\")");
    assertThat(sql("percentile(amount, 0.9)"))
        .isEqualTo("percentile_cont(0.9) WITHIN GROUP (ORDER BY \"t0\".\"amount\")");
    assertThat(sql("round(avg(amount), 1)"))
        .isEqualTo("round(CAST(avg(\"t0\".\"amount\") AS numeric), 1)");
    assertThat(sql("abs(sum(amount))")).isEqualTo("abs(sum(\"t0\".\"amount\"))");
    assertThat(sql("sum(if(paid, amount, 0))"))
        .isEqualTo("sum(CASE WHEN \"t0\".\"paid\" THEN \"t0\".\"amount\" ELSE 0 END)");
    assertThat(sql("least(max(amount), 10)")).isEqualTo("least(max(\"t0\".\"amount\"), 10)");
    assertThat(sql("coalesce(nullif(sum(amount), 0), -1)"))
        .isEqualTo("coalesce(nullif(sum(\"t0\".\"amount\"), 0), (- 1))");
    assertThat(sql("count(case when region != 'it''s' and amount is not null then 1 end)"))
        .isEqualTo(
            "count(CASE WHEN ((\"t0\".\"region\" <> 'it''s') AND (\"t0\".\"amount\" IS NOT NULL)) THEN 1 END)");
    assertThat(sql("sum(if(order_date >= '2024-02-29', 1, 0))"))
        .isEqualTo(
            "sum(CASE WHEN (\"t0\".\"order_date\" >= CAST('2024-02-29' AS date)) THEN 1 ELSE 0 END)");
  }

  @Test
  void escapesStringLiteralsAndQuotesNamesSoNothingEscapesTheFormula() {
    String s = sql("count(if(region = '''); DROP TABLE x; --', 1, null))");
    assertThat(s)
        .isEqualTo(
            "count(CASE WHEN (\"t0\".\"region\" = '''); DROP TABLE x; --') THEN 1 ELSE NULL END)");
    assertThat(SqlText.ident("a\"b")).isEqualTo("\"a\"\"b\"");
  }
}
