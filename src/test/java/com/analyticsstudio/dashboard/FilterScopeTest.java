package com.analyticsstudio.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.dashboard.FilterScope.Applied;
import com.analyticsstudio.dashboard.FilterScope.CrossFilter;
import com.analyticsstudio.dashboard.FilterScope.Target;
import com.analyticsstudio.semantic.Model;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which filters reach which widget, and as which chart filters (pure). */
class FilterScopeTest {
  static final LocalDate TODAY = LocalDate.of(2024, 5, 15);

  static Model.Dimension dim(String name, String type) {
    return new Model.Dimension(name, name, type, null, null, null, List.of(), false, null);
  }

  /**
   * orders: order_date, region (own), amount; customers (fiscal year from July): segment, since.
   */
  static final Model CUSTOMERS =
      new Model(
          7,
          List.of(dim("customer_id", "integer"), dim("segment", "text"), dim("since", "date")),
          List.of(),
          List.of());

  static final Model ORDERS =
      new Model(
          1,
          List.of(
              dim("order_date", "date"),
              dim("region", "text"),
              dim("amount", "decimal"),
              dim("customer_id", "integer")),
          List.of(),
          List.of(new Model.Relationship("customer", "customers", "customer_id", "customer_id")));

  static final Target ORDERS_CHART = FilterScope.semantic(ORDERS, Map.of("customer", CUSTOMERS));
  static final Target CUSTOMERS_CHART = FilterScope.semantic(CUSTOMERS, Map.of());
  static final Target SQL_CHART =
      FilterScope.sql(Map.of("region", "text", "total", "numeric", "day", "date"));

  static JsonObject widget(String id, String... optOut) {
    return new JsonObject()
        .put("id", id)
        .put("type", "chart")
        .put("chartId", UUID.randomUUID().toString())
        .put("x", 0)
        .put("y", 0)
        .put("w", 4)
        .put("h", 3)
        .put("optOut", new JsonArray(List.of((Object[]) optOut)));
  }

