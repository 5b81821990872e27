package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.ContractSchemas;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The query operations skip the router's contract validation and check their bodies by hand ({@link
 * QueryRoutes#checkedBody(JsonObject)}). Here the hand-written check and the contract's {@code
 * QueryRequest} schema judge the same bodies, and must agree on every one.
 */
class QueryBodyContractTest {
  private static List<JsonObject> bodies() {
    List<JsonObject> bodies = new ArrayList<>();
    bodies.add(new JsonObject());
    bodies.add(new JsonObject().put("sql", ""));
    bodies.add(new JsonObject().put("sql", "select 1"));
    bodies.add(new JsonObject().put("sql", "select 1").put("limt", 5));
    bodies.add(new JsonObject().put("sql", "select 1").put("params", new JsonArray()));
    bodies.add(
        new JsonObject()
            .put("sql", "select $1, $2, $3, $4, $5")
            .put("params", new JsonArray().add("East").add(5).add(2.5).add(true).addNull()));
    bodies.add(new JsonObject().put("sql", "select 1").put("params", "East"));
    bodies.add(new JsonObject().put("sql", "select 1").put("params", new JsonObject()));
    bodies.add(
        new JsonObject()
            .put("sql", "select $1")
            .put("params", new JsonArray().add(new JsonArray())));
    bodies.add(
        new JsonObject()
            .put("sql", "select $1")
            .put("params", new JsonArray().add(new JsonObject().put("a", 1))));
    JsonArray many = new JsonArray();
    for (int i = 0; i < QueryRoutes.MAX_PARAMS; i++) many.add(i);
    bodies.add(new JsonObject().put("sql", "select 1").put("params", many.copy()));
    bodies.add(new JsonObject().put("sql", "select 1").put("params", many.copy().add(0)));
    bodies.add(new JsonObject().put("sql", "select 1").putNull("params"));
    bodies.add(new JsonObject().put("sql", 42));
    bodies.add(new JsonObject().put("sql", new JsonArray().add("select 1")));
    bodies.add(new JsonObject().putNull("sql"));
    bodies.add(new JsonObject().put("sql", "x".repeat(QueryRoutes.MAX_SQL_CHARS)));
    bodies.add(new JsonObject().put("sql", "x".repeat(QueryRoutes.MAX_SQL_CHARS + 1)));
    for (String field : new String[] {"limit", "timeoutSeconds"}) {
      for (Object v : new Object[] {1, 1000, 0, -5, 2.5, "10", true}) {
        bodies.add(new JsonObject().put("sql", "select 1").put(field, v));
      }
      bodies.add(new JsonObject().put("sql", "select 1").putNull(field));
    }
    return bodies;
  }

  @ParameterizedTest
  @ValueSource(strings = {"runQuery", "explainQuery", "submitQueryJob"})
  void theHandCheckAgreesWithTheSchema(String operationId) {
    for (JsonObject body : bodies()) {
      boolean schema = ContractSchemas.bodyValid(operationId, body);
      boolean hand = handAccepts(body);
      assertThat(hand)
          .as("%s %s: the contract says %s", operationId, abbreviated(body), schema)
          .isEqualTo(schema);
    }
  }

  @org.junit.jupiter.api.Test
  void theJobResultPageBoundsAreTheContracts() {
    for (String v : new String[] {"0", "1", "-1", "x"}) {
      assertThat(ContractSchemas.parameterValid("getQueryJobResult", "offset", v))
          .as("offset=%s", v)
          .isEqualTo(v.matches("\\d+"));
    }
    int max = QueryJobs.MAX_RESULT_LIMIT;
    for (int v : new int[] {0, 1, max, max + 1}) {
      assertThat(ContractSchemas.parameterValid("getQueryJobResult", "limit", String.valueOf(v)))
          .as("limit=%d (the handler allows 1..%d)", v, max)
          .isEqualTo(v >= 1 && v <= max);
    }
  }

  private static boolean handAccepts(JsonObject body) {
    return ContractSchemas.handAccepts(() -> QueryRoutes.checkedBody(body), "validation_failed");
  }

  private static String abbreviated(JsonObject body) {
    String text = body.encode();
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }
}
