package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.VertxException;
import io.vertx.sqlclient.impl.ErrorMessageFactory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BindParamsTest {

  /** The client's refusal, worded as the client words it (pinned: a new wording fails here). */
  static VertxException refusal(Class<?> expected, int position, Object value) {
    return new VertxException(
        ErrorMessageFactory.buildWhenArgumentsTypeNotMatched(expected, position, value), true);
  }

  @Test
  void readsTheClientsRefusalOfAParameter() {
    BindParams.Mismatch m =
        BindParams.mismatch(refusal(LocalDate.class, 1, "a ] tricky\nvalue"), 2);
    assertThat(m).isEqualTo(new BindParams.Mismatch(1, "java.time.LocalDate"));
    // The executor's own LIMIT value (after the user's) or another failure is not a mismatch.
    assertThat(BindParams.mismatch(refusal(Long.class, 2, "x"), 2)).isNull();
    assertThat(BindParams.mismatch(new VertxException("connection closed", true), 2)).isNull();
  }

  @Test
  void convertsOnlyWhenTheValueIsExactlyRepresentable() {
    assertThat(BindParams.convert("2024-01-03", "java.time.LocalDate"))
        .isEqualTo(LocalDate.of(2024, 1, 3));
    assertThat(BindParams.convert("2024-01-03 10:00:00", "java.time.OffsetDateTime"))
        .isEqualTo(OffsetDateTime.of(2024, 1, 3, 10, 0, 0, 0, ZoneOffset.UTC));
    assertThat(BindParams.convert("12345678901234567890.125", "java.lang.Number"))
        .isEqualTo(new BigDecimal("12345678901234567890.125"));
    assertThat(BindParams.convert("TRUE", "java.lang.Boolean")).isEqualTo(Boolean.TRUE);
    assertThat(BindParams.convert(5, "java.lang.String")).isEqualTo("5");
    assertThat(BindParams.convert(new BigDecimal("1E+3"), "java.lang.String")).isEqualTo("1000");
    assertThat(BindParams.convert("yes", "java.lang.Boolean")).isNull();
    assertThat(BindParams.convert("2024-13-01", "java.time.LocalDate")).isNull();
    assertThat(BindParams.convert("12abc", "java.lang.Number")).isNull();
    assertThat(BindParams.convert(true, "java.lang.Number")).isNull();
    assertThat(BindParams.convert("x", "io.vertx.core.json.JsonObject")).isNull();
  }

  @Test
  void aValueWithNoConversionIsA400AtItsIndex() {
    List<Object> params = Arrays.asList("East", "soon");
    assertThatThrownBy(
            () -> BindParams.converted(params, new BindParams.Mismatch(1, "java.time.LocalDate")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("validation_failed");
              assertThat(e.details().getString("location")).isEqualTo("/params/1");
              assertThat(e.getMessage()).contains("\"soon\"").contains("$2").contains("date");
            });
    assertThat(
            BindParams.converted(
                Arrays.asList(5, "2024-01-03"), new BindParams.Mismatch(1, "java.time.LocalDate")))
        .containsExactly(5, LocalDate.of(2024, 1, 3));
  }
}