  static DashboardDocument doc(JsonArray widgets) {
    JsonArray filters =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("id", "period")
                    .put("type", "date_range")
                    .put("member", "order_date")
                    .put("default", "last_30_days"))
            .add(
                new JsonObject()
                    .put("id", "region")
                    .put("type", "values")
                    .put("member", "region")
                    .put("default", new JsonArray()))
            .add(
                new JsonObject()
                    .put("id", "segment")
                    .put("type", "values")
                    .put("member", "segment")
                    .put("default", new JsonArray().add("Retail")))
            .add(
                new JsonObject()
                    .put("id", "since")
                    .put("type", "date_range")
                    .put("member", "since")
                    .put("default", "this_year"))
            .add(
                new JsonObject()
                    .put("id", "amount")
                    .put("type", "number_range")
                    .put("member", "amount"));
    return DashboardDocument.fromJson(
        new JsonObject().put("name", "d").put("widgets", widgets).put("filters", filters), false);
  }

  static List<Applied> applied(
      DashboardDocument d, String widget, Target t, Map<String, Object> values, CrossFilter... c) {
    return FilterScope.applied(d, d.widget(widget), t, values, List.of(c), TODAY);
  }

  static Applied a(String filterId, String member, String op, Object... values) {
    return new Applied(filterId, null, member, op, List.of(values));
  }

  @Test
  void aFilterReachesByNameAndThroughARelationshipWithThatModelsFiscalYear() {
    DashboardDocument d = doc(new JsonArray().add(widget("w1")));
    assertThat(applied(d, "w1", ORDERS_CHART, Map.of()))
        .containsExactly(
            a("period", "order_date", "inDateRange", "2024-04-16", "2024-05-15"),
            // segment is the customers' dimension, reached as customer.segment
            a("segment", "customer.segment", "equals", "Retail"),
            // this_year of the customers' model: its fiscal year starts in July
            a("since", "customer.since", "inDateRange", "2023-07-01", "2024-06-30"));
  }

  @Test
  void aFilterSkipsWidgetsWithoutTheMemberOptedOutOrOfTheWrongType() {
    DashboardDocument d =
        doc(new JsonArray().add(widget("w1", "period", "segment")).add(widget("w2")));
    assertThat(applied(d, "w1", ORDERS_CHART, Map.of()))
        .containsExactly(a("since", "customer.since", "inDateRange", "2023-07-01", "2024-06-30"));
    // The customers' chart has no order_date and no region.
    assertThat(applied(d, "w2", CUSTOMERS_CHART, Map.of()))
        .containsExactly(
            a("segment", "segment", "equals", "Retail"),
            a("since", "since", "inDateRange", "2023-07-01", "2024-06-30"));
    // A date range on a text column of the same name does not reach it.
    Target textDate = FilterScope.sql(Map.of("order_date", "text"));
    assertThat(applied(d, "w2", textDate, Map.of())).isEmpty();
  }

  @Test
  void requestValuesReplaceDefaultsNullClearsAndRangesBecomeBounds() {
    DashboardDocument d = doc(new JsonArray().add(widget("w1")));
    Map<String, Object> values = new HashMap<>();
    values.put("period", new JsonObject().put("from", "2024-01-01").putNull("to"));
    values.put("segment", null);
    values.put("since", null);
    values.put("region", new JsonArray().add("East").add("West"));
    values.put("amount", new JsonObject().put("min", 10).putNull("max"));
    assertThat(applied(d, "w1", ORDERS_CHART, values))
        .containsExactly(
            a("period", "order_date", "afterDate", "2023-12-31"),
            a("region", "region", "equals", "East", "West"),
            a("amount", "amount", "gte", 10));
  }

  @Test
  void sqlChartsAreReachedByResultColumnNameOnly() {
    DashboardDocument d = doc(new JsonArray().add(widget("w1")));
    Map<String, Object> values = Map.of("region", new JsonArray().add("East"));
    assertThat(applied(d, "w1", SQL_CHART, values))
        .containsExactly(a("region", "region", "equals", "East"));
  }

  @Test
  void crossFiltersSkipTheirSourceAndWidgetsThatIgnoreThem() {
    JsonArray ws =
        new JsonArray()
            .add(widget("w1"))
            .add(widget("w2"))
            .add(widget("w3").put("ignoreCrossFilters", true));
    DashboardDocument d = doc(ws);
    Map<String, Object> none = Map.of("period", (Object) "last_7_days");
    CrossFilter click = new CrossFilter("region", List.of("East"), "w1");
    assertThat(applied(d, "w1", ORDERS_CHART, none, click))
        .extracting(Applied::crossFilter)
        .containsOnlyNulls();
    assertThat(applied(d, "w2", SQL_CHART, none, click))
        .containsExactly(new Applied(null, 0, "region", "equals", List.of("East")));
    assertThat(applied(d, "w3", ORDERS_CHART, none, click))
        .extracting(Applied::crossFilter)
        .containsOnlyNulls();
  }

  @Test
  void aCrossFilterOnAPeriodFiltersItsDatesAndAQualifiedMemberMatchesByItsLastName() {
    DashboardDocument d = doc(new JsonArray().add(widget("w1")).add(widget("w2")));
    Map<String, Object> none = new HashMap<>();
    none.put("period", null);
    none.put("segment", null);
    none.put("since", null);
    CrossFilter months =
        new CrossFilter("order_date.month", List.of("2024-03-01", "2024-01-01"), "w9");
    assertThat(applied(d, "w1", ORDERS_CHART, none, months))
        .containsExactly(
            new Applied(null, 0, "order_date", "inDateRange", List.of("2024-01-01", "2024-03-31")));
    CrossFilter qualified = new CrossFilter("customer.segment", List.of("Retail"), "w1");
    assertThat(applied(d, "w2", CUSTOMERS_CHART, none, qualified))
        .containsExactly(new Applied(null, 0, "segment", "equals", List.of("Retail")));
  }

  @Test
  void reachListsWidgetsPerFilterAndPerMember() {
    JsonArray ws =
        new JsonArray()
            .add(widget("w1"))
            .add(widget("w2", "segment"))
            .add(widget("w3").put("ignoreCrossFilters", true));
    DashboardDocument d = doc(ws);
    Map<String, Target> targets =
        Map.of("w1", ORDERS_CHART, "w2", CUSTOMERS_CHART, "w3", SQL_CHART);
    Map<String, List<String>> reach = FilterScope.filterReach(d, targets);
    assertThat(reach.get("period")).containsExactly("w1");
    assertThat(reach.get("segment")).containsExactly("w1");
    assertThat(reach.get("region")).containsExactly("w1", "w3");
    assertThat(reach.get("amount")).containsExactly("w1");
    assertThat(FilterScope.memberReach(d, targets, "region")).containsExactly("w1");
    assertThat(FilterScope.memberReach(d, targets, "segment")).containsExactly("w1", "w2");
  }
}
