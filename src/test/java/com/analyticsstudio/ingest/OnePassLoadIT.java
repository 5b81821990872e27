package com.analyticsstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.analyticsstudio.common.ApiException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The single-pass load must record exactly what the two-pass load does (types, nullability,
 * day-first, row count, warnings, resolved options) and leave a table with the same column types
 * and the same values, for every file of the corpus and for files built to make it widen (ALTER) or
 * reload. Tiny samples (1 and 2 rows) force the widening paths on small files.
 */
class OnePassLoadIT extends ScratchDatabase {

  private static final int[] SAMPLES = {1, 2, OnePassLoader.SAMPLE_ROWS};

  @TempDir Path dir;

  /** Synthetic files: name, content. */
  static Stream<Arguments> synthetic() {
    StringBuilder late = new StringBuilder("id,amount,code\n");
    for (int i = 1; i <= 3000; i++) {
      late.append(i)
          .append(',')
          .append(i == 2999 ? "12abc" : Integer.toString(i))
          .append(",A")
          .append(i)
          .append('\n');
    }
    StringBuilder many = new StringBuilder("a,b,c,d,e,f\n");
    for (int i = 1; i <= 12; i++) {
      many.append(i)
          .append(',')
          .append(i >= 3 ? i + ".5" : i)
          .append(',')
          .append(i >= 5 ? i + ".5" : i)
          .append(',')
          .append(i >= 7 ? i + ".5" : i)
          .append(',')
          .append(i >= 9 ? i + ".5" : i)
          .append(',')
          .append(i >= 11 ? i + ".5" : i)
          .append('\n');
    }
    return Stream.of(
        Arguments.of("int-then-decimal.csv", "id,x\n1,1\n2,2\n3,-7\n4,3.25\n5,1e3\n6,\"1,234\"\n"),
        Arguments.of(
            "date-then-timestamp.csv",
            "id,d\n1,2024-01-31\n2,1/2/2024\n3,2024-02-01 10:30\n4,2024-02-02T08:00:00Z\n"),
        Arguments.of("nulls-then-int.csv", "id,n\n1,NA\n2,\n3,-\n4,\"\"\n5,42\n6,n/a\n"),
        Arguments.of(
            "nulls-then-date-day-first.csv", "id,d\n1,\n2,NA\n3,31/01/2024\n4,01/02/2024\n"),
        Arguments.of("nulls-stay-text.csv", "id,n\n1,NA\n2,\n3,null\n"),
        Arguments.of("int-then-text.csv", "id,zip\n1,12345\n2,54321\n3,02134\n4,N/A\n"),
        Arguments.of("decimal-then-text.csv", "id,x\n1,1.5\n2,2.5\n3,three\n"),
        Arguments.of(
            "day-first-flip.csv", "id,d\n1,01/02/2024\n2,03/04/2024\n3,13/02/2024\n4,2024-05-06\n"),
        Arguments.of(
            "day-first-flip-timestamp.csv",
            "id,d\n1,01/02/2024\n2,03/04/2024 10:00\n3,13/02/2024\n"),
        Arguments.of("date-then-text.csv", "id,d\n1,2024-01-01\n2,someday\n"),
        Arguments.of("bool-then-text.csv", "id,b\n1,yes\n2,no\n3,maybe\n4,\n"),
        Arguments.of("bool-then-int.csv", "id,b\n1,true\n2,false\n3,1\n"),
        Arguments.of("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11.5,x,\n"),
        Arguments.of("header-only.csv", "a,b\n"),
        Arguments.of("semicolon-decimal-comma.csv", "a;b;c\n1;2;x\n3,5;4;y\n7;1.234,5;z\n"),
        Arguments.of("many-widenings.csv", many.toString()),
        Arguments.of("late-text.csv", late.toString()),
        Arguments.of("text-na-verbatim.csv", "id,region\n1,NA\n2,EU\n3,\n"));
  }

