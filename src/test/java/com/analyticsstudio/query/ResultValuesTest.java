package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
        .isEqualTo("2024-01-02T03:04:00.000Z");
    assertThat(
            ResultValues.toJson(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2))))
        .isEqualTo("2024-01-02T01:04:05.000Z");
    // milliseconds always; microseconds kept when the value has them (a cell is never cut)
    assertThat(ResultValues.toJson(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000)))
        .isEqualTo("2024-01-02T03:04:05.120Z");
    assertThat(ResultValues.toJson(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000)))
        .isEqualTo("2024-01-02T03:04:05.123456Z");
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

  @Test
  void numbersADoubleCannotHoldBecomeStringsWithTheirExactDigits() {
    assertThat(ResultValues.toJson(9_007_199_254_740_991L)).isEqualTo(9_007_199_254_740_991L);
    assertThat(ResultValues.toJson(9_007_199_254_740_993L)).isEqualTo("9007199254740993");
    assertThat(ResultValues.toJson(-9_007_199_254_740_993L)).isEqualTo("-9007199254740993");
    assertThat(ResultValues.toJson(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
    assertThat(
            ResultValues.toJson(Numeric.create(new BigDecimal("12345678901234567890.123456789"))))
        .isEqualTo("12345678901234567890.123456789");
    assertThat(ResultValues.toJson(Numeric.create(new BigDecimal("0.1"))))
        .isEqualTo(new BigDecimal("0.1"));
    assertThat(ResultValues.toJson(Numeric.create(new BigDecimal("1E+400"))))
        .isEqualTo("1" + "0".repeat(400));
    assertThat(ResultValues.toJson(Double.NaN)).isEqualTo("NaN");
    assertThat(ResultValues.toJson(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
  }

  @Test
  void aNumericColumnWithAnyStringValueIsAllStringsAndSaysSo() {
    JsonArray columns =
        new JsonArray()
            .add(new JsonObject().put("name", "id").put("type", "integer"))
            .add(new JsonObject().put("name", "x").put("type", "decimal"))
            .add(new JsonObject().put("name", "s").put("type", "text"));
    JsonArray rows =
        new JsonArray()
            .add(new JsonArray().add(1).add(new BigDecimal("2.50")).add("a"))
            .add(new JsonArray().add("9007199254740993").add(1.5).add("b"))
            .add(new JsonArray().addNull().addNull().addNull());
    ResultValues.encodeColumns(columns, rows, false);
    assertThat(columns.getJsonObject(0).getString("encoding")).isEqualTo("string");
    assertThat(columns.getJsonObject(1).containsKey("encoding")).isFalse();
    assertThat(columns.getJsonObject(2).containsKey("encoding")).isFalse();
    assertThat(rows.getJsonArray(0).getValue(0)).isEqualTo("1");
    assertThat(rows.getJsonArray(1).getValue(0)).isEqualTo("9007199254740993");
    assertThat(rows.getJsonArray(0).getValue(1)).isEqualTo(new BigDecimal("2.50"));
    assertThat(rows.getJsonArray(2).getValue(0)).isNull();

    ResultValues.encodeColumns(columns, rows, true);
    assertThat(columns.getJsonObject(1).getString("encoding")).isEqualTo("string");
    assertThat(rows.getJsonArray(0).getValue(1)).isEqualTo("2.50");
    assertThat(rows.getJsonArray(1).getValue(1)).isEqualTo("1.5");
    assertThat(rows.getJsonArray(0).getValue(2)).isEqualTo("a");
  }
}
