package com.analyticsstudio.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasureBatchTest {
  static JsonObject q(String json) {
    return new JsonObject(json);
  }

  static final String FILTERS =
      "\"filters\":[{\"member\":\"origin\",\"operator\":\"equals\",\"values\":[\"ATL\"]}]";

  @Test
  void queriesThatDifferOnlyInMeasuresShareAKeyWhateverTheirKeyOrder() {
    JsonObject a = q("{\"dataset\":\"flights\",\"measures\":[\"count\"]," + FILTERS + "}");
    JsonObject b = q("{" + FILTERS + ",\"measures\":[\"avg_delay\"],\"dataset\":\"flights\"}");
    assertThat(MeasureBatch.key(a)).isNotNull().isEqualTo(MeasureBatch.key(b));
  }

  @Test
  void differentGroupsFiltersOrLimitsDoNotShare() {
    String base = "{\"dataset\":\"flights\",\"measures\":[\"count\"]";
    String kpi = MeasureBatch.key(q(base + "}"));
    assertThat(MeasureBatch.key(q(base + ",\"dimensions\":[\"origin\"]}"))).isNotEqualTo(kpi);
    assertThat(MeasureBatch.key(q(base + "," + FILTERS + "}"))).isNotEqualTo(kpi);
    assertThat(MeasureBatch.key(q(base + ",\"limit\":10}"))).isNotEqualTo(kpi);
    assertThat(MeasureBatch.key(q("{\"dataset\":\"other\",\"measures\":[\"count\"]}")))
        .isNotEqualTo(kpi);
    assertThat(
            MeasureBatch.key(
                q(base + ",\"time\":{\"dimension\":\"date\",\"granularity\":\"month\"}}")))
        .isNotEqualTo(
            MeasureBatch.key(
                q(base + ",\"time\":{\"dimension\":\"date\",\"granularity\":\"week\"}}")));
  }

  @Test
  void measuresThatChangeHowTheQueryIsBuiltOrAnOrderByAMeasureDoNotMerge() {
    // A time transform, a formula, a related model's measure, a measure twice.
    assertThat(
            MeasureBatch.key(
                q(
                    "{\"dataset\":\"s\",\"measures\":[{\"measure\":\"total\",\"time\":\"same_period_last_year\"}],"
                        + "\"time\":{\"dimension\":\"d\",\"granularity\":\"month\"}}")))
        .isNull();
    assertThat(
            MeasureBatch.key(
                q("{\"dataset\":\"s\",\"measures\":[{\"formula\":\"sum(a)\",\"as\":\"x\"}]}")))
        .isNull();
    assertThat(MeasureBatch.key(q("{\"dataset\":\"s\",\"measures\":[\"customer.count\"]}")))
        .isNull();
    assertThat(MeasureBatch.key(q("{\"dataset\":\"s\",\"measures\":[\"count\",\"count\"]}")))
        .isNull();
    assertThat(MeasureBatch.key(q("{\"dataset\":\"s\",\"measures\":[]}"))).isNull();
    // Ordered by a measure, with a limit: which rows come back depends on the measures.
    assertThat(
            MeasureBatch.key(
                q(
                    "{\"dataset\":\"s\",\"measures\":[\"count\"],\"dimensions\":[\"r\"],"
                        + "\"order\":[{\"member\":\"count\",\"direction\":\"desc\"}],\"limit\":5}")))
        .isNull();
    // Ordered by a dimension or the time dimension: it may.
    assertThat(
            MeasureBatch.key(
                q(
                    "{\"dataset\":\"s\",\"measures\":[\"count\"],\"dimensions\":[\"r\"],"
                        + "\"time\":{\"dimension\":\"d\",\"granularity\":\"month\"},"
                        + "\"order\":[{\"member\":\"r\"},{\"member\":\"d\",\"direction\":\"desc\"}]}")))
        .isNotNull();
  }

  @Test
  void theSharedQueryHasEveryMeasureOnceAndEachAnswerIsCutToItsOwnColumnsInItsOrder() {
    String by = "\"dataset\":\"f\",\"dimensions\":[\"origin\"]";
    JsonObject a = q("{" + by + ",\"measures\":[\"count\",\"avg_delay\"]}");
    JsonObject b = q("{" + by + ",\"measures\":[\"total_distance\",\"count\"]}");
    List<JsonObject> qs = List.of(a, b);
    JsonObject merged = MeasureBatch.merged(qs);
    assertThat(merged.getJsonArray("measures"))
        .isEqualTo(new JsonArray().add("count").add("avg_delay").add("total_distance"));
    assertThat(merged.getJsonArray("dimensions")).isEqualTo(a.getJsonArray("dimensions"));

    JsonObject shared =
        new JsonObject()
            .put("cached", false)
            .put(
                "columns",
                new JsonArray()
                    .add(new JsonObject().put("name", "origin"))
                    .add(new JsonObject().put("name", "count"))
                    .add(new JsonObject().put("name", "avg_delay"))
                    .add(new JsonObject().put("name", "total_distance")))
            .put(
                "rows",
                new JsonArray()
                    .add(new JsonArray().add("ATL").add(10).add(1.5).add(700))
                    .add(new JsonArray().add("ORD").add(8).add(2.5).add(900)))
            .put("rowCount", 2)
            .put("truncated", false)
            .put("sql", "SELECT …");

    JsonObject forA = MeasureBatch.cut(shared, qs, a);
    assertThat(names(forA)).containsExactly("origin", "count", "avg_delay");
    assertThat(forA.getJsonArray("rows"))
        .isEqualTo(
            new JsonArray()
                .add(new JsonArray().add("ATL").add(10).add(1.5))
                .add(new JsonArray().add("ORD").add(8).add(2.5)));
    JsonObject forB = MeasureBatch.cut(shared, qs, b);
    assertThat(names(forB)).containsExactly("origin", "total_distance", "count");
    assertThat(forB.getJsonArray("rows").getJsonArray(1))
        .isEqualTo(new JsonArray().add("ORD").add(900).add(8));
    assertThat(forB.getInteger("rowCount")).isEqualTo(2);
    assertThat(forB.getString("sql")).isEqualTo("SELECT …");
    // The shared answer is left as it was.
    assertThat(names(shared)).hasSize(4);
  }

  @Test
  void kpisWithoutDimensionsCutTheirOneCell() {
    JsonObject a = q("{\"dataset\":\"f\",\"measures\":[\"count\"]}");
    JsonObject b = q("{\"dataset\":\"f\",\"measures\":[\"avg_delay\"]}");
    List<JsonObject> qs = List.of(a, b);
    JsonObject shared =
        new JsonObject()
            .put(
                "columns",
                new JsonArray()
                    .add(new JsonObject().put("name", "count"))
                    .add(new JsonObject().put("name", "avg_delay")))
            .put("rows", new JsonArray().add(new JsonArray().add(3000000).add(9.2)));
    assertThat(MeasureBatch.cut(shared, qs, b).getJsonArray("rows"))
        .isEqualTo(new JsonArray().add(new JsonArray().add(9.2)));
    assertThat(names(MeasureBatch.cut(shared, qs, a))).containsExactly("count");
  }

  static List<String> names(JsonObject answer) {
    return answer.getJsonArray("columns").stream()
        .map(c -> ((JsonObject) c).getString("name"))
        .toList();
  }
}