  static Stream<Arguments> corpus() {
    return Stream.of(
            "github.csv",
            "seattle-weather.csv",
            "spectrum_comma_in_quotes.csv",
            "spectrum_location_coordinates.csv",
            "spectrum_newlines_crlf.csv",
            "spectrum_quotes_and_newlines.csv",
            "spectrum_utf8.csv",
            "stocks.csv",
            "unemployment.tsv")
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void corpusFilesLoadInOnePassExactlyAsInTwo(String name) throws Exception {
    Path p = TestFiles.resource(dir, name);
    for (int sample : SAMPLES) {
      assertSameAsTwoPass(p, name, SourceOptions.defaults(), Map.of(), sample);
    }
  }

  @ParameterizedTest
  @MethodSource("synthetic")
  void widenedAndReloadedFilesLoadExactlyAsInTwoPasses(String name, String content)
      throws Exception {
    Path p = TestFiles.write(dir, name, content);
    for (int sample : SAMPLES) {
      assertSameAsTwoPass(p, name, SourceOptions.defaults(), Map.of(), sample);
    }
  }

  @Test
  void spreadsheetsLoadInOnePassExactlyAsInTwo() throws Exception {
    for (boolean xlsx : new boolean[] {true, false}) {
      String name = xlsx ? "sales.xlsx" : "sales.xls";
      Path p = Workbooks.sales(dir, name, xlsx);
      for (int sample : SAMPLES) {
        assertSameAsTwoPass(p, name, SourceOptions.defaults().withSheet("Sales"), Map.of(), sample);
      }
    }
  }

  @Test
  void typeOverridesLoadInOnePassExactlyAsInTwo() throws Exception {
    Path p =
        TestFiles.write(
            dir,
            "o.csv",
            "id,zip,day_of,price\n1,02134,01/02/2024,3\n2,12345,13/02/2024,4.0\n3,,NA,\n");
    for (int sample : SAMPLES) {
      assertSameAsTwoPass(
          p,
          "o.csv",
          SourceOptions.defaults(),
          Map.of("zip", ColumnType.INTEGER, "day_of", ColumnType.DATE, "price", ColumnType.INTEGER),
          sample);
      assertSameAsTwoPass(
          p, "o.csv", SourceOptions.defaults(), Map.of("id", ColumnType.TEXT), sample);
    }
  }

  @Test
  void overridesThatDoNotConvertAreRefusedExactlyAsInTwoPasses() throws Exception {
    StringBuilder sb = new StringBuilder("id,amount,day\n");
    for (int i = 1; i <= 500; i++) {
      sb.append(i)
          .append(',')
          .append(i % 40 == 0 ? "x" + i : Integer.toString(i))
          .append(',')
          .append(i == 450 ? "31/01/2024" : "01/02/2024")
          .append('\n');
    }
    Path p = TestFiles.write(dir, "bad.csv", sb.toString());
    for (Map<String, ColumnType> fixed :
        List.of(
            Map.of("amount", ColumnType.INTEGER),
            Map.of("amount", ColumnType.INTEGER, "day", ColumnType.DATE),
            Map.of("day", ColumnType.BOOLEAN))) {
      for (int sample : SAMPLES) {
        ApiException two =
            (ApiException)
                catchThrowable(() -> twoPass(p, "bad.csv", SourceOptions.defaults(), fixed, "a"));
        conn.rollback();
        ApiException one =
            (ApiException)
                catchThrowable(
                    () -> onePass(p, "bad.csv", SourceOptions.defaults(), fixed, "b", sample));
        conn.rollback();
        assertThat(two).isNotNull();
        assertThat(one).isNotNull();
        assertThat(one.status()).isEqualTo(422);
        assertThat(one.code()).isEqualTo(two.code());
        assertThat(one.getMessage()).isEqualTo(two.getMessage());
        assertThat(one.details().encode()).isEqualTo(two.details().encode());
        assertThat(tables()).isEmpty();
      }
    }
  }

  @Test
  void aCleanFileLoadsInOnePassWithoutAlterations() throws Exception {
    Path p = TestFiles.resource(dir, "seattle-weather.csv");
    IngestPipeline.Loaded l =
        onePass(p, "seattle-weather.csv", SourceOptions.defaults(), Map.of(), "w", 100);
    assertThat(l.passes()).isEqualTo(1);
    assertThat(l.alterations()).isZero();
    assertThat(l.rowsLoaded()).isEqualTo(1461);
  }

  @Test
  void aValuePreservingWideningAltersTheTableInsteadOfReloading() throws Exception {
    Path p =
        TestFiles.write(
            dir, "w.csv", "id,x,d\n1,1,2024-01-01\n2,2,2024-01-02\n3,2.5,2024-01-03 10:00\n4,3,\n");
    IngestPipeline.Loaded l = onePass(p, "w.csv", SourceOptions.defaults(), Map.of(), "w", 1);
    assertThat(l.passes()).isEqualTo(1);
    assertThat(l.alterations()).isEqualTo(1);
    assertThat(columnTypes("w"))
        .containsExactly(
            Map.entry("id", "bigint"),
            Map.entry("x", "numeric"),
            Map.entry("d", "timestamp without time zone"));
    assertThat(rows("w"))
        .containsExactly(
            "(1,1,\"2024-01-01 00:00:00\")",
            "(2,2,\"2024-01-02 00:00:00\")",
            "(3,2.5,\"2024-01-03 10:00:00\")",
            "(4,3,)");
  }

  @Test
  void aWideningThatWouldLoseSpellingsReloadsOnceWithTheFinalTypes() throws Exception {
    Path p = TestFiles.write(dir, "z.csv", "id,zip\n1,12345\n2,02134\n3,1e3\n");
    IngestPipeline.Loaded l = onePass(p, "z.csv", SourceOptions.defaults(), Map.of(), "z", 1);
    assertThat(l.passes()).isEqualTo(2);
    assertThat(columnTypes("z")).containsEntry("zip", "text");
    assertThat(rows("z")).containsExactly("(1,12345)", "(2,02134)", "(3,1e3)");
  }

  @Test
  void tooManyWideningsFallBackToOneReload() throws Exception {
    Path p =
        TestFiles.write(
            dir,
            "m.csv",
            synthetic()
                .filter(a -> a.get()[0].equals("many-widenings.csv"))
                .findFirst()
                .orElseThrow()
                .get()[1]
                .toString());
    IngestPipeline.Loaded l = onePass(p, "m.csv", SourceOptions.defaults(), Map.of(), "m", 1);
    assertThat(l.alterations()).isEqualTo(OnePassLoader.MAX_ALTERATIONS);
    assertThat(l.passes()).isEqualTo(2);
    assertThat(columnTypes("m").values())
        .containsExactly("bigint", "numeric", "numeric", "numeric", "numeric", "numeric");
  }

  @Test
  void aFailedLoadLeavesNothingAfterRollback() throws Exception {
    Path p = TestFiles.write(dir, "f.csv", "id,n\n1,1\n2,x\n3,\"unclosed\n");
    assertThatThrownBy(() -> onePass(p, "f.csv", SourceOptions.defaults(), Map.of(), "f", 1))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("unparsable_file"));
    conn.rollback();
    assertThat(tables()).isEmpty();
  }

