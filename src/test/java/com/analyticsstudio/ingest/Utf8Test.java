package com.analyticsstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Utf8Test {

  /** Encodes s the way the COPY writers do: ASCII as is, everything else through Utf8. */
  private static byte[] encode(String s) {
    byte[] b = new byte[s.length() * 4];
    int p = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        b[p++] = (byte) c;
      } else {
        int before = p;
        p = Utf8.putNonAscii(b, p, s, i);
        if (p - before == 4) i++;
      }
    }
    return Arrays.copyOf(b, p);
  }

  @Test
  void encodesLikeTheJdkForTwoThreeAndFourByteCharacters() {
    String s = "a é ü ß € 日本語 😀 𝄞 z";
    assertThat(encode(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void replacesLoneSurrogatesWithTheReplacementCharacter() {
    String replacement = "\uFFFD";
    assertThat(encode("x\uD83Dy"))
        .isEqualTo(("x" + replacement + "y").getBytes(StandardCharsets.UTF_8));
    assertThat(encode("x\uDE00")).isEqualTo(("x" + replacement).getBytes(StandardCharsets.UTF_8));
    assertThat(encode("\uD83D")).isEqualTo(replacement.getBytes(StandardCharsets.UTF_8));
  }
}
