package com.analyticsstudio.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One running {@code COPY ... FROM STDIN} into a table: converts raw rows with {@link
 * ValueConverter}s and encodes them in the binary or text wire format into a fixed buffer (see
 * {@link CopyBinaryWriter}, {@link CopyTextWriter}). Not thread-safe.
 */
final class CopyStream {
  private final CopyIn copyIn;
  private final CopyBinaryWriter bin;
  private final CopyTextWriter text;

  private CopyStream(CopyIn copyIn, boolean binary, int bufferBytes) {
    this.copyIn = copyIn;
    this.bin = binary ? new CopyBinaryWriter(copyIn, bufferBytes) : null;
    this.text = binary ? null : new CopyTextWriter(copyIn, bufferBytes);
  }

  /** Starts a COPY of the named columns of {@code schema.table}. */
  static CopyStream open(
      Connection conn,
      String schema,
      String table,
      List<String> columns,
      PgCopyLoader.Format format,
      int bufferBytes)
      throws SQLException {
    boolean binary = format == PgCopyLoader.Format.BINARY;
    StringBuilder sql =
        new StringBuilder("COPY ").append(PgCopyLoader.qualified(schema, table)).append(" (");
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        sql.append(", ");
      }
      sql.append(PgCopyLoader.quoteIdent(columns.get(i)));
    }
    sql.append(binary ? ") FROM STDIN (FORMAT binary)" : ") FROM STDIN (FORMAT text)");
    CopyIn copyIn = conn.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.toString());
    return new CopyStream(copyIn, binary, bufferBytes);
  }

  /**
   * Converts and writes one row.
   *
   * @return -1 when the row was written, otherwise the index of the first value that does not
   *     convert; the COPY has then been cancelled (the transaction is in error)
   */
  int write(String[] row, ValueConverter[] conv) throws SQLException {
    int n = conv.length;
    if (bin != null) {
      bin.startRow(n);
    }
    for (int i = 0; i < n; i++) {
      ColumnType type = conv[i].type();
      if (bin != null && (type == ColumnType.DATE || type == ColumnType.TIMESTAMP)) {
        // straight to days/microseconds: no canonical text to build and parse again
        long t;
        try {
          t = conv[i].temporalValue(row[i]);
        } catch (ValueConverter.NotConvertible e) {
          cancel();
          return i;
        }
        if (t == ValueConverter.NULL_TEMPORAL) {
          bin.nullValue();
        } else if (type == ColumnType.DATE) {
          bin.date((int) t);
        } else {
          bin.timestamp(t);
        }
        continue;
      }
      String v;
      try {
        v = conv[i].convert(row[i]);
      } catch (ValueConverter.NotConvertible e) {
        cancel();
        return i;
      }
      if (bin != null) {
        if (v == null) {
          bin.nullValue();
        } else {
          bin.value(type, v);
        }
      } else {
        if (i > 0) {
          text.tab();
        }
        if (v == null) {
          text.nullValue();
        } else {
          text.value(v);
        }
      }
    }
    if (text != null) {
      text.endRow();
    }
    return -1;
  }

  /** Flushes and ends the COPY; returns the number of rows the server loaded. */
  long end() throws SQLException {
    if (bin != null) {
      bin.end();
    } else {
      text.flush();
    }
    return copyIn.endCopy();
  }

  /**
   * Cancels the COPY if it is still running (quietly: the caller is already failing or restarting).
   */
  void cancel() {
    if (copyIn.isActive()) {
      try {
        copyIn.cancelCopy();
      } catch (SQLException ignored) {
        // the connection is broken or the copy already ended; the caller rolls back
      }
    }
  }
}
