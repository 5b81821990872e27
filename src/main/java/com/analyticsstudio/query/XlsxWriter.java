package com.analyticsstudio.query;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a query result as an XLSX workbook while the rows arrive: the sheet is the first zip entry
 * and is written row by row (a zip's directory comes last, so nothing has to be known in advance);
 * the workbook, styles and relationships follow at the end, with a second sheet "Truncated" when
 * the rows were cut. Memory is one row plus the deflater's window.
 *
 * <p>Cells are typed from the column: integers and decimals are numbers (written as their exact
 * digits, so {@code 33} is {@code 33}, not {@code 33.0}); dates and timestamps are Excel serial
 * dates with a {@code yyyy-mm-dd} / {@code yyyy-mm-dd hh:mm:ss} format (values before 1900-03-01
 * and infinities, which Excel cannot show, stay text); booleans are booleans; numbers a double
 * cannot hold exactly (sent as strings, see {@link ResultValues}) and everything else are text, cut
 * at Excel's 32,767 characters per cell.
 *
 * <p>Not thread-safe; blocking (call it on a worker).
 */
final class XlsxWriter {
  static final String DATA_SHEET = "Query";
  static final String NOTE_SHEET = "Truncated";
  private static final int MAX_CELL = 32_767;
  private static final int STYLE_DATE = 1;
  private static final int STYLE_TIMESTAMP = 2;
  private static final int STYLE_HEADER = 3;

  /** Excel's day 0 in the 1900 date system, as it counts from 1900-03-01 on. */
  private static final long EXCEL_EPOCH_DAY = LocalDate.of(1899, 12, 30).toEpochDay();

  private static final LocalDate FIRST_EXACT_DATE = LocalDate.of(1900, 3, 1);

  private final ZipOutputStream zip;
  private final Writer out;
  private final List<QueryResult.Column> columns;
  private final String[] letters;
  private long rowNo;

  XlsxWriter(OutputStream target, List<QueryResult.Column> columns) {
    this.zip = new ZipOutputStream(target, StandardCharsets.UTF_8);
    zip.setLevel(Deflater.BEST_SPEED);
    this.out = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
    this.columns = List.copyOf(columns);
    this.letters = new String[columns.size()];
    for (int i = 0; i < letters.length; i++) letters[i] = columnLetters(i);
  }

  /** Opens the data sheet and writes the header row (bold, frozen). */
  void start() throws IOException {
    zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
    out.write(XML);
    out.write("<worksheet xmlns=\"" + NS + "\">");
    if (!columns.isEmpty()) {
      out.write(
          "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\""
              + " activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>");
    }
    out.write("<sheetData>");
    rowNo = 1;
    out.write("<row r=\"1\">");
    for (int i = 0; i < columns.size(); i++) {
      text(i, columns.get(i).name(), STYLE_HEADER);
    }
    out.write("</row>");
  }

  /** Appends one row of {@link ResultValues#toJson} values. */
  void row(List<Object> values) throws IOException {
    rowNo++;
    out.write("<row r=\"" + rowNo + "\">");
    for (int i = 0; i < values.size() && i < columns.size(); i++) {
      Object v = values.get(i);
      if (v != null) cell(i, columns.get(i).type(), v);
    }
    out.write("</row>");
  }

  /** Bytes written so far are complete; flushes them to the target. */
  void flush() throws IOException {
    out.flush();
  }

  /**
   * Closes the data sheet and writes the rest of the workbook.
   *
   * @param truncated adds the "Truncated" sheet saying that only {@code rows} rows are included
   * @param cap the row cap that cut the result
   */
  void finish(long rows, boolean truncated, long cap) throws IOException {
    out.write("</sheetData></worksheet>");
    out.flush();
    zip.closeEntry();
    if (truncated) {
      entry(
          "xl/worksheets/sheet2.xml",
          XML
              + "<worksheet xmlns=\""
              + NS
              + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
              + escape(
                  "Truncated: this export holds the first "
                      + rows
                      + " rows; the query had more (the cap is "
                      + cap
                      + " rows). Add a narrower WHERE or a LIMIT, or use a query job.")
              + "</t></is></c></row></sheetData></worksheet>");
    }
    entry("[Content_Types].xml", contentTypes(truncated));
    entry("_rels/.rels", ROOT_RELS);
    entry("xl/workbook.xml", workbook(truncated));
    entry("xl/_rels/workbook.xml.rels", workbookRels(truncated));
    entry("xl/styles.xml", STYLES);
    zip.finish();
    zip.flush();
  }

  private void entry(String name, String xml) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    out.write(xml);
    out.flush();
    zip.closeEntry();
  }

  private void cell(int i, String type, Object v) throws IOException {
    if (v instanceof Boolean b) {
      out.write("<c r=\"" + ref(i) + "\" t=\"b\"><v>" + (b ? '1' : '0') + "</v></c>");
      return;
    }
    if (v instanceof Number n) {
      // exact digits: a Long stays 33, never 33.0; a decimal keeps its scale
      out.write("<c r=\"" + ref(i) + "\"><v>" + number(n) + "</v></c>");
      return;
    }
    if (v instanceof String s) {
      if ("date".equals(type)) {
        Double serial = dateSerial(s);
        if (serial != null) {
          out.write(
              "<c r=\""
                  + ref(i)
                  + "\" s=\""
                  + STYLE_DATE
                  + "\"><v>"
                  + serial.longValue()
                  + "</v></c>");
          return;
        }
      } else if ("timestamp".equals(type)) {
        Double serial = timestampSerial(s);
        if (serial != null) {
          out.write(
              "<c r=\"" + ref(i) + "\" s=\"" + STYLE_TIMESTAMP + "\"><v>" + serial + "</v></c>");
          return;
        }
      }
      text(i, s, 0);
      return;
    }
    text(i, Exports.text(v), 0);
  }

  private static String number(Number n) {
    if (n instanceof Double d && (d.isNaN() || d.isInfinite())) return "0";
    if (n instanceof BigDecimal d) return d.toPlainString();
    return ResultValues.numberText(n);
  }

  private void text(int i, String s, int style) throws IOException {
    String cut = s.length() > MAX_CELL ? s.substring(0, MAX_CELL) : s;
    out.write("<c r=\"" + ref(i) + "\" t=\"inlineStr\"");
    if (style != 0) out.write(" s=\"" + style + "\"");
    out.write("><is><t xml:space=\"preserve\">" + escape(cut) + "</t></is></c>");
  }

  private String ref(int i) {
    return letters[i] + rowNo;
  }

  /** Excel's serial day of an ISO date, or null when Excel cannot show it. */
  static Double dateSerial(String iso) {
    try {
      LocalDate d = LocalDate.parse(iso);
      if (d.isBefore(FIRST_EXACT_DATE) || d.getYear() > 9999) return null;
      return (double) (d.toEpochDay() - EXCEL_EPOCH_DAY);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Excel's serial date-time of an ISO timestamp (UTC when it has an offset), or null. */
  static Double timestampSerial(String iso) {
    try {
      LocalDateTime t =
          iso.endsWith("Z") || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10
              ? OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
              : LocalDateTime.parse(iso);
      LocalDate d = t.toLocalDate();
      if (d.isBefore(FIRST_EXACT_DATE) || d.getYear() > 9999) return null;
      double day = d.toEpochDay() - EXCEL_EPOCH_DAY;
      return day + t.toLocalTime().toNanoOfDay() / 86_400e9;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A, B, … Z, AA, AB, … */
  static String columnLetters(int index) {
    StringBuilder sb = new StringBuilder();
    for (int n = index + 1; n > 0; n = (n - 1) / 26) sb.append((char) ('A' + (n - 1) % 26));
    return sb.reverse().toString();
  }

  /** XML text: markup characters escaped, characters XML 1.0 cannot hold dropped. */
  static String escape(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep =
          switch (c) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '"' -> "&quot;";
            default ->
                (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF
                    ? ""
                    : null;
          };
      if (rep == null) {
        if (sb != null) sb.append(c);
        continue;
      }
      if (sb == null) sb = new StringBuilder(s.length() + 16).append(s, 0, i);
      sb.append(rep);
    }
    return sb == null ? s : sb.toString();
  }

  private static final String XML =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  private static final String NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  private static final String REL_NS =
      "http://schemas.openxmlformats.org/package/2006/relationships";
  private static final String DOC_REL =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  private static final String SHEET_TYPE =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

  private static String contentTypes(boolean note) {
    return XML
        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\""
        + " ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
        + "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\""
        + SHEET_TYPE
        + "\"/>"
        + (note
            ? "<Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\""
                + SHEET_TYPE
                + "\"/>"
            : "")
        + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/"
        + "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        + "</Types>";
  }

  private static final String ROOT_RELS =
      XML
          + "<Relationships xmlns=\""
          + REL_NS
          + "\"><Relationship Id=\"rId1\" Type=\""
          + DOC_REL
          + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

  private static String workbook(boolean note) {
    return XML
        + "<workbook xmlns=\""
        + NS
        + "\" xmlns:r=\""
        + DOC_REL
        + "\"><sheets><sheet name=\""
        + DATA_SHEET
        + "\" sheetId=\"1\" r:id=\"rId1\"/>"
        + (note ? "<sheet name=\"" + NOTE_SHEET + "\" sheetId=\"2\" r:id=\"rId3\"/>" : "")
        + "</sheets></workbook>";
  }

  private static String workbookRels(boolean note) {
    return XML
        + "<Relationships xmlns=\""
        + REL_NS
        + "\"><Relationship Id=\"rId1\" Type=\""
        + DOC_REL
        + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\""
        + DOC_REL
        + "/styles\" Target=\"styles.xml\"/>"
        + (note
            ? "<Relationship Id=\"rId3\" Type=\""
                + DOC_REL
                + "/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
            : "")
        + "</Relationships>";
  }

  private static final String STYLES =
      XML
          + "<styleSheet xmlns=\""
          + NS
          + "\"><numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>"
          + "<numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/></numFmts>"
          + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
          + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
          + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
          + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
          + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border>"
          + "</borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\""
          + " borderId=\"0\"/></cellStyleXfs><cellXfs count=\"4\">"
          + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
          + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
          + " applyNumberFormat=\"1\"/>"
          + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
          + " applyNumberFormat=\"1\"/>"
          + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
          + " applyFont=\"1\"/></cellXfs>"
          + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
          + "</cellStyles></styleSheet>";
}
