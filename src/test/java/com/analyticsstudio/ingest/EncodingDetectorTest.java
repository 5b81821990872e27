package com.analyticsstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodingDetectorTest {

  @TempDir Path dir;

  @Test
  void detectsPlainUtf8() throws Exception {
    Path p = TestFiles.write(dir, "a.csv", "name,city\nZoë,Zürich\n");
    assertThat(EncodingDetector.detect(p))
        .isEqualTo(new EncodingDetector.Detection(StandardCharsets.UTF_8, 0));
  }

  @Test
  void detectsUtf8ByteOrderMarkAndSkipsIt() throws Exception {
    byte[] body = "name,price\nCafé,3\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    b.write(body);
    Path p = TestFiles.bytes(dir, "bom.csv", b.toByteArray());
    assertThat(EncodingDetector.detect(p))
        .isEqualTo(new EncodingDetector.Detection(StandardCharsets.UTF_8, 3));
    try (RowSource src = TestFiles.open(p)) {
      assertThat(src.headers()).containsExactly("name", "price");
      assertThat(src.next()).containsExactly("Café", "3");
    }
  }

  @Test
  void detectsUtf16LittleEndianByteOrderMark() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
    b.write("a\tb\n1\té\n".getBytes(StandardCharsets.UTF_16LE));
    Path p = TestFiles.bytes(dir, "u16.tsv", b.toByteArray());
    assertThat(EncodingDetector.detect(p).charset()).isEqualTo(StandardCharsets.UTF_16LE);
    try (RowSource src = TestFiles.open(p)) {
      assertThat(src.headers()).containsExactly("a", "b");
      assertThat(src.next()).containsExactly("1", "é");
    }
  }

  @Test
  void detectsWindows1252WithAccentsAndEuroSign() throws Exception {
    Path p =
        TestFiles.write(
            dir, "w.csv", "produit;prix\nCrème brûlée;5 €\n", EncodingDetector.WINDOWS_1252);
    assertThat(EncodingDetector.detect(p).charset()).isEqualTo(EncodingDetector.WINDOWS_1252);
    try (RowSource src = TestFiles.open(p)) {
      assertThat(src.next()).containsExactly("Crème brûlée", "5 €");
    }
  }

  @Test
  void acceptsMultiByteCharacterCutAtTheEndOfTheScannedPrefix() throws Exception {
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // 3 bytes
    byte[] file = new byte[101];
    Arrays.fill(file, (byte) 'a');
    System.arraycopy(euro, 0, file, 98, 3); // a 99- or 100-byte prefix cuts the euro sign
    Path p = TestFiles.bytes(dir, "cut.csv", file);
    assertThat(EncodingDetector.detect(p, 99).charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(EncodingDetector.detect(p, 100).charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(EncodingDetector.detect(p).charset()).isEqualTo(StandardCharsets.UTF_8);
  }

  @Test
  void refusesRandomBinaryAsNotText() throws Exception {
    byte[] data = new byte[4096];
    new Random(42).nextBytes(data);
    data[10] = 0;
    Path p = TestFiles.bytes(dir, "random.csv", data);
    assertThatThrownBy(() -> EncodingDetector.detect(p))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(415);
              assertThat(e.code()).isEqualTo("not_a_text_file");
            });
  }

  @Test
  void refusesInvalidUtf8WithControlCharactersAsUndecidable() throws Exception {
    byte[] data = {'a', ',', 'b', '\n', (byte) 0xFF, 0x01, (byte) 0xFE, 0x02, '\n'};
    Path p = TestFiles.bytes(dir, "odd.csv", data);
    assertThatThrownBy(() -> EncodingDetector.detect(p))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.code()).isEqualTo("undecidable_encoding");
            });
  }

  @Test
  void refusesZeroByteFileAsEmpty() throws Exception {
    Path p = TestFiles.bytes(dir, "zero.csv", new byte[0]);
    assertThatThrownBy(() -> TestFiles.open(p))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.code()).isEqualTo("empty_file");
            });
  }
}
