package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.data.Interval;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultValuesTest {

  @Test
  void mapsPostgresTypesToTheSixPortableNames() {
    assertThat(ResultValues.columnType("INT2")).isEqualTo("integer");
    assertThat(ResultValues.columnType("INT8")).isEqualTo("integer");
    assertThat(ResultValues.columnType("NUMERIC")).isEqualTo("decimal");
    assertThat(ResultValues.columnType("FLOAT4")).isEqualTo("decimal");
    assertThat(ResultValues.columnType("BOOL")).isEqualTo("boolean");
    assertThat(ResultValues.columnType("DATE")).isEqualTo("date");
    assertThat(ResultValues.columnType("TIMESTAMPTZ")).isEqualTo("timestamp");
    assertThat(ResultValues.columnType("BPCHAR")).isEqualTo("text");
    assertThat(ResultValues.columnType("NAME")).isEqualTo("text");
  }

  @Test
  void keepsOtherTypeNamesLowerCaseAndMarksArrays() {
    assertThat(ResultValues.columnType("JSONB")).isEqualTo("jsonb");
    assertThat(ResultValues.columnType("UUID")).isEqualTo("uuid");
    assertThat(ResultValues.columnType("TEXT_ARRAY")).isEqualTo("text[]");
    assertThat(ResultValues.columnType(null)).isEqualTo("unknown");
  }

  @Test
  void convertsValuesToJsonFriendlyForms() {
    assertThat(ResultValues.toJson((short) 3)).isEqualTo(3);
    assertThat(ResultValues.toJson(Numeric.create(new BigDecimal("1.50"))))
        .isEqualTo(new BigDecimal("1.50"));
    assertThat(ResultValues.toJson(Numeric.NaN)).isEqualTo("NaN");
    assertThat(ResultValues.toJson(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
    assertThat(ResultValues.toJson(LocalDate.of(2024, 1, 2))).isEqualTo("2024-01-02");
    assertThat(ResultValues.toJson(LocalDate.MAX)).isEqualTo("infinity");
    assertThat(ResultValues.toJson(LocalDateTime.of(2024, 1, 2, 3, 4)))
        .isEqualTo("2024-01-02T03:04:00");
    assertThat(
            ResultValues.toJson(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2))))
        .isEqualTo("2024-01-02T01:04:05Z");
    assertThat(ResultValues.toJson(Buffer.buffer(new byte[] {1, (byte) 0xff})))
        .isEqualTo("\\x01ff");
    assertThat(ResultValues.toJson(new Integer[] {1, null})).isEqualTo(Arrays.asList(1, null));
    assertThat(ResultValues.toJson(Tuple.JSON_NULL)).isNull();
    assertThat(ResultValues.toJson(new String[] {"a"})).isEqualTo(List.of("a"));
  }

  @Test
  void writesIntervalsAsIsoDurations() {
    assertThat(ResultValues.isoDuration(new Interval(1, 2, 3, 4, 5, 6, 500_000)))
        .isEqualTo("P1Y2M3DT4H5M6.5S");
    assertThat(ResultValues.isoDuration(new Interval())).isEqualTo("PT0S");
  }
}
