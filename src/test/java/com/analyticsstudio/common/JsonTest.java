package com.analyticsstudio.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
}
