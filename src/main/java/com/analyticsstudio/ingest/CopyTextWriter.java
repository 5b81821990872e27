package com.analyticsstudio.ingest;

import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Encodes rows in PostgreSQL's COPY text format (UTF-8, tab-separated, {@code \N} for NULL,
 * backslash escapes for backslash, tab, CR and LF; NUL characters are dropped since PostgreSQL text
 * cannot hold them) into a fixed byte buffer that is flushed to a {@link CopyIn} when full.
 */
final class CopyTextWriter {
  private final CopyIn copyIn;
  private final byte[] buf;
  private final int limit;
  private int pos;

  CopyTextWriter(CopyIn copyIn, int size) {
    this.copyIn = copyIn;
    this.buf = new byte[size];
    this.limit = size - 8;
  }

  void tab() throws SQLException {
    if (pos >= limit) {
      flush();
    }
    buf[pos++] = '\t';
  }

  void endRow() throws SQLException {
    if (pos >= limit) {
      flush();
    }
    buf[pos++] = '\n';
  }

  void nullValue() throws SQLException {
    if (pos >= limit) {
      flush();
    }
    buf[pos++] = '\\';
    buf[pos++] = 'N';
  }

  void value(String s) throws SQLException {
    int len = s.length();
    byte[] b = buf;
    int p = pos;
    for (int i = 0; i < len; i++) {
      if (p >= limit) {
        pos = p;
        flush();
        p = 0;
      }
      char c = s.charAt(i);
      if (c < 0x80) {
        switch (c) {
          case '\\':
            b[p++] = '\\';
            b[p++] = '\\';
            break;
          case '\t':
            b[p++] = '\\';
            b[p++] = 't';
            break;
          case '\n':
            b[p++] = '\\';
            b[p++] = 'n';
            break;
          case '\r':
            b[p++] = '\\';
            b[p++] = 'r';
            break;
          case 0:
            break;
          default:
            b[p++] = (byte) c;
        }
      } else {
        int before = p;
        p = Utf8.putNonAscii(b, p, s, i);
        if (p - before == 4) {
          i++; // the low surrogate went with its pair
        }
      }
    }
    pos = p;
  }

  void flush() throws SQLException {
    if (pos > 0) {
      copyIn.writeToCopy(buf, 0, pos);
      pos = 0;
    }
  }
}
