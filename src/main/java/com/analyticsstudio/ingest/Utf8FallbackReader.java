package com.analyticsstudio.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes text line by line: each line is strict UTF-8 when it is valid UTF-8, otherwise the
 * whole line is read as Windows-1252 (the WHATWG reading, where the five bytes Windows-1252 leaves
 * undefined are the Latin-1 control characters of the same number, so every byte decodes). The
 * lines read that way are counted and named in {@link #warning()}.
 *
 * <p>Why per line: exports glued together from several systems (a UTF-8 header block and
 * Latin-1 rows, or the reverse) are common, and deciding one encoding for the whole file turns
 * one of the parts into silent mojibake ({@code SÃ£o Paulo}). A line is the unit a person can
 * check; a file that is Windows-1252 throughout decodes exactly as it would as a whole.
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
  private int bpos;
  private int blen;
  private boolean eof;

  private char[] out = new char[(1 << 16) + 8];
  /** Consumer position; chars before {@code released} are decided; {@code olen} is written. */
  private int opos;
  private int released;
  private int olen;

  /** The current line's bytes since it was last released, for a re-read as Windows-1252. */
  private byte[] line = new byte[1 << 12];
  private int lineLen;
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
   * A warning when the file mixed UTF-8 lines with lines that are not, naming the latter; null
   * when it is one encoding throughout (UTF-8, or Windows-1252 with no valid UTF-8 line).
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
    s.append(fallbackLines == 1 ? " is" : " are").append(" not valid UTF-8 like the rest of the file and ")
        .append(fallbackLines == 1 ? "was" : "were").append(" read as Windows-1252 (Latin-1)");
    if (fallbackLines > named.size()) {
      s.append(" (").append(fallbackLines).append(" lines in all)");
    }
    return s.append("; check ").append(fallbackLines == 1 ? "it" : "them").append(" for misread characters").toString();
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

  /** Decodes until some characters are decided; false at the end of the input. */
  private boolean fill() throws IOException {
    if (opos == released && released > 0) {
      System.arraycopy(out, released, out, 0, olen - released);
      olen -= released;
      opos = 0;
      released = 0;
    }
    while (released == opos) {
      if (bpos == blen) {
        if (eof) {
          if (lineLen > 0) {
            endLine(false);
          }
          return released > opos;
        }
        int n = in.read(buf, 0, buf.length);
        bpos = 0;
        blen = Math.max(n, 0);
        eof = n < 0;
        continue;
      }
      while (bpos < blen) {
        int b = buf[bpos++] & 0xFF;
        if (b == 0) {
          throw IngestErrors.notText("binary data: a NUL byte on line " + lineNo);
        }
        if (lineLen == line.length) {
          line = java.util.Arrays.copyOf(line, line.length * 2);
        }
        line[lineLen++] = (byte) b;
        if (lineFallback) {
          put(CP1252[b]);
        } else {
          decode(b);
        }
        if (b == '\n') {
          endLine(true);
          break;
        }
        if (lineLen >= MAX_HELD_LINE && need == 0) {
          released = olen;
          lineLen = 0;
          break;
        }
      }
    }
    return true;
  }

  private void decode(int b) {
    if (need == 0) {
      if (b < 0x80) {
        put((char) b);
        return;
      }
      lineNonAscii = true;
      if (b >= 0xC2 && b <= 0xDF) {
        need = 1; lo = 0x80; hi = 0xBF; cp = b & 0x1F;
      } else if (b == 0xE0) {
        need = 2; lo = 0xA0; hi = 0xBF; cp = b & 0x0F;
      } else if (b == 0xED) {
        need = 2; lo = 0x80; hi = 0x9F; cp = b & 0x0F;
      } else if (b >= 0xE1 && b <= 0xEF) {
        need = 2; lo = 0x80; hi = 0xBF; cp = b & 0x0F;
      } else if (b == 0xF0) {
        need = 3; lo = 0x90; hi = 0xBF; cp = b & 0x07;
      } else if (b >= 0xF1 && b <= 0xF3) {
        need = 3; lo = 0x80; hi = 0xBF; cp = b & 0x07;
      } else if (b == 0xF4) {
        need = 3; lo = 0x80; hi = 0x8F; cp = b & 0x07;
      } else {
        fallBack();
      }
      return;
    }
    if (b < lo || b > hi) {
      fallBack();
      return;
    }
    cp = (cp << 6) | (b & 0x3F);
    lo = 0x80;
    hi = 0xBF;
    if (--need == 0) {
      if (cp < 0x10000) {
        put((char) cp);
      } else {
        put(Character.highSurrogate(cp));
        put(Character.lowSurrogate(cp));
      }
    }
  }

  /** The current line is not UTF-8: its undecided part is read again as Windows-1252. */
  private void fallBack() {
    olen = released;
    for (int i = 0; i < lineLen; i++) {
      put(CP1252[line[i] & 0xFF]);
    }
    lineFallback = true;
    need = 0;
  }

  private void endLine(boolean newline) {
    if (!lineFallback && need > 0) {
      fallBack(); // a sequence cut by the end of the file
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
    lineLen = 0;
    lineFallback = false;
    lineNonAscii = false;
    need = 0;
    if (newline) {
      lineNo++;
    }
  }

  private void put(char c) {
    if (olen == out.length) {
      out = java.util.Arrays.copyOf(out, out.length * 2);
    }
    out[olen++] = c;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private static char[] cp1252() {
    char[] table = new char[256];
    var decoder = EncodingDetector.WINDOWS_1252.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    for (int b = 0; b < 256; b++) {
      try {
        table[b] = decoder.decode(ByteBuffer.wrap(new byte[] {(byte) b})).get(0);
      } catch (java.nio.charset.CharacterCodingException e) {
        table[b] = (char) b; // undefined in Windows-1252: the Latin-1 control of that number
      }
    }
    return table;
  }
}
