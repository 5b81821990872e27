package com.analyticsstudio.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Encodes rows in PostgreSQL's binary COPY format into a fixed byte buffer that is flushed to a
 * {@link CopyIn} when full. It takes the canonical text produced by {@link ValueConverter} and
 * encodes it in the type's binary form, which spares the server from parsing dates and numbers (the
 * largest part of a text COPY's server-side cost).
 *
 * <p>Encodings: {@code bigint} 8-byte big-endian; {@code numeric} as base-10000 digit groups
 * (ndigits, weight, sign, dscale, digits); {@code boolean} one byte; {@code date} int32 days since
 * 2000-01-01; {@code timestamp} int64 microseconds since 2000-01-01 00:00:00; {@code text} UTF-8
 * (NUL characters dropped, lone surrogates replaced).
 */
final class CopyBinaryWriter {
  private static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  /** Days from 1970-01-01 to 2000-01-01. */
  static final int PG_EPOCH_DAYS = 10957;

  private final CopyIn copyIn;
  private final byte[] buf;
  private final int limit;
  private int pos;
  private final short[] groups = new short[64];

  CopyBinaryWriter(CopyIn copyIn, int size) {
    this.copyIn = copyIn;
    this.buf = new byte[size];
    this.limit = size - 64;
    System.arraycopy(HEADER, 0, buf, 0, HEADER.length);
    pos = HEADER.length;
  }

  private void room(int n) throws SQLException {
    if (pos + n > buf.length) {
      flush();
    }
  }

