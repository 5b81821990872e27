package com.analyticsstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Loads files into a real PostgreSQL (localhost:5432, user postgres) in a throw-away database. */
class PgCopyLoaderIT extends ScratchDatabase {

  @TempDir Path dir;

  private final IngestPipeline pipeline = new IngestPipeline();

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

  private List<List<String>> query(String sql) throws Exception {
    List<List<String>> out = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  private boolean tableExists(String table) throws Exception {
    return !query(
            "SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = '" + table + "'")
        .isEmpty();
  }

  @ParameterizedTest
  @EnumSource(PgCopyLoader.Format.class)
  void loadsATypedTableWithNullsDatesAndEscapes(PgCopyLoader.Format format) throws Exception {
    IngestPipeline pipeline = new IngestPipeline(format);
    String table = "orders_" + format.name().toLowerCase(Locale.ROOT);
    Path p =
        TestFiles.write(
            dir,
            "orders.csv",
            "Order ID,Customer,Unit Price ($),Paid,Order Date,Shipped At,Note\n"
                + "1,Ann,12.50,yes,1/31/2024,2024-01-31 13:45:00,\"tab\there, \"\"quoted\"\"\"\n"
                + "2,Bob,NA,no,2/1/2024,,\"multi\nline \\ backslash\"\n"
                + "3,Zoë,\"1,234.50\",yes,12/25/2023,2024-02-01T08:00:00Z,\"\"\n"
                + "4,,7,N/A,,2024-02-01T10:00:00+02:00,\n");
    InferenceResult r = pipeline.infer(p, "orders.csv", "text/csv", SourceOptions.defaults());
    List<long[]> progress = new ArrayList<>();
    long rows =
        pipeline.load(
            conn, "public", table, r, p, (done, bytes) -> progress.add(new long[] {done, bytes}));
    conn.commit();

    assertThat(rows).isEqualTo(4);
    assertThat(progress).isNotEmpty();
    assertThat(progress.get(progress.size() - 1)[0]).isEqualTo(4);
    assertThat(columnTypes(table))
        .containsExactly(
            Map.entry("order_id", "bigint"),
            Map.entry("customer", "text"),
            Map.entry("unit_price", "numeric"),
            Map.entry("paid", "boolean"),
            Map.entry("order_date", "date"),
            Map.entry("shipped_at", "timestamp without time zone"),
            Map.entry("note", "text"));
    List<List<String>> data =
        query(
            "SELECT order_id, customer, unit_price, paid, order_date, shipped_at, note, "
                + "note IS NULL FROM "
                + table
                + " ORDER BY order_id");
    assertThat(data.get(0))
        .containsExactly(
            "1",
            "Ann",
            "12.50",
            "t",
            "2024-01-31",
            "2024-01-31 13:45:00",
            "tab\there, \"quoted\"",
            "f");
    assertThat(data.get(1))
        .containsExactly(
            "2", "Bob", null, "f", "2024-02-01", null, "multi\nline \\ backslash", "f");
    assertThat(data.get(2))
        .containsExactly("3", "Zoë", "1234.50", "t", "2023-12-25", "2024-02-01 08:00:00", "", "f");
    assertThat(data.get(3))
        .containsExactly("4", null, "7", null, null, "2024-02-01 08:00:00", null, "t");
  }

  @ParameterizedTest
  @EnumSource(PgCopyLoader.Format.class)
  void roundTripsNumbersDatesAndTimestampsExactly(PgCopyLoader.Format format) throws Exception {
    String[][] values = {
      {"0", "0", "2000-01-01", "2000-01-01 00:00:00"},
      {"-1", "0.0001", "1999-12-31", "1999-12-31 23:59:59.999999"},
      {"9223372036854775807", "-12345678.9", "1900-02-28", "2024-02-29 12:00:00.5"},
      {"-9223372036854775808", "100000000", "2400-02-29", "1970-01-01 00:00:00.000001"},
      {"42", "1e5", "0001-01-01", "2024-01-31 13:45:00.1234567"},
      {"7", "12.50", "9999-12-31", "2038-01-19 03:14:08"},
      {"8", ".097", "2024-1-5", "2024-01-31T10:00:00+05:30"},
      {"9", "-0.00", "1/31/2024", "1/31/2024 1:45 PM"},
      {"10", "123456789012345678901234567890.123456789", "2024-03-01", "2024-03-01 00:00"},
    };
    StringBuilder sb = new StringBuilder("i,d,day,ts\n");
    for (String[] v : values) {
      sb.append(String.join(",", v)).append('\n');
    }
    Path p = TestFiles.write(dir, "nums.csv", sb.toString());
    IngestPipeline pipeline = new IngestPipeline(format);
    InferenceResult r = pipeline.infer(p, "nums.csv", null, SourceOptions.defaults());
    assertThat(r.columns())
        .extracting(ColumnSpec::type)
        .containsExactly(
            ColumnType.DECIMAL, ColumnType.DECIMAL, ColumnType.DATE, ColumnType.TIMESTAMP);
    InferenceResult asInt = r.withType("i", ColumnType.INTEGER);
    pipeline.load(conn, "public", "nums", asInt, p, null);
    List<List<String>> rows = query("SELECT i::text, d::text, day::text, ts::text FROM nums");
    assertThat(rows)
        .containsExactly(
            List.of("0", "0", "2000-01-01", "2000-01-01 00:00:00"),
            List.of("-1", "0.0001", "1999-12-31", "1999-12-31 23:59:59.999999"),
            List.of("9223372036854775807", "-12345678.9", "1900-02-28", "2024-02-29 12:00:00.5"),
            List.of(
                "-9223372036854775808", "100000000", "2400-02-29", "1970-01-01 00:00:00.000001"),
            List.of("42", "100000", "0001-01-01", "2024-01-31 13:45:00.123457"),
            List.of("7", "12.50", "9999-12-31", "2038-01-19 03:14:08"),
            List.of("8", "0.097", "2024-01-05", "2024-01-31 04:30:00"),
            List.of("9", "0.00", "2024-01-31", "2024-01-31 13:45:00"),
            List.of(
                "10",
                "123456789012345678901234567890.123456789",
                "2024-03-01",
                "2024-03-01 00:00:00"));
  }

  @Test
  void loadsAnXlsxSheetWithDates() throws Exception {
    Path p = Workbooks.sales(dir, "sales.xlsx", true);
    InferenceResult r =
        pipeline.infer(p, "sales.xlsx", null, SourceOptions.defaults().withSheet("Sales"));
    assertThat(pipeline.load(conn, "public", "sales", r, p, null)).isEqualTo(3);
    assertThat(columnTypes("sales"))
        .containsEntry("date", "date")
        .containsEntry("amount", "numeric")
        .containsEntry("paid", "boolean")
        .containsEntry("updated_at", "timestamp without time zone");
    assertThat(query("SELECT date, region, amount, total FROM sales ORDER BY date").get(1))
        .containsExactly("2024-02-29", "South", "0.1", "0.3");
  }

  @Test
  void loadsTheVegaSeattleWeatherFile() throws Exception {
    Path p = TestFiles.resource(dir, "seattle-weather.csv");
    InferenceResult r = pipeline.infer(p, "seattle-weather.csv", null, SourceOptions.defaults());
    assertThat(pipeline.load(conn, "public", "weather", r, p, null)).isEqualTo(1461);
    assertThat(
            query("SELECT count(*), min(date), max(date), sum(precipitation) FROM weather").get(0))
        .containsExactly("1461", "2012-01-01", "2015-12-31", "4426.0");
  }

  @Test
  void aValueThatDoesNotConvertMidLoadLeavesNoTableAfterRollback() throws Exception {
    StringBuilder sb = new StringBuilder("id,amount\n");
    for (int i = 1; i <= 120_000; i++) {
      sb.append(i).append(',').append(i == 100_000 ? "12abc" : Integer.toString(i)).append('\n');
    }
    Path p = TestFiles.write(dir, "bad.csv", sb.toString());
    InferenceResult r = pipeline.infer(p, "bad.csv", null, SourceOptions.defaults());
    assertThat(r.columns().get(1).type()).isEqualTo(ColumnType.TEXT);
    InferenceResult forced = r.withType("amount", ColumnType.INTEGER);
    assertThatThrownBy(() -> pipeline.load(conn, "public", "bad", forced, p, null))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.code()).isEqualTo("values_do_not_convert");
              assertThat(e.details().getLong("line")).isEqualTo(100_001L);
              assertThat(e.getMessage())
                  .contains("line 100001")
                  .contains("\"12abc\"")
                  .contains("amount");
            });
    conn.rollback();
    assertThat(tableExists("bad")).isFalse();
  }

  @Test
  void appendsIntoAnExistingTableWithTheSameColumns() throws Exception {
    Path a = TestFiles.write(dir, "a.csv", "id,name\n1,x\n2,y\n");
    InferenceResult r = pipeline.infer(a, "a.csv", null, SourceOptions.defaults());
    pipeline.load(conn, "public", "people", r, a, null);
    Path b = TestFiles.write(dir, "b.csv", "id,name\n3,z\n");
    InferenceResult rb = pipeline.infer(b, "b.csv", null, SourceOptions.defaults());
    assertThat(pipeline.append(conn, "public", "people", rb, b, null)).isEqualTo(1);
    assertThat(query("SELECT count(*) FROM people").get(0)).containsExactly("3");

    Path c = TestFiles.write(dir, "c.csv", "id,when\n4,2024-01-01\n");
    InferenceResult rc = pipeline.infer(c, "c.csv", null, SourceOptions.defaults());
    assertThatThrownBy(() -> pipeline.append(conn, "public", "people", rc, c, null))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("columns_mismatch"));
  }
}
