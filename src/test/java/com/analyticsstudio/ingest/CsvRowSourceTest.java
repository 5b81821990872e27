package com.analyticsstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRowSourceTest {

  @TempDir Path dir;

  @Test
  void detectsSemicolonDelimiterAndDecimalComma() throws Exception {
    Path p = TestFiles.write(dir, "eu.csv", "name;price;qty\nA;3,14;2\nB;10,5;3\n");
    try (RowSource src = TestFiles.open(p)) {
      assertThat(src.headers()).containsExactly("name", "price", "qty");
      assertThat(src.resolvedOptions().delimiter()).isEqualTo(';');
      assertThat(src.resolvedOptions().decimalComma()).isTrue();
      assertThat(src.next()).containsExactly("A", "3,14", "2");
    }
    InferenceResult r = new IngestPipeline().infer(p, "eu.csv", null, SourceOptions.defaults());
    assertThat(r.columns())
        .extracting(ColumnSpec::type)
        .containsExactly(ColumnType.TEXT, ColumnType.DECIMAL, ColumnType.INTEGER);
  }

  @Test
  void detectsTabAndPipeDelimiters() throws Exception {
    assertThat(TestFiles.readAll(TestFiles.write(dir, "t.txt", "a\tb\tc\n1\t2\t3\n")).get(0))
        .containsExactly("1", "2", "3");
    assertThat(TestFiles.readAll(TestFiles.write(dir, "p.csv", "a|b\n1|x,y\n2|z\n")).get(0))
        .containsExactly("1", "x,y");
  }

  @Test
  void sniffingRespectsQuotedDelimiters() {
    String sample = "id,comment\n1,\"a;b;c;d\"\n2,\"e;f;g;h\"\n3,plain\n";
    assertThat(CsvRowSource.sniff(sample, true, false)).isEqualTo(',');
  }

  @Test
  void parsesQuotedFieldsWithDelimitersDoubledQuotesAndNewlines() throws Exception {
    Path p =
        TestFiles.write(
            dir,
            "q.csv",
            "id,text,n\r\n1,\"a, b\",2\r\n2,\"say \"\"hi\"\"\",3\r\n3,\"line one\r\nline two\",4\r\n4,last,5");
    try (RowSource src = TestFiles.open(p)) {
      assertThat(src.next()).containsExactly("1", "a, b", "2");
      assertThat(src.next()).containsExactly("2", "say \"hi\"", "3");
      assertThat(src.next()).containsExactly("3", "line one\r\nline two", "4");
      assertThat(src.position()).isEqualTo(5);
      assertThat(src.next()).containsExactly("4", "last", "5"); // no final newline
      assertThat(src.position()).isEqualTo(6);
      assertThat(src.next()).isNull();
    }
  }

  @Test
  void keepsTextAfterAClosingQuoteInsteadOfRefusingTheFile() throws Exception {
    try (RowSource src = TestFiles.open(TestFiles.write(dir, "t.csv", "a,b,c\n1,\"abc\"x,3\n"))) {
      assertThat(src.next()).containsExactly("1", "abcx", "3");
    }
  }

  @Test
  void distinguishesUnquotedEmptyAsNullFromQuotedEmptyString() throws Exception {
    Path p = TestFiles.write(dir, "e.csv", "a,b,c\n1,,\"\"\n");
    try (RowSource src = TestFiles.open(p)) {
      assertThat(src.next()).containsExactly("1", null, "");
    }
  }

  @Test
  void padsShortRowsAndDropsExtraFieldsWithLineNumberWarnings() throws Exception {
    Path p = TestFiles.write(dir, "r.csv", "a,b,c,d\n1,2,3,4\n1,2\n1,2,3,4,5\n1,2,3,4,\n");
    try (RowSource src = TestFiles.open(p)) {
      List<String[]> rows = TestFiles.rows(src);
      assertThat(rows.get(1)).containsExactly("1", "2", null, null);
      assertThat(rows.get(2)).containsExactly("1", "2", "3", "4");
      assertThat(rows.get(3)).containsExactly("1", "2", "3", "4");
      assertThat(src.warnings())
          .containsExactly(
              "line 3: 2 fields where 4 were expected; missing fields left empty",
              "line 4: 5 fields where 4 were expected; extra fields dropped");
    }
  }

  @Test
  void capsWarningsWithACountLine() throws Exception {
    StringBuilder sb = new StringBuilder("a,b\n");
    for (int i = 0; i < 30; i++) {
      sb.append("1\n");
    }
    try (RowSource src = TestFiles.open(TestFiles.write(dir, "many.csv", sb.toString()))) {
      TestFiles.rows(src);
      assertThat(src.warnings()).hasSize(21).last().isEqualTo("... and 10 more warnings");
    }
  }

  @Test
  void headerOnlyFileHasZeroRows() throws Exception {
    try (RowSource src = TestFiles.open(TestFiles.write(dir, "h.csv", "a,b,c\n"))) {
      assertThat(src.headers()).containsExactly("a", "b", "c");
      assertThat(src.next()).isNull();
    }
  }

  @Test
  void skipsBlankLines() throws Exception {
    assertThat(TestFiles.readAll(TestFiles.write(dir, "b.csv", "a,b\n\n1,2\n\n,\n3,4\n\n")))
        .hasSize(2);
  }

  @Test
  void firstRowOfNumbersIsDataWithGeneratedHeaders() throws Exception {
    try (RowSource src =
        TestFiles.open(TestFiles.write(dir, "n.csv", "1,2.5,2024-01-01\n3,4,2024-01-02\n"))) {
      assertThat(src.headers()).containsExactly("column_1", "column_2", "column_3");
      assertThat(src.next()).containsExactly("1", "2.5", "2024-01-01");
      assertThat(src.position()).isEqualTo(1);
      assertThat(src.next()).containsExactly("3", "4", "2024-01-02");
    }
  }

  @Test
  void refusesMoreThan1600Columns() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 1601; i++) {
      sb.append(i == 0 ? "" : ",").append("c").append(i);
    }
    Path p = TestFiles.write(dir, "wide.csv", sb + "\n");
    assertThatThrownBy(() -> TestFiles.open(p))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.code()).isEqualTo("too_many_columns");
              assertThat(e.details().getLong("line")).isEqualTo(1L);
            });
  }

  @Test
  void refusesUnclosedQuoteWithLineNumber() throws Exception {
    Path p = TestFiles.write(dir, "u.csv", "a,b\n1,2\n3,\"never closed\n4,5\n");
    assertThatThrownBy(() -> TestFiles.readAll(p))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.code()).isEqualTo("unparsable_file");
              assertThat(e.details().getLong("line")).isEqualTo(3L);
            });
  }

  @Test
  void readsCsvSpectrumFiles() throws Exception {
    List<String[]> rows =
        TestFiles.readAll(TestFiles.resource(dir, "spectrum_quotes_and_newlines.csv"));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsExactly("1", "ha \n\"ha\" \nha");
    rows = TestFiles.readAll(TestFiles.resource(dir, "spectrum_newlines_crlf.csv"));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1)).containsExactly("Once upon \r\na time", "5", "6");
    rows = TestFiles.readAll(TestFiles.resource(dir, "spectrum_comma_in_quotes.csv"));
    assertThat(rows.get(0)).containsExactly("John", "Doe", "120 any st.", "Anytown, WW", "08123");
    rows = TestFiles.readAll(TestFiles.resource(dir, "spectrum_utf8.csv"));
    assertThat(rows.get(1)).containsExactly("4", "5", "ʤ");
  }

  @Test
  void readsVegaTsvWithTabDelimiter() throws Exception {
    try (RowSource src = TestFiles.open(TestFiles.resource(dir, "unemployment.tsv"))) {
      assertThat(src.headers()).containsExactly("id", "rate");
      assertThat(TestFiles.rows(src)).hasSize(3218);
    }
  }

  @Test
  void aFileUtf8ForItsFirst100KbAndLatin1AfterLoadsBothPartsCorrectlyNamingTheLatin1Lines()
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("id,city\n".getBytes(StandardCharsets.UTF_8));
    int line = 1;
    while (bytes.size() < 100 * 1024) {
      bytes.write((++line + ",São Paulo\n").getBytes(StandardCharsets.UTF_8));
    }
    int firstLatin1 = line + 1;
    for (int i = 0; i < 50; i++) {
      bytes.write((++line + ",São Paulo\n").getBytes(StandardCharsets.ISO_8859_1));
    }
    Path p = TestFiles.bytes(dir, "mixed.csv", bytes.toByteArray());
    List<String[]> rows = TestFiles.readAll(p);
    assertThat(rows).hasSize(line - 1).allSatisfy(r -> assertThat(r[1]).isEqualTo("São Paulo"));
    try (RowSource src = TestFiles.open(p)) {
      while (src.next() != null) {}
      assertThat(src.warnings()).hasSize(1);
      assertThat(src.warnings().get(0))
          .startsWith("lines " + firstLatin1 + ", " + (firstLatin1 + 1))
          .contains("and 40 more")
          .contains("(50 lines in all)")
          .contains("Windows-1252");
    }
  }
}
