package com.analyticsstudio.ingest;

/**
 * Infers the type of one column from every one of its values (one instance per column, not
 * thread-safe). Values are judged after trimming surrounding white space.
 *
 * <p><b>NULL tokens</b> (do not count toward any type): {@code null} cells, empty or blank strings,
 * {@code -}, and, ignoring case, {@code NA}, {@code N/A}, {@code null}, {@code #N/A}. They are
 * loaded as SQL NULL in typed columns; in a {@code text} column only null/empty cells become NULL
 * and tokens such as {@code NA} are kept verbatim (it may be a real value, e.g. North America). A
 * column whose values are all NULL is {@code text}.
 *
 * <p><b>Widening</b>: every value narrows the set of types the column can still have; nothing
 * fails. {@code integer -> decimal -> text}, {@code date -> timestamp -> text}; {@code boolean}
 * only when every non-null value is a boolean word ({@code true/false}, {@code yes/no}, {@code
 * t/f}, {@code y/n}, any case; {@code 0/1} stay integers); any other mix is {@code text}.
 *
 * <p><b>Numbers</b>: optional sign, digits, optional fraction and exponent ({@code 1.5e-3}, {@code
 * .5}). Codes with a leading zero ({@code 007}, {@code 00123}) are text ({@code 0} and {@code 0.5}
 * are numbers). Integers have at most 18 digits (longer ones are decimals so they fit {@code
 * bigint}'s neighbour {@code numeric}). Without a decimal comma, thousands separators are accepted
 * when grouped by three ({@code 1,234,567.50}). With a decimal comma (semicolon files) both {@code
 * 3,14} and {@code 3.14} are decimals and there is no thousands separator.
 *
 * <p><b>Dates</b>: see {@link DateTimeParser}. Numeric dates with the year last are month-first
 * (US) unless some value of the column can only be day-first (a first part above 12, or dots): then
 * the whole column is day-first. A column holding both a value that can only be day-first and one
 * that can only be month-first is text.
 */
public final class TypeInferrer {

  static final int NOT_NUMBER = 0;
  static final int INT = 1;
  static final int DEC = 2;

  private final boolean decimalComma;
  private final DateTimeParser dates = new DateTimeParser();

  private boolean canInt = true;
  private boolean canDec = true;
  private boolean canBool = true;
  private boolean canTemporal = true;
  private boolean sawTime;
  private boolean allMonthFirst = true;
  private boolean allDayFirst = true;
  private long nonNull;
  private long nulls;

  public TypeInferrer(boolean decimalComma) {
    this.decimalComma = decimalComma;
  }

  /**
   * Feeds one value of the column (null = an empty cell).
   *
   * @return whether the value changed what the column can be (so {@link #type()} or {@link
   *     #dayFirst()} may now answer differently); false for the vast majority of values
   */
  public boolean accept(String value) {
    if (value == null) {
      nulls++;
      return false;
    }
    if (!canInt && !canDec && !canBool && !canTemporal) {
      // already text: only the NULL count matters
      if (isNullToken(value)) {
        nulls++;
      } else {
        nonNull++;
      }
      return false;
    }
    int from = trimStart(value);
    int to = trimEnd(value, from);
    if (isNullToken(value, from, to)) {
      nulls++;
      return false;
    }
    boolean changed = nonNull++ == 0;
    if (canInt || canDec) {
      int kind = classifyNumber(value, from, to, decimalComma, true);
      if (kind == NOT_NUMBER) {
        canInt = false;
        canDec = false;
        changed = true;
      } else if (kind == DEC && canInt) {
        canInt = false;
        changed = true;
      }
    }
    if (canBool && booleanWord(value, from, to) == 0) {
      canBool = false;
      changed = true;
    }
    if (canTemporal) {
      if (!dates.parse(value, from, to)) {
        canTemporal = false;
        changed = true;
      } else {
        if (dates.hasTime && !sawTime) {
          sawTime = true;
          changed = true;
        }
        if (dates.ambiguous) {
          boolean monthFirst = allMonthFirst & dates.canMonthFirst;
          boolean dayFirst = allDayFirst & dates.canDayFirst;
          if (monthFirst != allMonthFirst || dayFirst != allDayFirst) {
            allMonthFirst = monthFirst;
            allDayFirst = dayFirst;
            changed = true;
            if (!allMonthFirst && !allDayFirst) {
              canTemporal = false;
            }
          }
        }
      }
    }
    return changed;
  }

  /** The type decided by all values fed so far. */
  public ColumnType type() {
    if (nonNull == 0) {
      return ColumnType.TEXT;
    }
    if (canBool) {
      return ColumnType.BOOLEAN;
    }
    if (canInt) {
      return ColumnType.INTEGER;
    }
    if (canDec) {
      return ColumnType.DECIMAL;
    }
    if (canTemporal) {
      return sawTime ? ColumnType.TIMESTAMP : ColumnType.DATE;
    }
    return ColumnType.TEXT;
  }

  /** Whether ambiguous numeric dates of this column are day-first (see the class comment). */
  public boolean dayFirst() {
    return !allMonthFirst && allDayFirst;
  }

  /** Whether any value was NULL (or a NULL token). */
  public boolean nullable() {
    return nulls > 0;
  }

  public long nonNullCount() {
    return nonNull;
  }

  public long nullCount() {
    return nulls;
  }

