package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;
import java.util.Locale;

/** Formats a query result can be streamed as ({@code exportQuery}'s {@code ?format=}). */
public enum ExportFormat {
  CSV("text/csv; charset=utf-8", "csv"),
  NDJSON("application/x-ndjson", "ndjson"),
  XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

  /** Excel's sheet has 1,048,576 rows; one is the header. */
  public static final int XLSX_MAX_ROWS = 1_048_575;

  public final String contentType;
  public final String extension;

  ExportFormat(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  /**
   * The format of {@code exportQuery}'s required {@code ?format=}.
   *
   * @throws ApiException 400 when absent or unknown
   */
  public static ExportFormat export(String format) {
    if (format != null) {
      for (ExportFormat f : values()) {
        if (f.extension.equals(format.toLowerCase(Locale.ROOT))) return f;
      }
    }
    throw ApiException.invalidValue("format must be csv, ndjson or xlsx", "query.format");
  }
}
