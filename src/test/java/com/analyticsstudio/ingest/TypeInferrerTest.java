package com.analyticsstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypeInferrerTest {

  private static TypeInferrer feed(boolean decimalComma, String... values) {
    TypeInferrer t = new TypeInferrer(decimalComma);
    for (String v : values) {
      t.accept(v);
    }
    return t;
  }

  private static ColumnType type(String... values) {
    return feed(false, values).type();
  }

  @Test
  void infersIntegers() {
    assertThat(type("1", "-42", "0", "+7", " 12 ", "123456789012345678"))
        .isEqualTo(ColumnType.INTEGER);
    assertThat(type("0", "1")).isEqualTo(ColumnType.INTEGER);
  }

  @Test
  void widensIntegerToDecimalToText() {
    assertThat(type("1", "2.5")).isEqualTo(ColumnType.DECIMAL);
    assertThat(type("1", ".097", "-0.5", "1e5", "2.5E-3")).isEqualTo(ColumnType.DECIMAL);
    assertThat(type("1", "2.5", "abc")).isEqualTo(ColumnType.TEXT);
    assertThat(type("1234567890123456789")).isEqualTo(ColumnType.DECIMAL);
  }

  @Test
  void keepsLeadingZeroCodesAsText() {
    assertThat(type("00123", "45")).isEqualTo(ColumnType.TEXT);
    assertThat(type("007")).isEqualTo(ColumnType.TEXT);
    assertThat(type("0", "0.5", "10")).isEqualTo(ColumnType.DECIMAL);
  }

  @Test
  void valuesWithLettersAreText() {
    assertThat(type("A12")).isEqualTo(ColumnType.TEXT);
    assertThat(type("1e5x")).isEqualTo(ColumnType.TEXT);
    assertThat(type("12 kg")).isEqualTo(ColumnType.TEXT);
  }

  @Test
  void acceptsQuotedThousandsSeparators() {
    assertThat(type("1,234", "12,345,678")).isEqualTo(ColumnType.INTEGER);
    assertThat(type("1,234.50")).isEqualTo(ColumnType.DECIMAL);
    assertThat(type("1,23")).isEqualTo(ColumnType.TEXT);
    assertThat(type("1234,567")).isEqualTo(ColumnType.TEXT);
  }

  @Test
  void recognisesDecimalCommasOnlyWhenAsked() {
    assertThat(feed(true, "3,14", "2", "1.5").type()).isEqualTo(ColumnType.DECIMAL);
    assertThat(feed(false, "3,14").type()).isEqualTo(ColumnType.TEXT);
  }

  @Test
  void infersBooleansOnlyFromBooleanWords() {
    assertThat(type("true", "FALSE", "True")).isEqualTo(ColumnType.BOOLEAN);
    assertThat(type("yes", "no", "Y", "n")).isEqualTo(ColumnType.BOOLEAN);
    assertThat(type("t", "f")).isEqualTo(ColumnType.BOOLEAN);
    assertThat(type("1", "0", "1")).isEqualTo(ColumnType.INTEGER);
    assertThat(type("true", "1")).isEqualTo(ColumnType.TEXT);
    assertThat(type("yes", "maybe")).isEqualTo(ColumnType.TEXT);
  }

  @Test
  void ignoresNullTokens() {
    TypeInferrer t =
        feed(false, "1", "", "NA", "N/A", "n/a", "null", "NULL", "-", "#N/A", null, " ", "2");
    assertThat(t.type()).isEqualTo(ColumnType.INTEGER);
    assertThat(t.nullable()).isTrue();
    assertThat(t.nullCount()).isEqualTo(10);
    assertThat(feed(false, "1", "2").nullable()).isFalse();
  }

  @Test
  void allNullColumnIsText() {
    assertThat(type("", "NA", null)).isEqualTo(ColumnType.TEXT);
  }

  @Test
  void infersIsoAndSlashDates() {
    assertThat(type("2024-01-31", "2024/02/29", "2023-12-01")).isEqualTo(ColumnType.DATE);
    assertThat(type("2024-02-30")).isEqualTo(ColumnType.TEXT);
    assertThat(type("2023-02-29")).isEqualTo(ColumnType.TEXT);
  }

  @Test
  void infersUsDatesMonthFirstByDefault() {
    TypeInferrer t = feed(false, "1/31/2024", "01/02/2024", "12/25/2023");
    assertThat(t.type()).isEqualTo(ColumnType.DATE);
    assertThat(t.dayFirst()).isFalse();
  }

  @Test
  void switchesTheWholeColumnToDayFirstWhenAFirstPartExceeds12() {
    TypeInferrer t = feed(false, "01/02/2024", "03/04/2024", "31/01/2024");
    assertThat(t.type()).isEqualTo(ColumnType.DATE);
    assertThat(t.dayFirst()).isTrue();
    // both orders forced in one column: text
    assertThat(type("31/01/2024", "01/31/2024")).isEqualTo(ColumnType.TEXT);
  }

  @Test
  void infersDottedDatesAsDayFirst() {
    TypeInferrer t = feed(false, "31.01.2024", "01.02.2024");
    assertThat(t.type()).isEqualTo(ColumnType.DATE);
    assertThat(t.dayFirst()).isTrue();
  }

  @Test
  void infersMonthNameDates() {
    assertThat(
            type(
                "Jan 31, 2024",
                "February 1, 2024",
                "31 January 2024",
                "1 Mar 2024",
                "31-Jan-2024",
                "Sept 3 2024"))
        .isEqualTo(ColumnType.DATE);
    assertThat(type("Foo 31, 2024")).isEqualTo(ColumnType.TEXT);
  }

  @Test
  void infersTimestampsInManySpellings() {
    assertThat(
            type(
                "2024-01-31T13:45:00",
                "2024-01-31 13:45",
                "2024-01-31T13:45:00.123Z",
                "2024-01-31T13:45:00+02:00",
                "2024-01-31 13:45:00.5 +0200"))
        .isEqualTo(ColumnType.TIMESTAMP);
    assertThat(type("1/31/2024 13:45", "1/31/2024 1:45 PM", "12/1/2024 12:00 am"))
        .isEqualTo(ColumnType.TIMESTAMP);
    assertThat(type("2024-01-31 25:00")).isEqualTo(ColumnType.TEXT);
  }

  @Test
  void widensDateToTimestampToText() {
    assertThat(type("2024-01-31", "2024-02-01 10:00")).isEqualTo(ColumnType.TIMESTAMP);
    assertThat(type("2024-01-31", "2024-02-01 10:00", "soon")).isEqualTo(ColumnType.TEXT);
    assertThat(type("2024-01-31", "5")).isEqualTo(ColumnType.TEXT);
  }

  @Test
  void aConflictingValueDeepInAHundredThousandRowsWidensTheType() {
    TypeInferrer t = new TypeInferrer(false);
    for (int i = 1; i <= 100_000; i++) {
      t.accept(i == 99_999 ? "12x" : Integer.toString(i));
    }
    assertThat(t.type()).isEqualTo(ColumnType.TEXT);
  }

  @Test
  void acceptSaysWhenAValueChangesWhatTheColumnCanBe() {
    TypeInferrer t = new TypeInferrer(false);
    assertThat(t.accept(null)).isFalse();
    assertThat(t.accept("NA")).isFalse();
    assertThat(t.accept("1")).as("the first non-null value").isTrue();
    assertThat(t.accept("2")).isFalse();
    assertThat(t.accept("2.5")).as("integer to decimal").isTrue();
    assertThat(t.accept("3.5")).isFalse();
    assertThat(t.accept("abc")).as("decimal to text").isTrue();
    assertThat(t.accept("7")).as("text is final").isFalse();

    TypeInferrer d = new TypeInferrer(false);
    assertThat(d.accept("01/02/2024")).isTrue();
    assertThat(d.accept("03/04/2024")).isFalse();
    assertThat(d.accept("13/02/2024")).as("turns day-first").isTrue();
    assertThat(d.dayFirst()).isTrue();
    assertThat(d.accept("14/02/2024 10:00")).as("date to timestamp").isTrue();
    assertThat(d.accept("15/02/2024 11:00")).isFalse();
    assertThat(d.type()).isEqualTo(ColumnType.TIMESTAMP);
  }
}