  @Test
  void appendsInOnePassWithTheTablesTypesAndReloadsWhenDatesTurnDayFirst() throws Exception {
    IngestPipeline pipeline = new IngestPipeline(PgCopyLoader.Format.BINARY, 1);
    Path a = TestFiles.write(dir, "a.csv", "id,day\n1,2024-01-05\n");
    pipeline.createAndLoad(
        conn, "public", "t", a, "a.csv", null, SourceOptions.defaults(), FixedTypes.NONE, null);
    Map<String, ColumnType> types = Map.of("id", ColumnType.DECIMAL, "day", ColumnType.DATE);
    conn.createStatement().execute("ALTER TABLE t ALTER COLUMN id TYPE numeric");
    Path b = TestFiles.write(dir, "b.csv", "id,day\n2,01/02/2024\n3.5,13/02/2024\n");
    IngestPipeline.Loaded l =
        pipeline.appendTo(
            conn, "public", "t", b, "b.csv", null, SourceOptions.defaults(), names -> types, null);
    assertThat(l.rowsLoaded()).isEqualTo(2);
    assertThat(l.passes()).isEqualTo(2);
    assertThat(l.result().columns().get(1).dayFirst()).isTrue();
    assertThat(rows("t")).containsExactly("(1,2024-01-05)", "(2,2024-02-01)", "(3.5,2024-02-13)");

    Path c = TestFiles.write(dir, "c.csv", "id,day\n4,x\n");
    assertThatThrownBy(
            () ->
                pipeline.appendTo(
                    conn,
                    "public",
                    "t",
                    c,
                    "c.csv",
                    null,
                    SourceOptions.defaults(),
                    names -> types,
                    null))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("values_do_not_convert"));
  }

  // ------------------------------------------------------------------ helpers

  private void assertSameAsTwoPass(
      Path p, String name, SourceOptions opts, Map<String, ColumnType> fixed, int sample)
      throws Exception {
    InferenceResult two = twoPass(p, name, opts, fixed, "two_pass");
    IngestPipeline.Loaded one = onePass(p, name, opts, fixed, "one_pass", sample);
    String why = name + " with a sample of " + sample + " rows";
    InferenceResult r = one.result();
    assertThat(r.columns()).as(why).isEqualTo(two.columns());
    assertThat(r.rowCount()).as(why).isEqualTo(two.rowCount());
    assertThat(one.rowsLoaded()).as(why).isEqualTo(two.rowCount());
    assertThat(r.warnings()).as(why).isEqualTo(two.warnings());
    assertThat(r.format()).as(why).isEqualTo(two.format());
    assertThat(r.sourceOptions().toString()).as(why).isEqualTo(two.sourceOptions().toString());
    assertThat(columnTypes("one_pass")).as(why).isEqualTo(columnTypes("two_pass"));
    assertThat(rows("one_pass")).as(why).isEqualTo(rows("two_pass"));
    conn.rollback();
  }

  private InferenceResult twoPass(
      Path p, String name, SourceOptions opts, Map<String, ColumnType> fixed, String table)
      throws Exception {
    IngestPipeline pipeline = new IngestPipeline();
    InferenceResult r = pipeline.infer(p, name, null, opts);
    for (Map.Entry<String, ColumnType> e : fixed.entrySet()) {
      r = r.withType(e.getKey(), e.getValue());
    }
    pipeline.load(conn, "public", table, r, p, null);
    return r;
  }

  private IngestPipeline.Loaded onePass(
      Path p,
      String name,
      SourceOptions opts,
      Map<String, ColumnType> fixed,
      String table,
      int sample)
      throws Exception {
    return new IngestPipeline(PgCopyLoader.Format.BINARY, sample)
        .createAndLoad(conn, "public", table, p, name, null, opts, names -> fixed, null);
  }

  private Map<String, String> columnTypes(String table) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT column_name, data_type FROM information_schema.columns "
                    + "WHERE table_schema = 'public' AND table_name = '"
                    + table
                    + "' ORDER BY ordinal_position")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }

  /** Every row as PostgreSQL's text of the row (exact spellings, numeric scales), sorted. */
  private List<String> rows(String table) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT t::text FROM \"" + table + "\" t ORDER BY 1")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private List<String> tables() throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
