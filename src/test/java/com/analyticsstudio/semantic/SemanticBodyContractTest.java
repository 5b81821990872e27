package com.analyticsstudio.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.ContractSchemas;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The semantic query operations skip the router's validator: {@link SemanticRequest#fromJson} reads
 * the body field by field. It may refuse more than the {@code SemanticQuery} schema (a query asking
 * for nothing), never less: every body the schema refuses it refuses, and every ordinary query the
 * schema accepts it accepts.
 */
class SemanticBodyContractTest {
  private static final List<String> REFUSED_BY_SCHEMA =
      List.of(
          "{}",
          "{\"dataset\": 5, \"measures\": [\"count\"]}",
          "{\"dataset\": \"m\", \"measures\": \"count\"}",
          "{\"dataset\": \"m\", \"measures\": [5]}",
          "{\"dataset\": \"m\", \"measures\": [{\"aggregation\": \"mode\", \"column\": \"x\"}]}",
          "{\"dataset\": \"m\", \"measures\": [{\"measure\": \"count\", \"time\": \"decade\"}]}",
          "{\"dataset\": \"m\", \"measures\": [{\"aggregation\": \"percentile\", \"column\": \"x\","
              + " \"p\": \"half\"}]}",
          "{\"dataset\": \"m\", \"dimensions\": [1]}",
          "{\"dataset\": \"m\", \"dimensions\": \"genre\"}",
          "{\"dataset\": \"m\", \"measures\": [\"count\"], \"time\": {}}",
          "{\"dataset\": \"m\", \"measures\": [\"count\"], \"time\": {\"dimension\": 3}}",
          "{\"dataset\": \"m\", \"time\": {\"dimension\": \"d\", \"granularity\": \"decade\"}}",
          "{\"dataset\": \"m\", \"measures\": [\"count\"], \"time\": {\"dimension\": \"d\","
              + " \"dateRange\": [\"2020-01-01\"]}}",
          "{\"dataset\": \"m\", \"measures\": [\"count\"], \"time\": \"month\"}",
          "{\"dataset\": \"m\", \"measures\": [\"count\"], \"filters\": [{\"member\": \"a\"}]}",
          "{\"dataset\": \"m\", \"measures\": [\"count\"], \"filters\": [{\"member\": \"a\","
              + " \"operator\": \"like\"}]}",
          "{\"dataset\": \"m\", \"measures\": [\"count\"], \"filters\": [{\"member\": \"a\","
              + " \"operator\": \"equals\", \"values\": [{\"x\": 1}]}]}",
          "{\"dataset\": \"m\", \"measures\": [\"count\"], \"filters\": [{\"member\": \"a\","
              + " \"operator\": \"equals\", \"values\": \"x\"}]}",
          "{\"dataset\": \"m\", \"measures\": [\"count\"], \"filters\": {\"member\": \"a\"}}",
          "{\"dataset\": \"m\", \"measures\": [\"count\"], \"order\": [{\"direction\": \"asc\"}]}",
          "{\"dataset\": \"m\", \"measures\": [\"count\"], \"order\": [{\"member\": \"a\","
              + " \"direction\": \"up\"}]}",
          "{\"dataset\": \"m\", \"measures\": [\"count\"], \"limit\": 0}",
          "{\"dataset\": \"m\", \"measures\": [\"count\"], \"limit\": \"5\"}",
          "{\"dataset\": \"m\", \"measures\": [\"count\"], \"limit\": 2.5}",
          "{\"dataset\": \"m\", \"measures\": [\"count\"], \"limt\": 5}");

  private static final List<String> ACCEPTED =
      List.of(
          "{\"dataset\": \"movies\", \"measures\": [\"count\"]}",
          "{\"dataset\": \"movies\", \"dimensions\": [\"genre\"], \"measures\": [\"count\","
              + " {\"aggregation\": \"avg\", \"column\": \"imdb_rating\", \"as\": \"rating\"}],"
              + " \"order\": [{\"member\": \"count\", \"direction\": \"desc\"}], \"limit\": 5}",
          "{\"dataset\": \"orders\", \"measures\": [{\"measure\": \"revenue\", \"time\":"
              + " \"pct_change_last_year\"}], \"time\": {\"dimension\": \"ordered_at\","
              + " \"granularity\": \"month\", \"dateRange\": [\"2024-01-01\", \"2024-12-31\"]}}",
          "{\"dataset\": \"orders\", \"measures\": [{\"aggregation\": \"percentile\", \"column\":"
              + " \"amount\", \"p\": 0.9}], \"filters\": [{\"member\": \"region\", \"operator\":"
              + " \"equals\", \"values\": [\"East\", 3, true]}]}");

  @ParameterizedTest
  @ValueSource(strings = {"semanticQuery", "compileSemanticQuery"})
  void whatTheSchemaRefusesTheHandCheckRefuses(String operationId) {
    for (String text : REFUSED_BY_SCHEMA) {
      JsonObject body = new JsonObject(text);
      assertThat(ContractSchemas.bodyValid(operationId, body))
          .as("the schema of %s refuses %s", operationId, text)
          .isFalse();
      assertThat(handAccepts(body)).as("SemanticRequest refuses %s", text).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"semanticQuery", "compileSemanticQuery"})
  void whatBothAccept(String operationId) {
    for (String text : ACCEPTED) {
      JsonObject body = new JsonObject(text);
      assertThat(ContractSchemas.bodyValid(operationId, body)).as("schema: %s", text).isTrue();
      assertThat(handAccepts(body)).as("SemanticRequest: %s", text).isTrue();
    }
  }

  private static boolean handAccepts(JsonObject body) {
    return ContractSchemas.handAccepts(() -> SemanticRequest.fromJson(body), "invalid_query");
  }
}
