package com.analyticsstudio.ingest;

import java.io.IOException;
import java.util.List;

/**
 * A parsed tabular file, read row by row. Not thread-safe; opened from a local file by {@link
 * RowSources#open}. Implementations stream: memory use does not grow with the file.
 */
public interface RowSource extends AutoCloseable {

  /** The original header labels (after header-row detection), or {@code column_1..n} when none. */
  List<String> headers();

  /**
   * The next row, or null at the end. Cells are strings or null (an empty cell); the array always
   * has exactly {@code headers().size()} cells (short rows padded with nulls, extra cells dropped,
   * each time with a warning). The array may be reused by the next call.
   */
  String[] next() throws IOException;

  /** The 1-based line (CSV) or row (sheet) number of the row last returned, for messages. */
  long position();

  /** Human-readable warnings so far (the first ~20 verbatim, then a count line). */
  List<String> warnings();

  /** Bytes of the file consumed so far, for progress; best effort for spreadsheets. */
  long bytesRead();

  /** Which parser reads the file. */
  SourceFormat format();

  /**
   * The options as resolved by this source (detected encoding, delimiter, decimal comma, header
   * presence, sheet name), so that a second pass reads the file exactly like the first.
   */
  SourceOptions resolvedOptions();

  @Override
  void close() throws IOException;
}
