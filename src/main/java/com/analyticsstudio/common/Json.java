package com.analyticsstudio.common;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** JSON formatting shared by every feature. */
public final class Json {
  private Json() {}

  /**
   * The one timestamp format of the API: RFC 3339 in UTC with exactly three fractional digits, e.g.
   * {@code 2026-11-22T03:04:05.120Z} (PostgreSQL's microseconds are cut to milliseconds, never
   * rounded up into the next second).
   */
  public static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /**
   * A result cell's timestamp (a wall time, as PostgreSQL's {@code timestamp} holds it, read as
   * UTC): {@link #TIMESTAMP}, or six fractional digits when the value has microseconds, so a value
   * is never cut.
   */
  public static String cell(LocalDateTime t) {
    return (t.getNano() % 1_000_000 == 0 ? CELL_MILLIS : CELL_MICROS).format(t);
  }

  private static final DateTimeFormatter CELL_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT);
  private static final DateTimeFormatter CELL_MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT);

  /**
   * Reads a timestamp a client sent back (a filter value, a bind parameter): the API's format
   * ({@code …Z}) or any RFC 3339 offset, converted to UTC, or a local {@code yyyy-MM-ddTHH:mm[:ss]}
   * (a space for the {@code T} too), taken as UTC.
   *
   * @throws java.time.format.DateTimeParseException when it is neither
   */
  public static LocalDateTime utcDateTime(String text) {
    String t = text.strip().replace(' ', 'T');
    int time = t.indexOf('T');
    boolean offset =
        t.endsWith("Z") || t.endsWith("z") || (time > 0 && t.substring(time).matches(".*[+-].*"));
    return offset
        ? OffsetDateTime.parse(t.toUpperCase(Locale.ROOT))
            .withOffsetSameInstant(ZoneOffset.UTC)
            .toLocalDateTime()
        : LocalDateTime.parse(t);
  }

  /** {@link #TIMESTAMP} of {@code t}; null stays null. */
  public static String iso(OffsetDateTime t) {
    return t == null ? null : TIMESTAMP.format(t.toInstant());
  }

  /** {@link #TIMESTAMP} of {@code t}; null stays null. */
  public static String iso(Instant t) {
    return t == null ? null : TIMESTAMP.format(t);
  }
}
