package com.analyticsstudio.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens the right {@link RowSource} for an uploaded file.
 *
 * <p>The parser is chosen from the file's first bytes first, then from its name and content type:
 *
 * <ul>
 *   <li>a ZIP archive is read as XLSX, an OLE2 document as XLS — unless the name or content type
 *       says it is text (.csv/.tsv/.txt, {@code text/*}), which is refused as not a text file;
 *   <li>a file named .xlsx/.xlsm (or with a spreadsheet content type) that is not a ZIP archive, or
 *       named .xls that is not an OLE2 document, is refused with 415 {@code not_a_spreadsheet};
 *   <li>PNG, PDF, GIF, JPEG, gzip and other binary data (NUL bytes) are refused with 415 {@code
 *       not_a_text_file};
 *   <li>other files are read as CSV/TSV when their name is .csv/.tsv/.tab/.txt or has no extension
 *       (or an unknown one with a {@code text/*} or application/csv content type); any other
 *       extension is 415 {@code unsupported_file_type}.
 * </ul>
 *
 * A known extension wins over the content type, because browsers on Windows send {@code
 * application/vnd.ms-excel} for .csv files.
 */
public final class RowSources {

  private RowSources() {}

  /**
   * Opens {@code file}.
   *
   * @param file the uploaded file on local disk
   * @param filename the name the user gave it (may be null)
   * @param contentType the declared content type (may be null)
   * @param opts options; {@link SourceOptions#defaults()} detects everything
   * @throws com.analyticsstudio.common.ApiException for every refusal (415, 422, 413)
   */
  public static RowSource open(Path file, String filename, String contentType, SourceOptions opts)
      throws IOException {
    if (opts == null) {
      opts = SourceOptions.defaults();
    }
    byte[] head = new byte[8];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n == 0) {
      throw IngestErrors.emptyFile();
    }
    String ext = extension(filename);
    String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    int semi = ct.indexOf(';');
    if (semi >= 0) {
      ct = ct.substring(0, semi).trim();
    }
    // The extension wins over the content type: browsers on Windows send application/vnd.ms-excel
    // for .csv files.
    boolean extText =
        ext.equals("csv") || ext.equals("tsv") || ext.equals("tab") || ext.equals("txt");
    boolean extXlsx = ext.equals("xlsx") || ext.equals("xlsm");
    boolean extXls = ext.equals("xls");
    boolean extKnown = extText || extXlsx || extXls;
    boolean saysText =
        extText || (!extKnown && (ct.startsWith("text/") || ct.equals("application/csv")));
    boolean saysXlsx =
        extXlsx
            || (!extKnown
                && ct.equals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    boolean saysXls = extXls || (!extKnown && ct.equals("application/vnd.ms-excel"));
    boolean zip = EncodingDetector.startsWith(head, n, 'P', 'K', 3, 4);
    boolean ole2 =
        EncodingDetector.startsWith(head, n, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1);

    if (zip && !saysText && !saysXls) {
      return new XlsxRowSource(file, opts);
    }
    if (ole2 && !saysText && !saysXlsx) {
      return new XlsRowSource(file, opts);
    }
    if (saysXlsx) {
      throw IngestErrors.notSpreadsheet(
          "\""
              + display(filename)
              + "\" is named like an Excel .xlsx workbook "
              + "but is not one (an .xlsx file is a ZIP archive"
              + (ole2 ? "; this looks like an old .xls file, rename it to .xls" : "")
              + ").");
    }
    if (saysXls) {
      throw IngestErrors.notSpreadsheet(
          "\""
              + display(filename)
              + "\" is named like an Excel .xls workbook "
              + "but is not one"
              + (zip ? " (it is a ZIP archive; if it is an .xlsx file, rename it to .xlsx)" : "")
              + ".");
    }
    String signature = EncodingDetector.binarySignature(head, n);
    if (signature != null) {
      throw IngestErrors.notText(signature);
    }
    if (!saysText && !ext.isEmpty()) {
      throw IngestErrors.unsupportedType(display(filename));
    }
    return new CsvRowSource(file, filename, opts);
  }

  private static String display(String filename) {
    return filename == null ? "the file" : filename;
  }

  static String extension(String filename) {
    if (filename == null) {
      return "";
    }
    String name = filename;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