  /** Index of the first character of {@code v} above space (the length when there is none). */
  static int trimStart(String v) {
    int from = 0;
    while (from < v.length() && v.charAt(from) <= ' ') {
      from++;
    }
    return from;
  }

  /**
   * End (exclusive) of {@code v} without trailing characters up to space, not before {@code from}.
   */
  static int trimEnd(String v, int from) {
    int to = v.length();
    while (to > from && v.charAt(to - 1) <= ' ') {
      to--;
    }
    return to;
  }

  /** Whether a value is one of the NULL tokens listed in the class comment. */
  public static boolean isNullToken(String v) {
    if (v == null) {
      return true;
    }
    int from = trimStart(v);
    int to = trimEnd(v, from);
    return isNullToken(v, from, to);
  }

  static boolean isNullToken(String v, int from, int to) {
    int len = to - from;
    switch (len) {
      case 0:
        return true;
      case 1:
        return v.charAt(from) == '-';
      case 2:
      case 3:
        {
          char c = v.charAt(from);
          if (c != 'n' && c != 'N') {
            return false;
          }
          return len == 2
              ? v.regionMatches(true, from, "na", 0, 2)
              : v.regionMatches(true, from, "n/a", 0, 3);
        }
      case 4:
        {
          char c = v.charAt(from);
          if (c == 'n' || c == 'N') {
            return v.regionMatches(true, from, "null", 0, 4);
          }
          return c == '#' && v.regionMatches(true, from, "#n/a", 0, 4);
        }
      default:
        return false;
    }
  }

  /** 1 for a true word, -1 for a false word, 0 otherwise. */
  static int booleanWord(String v, int from, int to) {
    int len = to - from;
    if (len == 0 || len > 5) {
      return 0;
    }
    char c = (char) (v.charAt(from) | 0x20);
    switch (len) {
      case 1:
        return c == 't' || c == 'y' ? 1 : c == 'f' || c == 'n' ? -1 : 0;
      case 2:
        return v.regionMatches(true, from, "no", 0, 2) ? -1 : 0;
      case 3:
        return v.regionMatches(true, from, "yes", 0, 3) ? 1 : 0;
      case 4:
        return v.regionMatches(true, from, "true", 0, 4) ? 1 : 0;
      default:
        return v.regionMatches(true, from, "false", 0, 5) ? -1 : 0;
    }
  }

  /**
   * Classifies {@code v[from, to)} as {@link #INT}, {@link #DEC} or {@link #NOT_NUMBER}. With
   * {@code strictLeadingZero}, an integer part with a leading zero ({@code 007}) is not a number.
   */
  static int classifyNumber(
      String v, int from, int to, boolean decimalComma, boolean strictLeadingZero) {
    int i = from;
    if (i < to && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
      i++;
    }
    int intStart = i;
    int intDigits = 0;
    int groupDigits = 0;
    boolean grouped = false;
    while (i < to) {
      char c = v.charAt(i);
      if (c >= '0' && c <= '9') {
        intDigits++;
        groupDigits++;
        i++;
      } else if (c == ','
          && !decimalComma
          && intDigits > 0
          && i + 1 < to
          && (grouped ? groupDigits == 3 : groupDigits <= 3)) {
        // thousands separator: must be followed by exactly three digits
        if (i + 4 > to || !digits(v, i + 1, i + 4) || (i + 4 < to && isDigitAt(v, i + 4))) {
          return NOT_NUMBER;
        }
        grouped = true;
        groupDigits = 0;
        i++;
      } else {
        break;
      }
    }
    if (grouped && groupDigits != 3) {
      return NOT_NUMBER;
    }
    if (strictLeadingZero && intDigits > 1 && v.charAt(intStart) == '0') {
      return NOT_NUMBER;
    }
    boolean decimal = false;
    int fracDigits = 0;
    if (i < to && (v.charAt(i) == '.' || (decimalComma && v.charAt(i) == ','))) {
      decimal = true;
      i++;
      while (i < to && isDigitAt(v, i)) {
        fracDigits++;
        i++;
      }
    }
    if (intDigits + fracDigits == 0) {
      return NOT_NUMBER;
    }
    if (i < to && (v.charAt(i) == 'e' || v.charAt(i) == 'E')) {
      i++;
      if (i < to && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
        i++;
      }
      int expDigits = 0;
      while (i < to && isDigitAt(v, i)) {
        expDigits++;
        i++;
      }
      if (expDigits == 0 || expDigits > 4) {
        return NOT_NUMBER;
      }
      decimal = true;
    }
    if (i != to) {
      return NOT_NUMBER;
    }
    if (!decimal && intDigits > 18) {
      return DEC;
    }
    return decimal ? DEC : INT;
  }

  private static boolean isDigitAt(String v, int i) {
    char c = v.charAt(i);
    return c >= '0' && c <= '9';
  }

  private static boolean digits(String v, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!isDigitAt(v, k)) {
        return false;
      }
    }
    return true;
  }

  /** Whether a (non-null) value reads as a number, date or timestamp; used for header detection. */
  static boolean isTypedValue(String value) {
    String v = value.strip();
    if (v.isEmpty()) {
      return false;
    }
    if (classifyNumber(v, 0, v.length(), false, true) != NOT_NUMBER) {
      return true;
    }
    return new DateTimeParser().parse(v, 0, v.length());
  }
}
