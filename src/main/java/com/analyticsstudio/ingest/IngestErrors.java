package com.analyticsstudio.ingest;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.JsonObject;

/** The refusals of the ingest library: one place for the status codes and stable error codes. */
final class IngestErrors {
  private IngestErrors() {}

  static ApiException emptyFile() {
    return new ApiException(422, "empty_file", "The file is empty.");
  }

  static ApiException notText(String what) {
    return new ApiException(
        415,
        "not_a_text_file",
        "This file is not a text file"
            + (what == null ? "" : " (it looks like " + what + ")")
            + "; upload a CSV, TSV, XLSX or XLS file.");
  }

  static ApiException unsupportedType(String filename) {
    return new ApiException(
        415,
        "unsupported_file_type",
        "The file type of \""
            + filename
            + "\" is not supported; upload a CSV, TSV, XLSX or XLS file.");
  }

  static ApiException notSpreadsheet(String message) {
    return new ApiException(415, "not_a_spreadsheet", message);
  }

  static ApiException undecidableEncoding() {
    return new ApiException(
        422,
        "undecidable_encoding",
        "The text encoding of this file could not be recognised (it is neither UTF-8, UTF-16 with a "
            + "byte order mark nor Windows-1252 text); save it as UTF-8 and upload it again.");
  }

  static ApiException invalidEncoding(long line) {
    return new ApiException(
        422,
        "invalid_encoding",
        "Line " + line + " contains bytes that are not valid in the file's text encoding.",
        at(line));
  }

  static ApiException unparsable(String message, long line) {
    return new ApiException(422, "unparsable_file", message, line > 0 ? at(line) : null);
  }

  static ApiException tooManyColumns(int count, int max, long line) {
    return new ApiException(
        422,
        "too_many_columns",
        (line > 0 ? "Line " + line + " has " : "The file has ")
            + count
            + " columns; at most "
            + max
            + " are supported.",
        at(line).put("columns", count).put("max", max));
  }

  /**
   * PostgreSQL refused the table or a row: a heap row must fit one 8 KB page (8,160 bytes; text
   * moves out of line, numbers, dates and timestamps take 8 bytes each, inline) and a table holds
   * at most 1,600 columns. A file with that many number columns passes the column count and fails
   * here.
   */
  static ApiException rowTooBig(int columns, String detail) {
    return new ApiException(
        422,
        "row_too_big",
        "The rows of this file are too wide for a PostgreSQL table"
            + (columns > 0 ? " (" + columns + " columns)" : "")
            + ": a table holds at most 1,600 columns and one row at most 8,160 bytes, where every number, "
            + "date and timestamp column takes 8 bytes. Split the file, or load fewer columns.",
        (columns > 0 ? new JsonObject().put("columns", columns) : new JsonObject())
            .put("maxColumns", SourceOptions.MAX_COLUMNS)
            .put("maxRowBytes", 8160)
            .put("database", detail));
  }

  static ApiException tooLarge(String message, long limit) {
    return new ApiException(
        413, "file_too_large", message, new JsonObject().put("limitBytes", limit));
  }

  static JsonObject at(long line) {
    JsonObject o = new JsonObject();
    if (line > 0) {
      o.put("line", line);
    }
    return o;
  }
}
