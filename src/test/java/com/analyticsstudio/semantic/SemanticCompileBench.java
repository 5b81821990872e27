package com.analyticsstudio.semantic;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Map;

/**
 * Compile-time benchmark (run by {@code scripts/bench/semantic}, not a test): parse the request,
 * index the model (parsing every measure formula), type-check and compile, for a plain query and
 * for a calendar query with five time transforms, a relationship and filters. Prints p50/p99/max in
 * microseconds. Target: p99 under 2 ms.
 */
public final class SemanticCompileBench {
  static final String PLAIN =
      "{\"dataset\":\"orders\",\"measures\":[\"revenue\",\"margin\",\"count\"],\"dimensions\":[\"region\"]}";
  static final String TIME =
      "{\"dataset\":\"orders\",\"measures\":[\"revenue\","
          + "{\"measure\":\"revenue\",\"time\":\"same_period_last_year\",\"as\":\"revenue_ly\"},"
          + "{\"measure\":\"revenue\",\"time\":\"pct_change_last_year\"},{\"measure\":\"margin\",\"time\":\"ytd\"},"
          + "{\"measure\":\"aov\",\"time\":\"rolling_30d\"},{\"aggregation\":\"avg\",\"column\":\"amount\",\"as\":\"avg_amount\"},"
          + "{\"formula\":\"sum(amount) / count_distinct(order_id)\",\"as\":\"aov2\"}],"
          + "\"dimensions\":[\"region\",\"customers.segment\"],"
          + "\"time\":{\"dimension\":\"order_date\",\"granularity\":\"month\",\"dateRange\":[\"2024-01-01\",\"2024-12-31\"]},"
          + "\"filters\":[{\"member\":\"region\",\"operator\":\"equals\",\"values\":[\"East\",\"West\"]}],"
          + "\"order\":[{\"member\":\"revenue\",\"direction\":\"desc\"}],\"limit\":100}";

  public static void main(String[] args) {
    int warmup = Integer.getInteger("warmup", 20_000);
    int rounds = Integer.getInteger("rounds", 20_000);
    // As the service gets them: documents read from JSONB, parsed per request.
    JsonObject orders = Models.orders().toJson();
    JsonObject customers = Models.customers().toJson();
    for (String[] c :
        new String[][] {{"plain GROUP BY", PLAIN}, {"calendar + 5 transforms", TIME}}) {
      JsonObject body = new JsonObject(c[1]);
      long sink = 0;
      for (int i = 0; i < warmup; i++) sink += once(body, orders, customers);
      long[] ns = new long[rounds];
      for (int i = 0; i < rounds; i++) {
        long t0 = System.nanoTime();
        sink += once(body, orders, customers);
        ns[i] = System.nanoTime() - t0;
      }
      Arrays.sort(ns);
      System.out.printf(
          "%-26s p50 %6.1f us   p99 %6.1f us   max %7.1f us   (%d chars of SQL; sink %d)%n",
          c[0],
          ns[rounds / 2] / 1e3,
          ns[(int) (rounds * 0.99)] / 1e3,
          ns[rounds - 1] / 1e3,
          once(body, orders, customers),
          sink % 10);
    }
  }

  /**
   * One request as the service compiles it: read the documents and the request, index, check,
   * compile.
   */
  static int once(JsonObject body, JsonObject orders, JsonObject customers) {
    SemanticRequest q = SemanticRequest.fromJson(body);
    ModelIndex idx =
        new ModelIndex(
            Model.fromJson(orders),
            "orders",
            Map.of("customers", new ModelIndex.Related("customers", Model.fromJson(customers))));
    return QueryCompiler.compile(q, idx, "model v7").sql().length();
  }
}
