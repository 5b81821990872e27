package com.analyticsstudio.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void timestampsAreUtcWithExactlyThreeFractionalDigits() {
    assertThat(
            Json.iso(OffsetDateTime.of(2026, 12, 3, 15, 0, 0, 123_456_789, ZoneOffset.ofHours(1))))
        .isEqualTo("2026-12-03T14:00:00.123Z");
    assertThat(Json.iso(OffsetDateTime.of(2026, 12, 3, 14, 0, 0, 0, ZoneOffset.UTC)))
        .isEqualTo("2026-12-03T14:00:00.000Z");
    // cut, never rounded into the next second
    assertThat(Json.iso(Instant.parse("2026-12-31T23:59:59.999900Z")))
        .isEqualTo("2026-12-31T23:59:59.999Z");
    assertThat(Json.iso((Instant) null)).isNull();
    assertThat(Json.iso((OffsetDateTime) null)).isNull();
  }

  @Test
  void cellsKeepMicrosecondsButOtherwiseUseTheSameFormat() {
    assertThat(Json.cell(LocalDateTime.of(2024, 2, 29, 10, 30)))
        .isEqualTo("2024-02-29T10:30:00.000Z");
    assertThat(Json.cell(LocalDateTime.of(2024, 2, 29, 10, 30, 0, 125_000_000)))
        .isEqualTo("2024-02-29T10:30:00.125Z");
    assertThat(Json.cell(LocalDateTime.of(2024, 2, 29, 10, 30, 0, 125_001_000)))
        .isEqualTo("2024-02-29T10:30:00.125001Z");
  }

  @Test
  void timestampsSentBackAreReadInEveryFormTheApiWritesOrTakes() {
    LocalDateTime t = LocalDateTime.of(2024, 2, 29, 10, 30, 0, 125_000_000);
    assertThat(Json.utcDateTime("2024-02-29T10:30:00.125Z")).isEqualTo(t);
    assertThat(Json.utcDateTime("2024-02-29T12:30:00.125+02:00")).isEqualTo(t);
    assertThat(Json.utcDateTime("2024-02-29 10:30:00.125")).isEqualTo(t);
    assertThat(Json.utcDateTime(" 2024-02-29T10:30:00.125 ")).isEqualTo(t);
    assertThat(Json.utcDateTime("2024-02-29T10:30")).isEqualTo(t.withNano(0));
    assertThatThrownBy(() -> Json.utcDateTime("2024-02-29"))
        .isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> Json.utcDateTime("yesterday"))
        .isInstanceOf(DateTimeParseException.class);
  }
}
