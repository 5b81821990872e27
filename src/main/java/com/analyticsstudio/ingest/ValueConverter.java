package com.analyticsstudio.ingest;

import java.time.LocalDateTime;

/**
 * Converts raw cells of one column into the canonical text PostgreSQL accepts for its type: plain
 * numbers with {@code .} as decimal point and no thousands separators, {@code t}/{@code f} for
 * booleans, {@code yyyy-MM-dd} dates and {@code yyyy-MM-dd HH:mm:ss[.fraction]} timestamps (values
 * with a zone offset are converted to UTC, since {@code timestamp} has no zone). One instance per
 * column; not thread-safe.
 *
 * <p>{@link #convert(String)} returns null for SQL NULL and throws {@link NotConvertible} for a
 * value that is not of the column's type. It is more lenient than {@link TypeInferrer} so that user
 * type overrides work: {@code 007} converts to integer 7, {@code 1}/{@code 0} to booleans, a
 * timestamp at midnight to a date.
 */
public final class ValueConverter {

  /** Thrown (without a stack trace) for a value that does not convert. */
  public static final class NotConvertible extends Exception {
    private NotConvertible() {
      super("value does not convert", null, false, false);
    }
  }

  private static final NotConvertible NOT_CONVERTIBLE = new NotConvertible();

  private final ColumnType type;
  private final boolean dayFirst;
  private final boolean decimalComma;
  private final DateTimeParser dates = new DateTimeParser();
  private final StringBuilder sb = new StringBuilder(32);

  public ValueConverter(ColumnType type, boolean dayFirst, boolean decimalComma) {
    this.type = type;
    this.dayFirst = dayFirst;
    this.decimalComma = decimalComma;
  }

  public static ValueConverter forColumn(ColumnSpec spec, boolean decimalComma) {
    return new ValueConverter(spec.type(), spec.dayFirst(), decimalComma);
  }

  public ColumnType type() {
    return type;
  }

  /** Whether ambiguous numeric dates are read day-first. */
  public boolean dayFirst() {
    return dayFirst;
  }

  /** The canonical text of {@code raw}, or null for SQL NULL. */
  public String convert(String raw) throws NotConvertible {
    if (raw == null) {
      return null;
    }
    if (type == ColumnType.TEXT) {
      return raw;
    }
    int from = TypeInferrer.trimStart(raw);
    int to = TypeInferrer.trimEnd(raw, from);
    if (TypeInferrer.isNullToken(raw, from, to)) {
      return null;
    }
    switch (type) {
      case INTEGER:
        return integer(raw, from, to);
      case DECIMAL:
        return decimal(raw, from, to);
      case BOOLEAN:
        return bool(raw, from, to);
      case DATE:
      case TIMESTAMP:
        return temporal(raw, from, to);
      default:
        return raw;
    }
  }

  /** Whether {@code raw} converts (null and NULL tokens do). */
  public boolean converts(String raw) {
    try {
      convert(raw);
      return true;
    } catch (NotConvertible e) {
      return false;
    }
  }

  private String integer(String raw, int from, int to) throws NotConvertible {
    // fast path: [-]digits, at most 18 of them
    int i = from;
    if (raw.charAt(i) == '-') {
      i++;
    }
    int digits = to - i;
    if (digits > 0 && digits <= 18) {
      boolean plain = true;
      for (int k = i; k < to; k++) {
        char c = raw.charAt(k);
        if (c < '0' || c > '9') {
          plain = false;
          break;
        }
      }
      if (plain) {
        return from == 0 && to == raw.length() ? raw : raw.substring(from, to);
      }
    }
    int kind = TypeInferrer.classifyNumber(raw, from, to, decimalComma, false);
    if (kind == TypeInferrer.NOT_NUMBER) {
      throw NOT_CONVERTIBLE;
    }
    String canonical = canonicalNumber(raw, from, to);
    if (kind == TypeInferrer.DEC) {
      // integral decimals such as 12.0 are fine; 12.5 or 1e3 are not
      if (canonical.indexOf('e') >= 0 || canonical.indexOf('E') >= 0) {
        throw NOT_CONVERTIBLE;
      }
      int dot = canonical.indexOf('.');
      if (dot >= 0) {
        for (int k = dot + 1; k < canonical.length(); k++) {
          if (canonical.charAt(k) != '0') {
            throw NOT_CONVERTIBLE;
          }
        }
        canonical = canonical.substring(0, dot);
        if (canonical.isEmpty() || canonical.equals("-")) {
          canonical = "0";
        }
      }
    }
    try {
      Long.parseLong(canonical);
    } catch (NumberFormatException e) {
      throw NOT_CONVERTIBLE;
    }
    return canonical;
  }

