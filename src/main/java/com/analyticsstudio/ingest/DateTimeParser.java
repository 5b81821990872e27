package com.analyticsstudio.ingest;

/**
 * Hand-written, allocation-free recogniser of the date and timestamp spellings the ingest library
 * understands. Recognised dates (4-digit years only):
 *
 * <ul>
 *   <li>ISO-like, year first: {@code 2024-01-31}, {@code 2024/01/31}, {@code 2024.1.31}
 *   <li>numeric with the year last: {@code 1/31/2024}, {@code 31/01/2024}, {@code 01-31-2024}:
 *       month-first or day-first is decided per column ({@link #canMonthFirst}, {@link
 *       #canDayFirst}); with dots ({@code 31.01.2024}) always day-first
 *   <li>month names (English, full or 3-letter, any case): {@code Jan 31, 2024}, {@code Jan 31
 *       2024}, {@code January 31, 2024}, {@code 31 January 2024}, {@code 31-Jan-2024}
 * </ul>
 *
 * A timestamp is a date followed by {@code T} or a space and {@code H:mm}, optional {@code :ss},
 * optional fraction ({@code .123456}), optional {@code AM}/{@code PM}, optional zone ({@code Z},
 * {@code +02:00}, {@code +0200}, {@code +02}).
 */
final class DateTimeParser {

