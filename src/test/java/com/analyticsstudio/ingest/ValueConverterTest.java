package com.analyticsstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValueConverterTest {

  private static String conv(ColumnType t, String v) throws Exception {
    return new ValueConverter(t, false, false).convert(v);
  }

  @Test
  void convertsIntegers() throws Exception {
    assertThat(conv(ColumnType.INTEGER, "42")).isEqualTo("42");
    assertThat(conv(ColumnType.INTEGER, " -7 ")).isEqualTo("-7");
    assertThat(conv(ColumnType.INTEGER, "1,234")).isEqualTo("1234");
    assertThat(conv(ColumnType.INTEGER, "+5")).isEqualTo("5");
    assertThat(conv(ColumnType.INTEGER, "007")).isEqualTo("007");
    assertThat(conv(ColumnType.INTEGER, "12.0")).isEqualTo("12");
    assertThat(conv(ColumnType.INTEGER, "NA")).isNull();
    assertThat(conv(ColumnType.INTEGER, "")).isNull();
    assertThatThrownBy(() -> conv(ColumnType.INTEGER, "12.5"))
        .isInstanceOf(ValueConverter.NotConvertible.class);
    assertThatThrownBy(() -> conv(ColumnType.INTEGER, "abc"))
        .isInstanceOf(ValueConverter.NotConvertible.class);
    assertThatThrownBy(() -> conv(ColumnType.INTEGER, "99999999999999999999"))
        .isInstanceOf(ValueConverter.NotConvertible.class);
  }

  @Test
  void convertsDecimalsIncludingDecimalCommas() throws Exception {
    assertThat(conv(ColumnType.DECIMAL, "1,234.50")).isEqualTo("1234.50");
    assertThat(conv(ColumnType.DECIMAL, ".097")).isEqualTo(".097");
    assertThat(conv(ColumnType.DECIMAL, "1e5")).isEqualTo("1e5");
    assertThat(new ValueConverter(ColumnType.DECIMAL, false, true).convert("3,14"))
        .isEqualTo("3.14");
    assertThatThrownBy(() -> conv(ColumnType.DECIMAL, "3,14"))
        .isInstanceOf(ValueConverter.NotConvertible.class);
  }

  @Test
  void convertsBooleans() throws Exception {
    assertThat(conv(ColumnType.BOOLEAN, "Yes")).isEqualTo("t");
    assertThat(conv(ColumnType.BOOLEAN, "F")).isEqualTo("f");
    assertThat(conv(ColumnType.BOOLEAN, "1")).isEqualTo("t");
    assertThatThrownBy(() -> conv(ColumnType.BOOLEAN, "maybe"))
        .isInstanceOf(ValueConverter.NotConvertible.class);
  }

  @Test
  void convertsDatesToIso() throws Exception {
    assertThat(conv(ColumnType.DATE, "2024/1/5")).isEqualTo("2024-01-05");
    assertThat(conv(ColumnType.DATE, "1/31/2024")).isEqualTo("2024-01-31");
    assertThat(conv(ColumnType.DATE, "Jan 31, 2024")).isEqualTo("2024-01-31");
    assertThat(conv(ColumnType.DATE, "31 January 2024")).isEqualTo("2024-01-31");
    assertThat(conv(ColumnType.DATE, "31.01.2024")).isEqualTo("2024-01-31");
    assertThat(new ValueConverter(ColumnType.DATE, true, false).convert("03/04/2024"))
        .isEqualTo("2024-04-03");
    assertThat(conv(ColumnType.DATE, "03/04/2024")).isEqualTo("2024-03-04");
    assertThat(conv(ColumnType.DATE, "2024-01-31 00:00:00")).isEqualTo("2024-01-31");
    assertThatThrownBy(() -> conv(ColumnType.DATE, "2024-01-31 10:00"))
        .isInstanceOf(ValueConverter.NotConvertible.class);
    assertThatThrownBy(() -> conv(ColumnType.DATE, "31/01/2024"))
        .isInstanceOf(ValueConverter.NotConvertible.class);
  }

  @Test
  void convertsTimestampsAndNormalisesOffsetsToUtc() throws Exception {
    assertThat(conv(ColumnType.TIMESTAMP, "2024-01-31T13:45")).isEqualTo("2024-01-31 13:45:00");
    assertThat(conv(ColumnType.TIMESTAMP, "1/31/2024 1:45 PM")).isEqualTo("2024-01-31 13:45:00");
    assertThat(conv(ColumnType.TIMESTAMP, "2024-01-31T13:45:10.250Z"))
        .isEqualTo("2024-01-31 13:45:10.250");
    assertThat(conv(ColumnType.TIMESTAMP, "2024-01-01T01:30:00+02:00"))
        .isEqualTo("2023-12-31 23:30:00");
    assertThat(conv(ColumnType.TIMESTAMP, "2024-01-31")).isEqualTo("2024-01-31 00:00:00");
  }

  @Test
  void keepsTextVerbatimIncludingNullTokens() throws Exception {
    assertThat(conv(ColumnType.TEXT, "NA")).isEqualTo("NA");
    assertThat(conv(ColumnType.TEXT, "")).isEqualTo("");
    assertThat(conv(ColumnType.TEXT, null)).isNull();
  }

  @Test
  void temporalValuesForBinaryCopyEqualTheEncodedCanonicalText() throws Exception {
    String[] values = {
      "2024-01-31",
      "2024-01-31 13:45:00",
      "2001-01-01 00:01",
      "2024-1-5",
      "1/31/2024",
      "31/01/2024",
      "01/02/2024",
      "31.01.2024",
      "Jan 31, 2024",
      "31-Jan-2024",
      "2024-01-31T10:00:00+05:30",
      "2024-01-31T23:30:00-02:00",
      "1/31/2024 1:45 PM",
      "2024-02-29 12:00:00.5",
      "1999-12-31 23:59:59.999999",
      "2024-01-31 13:45:00.1234567",
      "2024-01-31 13:45:00.1234564",
      "2024-01-31 00:00:00.000",
      "0001-01-01",
      "9999-12-31 23:59:59",
      "1970-01-01T00:00:00Z",
      " 2024-01-31 ",
      "NA",
      "",
      null,
      "13/13/2024",
      "2024-02-30",
      "2024-01-31 13:45",
      "abc",
      "12"
    };
    for (ColumnType type : new ColumnType[] {ColumnType.DATE, ColumnType.TIMESTAMP}) {
      for (boolean dayFirst : new boolean[] {false, true}) {
        ValueConverter c = new ValueConverter(type, dayFirst, false);
        for (String v : values) {
          String text;
          try {
            text = c.convert(v);
          } catch (ValueConverter.NotConvertible e) {
            assertThatThrownBy(() -> c.temporalValue(v))
                .as(v)
                .isInstanceOf(ValueConverter.NotConvertible.class);
            continue;
          }
          long expected =
              text == null
                  ? ValueConverter.NULL_TEMPORAL
                  : type == ColumnType.DATE
                      ? CopyBinaryWriter.days(text)
                      : CopyBinaryWriter.micros(text);
          assertThat(c.temporalValue(v))
              .as(type + " " + v + " day-first " + dayFirst)
              .isEqualTo(expected);
        }
      }
    }
  }
}
