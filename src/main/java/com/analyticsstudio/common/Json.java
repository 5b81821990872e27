package com.analyticsstudio.common;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** JSON formatting shared by every feature. */
public final class Json {
  private Json() {}

  /** ISO-8601 in UTC, e.g. {@code 2026-11-22T03:04:05.123Z}; null stays null. */
  public static String iso(OffsetDateTime t) {
    return t == null
        ? null
        : t.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