  private static final String[] MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december"
  };

  int year;
  int month;
  int day;

  /** Numeric year-last dates: the first and second parts; month/day are unresolved. */
  boolean ambiguous;

  int p1;
  int p2;
  boolean canMonthFirst;
  boolean canDayFirst;

  /** Numeric year-last date written with dots: always day-first. */
  boolean dotted;

  boolean hasTime;
  int hour;
  int minute;
  int second;
  int fracStart;
  int fracEnd;
  boolean hasOffset;
  int offsetSeconds;

  private String s;
  private int i;
  private int end;

  /** Parses {@code text[from, to)}; returns false when it is not a date or timestamp. */
  boolean parse(String text, int from, int to) {
    s = text;
    i = from;
    end = to;
    ambiguous = false;
    dotted = false;
    hasTime = false;
    hasOffset = false;
    offsetSeconds = 0;
    second = 0;
    fracStart = fracEnd = 0;
    if (to - from < 6 || to - from > 48) {
      return false;
    }
    char c0 = s.charAt(i);
    if (isDigit(c0)) {
      int d = digitRun(i, 4);
      if (d == 4) {
        if (!parseYearFirst()) {
          return false;
        }
      } else if (d == 1 || d == 2) {
        if (!parseDayOrMonthFirst(d)) {
          return false;
        }
      } else {
        return false;
      }
    } else if (isLetter(c0)) {
      if (!parseMonthNameFirst()) {
        return false;
      }
    } else {
      return false;
    }
    if (i == end) {
      return true;
    }
    return parseTime();
  }

  private boolean parseYearFirst() {
    year = num(i, 4);
    i += 4;
    char sep = s.charAt(i);
    if (sep != '-' && sep != '/' && sep != '.') {
      return false;
    }
    i++;
    month = number(1, 2);
    if (month < 0 || !skip(sep)) {
      return false;
    }
    day = number(1, 2);
    return day >= 0 && validDate(year, month, day);
  }

  private boolean parseDayOrMonthFirst(int d) {
    int first = num(i, d);
    i += d;
    if (i >= end) {
      return false;
    }
    char sep = s.charAt(i);
    if (sep != '/' && sep != '-' && sep != '.' && sep != ' ') {
      return false;
    }
    i++;
    if (i >= end) {
      return false;
    }
    char c = s.charAt(i);
    if (isDigit(c) && sep != ' ') {
      int secondPart = number(1, 2);
      if (secondPart < 0 || !skip(sep) || !readYear()) {
        return false;
      }
      ambiguous = true;
      dotted = sep == '.';
      p1 = first;
      p2 = secondPart;
      canMonthFirst = sep != '.' && validDate(year, first, secondPart);
      canDayFirst = validDate(year, secondPart, first);
      return canMonthFirst || canDayFirst;
    }
    if (isLetter(c) && sep != '.' && sep != '/') {
      int m = monthName();
      if (m == 0 || !skip(sep) || !readYear()) {
        return false;
      }
      month = m;
      day = first;
      return validDate(year, month, day);
    }
    return false;
  }

  private boolean parseMonthNameFirst() {
    int m = monthName();
    if (m == 0 || !skip(' ')) {
      return false;
    }
    day = number(1, 2);
    skip(',');
    if (day < 0 || !skip(' ') || !readYear()) {
      return false;
    }
    month = m;
    return validDate(year, month, day);
  }

  private boolean readYear() {
    if (digitRun(i, 4) != 4) {
      return false;
    }
    year = num(i, 4);
    i += 4;
    return i == end || !isDigit(s.charAt(i));
  }

  /** Reads a month name at i (full or 3-letter, "sept" too); returns 1..12 or 0. */
  private int monthName() {
    int start = i;
    while (i < end && isLetter(s.charAt(i))) {
      i++;
    }
    int len = i - start;
    if (len < 3) {
      return 0;
    }
    for (int m = 0; m < 12; m++) {
      String name = MONTHS[m];
      if (len == 3 || len == name.length() || (m == 8 && len == 4)) {
        if (len > name.length()) {
          continue;
        }
        if (s.regionMatches(true, start, name, 0, len)) {
          return m + 1;
        }
      }
    }
    return 0;
  }

  private boolean parseTime() {
    char sep = s.charAt(i);
    if (sep != 'T' && sep != ' ') {
      return false;
    }
    i++;
    hour = number(1, 2);
    if (hour < 0 || !skip(':')) {
      return false;
    }
    minute = number(2, 2);
    if (minute < 0) {
      return false;
    }
    if (skip(':')) {
      second = number(2, 2);
      if (second < 0) {
        return false;
      }
      if (i < end && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
        i++;
        int f = digitRun(i, 9);
        if (f == 0 || f > 9) {
          return false;
        }
        fracStart = i;
        fracEnd = i + f;
        i += f;
      }
    }
    skip(' ');
    if (i + 1 < end && (s.charAt(i + 1) == 'M' || s.charAt(i + 1) == 'm')) {
      char ap = s.charAt(i);
      boolean pm = ap == 'P' || ap == 'p';
      if (!pm && ap != 'A' && ap != 'a') {
        return false;
      }
      if (hour < 1 || hour > 12) {
        return false;
      }
      hour = pm ? (hour == 12 ? 12 : hour + 12) : (hour == 12 ? 0 : hour);
      i += 2;
    }
    if (i < end) {
      char z = s.charAt(i);
      if (z == 'Z' || z == 'z') {
        hasOffset = true;
        i++;
      } else if (z == '+' || z == '-') {
        i++;
        if (!twoDigits(i)) {
          return false;
        }
        int oh = num(i, 2);
        i += 2;
        int om = 0;
        skip(':');
        if (i < end) {
          if (!twoDigits(i)) {
            return false;
          }
          om = num(i, 2);
          i += 2;
        }
        if (oh > 18 || om > 59) {
          return false;
        }
        hasOffset = true;
        offsetSeconds = (z == '-' ? -1 : 1) * (oh * 3600 + om * 60);
      }
    }
    if (i != end || hour > 23 || minute > 59 || second > 59) {
      return false;
    }
    hasTime = true;
    return true;
  }

  private boolean twoDigits(int from) {
    return from + 1 < end && isDigit(s.charAt(from)) && isDigit(s.charAt(from + 1));
  }

  /**
   * Reads a number of {@code min}..{@code max} digits at i (followed by no further digit) and moves
   * past it; -1, without moving, when there is none or it is longer.
   */
  private int number(int min, int max) {
    int n = digitRun(i, max);
    if (n < min || n > max) {
      return -1;
    }
    int v = num(i, n);
    i += n;
    return v;
  }

  /** Moves past {@code c} at i; false, without moving, when {@code c} is not there. */
  private boolean skip(char c) {
    if (i >= end || s.charAt(i) != c) {
      return false;
    }
    i++;
    return true;
  }

  private int digitRun(int from, int max) {
    int n = 0;
    while (from + n < end && n <= max && isDigit(s.charAt(from + n))) {
      n++;
    }
    return n > max ? max + 1 : n;
  }

  private int num(int from, int len) {
    int v = 0;
    for (int k = 0; k < len; k++) {
      v = v * 10 + (s.charAt(from + k) - '0');
    }
    return v;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean validDate(int y, int m, int d) {
    if (y < 1 || m < 1 || m > 12 || d < 1) {
      return false;
    }
    return d <= daysInMonth(y, m);
  }

  static int daysInMonth(int y, int m) {
    switch (m) {
      case 2:
        return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }
}