  private String decimal(String raw, int from, int to) throws NotConvertible {
    int kind = TypeInferrer.classifyNumber(raw, from, to, decimalComma, false);
    if (kind == TypeInferrer.NOT_NUMBER) {
      throw NOT_CONVERTIBLE;
    }
    for (int k = from; k < to; k++) {
      if (raw.charAt(k) == ',') {
        return canonicalNumber(raw, from, to);
      }
    }
    return from == 0 && to == raw.length() ? raw : raw.substring(from, to);
  }

  /** Removes thousands separators, or turns a decimal comma into a point. */
  private String canonicalNumber(String raw, int from, int to) {
    sb.setLength(0);
    for (int k = from; k < to; k++) {
      char c = raw.charAt(k);
      if (c == ',') {
        if (decimalComma) {
          sb.append('.');
        }
      } else if (c != '+') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private String bool(String raw, int from, int to) throws NotConvertible {
    int b = TypeInferrer.booleanWord(raw, from, to);
    if (b == 0 && to - from == 1) {
      char c = raw.charAt(from);
      b = c == '1' ? 1 : c == '0' ? -1 : 0;
    }
    if (b == 0) {
      throw NOT_CONVERTIBLE;
    }
    return b > 0 ? "t" : "f";
  }

  private String temporal(String raw, int from, int to) throws NotConvertible {
    if (from == 0 && to == raw.length() && isCanonical(raw)) {
      return raw; // already yyyy-MM-dd (or yyyy-MM-dd HH:mm:ss for timestamps)
    }
    resolve(raw, from, to);
    sb.setLength(0);
    pad(ty, 4);
    sb.append('-');
    pad(tm, 2);
    sb.append('-');
    pad(td, 2);
    if (type == ColumnType.DATE) {
      return sb.toString();
    }
    sb.append(' ');
    pad(th, 2);
    sb.append(':');
    pad(tmi, 2);
    sb.append(':');
    pad(ts, 2);
    if (dates.hasTime && dates.fracEnd > dates.fracStart) {
      sb.append('.').append(raw, dates.fracStart, dates.fracEnd);
    }
    return sb.toString();
  }

  /** Marks SQL NULL in {@link #temporalValue}. */
  static final long NULL_TEMPORAL = Long.MIN_VALUE;

  /**
   * For date and timestamp columns, the value as the binary COPY format wants it: days (date) or
   * microseconds (timestamp) since 2000-01-01, or {@link #NULL_TEMPORAL} for SQL NULL. Equal to
   * what {@link CopyBinaryWriter} makes of {@link #convert}'s text, without building that text and
   * parsing it again; refuses exactly the values {@code convert} refuses.
   */
  long temporalValue(String raw) throws NotConvertible {
    if (raw == null) {
      return NULL_TEMPORAL;
    }
    int from = TypeInferrer.trimStart(raw);
    int to = TypeInferrer.trimEnd(raw, from);
    if (TypeInferrer.isNullToken(raw, from, to)) {
      return NULL_TEMPORAL;
    }
    boolean date = type == ColumnType.DATE;
    if (from == 0 && to == raw.length() && isCanonical(raw)) {
      return date ? CopyBinaryWriter.days(raw) : CopyBinaryWriter.micros(raw);
    }
    resolve(raw, from, to);
    long days = CopyBinaryWriter.daysFromCivil(ty, tm, td) - CopyBinaryWriter.PG_EPOCH_DAYS;
    if (date) {
      return days;
    }
    long t = days * 86_400_000_000L + (th * 3600L + tmi * 60L + ts) * 1_000_000L;
    DateTimeParser p = dates;
    if (p.hasTime && p.fracEnd > p.fracStart) {
      // up to 9 digits, rounded to microseconds on the 7th, as CopyBinaryWriter.micros does
      int len = p.fracEnd - p.fracStart;
      long f = 0;
      for (int k = 0; k < 6; k++) {
        f = f * 10 + (k < len ? raw.charAt(p.fracStart + k) - '0' : 0);
      }
      if (len > 6 && raw.charAt(p.fracStart + 6) >= '5') {
        f++;
      }
      t += f;
    }
    return t;
  }

  // the date and time resolved by resolve(): year, month, day, hour, minute, second (UTC)
  private int ty;
  private int tm;
  private int td;
  private int th;
  private int tmi;
  private int ts;

  /** Parses a date or timestamp into ty..ts (day order and zone applied), or refuses it. */
  private void resolve(String raw, int from, int to) throws NotConvertible {
    DateTimeParser p = dates;
    if (!p.parse(raw, from, to)) {
      throw NOT_CONVERTIBLE;
    }
    int y;
    int m;
    int d;
    if (p.ambiguous) {
      boolean df = dayFirst || p.dotted;
      if (df ? !p.canDayFirst : !p.canMonthFirst) {
        throw NOT_CONVERTIBLE;
      }
      y = p.year;
      m = df ? p.p2 : p.p1;
      d = df ? p.p1 : p.p2;
    } else {
      y = p.year;
      m = p.month;
      d = p.day;
    }
    int hh = p.hour;
    int mi = p.minute;
    int ss = p.second;
    if (!p.hasTime) {
      hh = mi = ss = 0;
    } else if (p.hasOffset && p.offsetSeconds != 0) {
      LocalDateTime utc = LocalDateTime.of(y, m, d, hh, mi, ss).minusSeconds(p.offsetSeconds);
      y = utc.getYear();
      m = utc.getMonthValue();
      d = utc.getDayOfMonth();
      hh = utc.getHour();
      mi = utc.getMinute();
      ss = utc.getSecond();
    }
    if (type == ColumnType.DATE
        && p.hasTime
        && (hh != 0 || mi != 0 || ss != 0 || hasNonZeroFraction(raw, p))) {
      throw NOT_CONVERTIBLE;
    }
    ty = y;
    tm = m;
    td = d;
    th = hh;
    tmi = mi;
    ts = ss;
  }

  /** Whether a value is exactly canonical for this column: a valid yyyy-MM-dd[ HH:mm:ss]. */
  private boolean isCanonical(String v) {
    int len = v.length();
    if (len != (type == ColumnType.DATE ? 10 : 19)) {
      return false;
    }
    if (v.charAt(4) != '-' || v.charAt(7) != '-') {
      return false;
    }
    int y = digits(v, 0, 4);
    int m = digits(v, 5, 7);
    int d = digits(v, 8, 10);
    if (y < 1 || !DateTimeParser.validDate(y, m, d)) {
      return false;
    }
    if (len == 10) {
      return true;
    }
    if (v.charAt(10) != ' ' || v.charAt(13) != ':' || v.charAt(16) != ':') {
      return false;
    }
    int hh = digits(v, 11, 13);
    int mi = digits(v, 14, 16);
    int ss = digits(v, 17, 19);
    return hh >= 0 && hh <= 23 && mi >= 0 && mi <= 59 && ss >= 0 && ss <= 59;
  }

  /** The number written by v[from, to), or -1 if a character is not a digit. */
  private static int digits(String v, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  private static boolean hasNonZeroFraction(String raw, DateTimeParser p) {
    for (int k = p.fracStart; k < p.fracEnd; k++) {
      if (raw.charAt(k) != '0') {
        return true;
      }
    }
    return false;
  }

  private void pad(int v, int width) {
    int digits = v >= 1000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : 1;
    for (int k = digits; k < width; k++) {
      sb.append('0');
    }
    sb.append(v);
  }
}
