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
    Exports.csv(b, s, true);
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
  void exportFormatIsRequiredAndOneOfThree() {
    assertThat(ExportFormat.export("csv")).isEqualTo(ExportFormat.CSV);
    assertThat(ExportFormat.export("NDJSON")).isEqualTo(ExportFormat.NDJSON);
    assertThat(ExportFormat.export("xlsx")).isEqualTo(ExportFormat.XLSX);
    assertThatThrownBy(() -> ExportFormat.export("json")).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> ExportFormat.export(null)).isInstanceOf(ApiException.class);
  }

  @Test
  void csvCellsThatSpreadsheetsWouldRunGetALeadingQuote() {
    for (String formula : List.of("=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx")) {
      StringBuilder b = new StringBuilder();
      Exports.csv(b, formula, true);
      String field = b.toString().startsWith("\"") ? b.substring(1) : b.toString();
      assertThat(field).as(formula).startsWith("'" + formula);
    }
    StringBuilder quoted = new StringBuilder();
    Exports.csv(quoted, "=1,2", true);
    assertThat(quoted.toString()).isEqualTo("\"'=1,2\"");
    assertThat(csv("a=b")).isEqualTo("a=b");
    assertThat(csv("")).isEmpty();
    StringBuilder off = new StringBuilder();
    Exports.csv(off, "=1+1", false);
    assertThat(off.toString()).isEqualTo("=1+1");
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
