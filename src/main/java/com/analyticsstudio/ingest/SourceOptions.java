package com.analyticsstudio.ingest;

import java.nio.charset.Charset;

/**
 * Options for opening a file. Immutable; every {@code withX} returns a copy. A {@code null} value
 * means "detect it". {@link IngestPipeline#infer} returns the options it resolved (encoding,
 * delimiter, decimal comma, header presence, sheet) in {@link InferenceResult#sourceOptions()}, so
 * the second pass reads the file exactly the same way.
 */
public final class SourceOptions {

  /** PostgreSQL's limit on the number of columns of a table. */
  public static final int MAX_COLUMNS = 1600;

  private static final SourceOptions DEFAULTS =
      new SourceOptions(null, null, null, null, null, MAX_COLUMNS, 2L << 30, 1L << 30, 20);

  private final String sheet;
  private final Character delimiter;
  private final Boolean decimalComma;
  private final Boolean header;
  private final Charset charset;
  private final int maxColumns;
  private final long maxUncompressedBytes;
  private final long maxZipEntryBytes;
  private final int maxWarnings;

  private SourceOptions(
      String sheet,
      Character delimiter,
      Boolean decimalComma,
      Boolean header,
      Charset charset,
      int maxColumns,
      long maxUncompressedBytes,
      long maxZipEntryBytes,
      int maxWarnings) {
    this.sheet = sheet;
    this.delimiter = delimiter;
    this.decimalComma = decimalComma;
    this.header = header;
    this.charset = charset;
    this.maxColumns = maxColumns;
    this.maxUncompressedBytes = maxUncompressedBytes;
    this.maxZipEntryBytes = maxZipEntryBytes;
    this.maxWarnings = maxWarnings;
  }

  public static SourceOptions defaults() {
    return DEFAULTS;
  }

  /** Spreadsheets: the sheet to read by name (case-insensitive); null = the first sheet. */
  public String sheet() {
    return sheet;
  }

  /** CSV: the field delimiter; null = sniff among {@code , ; TAB |}. */
  public Character delimiter() {
    return delimiter;
  }

  /**
   * Whether numbers use a decimal comma ({@code 3,14}); null = automatic: true when the CSV
   * delimiter is {@code ;}, false otherwise.
   */
  public Boolean decimalComma() {
    return decimalComma;
  }

  /**
   * Whether the first row is a header; null = detect (a first row that looks like data is data).
   */
  public Boolean header() {
    return header;
  }

  /** CSV: the text encoding; null = detect (see {@link EncodingDetector}). */
  public Charset charset() {
    return charset;
  }

  /** Maximum number of columns (default and hard ceiling: 1600, PostgreSQL's limit). */
  public int maxColumns() {
    return maxColumns;
  }

  /** XLSX: cap on the uncompressed bytes read from the archive (default 2 GiB). */
  public long maxUncompressedBytes() {
    return maxUncompressedBytes;
  }

  /** XLSX: cap on the uncompressed size of one archive entry (default 1 GiB). */
  public long maxZipEntryBytes() {
    return maxZipEntryBytes;
  }

  /** How many warnings are kept verbatim before a count line (default 20). */
  public int maxWarnings() {
    return maxWarnings;
  }

  public SourceOptions withSheet(String v) {
    return new SourceOptions(
        v,
        delimiter,
        decimalComma,
        header,
        charset,
        maxColumns,
        maxUncompressedBytes,
        maxZipEntryBytes,
        maxWarnings);
  }

  public SourceOptions withDelimiter(Character v) {
    return new SourceOptions(
        sheet,
        v,
        decimalComma,
        header,
        charset,
        maxColumns,
        maxUncompressedBytes,
        maxZipEntryBytes,
        maxWarnings);
  }

  public SourceOptions withDecimalComma(Boolean v) {
    return new SourceOptions(
        sheet,
        delimiter,
        v,
        header,
        charset,
        maxColumns,
        maxUncompressedBytes,
        maxZipEntryBytes,
        maxWarnings);
  }

  public SourceOptions withHeader(Boolean v) {
    return new SourceOptions(
        sheet,
        delimiter,
        decimalComma,
        v,
        charset,
        maxColumns,
        maxUncompressedBytes,
        maxZipEntryBytes,
        maxWarnings);
  }

  public SourceOptions withCharset(Charset v) {
    return new SourceOptions(
        sheet,
        delimiter,
        decimalComma,
        header,
        v,
        maxColumns,
        maxUncompressedBytes,
        maxZipEntryBytes,
        maxWarnings);
  }

  public SourceOptions withMaxColumns(int v) {
    if (v < 1 || v > MAX_COLUMNS) {
      throw new IllegalArgumentException("maxColumns must be 1.." + MAX_COLUMNS);
    }
    return new SourceOptions(
        sheet,
        delimiter,
        decimalComma,
        header,
        charset,
        v,
        maxUncompressedBytes,
        maxZipEntryBytes,
        maxWarnings);
  }

  public SourceOptions withMaxUncompressedBytes(long v) {
    return new SourceOptions(
        sheet,
        delimiter,
        decimalComma,
        header,
        charset,
        maxColumns,
        v,
        maxZipEntryBytes,
        maxWarnings);
  }

  public SourceOptions withMaxZipEntryBytes(long v) {
    return new SourceOptions(
        sheet,
        delimiter,
        decimalComma,
        header,
        charset,
        maxColumns,
        maxUncompressedBytes,
        v,
        maxWarnings);
  }

  public SourceOptions withMaxWarnings(int v) {
    return new SourceOptions(
        sheet,
        delimiter,
        decimalComma,
        header,
        charset,
        maxColumns,
        maxUncompressedBytes,
        maxZipEntryBytes,
        v);
  }

  @Override
  public String toString() {
    return "SourceOptions{sheet="
        + sheet
        + ", delimiter="
        + delimiter
        + ", decimalComma="
        + decimalComma
        + ", header="
        + header
        + ", charset="
        + charset
        + ", maxColumns="
        + maxColumns
        + '}';
  }
}
