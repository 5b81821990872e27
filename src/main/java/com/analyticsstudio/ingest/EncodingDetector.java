package com.analyticsstudio.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides the text encoding of a CSV/TSV file, or refuses it as not text.
 *
 * <ol>
 *   <li>A byte order mark decides: UTF-8, UTF-16LE, UTF-16BE.
 *   <li>Known binary signatures (PNG, PDF, GIF, JPEG, ZIP, OLE2, gzip) and NUL bytes: not text
 *       (415).
 *   <li>Strictly valid UTF-8 over the scanned prefix (by default the first 128 MiB, i.e. the whole
 *       of any accepted upload; a multi-byte character cut by the end of the prefix is accepted):
 *       UTF-8. Pure ASCII is reported as UTF-8.
 *   <li>Otherwise Windows-1252 when the bytes look like text: no control characters besides tab,
 *       CR, LF and form feed, and none of the five bytes Windows-1252 leaves undefined.
 *   <li>Otherwise 422 {@code undecidable_encoding}.
 * </ol>
 *
 * UTF-16 without a byte order mark contains NUL bytes and is refused as not text.
 */
public final class EncodingDetector {

  /** Charset named "windows-1252". */
  public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  static final long DEFAULT_SCAN_LIMIT = 128L << 20;

  /** What a CSV reader scans up front; it decides UTF-8 or Windows-1252 per line afterwards. */
  static final long START_BYTES = 1L << 16;

  /** The outcome: the charset and how many bytes of byte order mark to skip. */
  public record Detection(Charset charset, int bomLength) {}

  private EncodingDetector() {}

  /** Detects the encoding of a whole file (scanning at most 128 MiB). */
  public static Detection detect(Path file) throws IOException {
    return detect(file, DEFAULT_SCAN_LIMIT);
  }

  static Detection detect(Path file, long scanLimit) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int n = in.readNBytes(buf, 0, buf.length);
      if (n == 0) {
        throw IngestErrors.emptyFile();
      }
      Detection bom = bom(buf, n);
      if (bom != null) {
        if (n == bom.bomLength()) {
          throw IngestErrors.emptyFile();
        }
        return bom;
      }
      String signature = binarySignature(buf, n);
      if (signature != null) {
        throw IngestErrors.notText(signature);
      }
      Utf8Validator v = new Utf8Validator();
      long scanned = 0;
      while (n > 0) {
        int len = (int) Math.min(n, scanLimit - scanned);
        v.feed(buf, len);
        scanned += len;
        if (v.nul) {
          throw IngestErrors.notText("binary data");
        }
        if (scanned >= scanLimit) {
          break;
        }
        n = in.readNBytes(buf, 0, buf.length);
      }
      if (v.valid) {
        if (v.controls > 0 && v.controls * 100 > scanned) {
          throw IngestErrors.notText("binary data");
        }
        return new Detection(StandardCharsets.UTF_8, 0);
      }
      if (v.controls == 0 && v.undefined1252 == 0) {
        return new Detection(WINDOWS_1252, 0);
      }
      throw IngestErrors.undecidableEncoding();
    }
  }

  static Detection bom(byte[] b, int n) {
    if (n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return new Detection(StandardCharsets.UTF_8, 3);
    }
    if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return new Detection(StandardCharsets.UTF_16LE, 2);
    }
    if (n >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return new Detection(StandardCharsets.UTF_16BE, 2);
    }
    return null;
  }

  /** A description of a known binary format at the start of the buffer, or null. */
  static String binarySignature(byte[] b, int n) {
    if (startsWith(b, n, 0x89, 'P', 'N', 'G')) return "a PNG image";
    if (startsWith(b, n, '%', 'P', 'D', 'F')) return "a PDF document";
    if (startsWith(b, n, 'G', 'I', 'F', '8')) return "a GIF image";
    if (startsWith(b, n, 0xFF, 0xD8, 0xFF)) return "a JPEG image";
    if (startsWith(b, n, 'P', 'K', 3, 4) || startsWith(b, n, 'P', 'K', 5, 6))
      return "a ZIP archive";
    if (startsWith(b, n, 0xD0, 0xCF, 0x11, 0xE0)) return "an OLE2 (old Office) document";
    if (startsWith(b, n, 0x1F, 0x8B)) return "a gzip archive";
    return null;
  }

  static boolean startsWith(byte[] b, int n, int... sig) {
    if (n < sig.length) {
      return false;
    }
    for (int i = 0; i < sig.length; i++) {
      if ((b[i] & 0xFF) != sig[i]) {
        return false;
      }
    }
    return true;
  }

  /** Streaming strict UTF-8 validator (rejects overlongs, surrogates, > U+10FFFF). */
  static final class Utf8Validator {
    boolean valid = true;
    boolean nul;
    long controls;
    long undefined1252;
    private int need; // continuation bytes still expected
    private int lo = 0x80; // allowed range of the next continuation byte
    private int hi = 0xBF;

    void feed(byte[] b, int len) {
      int i = 0;
      while (i < len) {
        int c = b[i++] & 0xFF;
        if (need == 0) {
          if (c < 0x80) {
            if (c < 0x20) {
              if (c == 0) {
                nul = true;
              } else if (c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                controls++;
              }
            } else if (c == 0x7F) {
              controls++;
            }
            continue;
          }
          track1252(c);
          if (!valid) {
            continue;
          }
          if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            lo = 0x80;
            hi = 0xBF;
          } else if (c == 0xE0) {
            need = 2;
            lo = 0xA0;
            hi = 0xBF;
          } else if (c == 0xED) {
            need = 2;
            lo = 0x80;
            hi = 0x9F;
          } else if (c >= 0xE1 && c <= 0xEF) {
            need = 2;
            lo = 0x80;
            hi = 0xBF;
          } else if (c == 0xF0) {
            need = 3;
            lo = 0x90;
            hi = 0xBF;
          } else if (c >= 0xF1 && c <= 0xF3) {
            need = 3;
            lo = 0x80;
            hi = 0xBF;
          } else if (c == 0xF4) {
            need = 3;
            lo = 0x80;
            hi = 0x8F;
          } else {
            valid = false;
          }
        } else {
          track1252(c);
          if (c < lo || c > hi) {
            valid = false;
            need = 0;
            continue;
          }
          need--;
          lo = 0x80;
          hi = 0xBF;
        }
      }
    }

    private void track1252(int c) {
      if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D) {
        undefined1252++;
      }
    }
  }
}
