package com.analyticsstudio.common;

import java.time.Instant;
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

  /** {@link #TIMESTAMP} of {@code t}; null stays null. */
  public static String iso(OffsetDateTime t) {
    return t == null ? null : TIMESTAMP.format(t.toInstant());
  }

  /** {@link #TIMESTAMP} of {@code t}; null stays null. */
  public static String iso(Instant t) {
    return t == null ? null : TIMESTAMP.format(t);
  }
}
