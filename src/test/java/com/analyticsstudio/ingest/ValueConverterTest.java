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
    assertThatThrownBy(() -> conv(ColumnType.INTEGER, "12.5")).isInstanceOf(ValueConverter.NotConvertible.class);
    assertThatThrownBy(() -> conv(ColumnType.INTEGER, "abc")).isInstanceOf(ValueConverter.NotConvertible.class);
    assertThatThrownBy(() -> conv(ColumnType.INTEGER, "99999999999999999999")).isInstanceOf(ValueConverter.NotConvertible.class);
  }

  @Test
  void convertsDecimalsIncludingDecimalCommas() throws Exception {
    assertThat(conv(ColumnType.DECIMAL, "1,234.50")).isEqualTo("1234.50");
    assertThat(conv(ColumnType.DECIMAL, ".097")).isEqualTo(".097");
    assertThat(conv(ColumnType.DECIMAL, "1e5")).isEqualTo("1e5");
    assertThat(new ValueConverter(ColumnType.DECIMAL, false, true).convert("3,14")).isEqualTo("3.14");
    assertThatThrownBy(() -> conv(ColumnType.DECIMAL, "3,14")).isInstanceOf(ValueConverter.NotConvertible.class);
  }

  @Test
  void convertsBooleans() throws Exception {
    assertThat(conv(ColumnType.BOOLEAN, "Yes")).isEqualTo("t");
    assertThat(conv(ColumnType.BOOLEAN, "F")).isEqualTo("f");
    assertThat(conv(ColumnType.BOOLEAN, "1")).isEqualTo("t");
    assertThatThrownBy(() -> conv(ColumnType.BOOLEAN, "maybe")).isInstanceOf(ValueConverter.NotConvertible.class);
  }

  @Test
  void convertsDatesToIso() throws Exception {
    assertThat(conv(ColumnType.DATE, "2024/1/5")).isEqualTo("2024-01-05");
    assertThat(conv(ColumnType.DATE, "1/31/2024")).isEqualTo("2024-01-31");
    assertThat(conv(ColumnType.DATE, "Jan 31, 2024")).isEqualTo("2024-01-31");
    assertThat(conv(ColumnType.DATE, "31 January 2024")).isEqualTo("2024-01-31");
    assertThat(conv(ColumnType.DATE, "31.01.2024")).isEqualTo("2024-01-31");
    assertThat(new ValueConverter(ColumnType.DATE, true, false).convert("03/04/2024")).isEqualTo("2024-04-03");
    assertThat(conv(ColumnType.DATE, "03/04/2024")).isEqualTo("2024-03-04");
    assertThat(conv(ColumnType.DATE, "2024-01-31 00:00:00")).isEqualTo("2024-01-31");
    assertThatThrownBy(() -> conv(ColumnType.DATE, "2024-01-31 10:00")).isInstanceOf(ValueConverter.NotConvertible.class);
    assertThatThrownBy(() -> conv(ColumnType.DATE, "31/01/2024")).isInstanceOf(ValueConverter.NotConvertible.class);
  }

  @Test
  void convertsTimestampsAndNormalisesOffsetsToUtc() throws Exception {
    assertThat(conv(ColumnType.TIMESTAMP, "2024-01-31T13:45")).isEqualTo("2024-01-31 13:45:00");
    assertThat(conv(ColumnType.TIMESTAMP, "1/31/2024 1:45 PM")).isEqualTo("2024-01-31 13:45:00");
    assertThat(conv(ColumnType.TIMESTAMP, "2024-01-31T13:45:10.250Z")).isEqualTo("2024-01-31 13:45:10.250");
    assertThat(conv(ColumnType.TIMESTAMP, "2024-01-01T01:30:00+02:00")).isEqualTo("2023-12-31 23:30:00");
    assertThat(conv(ColumnType.TIMESTAMP, "2024-01-31")).isEqualTo("2024-01-31 00:00:00");
  }

  @Test
  void keepsTextVerbatimIncludingNullTokens() throws Exception {
    assertThat(conv(ColumnType.TEXT, "NA")).isEqualTo("NA");
    assertThat(conv(ColumnType.TEXT, "")).isEqualTo("");
    assertThat(conv(ColumnType.TEXT, null)).isNull();
  }
}
