package com.analyticsstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8FallbackReaderTest {

  private static final byte[] LATIN1_SAO = "São Paulo\n".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] UTF8_SAO = "São Paulo\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void decodesUtf8LinesAsUtf8AndOtherLinesAsWindows1252NamingThem() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(UTF8_SAO);
    bytes.write("Zürich €\n".getBytes(StandardCharsets.UTF_8));
    bytes.write(LATIN1_SAO);
    bytes.write("plain ascii\n".getBytes(StandardCharsets.US_ASCII));
    bytes.write("Crème brûlée 5 €\n".getBytes(EncodingDetector.WINDOWS_1252));
    Utf8FallbackReader r = new Utf8FallbackReader(new ByteArrayInputStream(bytes.toByteArray()));

    assertThat(readAll(r))
        .isEqualTo("São Paulo\nZürich €\nSão Paulo\nplain ascii\nCrème brûlée 5 €\n");
    assertThat(r.utf8Lines()).isEqualTo(2);
    assertThat(r.fallbackLines()).isEqualTo(2);
    assertThat(r.warning())
        .startsWith("lines 3 and 5 are not valid UTF-8")
        .contains("Windows-1252");
  }

  @Test
  void aFileInWindows1252ThroughoutDecodesAsSuchWithoutAWarning() throws Exception {
    byte[] text =
        "produit;prix\nCrème brûlée;5 €\nCafé;2 €\n".getBytes(EncodingDetector.WINDOWS_1252);
    Utf8FallbackReader r = new Utf8FallbackReader(new ByteArrayInputStream(text));
    assertThat(readAll(r)).isEqualTo("produit;prix\nCrème brûlée;5 €\nCafé;2 €\n");
    assertThat(r.warning()).isNull();
  }

  @Test
  void charactersSplitAcrossReadsAndFourByteCharactersDecode() throws Exception {
    String line = "€😀é\n";
    StringBuilder expected = new StringBuilder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < 20_000; i++) {
      bytes.write(line.getBytes(StandardCharsets.UTF_8));
      expected.append(line);
    }
    // A stream that hands out one to three bytes at a time cuts every kind of sequence.
    InputStream dribble =
        new ByteArrayInputStream(bytes.toByteArray()) {
          private int turn;

          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + (turn++ % 3)));
          }
        };
    Utf8FallbackReader r = new Utf8FallbackReader(dribble);
    assertThat(readAll(r)).isEqualTo(expected.toString());
    assertThat(r.fallbackLines()).isZero();
    assertThat(r.utf8Lines()).isEqualTo(20_000);
  }

  @Test
  void aSequenceCutByTheEndOfTheFileMakesThatLineWindows1252() throws Exception {
    byte[] text = {'o', 'k', '\n', 'a', (byte) 0xE2, (byte) 0x82};
    Utf8FallbackReader r = new Utf8FallbackReader(new ByteArrayInputStream(text));
    assertThat(readAll(r)).isEqualTo("ok\na\u00e2\u201a");
    assertThat(r.fallbackLines()).isEqualTo(1);
  }

  @Test
  void undefinedWindows1252BytesBecomeTheLatin1ControlsOfTheSameNumber() throws Exception {
    Utf8FallbackReader r =
        new Utf8FallbackReader(new ByteArrayInputStream(new byte[] {'x', (byte) 0x81, '\n'}));
    assertThat(readAll(r)).isEqualTo("x\u0081\n");
  }

  @Test
  void aNulByteIsRefusedAsNotText() {
    Utf8FallbackReader r =
        new Utf8FallbackReader(new ByteArrayInputStream(new byte[] {'a', '\n', 'b', 0, 'c'}));
    assertThatThrownBy(() -> readAll(r))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("line 2")
        .extracting(e -> ((ApiException) e).status())
        .isEqualTo(415);
  }

  @Test
  void theWarningNamesTheFirstLinesAndCountsTheRest() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(UTF8_SAO);
    for (int i = 0; i < 25; i++) {
      bytes.write(LATIN1_SAO);
    }
    Utf8FallbackReader r = new Utf8FallbackReader(new ByteArrayInputStream(bytes.toByteArray()));
    readAll(r);
    assertThat(r.warning())
        .startsWith("lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 15 more are not valid UTF-8")
        .contains("(25 lines in all)");
  }

  private static String readAll(Reader r) throws IOException {
    StringBuilder s = new StringBuilder();
    char[] buf = new char[777];
    int n;
    while ((n = r.read(buf, 0, buf.length)) >= 0) {
      s.append(buf, 0, n);
    }
    return s.toString();
  }
}
