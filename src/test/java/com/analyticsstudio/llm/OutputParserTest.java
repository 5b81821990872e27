package com.analyticsstudio.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutputParserTest {

  private static final String ANSWER =
      "{\"sql\":\"SELECT \\\"region\\\", sum(\\\"amount\\\") AS total FROM \\\"sales\\\" GROUP BY 1 LIMIT 100\","
          + "\"chart\":{\"type\":\"bar\",\"x\":\"region\",\"y\":\"total\",\"series\":null},"
          + "\"explanation\":\"Total sales per region.\"}";

  @Test
  void parsesAStructuredAnswer() {
    PlanOutput out = OutputParser.plan(ANSWER);
    assertThat(out.sql())
        .isEqualTo(
            "SELECT \"region\", sum(\"amount\") AS total FROM \"sales\" GROUP BY 1 LIMIT 100");
    assertThat(out.chart()).isEqualTo(new Chart("bar", "region", "total", null));
    assertThat(out.explanation()).isEqualTo("Total sales per region.");
    assertThat(out.answerable()).isTrue();
  }

  @Test
  void parsesJsonInsideACodeFence() {
    assertThat(OutputParser.plan("```json\n" + ANSWER + "\n```").chart().type()).isEqualTo("bar");
    assertThat(OutputParser.plan("```\n" + ANSWER + "```").sql()).startsWith("SELECT");
  }

  @Test
  void parsesJsonSurroundedByText() {
    assertThat(
            OutputParser.plan(
                    "Sure! Here is the query:\n" + ANSWER + "\nLet me know if you need more.")
                .sql())
        .startsWith("SELECT");
  }

  @Test
  void cleansFencesAndSemicolonsInsideTheSql() {
    PlanOutput out =
        OutputParser.plan("{\"sql\":\"```sql\\nSELECT 1 LIMIT 1;\\n```\",\"explanation\":\"one\"}");
    assertThat(out.sql()).isEqualTo("SELECT 1 LIMIT 1");
  }

  @Test
  void anUnusableChartBecomesATable() {
    assertThat(OutputParser.plan("{\"sql\":\"SELECT 1\",\"explanation\":\"x\"}").chart())
        .isEqualTo(Chart.TABLE);
    assertThat(
            OutputParser.plan("{\"sql\":\"SELECT 1\",\"chart\":\"bar\",\"explanation\":\"x\"}")
                .chart())
        .isEqualTo(Chart.TABLE);
    assertThat(
            OutputParser.plan(
                    "{\"sql\":\"SELECT 1\",\"chart\":{\"type\":\"donut\",\"x\":\"a\"},\"explanation\":\"x\"}")
                .chart())
        .isEqualTo(new Chart("table", "a", null, null));
    assertThat(
            OutputParser.plan(
                    "{\"sql\":\"SELECT 1\",\"chart\":{\"type\":\"Area\",\"x\":\"d\",\"y\":3,\"series\":\"null\"},\"explanation\":\"x\"}")
                .chart())
        .isEqualTo(new Chart("line", "d", null, null));
  }

  @Test
  void anEmptySqlMeansNotAnswerable() {
    PlanOutput out =
        OutputParser.plan(
            "{\"sql\":\"\",\"chart\":null,\"explanation\":\"There is no weather data.\"}");
    assertThat(out.answerable()).isFalse();
    assertThat(out.explanation()).isEqualTo("There is no weather data.");
    assertThat(OutputParser.plan("{\"explanation\":\"No such data.\"}").answerable()).isFalse();
  }

  @Test
  void aMissingExplanationIsEmpty() {
    assertThat(OutputParser.plan("{\"sql\":\"SELECT 1\"}").explanation()).isEmpty();
  }

  @Test
  void refusesAnswersThatAreNotTheStructure() {
    assertInvalid("", "empty");
    assertInvalid("   ", "empty");
    assertInvalid(null, "empty");
    assertInvalid("SELECT * FROM sales", "not a JSON object");
    assertInvalid("[1,2]", "not a JSON object");
    assertInvalid("{\"sql\": \"SELECT 1\"", "not a JSON object");
    assertInvalid("{\"answer\":\"42\"}", "neither sql nor explanation");
    assertInvalid("{\"sql\":42,\"explanation\":\"x\"}", "sql is not a string");
    assertInvalid("{\"sql\":\"SELECT 1\",\"explanation\":[\"x\"]}", "explanation is not a string");
  }

  private static void assertInvalid(String content, String message) {
    assertThatThrownBy(() -> OutputParser.plan(content))
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(LlmException.Reason.INVALID_OUTPUT);
              assertThat(e.code()).isEqualTo("llm_invalid_output");
            })
        .hasMessageContaining(message);
  }

  @Test
  void sentenceIsTrimmedUnquotedAndOnOneLine() {
    assertThat(OutputParser.sentence("  \"North sold the most:\n 400 orders.\"  "))
        .isEqualTo("North sold the most: 400 orders.");
    assertThat(OutputParser.sentence("```\nSales were 12.\n```")).isEqualTo("Sales were 12.");
  }

  @Test
  void sentenceIsBoundedAndNeverEmpty() {
    assertThat(OutputParser.sentence("a".repeat(5000))).hasSize(OutputParser.MAX_SUMMARY_CHARS + 1);
    assertThatThrownBy(() -> OutputParser.sentence(" \n "))
        .isInstanceOf(LlmException.class)
        .hasMessageContaining("empty");
  }
}
