package com.analyticsstudio.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PagingTest {
  @Test
  void limitDefaultsTo50AndAcceptsTheRange() {
    assertThat(Paging.page(null, null).limit()).isEqualTo(50);
    assertThat(Paging.page("", null).limit()).isEqualTo(50);
    assertThat(Paging.page("1", null).limit()).isEqualTo(1);
    assertThat(Paging.page("500", null).limit()).isEqualTo(500);
    assertThat(Paging.page("7", null).after()).isNull();
  }

  @Test
  void limitOutsideTheRangeIsValidationFailed() {
    for (String bad : new String[] {"0", "501", "-3", "ten", "1.5", "99999999999"}) {
      assertThatThrownBy(() -> Paging.page(bad, null))
          .as(bad)
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.code()).isEqualTo("validation_failed");
                assertThat(e.details().getString("location")).isEqualTo("query.limit");
              });
    }
  }

  @Test
  void cursorRoundTripsItsPosition() {
    JsonObject position = new JsonObject().put("t", "2026-12-03T14:00:00.123456Z").put("id", "x");
    String cursor = Paging.encode(position);
    assertThat(cursor).startsWith("c1.").doesNotContain("=", "+", "/");
    assertThat(Paging.page("2", cursor).after()).isEqualTo(position);
  }

  @Test
  void aCursorThisServerDidNotWriteIsValidationFailed() {
    String notJson =
        "c1." + Base64.getUrlEncoder().encodeToString("nope".getBytes(StandardCharsets.UTF_8));
    String array =
        "c1." + Base64.getUrlEncoder().encodeToString("[1]".getBytes(StandardCharsets.UTF_8));
    for (String bad : new String[] {"abc", "c1.***", notJson, array, "c2.e30"}) {
      assertThatThrownBy(() -> Paging.decode(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.code()).isEqualTo("validation_failed");
                assertThat(e.details().getString("location")).isEqualTo("query.cursor");
              });
    }
  }

  @Test
  void answerDropsTheExtraRowAndPointsAfterTheLastKeptOne() {
    Paging.Page page = Paging.page("2", null);
    JsonArray fetched = new JsonArray();
    for (int i = 1; i <= page.fetch(); i++) fetched.add(new JsonObject().put("id", i));
    JsonObject a =
        Paging.answer(page, fetched, 10, last -> new JsonObject().put("id", last.getInteger("id")));
    assertThat(a.getJsonArray("items")).hasSize(2);
    assertThat(a.getInteger("limit")).isEqualTo(2);
    assertThat(a.getLong("total")).isEqualTo(10);
    assertThat(Paging.decode(a.getString("next"))).isEqualTo(new JsonObject().put("id", 2));
  }

  @Test
  void theLastPageHasNoNext() {
    Paging.Page page = Paging.page("2", null);
    JsonArray fetched = new JsonArray().add(new JsonObject().put("id", 1)).add(new JsonObject());
    JsonObject a = Paging.answer(page, fetched, 2, last -> new JsonObject());
    assertThat(a.getJsonArray("items")).hasSize(2);
    assertThat(a.containsKey("next")).isTrue();
    assertThat(a.getString("next")).isNull();
  }
}
