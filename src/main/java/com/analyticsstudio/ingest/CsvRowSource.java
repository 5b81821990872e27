package com.analyticsstudio.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * Reads CSV/TSV files with commons-csv, streaming from the file through a 64 KiB buffer.
 *
 * <ul>
 *   <li><b>Encoding</b>: {@link SourceOptions#charset()} when given (bytes invalid in it are
 *       refused with 422 {@code invalid_encoding} and the line number). Otherwise the first 64 KiB
 *       decide a byte order mark (UTF-16 is read with it), binary data (415) and an undecidable
 *       encoding (422), and text is then decoded line by line ({@link Utf8FallbackReader}): UTF-8
 *       where a line is valid UTF-8, Windows-1252 where it is not, with a warning naming those
 *       lines when the file mixes both.
 *   <li><b>Delimiter</b>: sniffed among {@code ,} tab {@code ;} {@code |} from the first 64 KiB:
 *       the one that splits the first lines (quotes respected) into the same number (&gt; 1) of
 *       fields most consistently wins; ties go to that order ({@code .tsv} files prefer tab). A
 *       {@code ;} delimiter turns on decimal commas unless the options say otherwise.
 *   <li><b>Quoting</b>: RFC 4180 — quoted fields may hold delimiters, doubled quotes and line
 *       breaks; CRLF, LF and a missing final line break are all fine. An unquoted empty field is
 *       NULL, a quoted one ({@code ""}) is the empty string.
 *   <li>Text after a closing quote is kept ({@code "abc"x} reads as {@code abcx}) rather than
 *       refused; an unclosed quote is refused with 422 {@code unparsable_file} and its line.
 *   <li><b>Blank lines</b> and rows whose every field is empty are skipped.
 *   <li><b>Ragged rows</b>: a short row is padded with NULLs and a row with extra fields has them
 *       dropped, each time with a warning naming the line ("line 17: 5 fields where 4 were
 *       expected; extra fields dropped"). Extra fields that are all empty (a trailing delimiter)
 *       are dropped silently. We keep going rather than refuse, because spreadsheet exports often
 *       have a stray trailing cell; the warnings tell the person what happened.
 *   <li>More than {@link SourceOptions#maxColumns()} (1600) columns: 422 {@code too_many_columns};
 *       a 0-byte file: 422 {@code empty_file}; a header without rows: zero rows.
 * </ul>
 */
public final class CsvRowSource implements RowSource {

  static final int BUFFER_BYTES = 1 << 16;
  private static final char[] CANDIDATES = {',', '\t', ';', '|'};

  private final CountingInputStream counter;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> headers;
  private final int width;
  private final Warnings warnings;
  private final SourceOptions resolved;
  private String[] pending;
  private long pendingLine;
  private long position;
  private final String[] row;

  /**
   * The per-line decoder, when the encoding was detected (not given) and is UTF-8 or Windows-1252.
   */
  private final Utf8FallbackReader lines;

  public CsvRowSource(Path file, String filename, SourceOptions opts) throws IOException {
    if (Files.size(file) == 0) {
      throw IngestErrors.emptyFile();
    }
    Charset charset;
    int bom;
    if (opts.charset() != null) {
      charset = opts.charset();
      byte[] head = new byte[4];
      int n;
      try (InputStream in = Files.newInputStream(file)) {
        n = in.readNBytes(head, 0, 4);
      }
      EncodingDetector.Detection d = EncodingDetector.bom(head, n);
      bom = d != null && d.charset().equals(charset) ? d.bomLength() : 0;
    } else {
      // The start decides only what is not per-line: a byte order mark, binary data, an
      // undecidable mess. UTF-8 and Windows-1252 are then decided line by line.
      EncodingDetector.Detection d = EncodingDetector.detect(file, EncodingDetector.START_BYTES);
      charset = d.charset();
      bom = d.bomLength();
    }
    boolean perLine =
        opts.charset() == null
            && (charset.equals(StandardCharsets.UTF_8)
                || charset.equals(EncodingDetector.WINDOWS_1252));
    char delimiter =
        opts.delimiter() != null ? opts.delimiter() : sniff(file, charset, bom, filename);
    boolean decimalComma = opts.decimalComma() != null ? opts.decimalComma() : delimiter == ';';
    this.warnings = new Warnings(opts.maxWarnings());

    InputStream raw = Files.newInputStream(file);
    try {
      this.counter = new CountingInputStream(new BufferedInputStream(raw, BUFFER_BYTES));
      counter.skipNBytes(bom);
      Reader reader;
      if (perLine) {
        this.lines = new Utf8FallbackReader(counter);
        reader = lines;
      } else {
        this.lines = null;
        CharsetDecoder decoder =
            charset
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        reader = new InputStreamReader(counter, decoder);
      }
      CSVFormat format =
          CSVFormat.RFC4180
              .builder()
              .setDelimiter(delimiter)
              .setQuote('"')
              .setRecordSeparator("\n")
              .setIgnoreEmptyLines(true)
              .setTrailingData(true)
              .setNullString("")
              .setQuoteMode(QuoteMode.ALL_NON_NULL)
              .get();
      this.parser = CSVParser.parse(reader, format);
      this.records = parser.iterator();
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
    try {
      String[] first = readRecord();
      if (first == null) {
        throw IngestErrors.emptyFile();
      }
      if (first.length > opts.maxColumns()) {
        throw IngestErrors.tooManyColumns(first.length, opts.maxColumns(), position);
      }
      boolean header = opts.header() != null ? opts.header() : ColumnNames.looksLikeHeader(first);
      if (header) {
        String[] labels = new String[first.length];
        for (int i = 0; i < first.length; i++) {
          labels[i] = first[i] == null ? "" : first[i];
        }
        this.headers = List.of(labels);
      } else {
        this.headers = ColumnNames.generated(first.length);
        this.pending = first.clone();
        this.pendingLine = position;
      }
      this.width = headers.size();
      this.row = new String[width];
      this.resolved =
          opts.withCharset(perLine ? null : charset)
              .withDelimiter(delimiter)
              .withDecimalComma(decimalComma)
              .withHeader(header);
    } catch (IOException | RuntimeException e) {
      parser.close();
      throw e;
    }
  }

  /** Reads the next non-empty record's values (not copied), or null at the end. */
  private String[] readRecord() throws IOException {
    while (true) {
      CSVRecord rec;
      try {
        if (!records.hasNext()) {
          return null;
        }
        rec = records.next();
      } catch (UncheckedIOException e) {
        throw translate(e.getCause());
      } catch (IllegalStateException e) {
        throw IngestErrors.unparsable(
            "The file could not be read as CSV after line " + position + ": " + e.getMessage(),
            position + 1);
      }
      position = parser.getCurrentLineNumber();
      String[] values = rec.values();
      if (!allEmpty(values)) {
        return values;
      }
    }
  }

  private RuntimeException translate(IOException e) {
    if (e instanceof CharacterCodingException) {
      return IngestErrors.invalidEncoding(position + 1);
    }
    String msg = e.getMessage() == null ? "" : e.getMessage();
    if (msg.contains("EOF reached before encapsulated token finished")) {
      return IngestErrors.unparsable(
          "A quoted field that starts after line "
              + position
              + " is never closed; check for a stray double quote.",
          position + 1);
    }
    if (msg.contains("invalid char between encapsulated token and delimiter")) {
      return IngestErrors.unparsable(
          "Line "
              + (position + 1)
              + " has a quoted field followed by "
              + "more text before the next delimiter; check the quotes on that line.",
          position + 1);
    }
    return IngestErrors.unparsable(
        "The file could not be read as CSV after line " + position + ": " + msg, position + 1);
  }

  private static boolean allEmpty(String[] values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<String> headers() {
    return headers;
  }

  @Override
  public String[] next() throws IOException {
    if (pending != null) {
      String[] p = pending;
      pending = null;
      position = pendingLine;
      return fit(p);
    }
    String[] values = readRecord();
    if (values == null) {
      return null;
    }
    return fit(values);
  }

  private String[] fit(String[] values) {
    int n = values.length;
    if (n == width) {
      return values;
    }
    if (n < width) {
      warnings.add(
          "line "
              + position
              + ": "
              + n
              + " field"
              + (n == 1 ? "" : "s")
              + " where "
              + width
              + " were expected; missing fields left empty");
      System.arraycopy(values, 0, row, 0, n);
      Arrays.fill(row, n, width, null);
      return row;
    }
    boolean extraValues = false;
    for (int i = width; i < n; i++) {
      if (values[i] != null && !values[i].isEmpty()) {
        extraValues = true;
        break;
      }
    }
    if (extraValues) {
      warnings.add(
          "line "
              + position
              + ": "
              + n
              + " fields where "
              + width
              + " were expected; extra fields dropped");
    }
    System.arraycopy(values, 0, row, 0, width);
    return row;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public List<String> warnings() {
    String encoding = lines == null ? null : lines.warning();
    if (encoding == null) {
      return warnings.list();
    }
    List<String> out = new ArrayList<>();
    out.add(encoding);
    out.addAll(warnings.list());
    return Collections.unmodifiableList(out);
  }

  @Override
  public long bytesRead() {
    return counter.count();
  }

  @Override
  public SourceFormat format() {
    return SourceFormat.CSV;
  }

  @Override
  public SourceOptions resolvedOptions() {
    return resolved;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  // ---------------------------------------------------------------- delimiter sniffing

  static char sniff(Path file, Charset charset, int bom, String filename) throws IOException {
    byte[] buf = new byte[BUFFER_BYTES];
    int n;
    boolean whole;
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(bom);
      n = in.readNBytes(buf, 0, buf.length);
      whole = in.read() < 0;
    }
    CharsetDecoder dec =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    CharBuffer chars = dec.decode(ByteBuffer.wrap(buf, 0, n));
    boolean tsv =
        filename != null
            && (filename.toLowerCase(Locale.ROOT).endsWith(".tsv")
                || filename.toLowerCase(Locale.ROOT).endsWith(".tab"));
    return sniff(chars, whole, tsv);
  }

  /** Picks the delimiter that splits the sample's records most consistently into &gt; 1 fields. */
  static char sniff(CharSequence sample, boolean whole, boolean preferTab) {
    char best = preferTab ? '\t' : ',';
    double bestScore = 0;
    char[] order = preferTab ? new char[] {'\t', ',', ';', '|'} : CANDIDATES;
    for (char d : order) {
      int[] counts = fieldCounts(sample, d, whole, 50);
      if (counts.length == 0) {
        continue;
      }
      // mode of the field counts
      int[] sorted = counts.clone();
      Arrays.sort(sorted);
      int mode = sorted[0];
      int modeFreq = 0;
      for (int i = 0; i < sorted.length; ) {
        int j = i;
        while (j < sorted.length && sorted[j] == sorted[i]) {
          j++;
        }
        if (j - i > modeFreq || (j - i == modeFreq && sorted[i] > mode)) {
          modeFreq = j - i;
          mode = sorted[i];
        }
        i = j;
      }
      if (mode <= 1) {
        continue;
      }
      double score = (double) modeFreq / counts.length;
      if (counts[0] != mode) {
        score *= 0.5; // the header line should agree
      }
      if (score > bestScore + 1e-9) {
        bestScore = score;
        best = d;
      }
    }
    return best;
  }

  /** Field counts of the first {@code maxRecords} records of the sample, quotes respected. */
  static int[] fieldCounts(CharSequence s, char delim, boolean whole, int maxRecords) {
    int[] counts = new int[maxRecords];
    int records = 0;
    int fields = 1;
    boolean inQuotes = false;
    boolean fieldStart = true;
    boolean lineHasContent = false;
    int len = s.length();
    for (int i = 0; i < len && records < maxRecords; i++) {
      char c = s.charAt(i);
      if (inQuotes) {
        if (c == '"') {
          if (i + 1 < len && s.charAt(i + 1) == '"') {
            i++;
          } else {
            inQuotes = false;
          }
        }
        continue;
      }
      if (c == '"' && fieldStart) {
        inQuotes = true;
        fieldStart = false;
        lineHasContent = true;
      } else if (c == delim) {
        fields++;
        fieldStart = true;
        lineHasContent = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < len && s.charAt(i + 1) == '\n') {
          i++;
        }
        if (lineHasContent) {
          counts[records++] = fields;
        }
        fields = 1;
        fieldStart = true;
        lineHasContent = false;
      } else {
        fieldStart = false;
        lineHasContent = true;
      }
    }
    if (whole && lineHasContent && records < maxRecords && !inQuotes) {
      counts[records++] = fields;
    }
    return records == counts.length ? counts : Arrays.copyOf(counts, records);
  }
}