  private void int16(int v) {
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  private void int32(int v) {
    buf[pos++] = (byte) (v >>> 24);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  private void int64(long v) {
    int32((int) (v >>> 32));
    int32((int) v);
  }

  void startRow(int fields) throws SQLException {
    room(2);
    int16(fields);
  }

  void nullValue() throws SQLException {
    room(4);
    int32(-1);
  }

  /** Writes one non-null canonical value of the given type. */
  void value(ColumnType type, String v) throws SQLException {
    switch (type) {
      case INTEGER:
        room(12);
        int32(8);
        int64(parseLong(v));
        break;
      case BOOLEAN:
        room(5);
        int32(1);
        buf[pos++] = (byte) (v.charAt(0) == 't' ? 1 : 0);
        break;
      case DATE:
        room(8);
        int32(4);
        int32(days(v));
        break;
      case TIMESTAMP:
        room(12);
        int32(8);
        int64(micros(v));
        break;
      case DECIMAL:
        numeric(v);
        break;
      default:
        text(v);
    }
  }

  /** A date given as days since 2000-01-01. */
  void date(int days) throws SQLException {
    room(8);
    int32(4);
    int32(days);
  }

  /** A timestamp given as microseconds since 2000-01-01 00:00:00. */
  void timestamp(long micros) throws SQLException {
    room(12);
    int32(8);
    int64(micros);
  }

  void end() throws SQLException {
    room(2);
    int16(-1);
    flush();
  }

  void flush() throws SQLException {
    if (pos > 0) {
      copyIn.writeToCopy(buf, 0, pos);
      pos = 0;
    }
  }

  static long parseLong(String v) {
    int i = 0;
    boolean neg = false;
    if (v.charAt(0) == '-') {
      neg = true;
      i = 1;
    }
    long n = 0;
    for (; i < v.length(); i++) {
      n = n * 10 - (v.charAt(i) - '0');
    }
    return neg ? n : -n;
  }

  private static int num(String v, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n = n * 10 + (v.charAt(i) - '0');
    }
    return n;
  }

  /** Days since 2000-01-01 of a canonical yyyy-MM-dd prefix. */
  static int days(String v) {
    return daysFromCivil(num(v, 0, 4), num(v, 5, 7), num(v, 8, 10)) - PG_EPOCH_DAYS;
  }

  /** Days since 1970-01-01 (proleptic Gregorian), H. Hinnant's algorithm. */
  static int daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  /** Microseconds since 2000-01-01 00:00:00 of a canonical {@code yyyy-MM-dd[ HH:mm:ss[.f]]}. */
  static long micros(String v) {
    long t = days(v) * 86_400_000_000L;
    if (v.length() >= 19) {
      t += (num(v, 11, 13) * 3600L + num(v, 14, 16) * 60L + num(v, 17, 19)) * 1_000_000L;
      if (v.length() > 20) {
        // fraction: up to 9 digits, rounded to microseconds
        int len = v.length() - 20;
        long f = num(v, 20, Math.min(v.length(), 26));
        for (int k = len; k < 6; k++) {
          f *= 10;
        }
        if (len > 6 && v.charAt(26) >= '5') {
          f++;
        }
        t += f;
      }
    }
    return t;
  }

  /** Writes a numeric from a plain decimal string ([-+]digits[.digits] or with an exponent). */
  private void numeric(String v) throws SQLException {
    if (v.indexOf('e') >= 0 || v.indexOf('E') >= 0) {
      v = new BigDecimal(v).toPlainString();
    }
    int len = v.length();
    int i = 0;
    boolean neg = false;
    if (v.charAt(0) == '-' || v.charAt(0) == '+') {
      neg = v.charAt(0) == '-';
      i = 1;
    }
    int dot = v.indexOf('.', i);
    int intStart = i;
    int intEnd = dot < 0 ? len : dot;
    int fracStart = dot < 0 ? len : dot + 1;
    int fracEnd = len;
    while (intStart < intEnd && v.charAt(intStart) == '0') {
      intStart++;
    }
    int dscale = fracEnd - fracStart;
    int intDigits = intEnd - intStart;
    int intGroups = (intDigits + 3) / 4;
    int fracGroups = (dscale + 3) / 4;
    int total = intGroups + fracGroups;
    short[] g = total <= groups.length ? groups : new short[total];
    // integer part, right-aligned on the decimal point
    int k = 0;
    int lead = intDigits - (intGroups - 1) * 4; // digits in the first group
    int p = intStart;
    for (int gi = 0; gi < intGroups; gi++) {
      int n = gi == 0 ? lead : 4;
      g[k++] = (short) num(v, p, p + n);
      p += n;
    }
    // fraction part, left-aligned, padded with zeros
    p = fracStart;
    for (int gi = 0; gi < fracGroups; gi++) {
      int n = Math.min(4, fracEnd - p);
      int val = num(v, p, p + n);
      for (int z = n; z < 4; z++) {
        val *= 10;
      }
      g[k++] = (short) val;
      p += n;
    }
    int weight = intGroups - 1;
    int first = 0;
    while (first < total && g[first] == 0) {
      first++;
      weight--;
    }
    int last = total;
    while (last > first && g[last - 1] == 0) {
      last--;
    }
    int ndigits = last - first;
    if (ndigits == 0) {
      weight = 0;
      neg = false;
    }
    int bytes = 8 + 2 * ndigits;
    room(4 + bytes);
    if (pos + 4 + bytes > buf.length) {
      throw new IllegalStateException("numeric value too long for the COPY buffer");
    }
    int32(bytes);
    int16(ndigits);
    int16(weight);
    int16(neg ? 0x4000 : 0);
    int16(dscale);
    for (int d = first; d < last; d++) {
      int16(g[d]);
    }
  }

  private void text(String s) throws SQLException {
    int len = s.length();
    room(4);
    int lenPos = pos;
    pos += 4;
    int start = pos;
    byte[] b = buf;
    int p = pos;
    for (int i = 0; i < len; i++) {
      if (p >= limit) {
        // flush what we have, keeping the length slot: write a partial length later is not
        // possible, so fall back to encoding the value separately
        pos = lenPos;
        longText(s);
        return;
      }
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c != 0) {
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
    int n = p - start;
    pos = lenPos;
    int32(n);
    pos = p;
  }

  /** A text value that does not fit the rest of the buffer: encode it on its own. */
  private void longText(String s) throws SQLException {
    byte[] bytes = s.replace("\0", "").getBytes(StandardCharsets.UTF_8);
    room(4);
    int32(bytes.length);
    int off = 0;
    while (off < bytes.length) {
      if (pos == buf.length) {
        flush();
      }
      int n = Math.min(buf.length - pos, bytes.length - off);
      System.arraycopy(bytes, off, buf, pos, n);
      pos += n;
      off += n;
    }
  }
}
