package com.analyticsstudio.ingest;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Creates a typed table and streams rows into it with {@code COPY ... FROM STDIN}.
 *
 * <p>Rows are converted on the fly by {@link ValueConverter} and encoded straight into a 64 KiB
 * byte buffer that is handed to {@code CopyIn.writeToCopy} whenever it fills, so memory does not
 * grow with the file. The default wire format is binary ({@link CopyBinaryWriter}): the server then
 * does not parse dates and numbers, which makes the load about as fast as {@code psql \copy}
 * although we parse the file ourselves; {@link Format#TEXT} is the plain alternative ({@link
 * CopyTextWriter}). Either way NULL and the empty string stay distinct.
 *
 * <p>The loader never commits or rolls back: the caller owns the transaction (auto-commit should be
 * off), so a failed load leaves nothing behind once the caller rolls back. When values do not
 * convert, the COPY is cancelled, up to {@value #MAX_REPORTED_FAILURES} offending values are
 * collected with their line numbers (the rest of the file is still scanned for them), and a 422
 * {@code values_do_not_convert} is thrown listing them.
 */
public final class PgCopyLoader {

  /** The COPY wire format. */
  public enum Format {
    BINARY,
    TEXT
  }

  private final Format format;

  /** A loader using the binary COPY format. */
  public PgCopyLoader() {
    this(Format.BINARY);
  }

  public PgCopyLoader(Format format) {
    this.format = format;
  }

  /** How many non-converting values a refusal lists. */
  public static final int MAX_REPORTED_FAILURES = 10;

  static final int PROGRESS_EVERY_ROWS = 50_000;
  static final int BUFFER_BYTES = 1 << 16;

  /**
   * Creates {@code schema.table} with the given columns and loads every row of {@code source}.
   *
   * @return the number of rows loaded
   */
  public long createAndLoad(
      Connection conn,
      String schema,
      String table,
      List<ColumnSpec> columns,
      boolean decimalComma,
      RowSource source,
      ProgressListener progress)
      throws SQLException, IOException {
    try (Statement st = conn.createStatement()) {
      st.execute(createTableSql(schema, table, columns));
    }
    return copy(conn, schema, table, columns, decimalComma, source, progress);
  }

  /**
   * Appends every row of {@code source} to an existing table, which must have the same column names
   * and types in the same order (409 {@code columns_mismatch} otherwise).
   *
   * @return the number of rows loaded
   */
  public long appendInto(
      Connection conn,
      String schema,
      String table,
      List<ColumnSpec> columns,
      boolean decimalComma,
      RowSource source,
      ProgressListener progress)
      throws SQLException, IOException {
    requireSameColumns(conn, schema, table, columns);
    return copy(conn, schema, table, columns, decimalComma, source, progress);
  }

  /** 404 when the table does not exist, 409 {@code columns_mismatch} when its columns differ. */
  static void requireSameColumns(
      Connection conn, String schema, String table, List<ColumnSpec> columns) throws SQLException {
    List<String[]> existing = new ArrayList<>();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          existing.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    if (existing.isEmpty()) {
      throw ApiException.notFound("Table " + schema + "." + table);
    }
    boolean same = existing.size() == columns.size();
    for (int i = 0; same && i < columns.size(); i++) {
      ColumnSpec c = columns.get(i);
      same = existing.get(i)[0].equals(c.name()) && sameType(existing.get(i)[1], c.type());
    }
    if (!same) {
      List<String> want = new ArrayList<>();
      for (ColumnSpec c : columns) {
        want.add(c.name() + " " + c.type().sqlType());
      }
      List<String> have = new ArrayList<>();
      for (String[] e : existing) {
        have.add(e[0] + " " + e[1]);
      }
      throw new ApiException(
          409,
          "columns_mismatch",
          "The file's columns ("
              + String.join(", ", want)
              + ") do not match the table's columns ("
              + String.join(", ", have)
              + ").",
          new JsonObject()
              .put("fileColumns", new JsonArray(want))
              .put("tableColumns", new JsonArray(have)));
    }
  }

  private static boolean sameType(String dataType, ColumnType type) {
    switch (type) {
      case INTEGER:
        return dataType.equals("bigint");
      case DECIMAL:
        return dataType.equals("numeric");
      case BOOLEAN:
        return dataType.equals("boolean");
      case DATE:
        return dataType.equals("date");
      case TIMESTAMP:
        return dataType.equals("timestamp without time zone");
      default:
        return dataType.equals("text");
    }
  }

  /** The {@code CREATE TABLE} statement for the columns (identifiers quoted). */
  public static String createTableSql(String schema, String table, List<ColumnSpec> columns) {
    StringBuilder sb =
        new StringBuilder("CREATE TABLE ").append(qualified(schema, table)).append(" (");
    for (int i = 0; i < columns.size(); i++) {
      ColumnSpec c = columns.get(i);
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(quoteIdent(c.name())).append(' ').append(c.type().sqlType());
    }
    return sb.append(')').toString();
  }

  /** Quotes an identifier for PostgreSQL ({@code "a""b"}). */
  public static String quoteIdent(String ident) {
    if (ident == null || ident.isEmpty() || ident.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("invalid identifier");
    }
    return '"' + ident.replace("\"", "\"\"") + '"';
  }

  static String qualified(String schema, String table) {
    return schema == null || schema.isEmpty()
        ? quoteIdent(table)
        : quoteIdent(schema) + "." + quoteIdent(table);
  }

  /** Converts and COPYs every row of {@code source}; 422 listing the values that do not convert. */
  long copy(
      Connection conn,
      String schema,
      String table,
      List<ColumnSpec> columns,
      boolean decimalComma,
      RowSource source,
      ProgressListener progress)
      throws SQLException, IOException {
    if (progress == null) {
      progress = ProgressListener.NONE;
    }
    int n = columns.size();
    if (source.headers().size() != n) {
      throw new ApiException(
          409,
          "file_changed",
          "The file now has "
              + source.headers().size()
              + " columns where "
              + n
              + " were expected.");
    }
    ValueConverter[] conv = new ValueConverter[n];
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      conv[i] = ValueConverter.forColumn(columns.get(i), decimalComma);
      names.add(columns.get(i).name());
    }
    CopyStream copy = CopyStream.open(conn, schema, table, names, format, BUFFER_BYTES);
    long rows = 0;
    Failures failures = null;
    try {
      String[] row;
      while ((row = source.next()) != null) {
        if (failures == null) {
          if (copy.write(row, conv) < 0) {
            rows++;
            if (rows % PROGRESS_EVERY_ROWS == 0) {
              progress.onProgress(rows, source.bytesRead());
            }
            continue;
          }
          failures = new Failures(names);
        }
        // a value failed: only collect the failures now
        failures.collect(row, source.position(), conv);
      }
      if (failures != null) {
        throw failures.toException();
      }
      long copied = copy.end();
      progress.onProgress(rows, source.bytesRead());
      return copied;
    } catch (SQLException | IOException | RuntimeException e) {
      copy.cancel();
      throw e;
    }
  }

  /** The values that did not convert: the first {@value #MAX_REPORTED_FAILURES} and a count. */
  static final class Failures {
    private final List<String> names;
    private final List<JsonObject> listed = new ArrayList<>();
    private long count;

    Failures(List<String> names) {
      this.names = names;
    }

    /** Records every value of {@code row} that {@code conv} refuses. */
    void collect(String[] row, long line, ValueConverter[] conv) {
      for (int i = 0; i < conv.length; i++) {
        if (!conv[i].converts(row[i])) {
          count++;
          if (listed.size() < MAX_REPORTED_FAILURES) {
            listed.add(
                new JsonObject()
                    .put("line", line)
                    .put("column", names.get(i))
                    .put("value", truncate(row[i]))
                    .put("type", conv[i].type().apiName()));
          }
        }
      }
    }

    ApiException toException() {
      return conversionFailure(listed, count);
    }
  }

  private static String truncate(String v) {
    return v != null && v.length() > 100 ? v.substring(0, 100) + "…" : v;
  }

  private static ApiException conversionFailure(List<JsonObject> failures, long count) {
    StringBuilder msg = new StringBuilder();
    msg.append(count)
        .append(count == 1 ? " value does" : " values do")
        .append(" not match the column type");
    msg.append(count == 1 ? "" : "s").append(": ");
    for (int i = 0; i < failures.size(); i++) {
      JsonObject f = failures.get(i);
      if (i > 0) {
        msg.append("; ");
      }
      msg.append("line ")
          .append(f.getLong("line"))
          .append(", column ")
          .append(f.getString("column"))
          .append(": \"")
          .append(f.getString("value"))
          .append("\" is not ")
          .append(article(f.getString("type")));
    }
    if (count > failures.size()) {
      msg.append("; and ").append(count - failures.size()).append(" more");
    }
    msg.append('.');
    return new ApiException(
        422,
        "values_do_not_convert",
        msg.toString(),
        new JsonObject()
            .put("line", failures.get(0).getLong("line"))
            .put("failures", new JsonArray(new ArrayList<>(failures)))
            .put("count", count));
  }

  private static String article(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    return (t.startsWith("i") ? "an " : "a ") + t;
  }
}
