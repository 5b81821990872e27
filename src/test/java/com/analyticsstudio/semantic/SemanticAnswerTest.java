package com.analyticsstudio.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The semantic answer is the query path's bytes with labelled columns and the SQL spliced in. */
class SemanticAnswerTest {
  private static final ModelService.Loaded LIVE =
      new ModelService.Loaded(
          UUID.randomUUID(), "sales", "sales", 1, 7, null, OffsetDateTime.now());

  private static final QueryCompiler.Compiled COMPILED =
      new QueryCompiler.Compiled(
          "SELECT \"region\", sum(\"amount\") AS \"revenue\" FROM \"sales\" -- \"rows\":",
          List.of(
              new QueryCompiler.OutColumn("region", "Territory", null),
              new QueryCompiler.OutColumn(
                  "revenue", "Revenue", new JsonObject().put("type", "currency"))));

  private static Buffer result(String columnName) {
    // The shape QueryService.respond writes: cached and elapsedMs first, then the stored body.
    return Buffer.buffer(
        "{\"cached\":true,\"elapsedMs\":3,\"columns\":[{\"name\":"
            + new JsonArray().add(columnName).encode().replaceAll("^\\[|]$", "")
            + ",\"type\":\"text\"},{\"name\":\"revenue\",\"type\":\"numeric\"}],"
            + "\"rows\":[[\"East\",10.5],[\"a \\\"rows\\\": b\",null]],\"rowCount\":2,\"truncated\":false}");
  }

  @Test
  void splicedAnswerEqualsTheDecodedOne() {
    Buffer raw = result("region");
    JsonObject spliced = new JsonObject(SemanticService.answer(raw, COMPILED, LIVE));
    JsonObject decoded = SemanticService.answer(new JsonObject(raw), COMPILED, LIVE);
    assertThat(spliced).isEqualTo(decoded);
    assertThat(spliced.getJsonArray("columns").getJsonObject(0).getString("label"))
        .isEqualTo("Territory");
    assertThat(spliced.getJsonArray("columns").getJsonObject(1).getString("type"))
        .isEqualTo("numeric");
    assertThat(spliced.getJsonArray("columns").getJsonObject(1).getJsonObject("format"))
        .isEqualTo(new JsonObject().put("type", "currency"));
    assertThat(spliced.getString("sql")).isEqualTo(COMPILED.sql());
    assertThat(spliced.getInteger("modelVersion")).isEqualTo(7);
    assertThat(spliced.getJsonArray("rows").getJsonArray(1).getString(0))
        .isEqualTo("a \"rows\": b");
    assertThat(spliced.getBoolean("cached")).isTrue();
  }

  @Test
  void aColumnNameThatLooksLikeTheRowsKeyDoesNotConfuseTheSplice() {
    Buffer raw = result("x\",\"rows\":[");
    JsonObject spliced = new JsonObject(SemanticService.answer(raw, COMPILED, LIVE));
    assertThat(spliced).isEqualTo(SemanticService.answer(new JsonObject(raw), COMPILED, LIVE));
    assertThat(spliced.getJsonArray("columns").getJsonObject(0).getString("name"))
        .isEqualTo("x\",\"rows\":[");
  }
}
