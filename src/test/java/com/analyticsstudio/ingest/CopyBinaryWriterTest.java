package com.analyticsstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class CopyBinaryWriterTest {

  private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);

  @Test
  void encodesDatesAsDaysSince2000() {
    for (String d :
        new String[] {
          "2000-01-01", "1999-12-31", "2024-02-29", "0001-01-01", "9999-12-31", "1900-03-01"
        }) {
      assertThat(CopyBinaryWriter.days(d))
          .as(d)
          .isEqualTo((int) ChronoUnit.DAYS.between(PG_EPOCH, LocalDate.parse(d)));
    }
  }

  @Test
  void encodesTimestampsAsMicrosecondsSince2000RoundingExtraFractionDigits() {
    assertThat(CopyBinaryWriter.micros("2000-01-01 00:00:01")).isEqualTo(1_000_000L);
    assertThat(CopyBinaryWriter.micros("1999-12-31 23:59:59.5")).isEqualTo(-500_000L);
    assertThat(CopyBinaryWriter.micros("2000-01-01 00:00:00.0000015")).isEqualTo(2L);
    LocalDateTime t = LocalDateTime.of(2024, 1, 31, 13, 45, 10, 250_000_000);
    assertThat(CopyBinaryWriter.micros("2024-01-31 13:45:10.250"))
        .isEqualTo(ChronoUnit.MICROS.between(PG_EPOCH.atStartOfDay(), t));
  }

  @Test
  void parsesLongsIncludingTheExtremes() {
    assertThat(CopyBinaryWriter.parseLong("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(CopyBinaryWriter.parseLong("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(CopyBinaryWriter.parseLong("007")).isEqualTo(7);
  }
}
