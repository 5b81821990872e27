package com.analyticsstudio.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes text line by line: each line is strict UTF-8 when it is valid UTF-8, otherwise the whole
 * line is read as Windows-1252 (the WHATWG reading, where the five bytes Windows-1252 leaves
 * undefined are the Latin-1 control characters of the same number, so every byte decodes). The
 * lines read that way are counted and named in {@link #warning()}.
 *
 * <p>Why per line: exports glued together from several systems (a UTF-8 header block and Latin-1
 * rows, or the reverse) are common, and deciding one encoding for the whole file turns one of the
 * parts into silent mojibake ({@code SÃ£o Paulo}). A line is the unit a person can check; a file
 * that is Windows-1252 throughout decodes exactly as it would as a whole.
 *
 * <p>A line is held undecided until its end, at most {@value #MAX_HELD_LINE} bytes: past that its
 * part so far is released as decided, and an invalid byte further on switches only the rest of the
 * line. A NUL byte means the file is not text (415). Allocation-free per character; one pass.
 */
final class Utf8FallbackReader extends Reader {
  static final int MAX_HELD_LINE = 1 << 20;

  /** Line numbers named in the warning before "and N more". */
  static final int NAMED_LINES = 10;

  private static final char[] CP1252 = cp1252();

  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int blen;
  private boolean eof;

  private char[] out = new char[(1 << 17) + 8];

  /** Consumer position; chars before {@code released} are decided; {@code olen} is written. */
  private int opos;

  private int released;
  private int olen;

  /**
   * Where the current line starts in {@code buf}; its part from earlier reads is in {@code carry}.
   */
  private int lineStartB;

  private byte[] carry = new byte[1 << 12];
  private int carryLen;
  private boolean lineFallback;
  private boolean lineNonAscii;
  private long lineNo = 1;

  private int need;
  private int lo = 0x80;
  private int hi = 0xBF;
  private int cp;

  private long utf8Lines;
  private long fallbackLines;
  private final List<Long> named = new ArrayList<>();

  Utf8FallbackReader(InputStream in) {
    this.in = in;
  }

  /** Lines that held non-ASCII text and were valid UTF-8. */
  long utf8Lines() {
    return utf8Lines;
  }

  /** Lines read as Windows-1252 because they were not valid UTF-8. */
  long fallbackLines() {
    return fallbackLines;
  }

  /**
   * A warning when the file mixed UTF-8 lines with lines that are not, naming the latter; null when
   * it is one encoding throughout (UTF-8, or Windows-1252 with no valid UTF-8 line).
   */
  String warning() {
    if (fallbackLines == 0 || utf8Lines == 0) {
      return null;
    }
    StringBuilder s = new StringBuilder(fallbackLines == 1 ? "line " : "lines ");
    for (int i = 0; i < named.size(); i++) {
      if (i > 0) s.append(i == named.size() - 1 && fallbackLines == named.size() ? " and " : ", ");
      s.append(named.get(i));
    }
    if (fallbackLines > named.size()) {
      s.append(" and ").append(fallbackLines - named.size()).append(" more");
    }
    s.append(fallbackLines == 1 ? " is" : " are")
        .append(" not valid UTF-8 like the rest of the file and ")
        .append(fallbackLines == 1 ? "was" : "were")
        .append(" read as Windows-1252 (Latin-1)");
    if (fallbackLines > named.size()) {
      s.append(" (").append(fallbackLines).append(" lines in all)");
    }
    return s.append("; check ")
        .append(fallbackLines == 1 ? "it" : "them")
        .append(" for misread characters")
        .toString();
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (opos == released) {
      if (!fill()) {
        return -1;
      }
    }
    int n = Math.min(len, released - opos);
    System.arraycopy(out, opos, cbuf, off, n);
    opos += n;
    return n;
  }

  /** Decodes one read of bytes; false at the end of the input with nothing left to hand out. */
  private boolean fill() throws IOException {
    if (opos == released && released > 0) {
      System.arraycopy(out, released, out, 0, olen - released);
      olen -= released;
      opos = 0;
      released = 0;
    }
    while (released == opos) {
      if (eof) {
        if (olen > released || carryLen > 0 || need > 0) {
          endLine(false, 0);
        }
        return released > opos;
      }
      int n = in.read(buf, 0, buf.length);
      if (n < 0) {
        eof = true;
        continue;
      }
      blen = n;
      lineStartB = 0;
      decodeBuffer();
    }
    return true;
  }

  /** The hot loop: ASCII is copied as is; anything else goes through {@link #decode}. */
  private void decodeBuffer() {
    if (out.length < olen + blen + 8) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, olen + blen + 8));
    }
    byte[] b = buf;
    char[] o = out;
    int end = blen;
    int ol = olen; // in a local while the loop runs: the field costs a store per byte
    for (int i = 0; i < end; i++) {
      int c = b[i];
      if (c > 0 && need == 0) {
        o[ol++] = (char) c;
        if (c == '\n') {
          if (!lineFallback && !lineNonAscii) {
            released = ol; // the common case of endLine, inline
            lineStartB = i + 1;
            carryLen = 0;
            lineNo++;
          } else {
            olen = ol;
            endLine(true, i + 1);
          }
        }
      } else if (c == 0) {
        olen = ol;
        throw IngestErrors.notText("binary data: a NUL byte on line " + lineNo);
      } else if (lineFallback) {
        o[ol++] = CP1252[c & 0xFF];
      } else {
        olen = ol;
        decode(c & 0xFF, i);
        if (c == '\n') {
          endLine(true, i + 1); // a newline inside a sequence made the line Windows-1252
        }
        o = out;
        ol = olen;
      }
    }
    olen = ol;
    // The line goes on in the next read: keep its bytes so far, unless it is too long to hold.
    int tail = end - lineStartB;
    if (carryLen + tail > MAX_HELD_LINE && need == 0) {
      released = olen;
      carryLen = 0;
    } else if (tail > 0) {
      if (carry.length < carryLen + tail) {
        carry = Arrays.copyOf(carry, Math.max(carry.length * 2, carryLen + tail));
      }
      System.arraycopy(b, lineStartB, carry, carryLen, tail);
      carryLen += tail;
    }
    lineStartB = 0;
  }

  private void decode(int b, int i) {
    if (need == 0) {
      lineNonAscii = true;
      if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
        lo = 0x80;
        hi = 0xBF;
        cp = b & 0x1F;
      } else if (b == 0xE0) {
        need = 2;
        lo = 0xA0;
        hi = 0xBF;
        cp = b & 0x0F;
      } else if (b == 0xED) {
        need = 2;
        lo = 0x80;
        hi = 0x9F;
        cp = b & 0x0F;
      } else if (b >= 0xE1 && b <= 0xEF) {
        need = 2;
        lo = 0x80;
        hi = 0xBF;
        cp = b & 0x0F;
      } else if (b == 0xF0) {
        need = 3;
        lo = 0x90;
        hi = 0xBF;
        cp = b & 0x07;
      } else if (b >= 0xF1 && b <= 0xF3) {
        need = 3;
        lo = 0x80;
        hi = 0xBF;
        cp = b & 0x07;
      } else if (b == 0xF4) {
        need = 3;
        lo = 0x80;
        hi = 0x8F;
        cp = b & 0x07;
      } else {
        fallBack(i + 1);
      }
      return;
    }
    if (b < lo || b > hi) {
      fallBack(i + 1);
      return;
    }
    cp = (cp << 6) | (b & 0x3F);
    lo = 0x80;
    hi = 0xBF;
    if (--need == 0) {
      if (cp < 0x10000) {
        out[olen++] = (char) cp;
      } else {
        out[olen++] = Character.highSurrogate(cp);
        out[olen++] = Character.lowSurrogate(cp);
      }
    }
  }

  /**
   * The current line is not UTF-8: its undecided part (up to {@code upTo} in buf) is read again as
   * Windows-1252.
   */
  private void fallBack(int upTo) {
    olen = released;
    int needed = olen + carryLen + (blen - lineStartB) + 8;
    if (out.length < needed) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, needed));
    }
    for (int k = 0; k < carryLen; k++) {
      out[olen++] = CP1252[carry[k] & 0xFF];
    }
    for (int k = lineStartB; k < upTo; k++) {
      out[olen++] = CP1252[buf[k] & 0xFF];
    }
    lineFallback = true;
    need = 0;
  }

  /** A line ended (at {@code next} in buf, or at the end of the input). */
  private void endLine(boolean newline, int next) {
    if (!lineFallback && need > 0) {
      fallBack(newline ? next : lineStartB); // a sequence cut by the end of the file
    }
    if (lineFallback) {
      fallbackLines++;
      if (named.size() < NAMED_LINES) {
        named.add(lineNo);
      }
    } else if (lineNonAscii) {
      utf8Lines++;
    }
    released = olen;
    lineStartB = next;
    carryLen = 0;
    lineFallback = false;
    lineNonAscii = false;
    need = 0;
    if (newline) {
      lineNo++;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private static char[] cp1252() {
    char[] table = new char[256];
    var decoder =
        EncodingDetector.WINDOWS_1252
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    for (int b = 0; b < 256; b++) {
      try {
        table[b] = decoder.decode(ByteBuffer.wrap(new byte[] {(byte) b})).get(0);
      } catch (CharacterCodingException e) {
        table[b] = (char) b; // undefined in Windows-1252: the Latin-1 control of that number
      }
    }
    return table;
  }
}
