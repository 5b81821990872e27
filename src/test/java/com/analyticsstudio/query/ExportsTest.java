package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExportsTest {

  static String csv(String s) {
    StringBuilder b = new StringBuilder();
    Exports.csv(b, s);
    return b.toString();
  }

  @Test
  void csvQuotesOnlyFieldsThatNeedIt() {
    assertThat(csv("plain")).isEqualTo("plain");
    assertThat(csv("a,b")).isEqualTo("\"a,b\"");
    assertThat(csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(csv("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(csv("cr\r")).isEqualTo("\"cr\r\"");
  }

  @Test
  void valuesBecomeTheirPlainText() {
    assertThat(Exports.text(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(Exports.text(new JsonObject().put("a", 1))).isEqualTo("{\"a\":1}");
    assertThat(Exports.text(new JsonArray().add(1).add("x"))).isEqualTo("[1,\"x\"]");
    assertThat(Exports.text(true)).isEqualTo("true");
  }

  @Test
  void repeatedColumnNamesGetSuffixes() {
    List<QueryResult.Column> cols =
        List.of(
            new QueryResult.Column("count", "integer"),
            new QueryResult.Column("count", "integer"),
            new QueryResult.Column("count_2", "integer"));
    assertThat(Exports.uniqueNames(cols)).containsExactly("count", "count_2", "count_2_2");
  }

  @Test
  void formatComesFromTheParameterThenTheAcceptHeader() {
    assertThat(ExportFormat.choose("csv", "application/json")).isEqualTo(ExportFormat.CSV);
    assertThat(ExportFormat.choose("JSON", "text/csv")).isNull();
    assertThat(ExportFormat.choose(null, "text/csv")).isEqualTo(ExportFormat.CSV);
    assertThat(ExportFormat.choose(null, "application/x-ndjson")).isEqualTo(ExportFormat.NDJSON);
    assertThat(ExportFormat.choose(null, ExportFormat.XLSX.contentType))
        .isEqualTo(ExportFormat.XLSX);
    assertThat(ExportFormat.choose(null, "application/json, text/csv")).isNull();
    assertThat(ExportFormat.choose(null, "*/*")).isNull();
    assertThat(ExportFormat.choose(null, null)).isNull();
    assertThatThrownBy(() -> ExportFormat.choose("pdf", null)).isInstanceOf(ApiException.class);
  }

  @Test
  void responseAddsCachedAndElapsedToTheStoredBody() {
    Buffer body = new JsonObject().put("rows", new JsonArray()).put("rowCount", 0).toBuffer();
    JsonObject r = new JsonObject(QueryService.respond(body, true, 7));
    assertThat(r)
        .isEqualTo(
            new JsonObject()
                .put("cached", true)
                .put("elapsedMs", 7)
                .put("rows", new JsonArray())
                .put("rowCount", 0));
  }

  @Test
  void queryCallRoundTripsAsJsonAndRefusesBadValues() {
    QueryCall c =
        new QueryCall(UUID.randomUUID(), UUID.randomUUID(), "SELECT 1", 10, null, true, "ask");
    assertThat(QueryCall.fromJson(c.toJson())).isEqualTo(c);
    assertThat(QueryCall.fromJson(c.toJson().put("source", null)).source()).isEqualTo("api");
    assertThatThrownBy(() -> QueryCall.fromJson(c.toJson().put("source", "evil")))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> QueryCall.fromJson(c.toJson().put("limit", 0)))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> QueryCall.fromJson(c.toJson().put("sql", " ")))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> QueryCall.fromJson(c.toJson().put("projectId", "nope")))
        .isInstanceOf(ApiException.class);
  }
}
