package com.analyticsstudio.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.UsedBy;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChartUsesTest {
  static final UUID PROJECT = UUID.randomUUID();
  static final UUID ORDERS = UUID.randomUUID();
  static final Set<String> TABLES = Set.of("orders", "customers", "orders_2024");
  static final UsedBy.Dataset ORDERS_DATASET =
      new UsedBy.Dataset(PROJECT, ORDERS, "orders", "Orders", TABLES);

  private static JsonObject sql(String sql) {
    return new JsonObject().put("sql", sql);
  }

  private static JsonObject semantic(String json) {
    return new JsonObject().put("semantic", new JsonObject(json));
  }

  @Test
  void anSqlChartUsesTheTablesTheGuardResolves() {
    assertThat(ChartService.via(ORDERS_DATASET, sql("SELECT count(*) FROM Orders")))
        .isEqualTo("sql");
    assertThat(
            ChartService.via(
                ORDERS_DATASET,
                sql("SELECT c.id FROM customers c JOIN orders o ON o.customer_id = c.id")))
        .isEqualTo("sql");
    // Another table whose name contains it, a CTE of that name, a string literal: not a use.
    assertThat(ChartService.via(ORDERS_DATASET, sql("SELECT * FROM orders_2024"))).isNull();
    assertThat(
            ChartService.via(
                ORDERS_DATASET, sql("WITH orders AS (SELECT 1 AS x) SELECT x FROM orders")))
        .isNull();
    assertThat(ChartService.via(ORDERS_DATASET, sql("SELECT 'orders' FROM customers"))).isNull();
  }

  @Test
  void sqlTheGuardRefusesNowIsReadByItsWords() {
    // The table was deleted by force: the guard refuses it, the chart still names it.
    Set<String> without = Set.of("customers");
    UsedBy.Dataset gone = new UsedBy.Dataset(PROJECT, ORDERS, "orders", "Orders", without);
    assertThat(ChartService.via(gone, sql("SELECT * FROM orders"))).isEqualTo("sql");
    assertThat(ChartService.via(gone, sql("SELECT * FROM reorders"))).isNull();
  }

  @Test
  void aSemanticChartUsesItsDatasetByIdOrTableAndTheMembersItNames() {
    assertThat(ChartService.via(ORDERS_DATASET, semantic("{\"dataset\": \"orders\"}")))
        .isEqualTo("query");
    assertThat(ChartService.via(ORDERS_DATASET, semantic("{\"dataset\": \"" + ORDERS + "\"}")))
        .isEqualTo("query");
    assertThat(ChartService.via(ORDERS_DATASET, semantic("{\"dataset\": \"customers\"}"))).isNull();
    UsedBy.Member revenue = new UsedBy.Member(PROJECT, ORDERS, "orders", "Orders", "revenue");
    assertThat(
            ChartService.via(
                revenue, semantic("{\"dataset\": \"orders\", \"measures\": [\"revenue\"]}")))
        .isEqualTo("measures");
    assertThat(
            ChartService.via(
                revenue, semantic("{\"dataset\": \"customers\", \"measures\": [\"revenue\"]}")))
        .isNull();
    assertThat(ChartService.via(revenue, sql("SELECT revenue FROM orders"))).isNull();
  }
}
