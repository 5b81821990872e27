package com.analyticsstudio.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class QueryMembersTest {
  private static JsonObject query(String json) {
    return new JsonObject(json);
  }

  @Test
  void namesEveryMemberWithThePartOfTheQueryThatUsesItFirst() {
    JsonObject q =
        query(
            """
            {"dataset": "orders",
             "measures": ["revenue", {"measure": "margin", "time": "previous_period"},
                          {"aggregation": "avg", "column": "amount", "as": "avg_amount"},
                          {"formula": "revenue / count + customer.credit", "as": "per_order"}],
             "dimensions": ["region", "customer.segment"],
             "time": {"dimension": "order_date", "granularity": "month"},
             "filters": [{"member": "status", "operator": "equals", "values": ["paid"]},
                         {"member": "order_date.month", "operator": "set"}],
             "order": [{"member": "region", "direction": "asc"}]}
            """);
    assertThat(QueryMembers.of(q))
        .containsEntry("revenue", "measures")
        .containsEntry("margin", "measures")
        .containsEntry("amount", "measures")
        .containsEntry("count", "formula")
        .containsEntry("customer.credit", "formula")
        .containsEntry("region", "dimensions")
        .containsEntry("customer.segment", "dimensions")
        .containsEntry("order_date", "time")
        .containsEntry("status", "filters")
        .doesNotContainKey("order_date.month")
        .doesNotContainKey("avg_amount");
    assertThat(QueryMembers.qualified(q).keySet())
        .containsExactly("customer.credit", "customer.segment");
    assertThat(QueryMembers.dataset(q)).isEqualTo("orders");
  }

  @Test
  void aFormulaThatDoesNotParseNamesNothingAndBreaksNothing() {
    JsonObject q =
        query("{\"dataset\": \"o\", \"measures\": [{\"formula\": \"sum(\", \"as\": \"x\"}]}");
    assertThat(QueryMembers.of(q)).isEmpty();
    assertThat(QueryMembers.of(null)).isEmpty();
    assertThat(QueryMembers.dataset(new JsonObject())).isNull();
  }
}
