package com.analyticsstudio.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of pass 1 ({@link IngestPipeline#infer}): the columns with their inferred types, the
 * number of data rows, warnings, and how the file was read (so pass 2 reads it the same way).
 *
 * @param columns the columns in file order
 * @param rowCount data rows (header excluded, skipped blank rows excluded)
 * @param warnings human-readable warnings (capped, see {@link RowSource#warnings()})
 * @param format the parser used
 * @param filename the file name given to {@code infer}
 * @param contentType the content type given to {@code infer}
 * @param sourceOptions the options as resolved by the parser (encoding, delimiter, ...)
 */
public record InferenceResult(
    List<ColumnSpec> columns,
    long rowCount,
    List<String> warnings,
    SourceFormat format,
    String filename,
    String contentType,
    SourceOptions sourceOptions) {

  public InferenceResult {
    columns = List.copyOf(columns);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(sourceOptions, "sourceOptions");
  }

  /** A copy with one column's type replaced (a user's override); the column is found by name. */
  public InferenceResult withType(String columnName, ColumnType type) {
    List<ColumnSpec> out = new ArrayList<>(columns.size());
    boolean found = false;
    for (ColumnSpec c : columns) {
      if (c.name().equals(columnName)) {
        out.add(c.withType(type));
        found = true;
      } else {
        out.add(c);
      }
    }
    if (!found) {
      throw new IllegalArgumentException("no column named " + columnName);
    }
    return new InferenceResult(
        out, rowCount, warnings, format, filename, contentType, sourceOptions);
  }

  /** Whether numbers in this file use a decimal comma. */
  public boolean decimalComma() {
    return Boolean.TRUE.equals(sourceOptions.decimalComma());
  }
}
