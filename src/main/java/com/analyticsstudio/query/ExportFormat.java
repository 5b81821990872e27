package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;
import java.util.Locale;

/**
 * Formats a query result can be streamed as, chosen by {@code ?format=} or the {@code Accept}
 * header.
 */
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
   * The export asked for, or null for an ordinary JSON answer. {@code format} wins over {@code
   * accept}.
   *
   * @throws ApiException 400 for an unknown format
   */
  public static ExportFormat choose(String format, String accept) {
    if (format != null && !format.isBlank()) {
      return switch (format.toLowerCase(Locale.ROOT)) {
        case "json" -> null;
        case "csv" -> CSV;
        case "ndjson" -> NDJSON;
        case "xlsx" -> XLSX;
        default ->
            throw ApiException.invalidValue(
                "format must be json, csv, ndjson or xlsx", "query.format");
      };
    }
    if (accept == null) return null;
    String a = accept.toLowerCase(Locale.ROOT);
    if (a.contains("application/json")) return null;
    if (a.contains("text/csv")) return CSV;
    if (a.contains("application/x-ndjson")) return NDJSON;
    if (a.contains(XLSX.contentType)) return XLSX;
    return null;
  }
}
