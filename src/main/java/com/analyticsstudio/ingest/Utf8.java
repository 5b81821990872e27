package com.analyticsstudio.ingest;

/** UTF-8 encoding of one character for the COPY writers' hand-rolled, allocation-free loops. */
final class Utf8 {
  private Utf8() {}

  /**
   * Writes {@code s.charAt(i)}, which is not ASCII, as UTF-8 at {@code b[p]}, together with the
   * following low surrogate when it starts a valid pair (a lone surrogate becomes U+FFFD).
   *
   * @return the position after the bytes written; 4 bytes were written exactly when a pair was
   *     consumed, and the caller then skips the low surrogate
   */
  static int putNonAscii(byte[] b, int p, String s, int i) {
    char c = s.charAt(i);
    if (c < 0x800) {
      b[p++] = (byte) (0xC0 | (c >> 6));
      b[p++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isHighSurrogate(c)
        && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1))) {
      int cp = Character.toCodePoint(c, s.charAt(i + 1));
      b[p++] = (byte) (0xF0 | (cp >> 18));
      b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
      b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      b[p++] = (byte) (0x80 | (cp & 0x3F));
    } else {
      if (Character.isSurrogate(c)) {
        c = '\uFFFD';
      }
      b[p++] = (byte) (0xE0 | (c >> 12));
      b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      b[p++] = (byte) (0x80 | (c & 0x3F));
    }
    return p;
  }
}
