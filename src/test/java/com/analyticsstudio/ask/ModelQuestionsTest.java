package com.analyticsstudio.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.semantic.Model;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelQuestionsTest {
  /** A Thursday in the middle of a fiscal year that starts in April. */
  static final LocalDate TODAY = LocalDate.of(2025, 5, 15);

  static final List<String> COLUMNS =
      List.of("orders", "order_id", "order_date", "ship_date", "region", "amount", "cost");

  static Model model(int fiscalStart, boolean twoDates) {
    JsonArray dims =
        new JsonArray()
            .add(dim("order_id", "integer", "Order id"))
            .add(dim("order_date", "date", "Order date"))
            .add(dim("region", "text", "Sales region").put("synonyms", new JsonArray().add("area")))
            .add(dim("amount", "decimal", "Amount"))
            .add(dim("cost", "decimal", "Cost"));
    if (twoDates) dims.add(dim("ship_date", "date", "Ship date"));
    JsonArray measures =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("name", "count")
                    .put("label", "Number of orders")
                    .put("aggregation", "count"))
            .add(
                new JsonObject()
                    .put("name", "total_amount")
                    .put("label", "Total amount")
                    .put("aggregation", "sum")
                    .put("column", "amount"))
            .add(
                new JsonObject()
                    .put("name", "revenue")
                    .put("label", "Revenue")
                    .put("aggregation", "sum")
                    .put("column", "amount")
                    .put("synonyms", new JsonArray().add("total sales").add("turnover")))
            .add(
                new JsonObject()
                    .put("name", "margin_pct")
                    .put("label", "Margin %")
                    .put("formula", "(revenue - sum(cost)) / revenue"));
    return Model.fromJson(
        new JsonObject()
            .put("fiscalYearStartMonth", fiscalStart)
            .put("dimensions", dims)
            .put("measures", measures));
  }

  static JsonObject dim(String name, String type, String label) {
    return new JsonObject().put("name", name).put("type", type).put("label", label);
  }

  static Optional<ModelQuestions.Match> match(String q, Model m) {
    return ModelQuestions.match(q, "orders", m, COLUMNS, TODAY);
  }

  static JsonObject query(String q, Model m) {
    Optional<ModelQuestions.Match> r = match(q, m);
    assertThat(r).as(q).isPresent();
    return r.get().query();
  }

  static final Model CALENDAR = model(1, false);
  static final Model APRIL = model(4, false);

  @Test
  void aMeasureIsFoundByItsNameLabelOrSynonym() {
    for (String q :
        List.of("revenue", "What is the revenue?", "total sales", "show me turnover", "Revenues")) {
      JsonObject query = query(q, CALENDAR);
      assertThat(query.getJsonArray("measures")).as(q).isEqualTo(new JsonArray().add("revenue"));
      assertThat(query.getString("dataset")).isEqualTo("orders");
      assertThat(query.containsKey("time")).as(q).isFalse();
    }
    assertThat(query("margin %", CALENDAR).getJsonArray("measures"))
        .isEqualTo(new JsonArray().add("margin_pct"));
  }

  @Test
  void dimensionsGroupByNameLabelOrSynonym() {
    for (String q : List.of("revenue by region", "turnover per area", "revenue by sales region")) {
      assertThat(query(q, CALENDAR).getJsonArray("dimensions"))
          .as(q)
          .isEqualTo(new JsonArray().add("region"));
    }
    assertThat(query("total sales and margin % by area", CALENDAR).getJsonArray("measures"))
        .isEqualTo(new JsonArray().add("revenue").add("margin_pct"));
  }

  @Test
  void timeGrainsUseTheOnlyTimeDimension() {
    JsonObject q = query("revenue by month", CALENDAR);
    assertThat(q.getJsonObject("time"))
        .isEqualTo(new JsonObject().put("dimension", "order_date").put("granularity", "month"));
    assertThat(query("quarterly turnover by area", CALENDAR).getJsonObject("time"))
        .isEqualTo(new JsonObject().put("dimension", "order_date").put("granularity", "quarter"));
    assertThat(query("revenue per fiscal year", APRIL).getJsonObject("time"))
        .isEqualTo(
            new JsonObject().put("dimension", "order_date").put("granularity", "fiscal_year"));
  }

  @Test
  void withTwoTimeDimensionsTheQuestionMustNameOne() {
    Model two = model(1, true);
    assertThat(match("revenue by month", two)).isEmpty();
    assertThat(query("revenue by ship date by month", two).getJsonObject("time"))
        .isEqualTo(new JsonObject().put("dimension", "ship_date").put("granularity", "month"));
  }

  @Test
  void thisYearVersusLastYearUsesSamePeriodLastYear() {
    JsonObject q = query("revenue this year vs last year", CALENDAR);
    assertThat(q.getJsonArray("measures"))
        .isEqualTo(
            new JsonArray()
                .add("revenue")
                .add(
                    new JsonObject().put("measure", "revenue").put("time", "same_period_last_year"))
                .add(
                    new JsonObject()
                        .put("measure", "revenue")
                        .put("time", "pct_change_last_year")));
    assertThat(q.getJsonObject("time"))
        .isEqualTo(
            new JsonObject()
                .put("dimension", "order_date")
                .put("granularity", "year")
                .put("dateRange", new JsonArray().add("2025-01-01").add("2025-05-15")));
    // By month: each month against the same month a year before.
    assertThat(query("revenue by month compared to last year", CALENDAR).getJsonObject("time"))
        .isEqualTo(new JsonObject().put("dimension", "order_date").put("granularity", "month"));
    assertThat(
            query("turnover year over year", APRIL).getJsonObject("time").getString("granularity"))
        .isEqualTo("fiscal_year");
  }

  @Test
  void monthOverMonthIsThePreviousPeriodByMonth() {
    for (String q :
        List.of("revenue month over month", "MoM revenue", "revenue vs previous month")) {
      JsonObject query = query(q, CALENDAR);
      assertThat(query.getJsonArray("measures").getJsonObject(1))
          .as(q)
          .isEqualTo(new JsonObject().put("measure", "revenue").put("time", "previous_period"));
      assertThat(query.getJsonObject("time").getString("granularity")).as(q).isEqualTo("month");
    }
  }

  @Test
  void yearToDateRunsFromTheFiscalYearStartToToday() {
    assertThat(query("revenue year to date", APRIL).getJsonObject("time"))
        .isEqualTo(
            new JsonObject()
                .put("dimension", "order_date")
                .put("dateRange", new JsonArray().add("2025-04-01").add("2025-05-15")));
    assertThat(query("YTD revenue", CALENDAR).getJsonObject("time").getJsonArray("dateRange"))
        .isEqualTo(new JsonArray().add("2025-01-01").add("2025-05-15"));
    // Before April, the fiscal year began the April before.
    JsonObject early =
        ModelQuestions.match("ytd revenue", "orders", APRIL, COLUMNS, LocalDate.of(2025, 2, 3))
            .orElseThrow()
            .query();
    assertThat(early.getJsonObject("time").getJsonArray("dateRange"))
        .isEqualTo(new JsonArray().add("2024-04-01").add("2025-02-03"));
    assertThat(match("revenue year to date", APRIL).orElseThrow().usesModel()).isTrue();
  }

  @Test
  void periodsAreCalendarTrueAndFollowTheFiscalYear() {
    assertThat(range("revenue last year", CALENDAR)).containsExactly("2024-01-01", "2024-12-31");
    assertThat(range("revenue last year", APRIL)).containsExactly("2024-04-01", "2025-03-31");
    assertThat(range("revenue this quarter", CALENDAR)).containsExactly("2025-04-01", "2025-05-15");
    assertThat(range("revenue last quarter", APRIL)).containsExactly("2025-01-01", "2025-03-31");
    assertThat(range("revenue last month", CALENDAR)).containsExactly("2025-04-01", "2025-04-30");
    assertThat(range("revenue this week", CALENDAR)).containsExactly("2025-05-12", "2025-05-15");
  }

  private static List<Object> range(String q, Model m) {
    return query(q, m).getJsonObject("time").getJsonArray("dateRange").getList();
  }

  @Test
  void questionsOutsideTheModelDoNotMatch() {
    for (String q :
        List.of(
            "",
            "revenue in East",
            "top 5 regions by revenue",
            "average revenue",
            "which region has the most orders",
            "by region",
            "revenue region",
            "revenue by customer")) {
      assertThat(match(q, CALENDAR)).as(q).isEmpty();
    }
  }

  @Test
  void aQuestionThePlannerReadsAsWellDoesNotNeedTheModel() {
    assertThat(match("total amount by region", CALENDAR).orElseThrow().usesModel()).isFalse();
    assertThat(match("number of orders by month", CALENDAR).orElseThrow().usesModel()).isFalse();
    assertThat(match("total amount last year", CALENDAR).orElseThrow().usesModel()).isFalse();
    assertThat(match("revenue by region", CALENDAR).orElseThrow().usesModel()).isTrue();
    assertThat(match("total amount by area", CALENDAR).orElseThrow().usesModel()).isTrue();
    assertThat(match("total amount month over month", CALENDAR).orElseThrow().usesModel()).isTrue();
  }
}
