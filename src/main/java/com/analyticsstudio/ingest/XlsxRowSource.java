package com.analyticsstudio.ingest;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.SAXException;

/**
 * Reads one sheet of an XLSX workbook with POI's streaming layer: {@link XSSFReader} for the parts,
 * {@link ReadOnlySharedStringsTable} for shared strings, and a StAX pull parser over the sheet XML
 * (pulling fits {@link RowSource#next()} without a thread or a queue). The workbook is never loaded
 * as a whole ({@code XSSFWorkbook} is not used).
 *
 * <p><b>Hostile archives</b>: before opening, POI's {@link ZipSecureFile} is set to refuse entries
 * that inflate more than 100 times their compressed size or beyond {@link
 * SourceOptions#maxZipEntryBytes()}, and the sheet stream is capped at {@link
 * SourceOptions#maxUncompressedBytes()}, together with the shared strings (which {@link
 * ReadOnlySharedStringsTable} keeps in memory); both refusals are 413 {@code file_too_large},
 * raised while streaming, so memory does not grow. (ZipSecureFile's settings are JVM-wide.)
 *
 * <p>Sheet choice: the first sheet, or {@link SourceOptions#sheet()} by name (case-insensitive); an
 * unknown name is 422 {@code unknown_sheet} listing the sheets. Header detection and cell rules:
 * see {@link SheetRowSource}.
 */
final class XlsxRowSource extends SheetRowSource {

  /** Entries must inflate less than 1/MIN_INFLATE_RATIO = 100 times. */
  static final double MIN_INFLATE_RATIO = 0.01;

  private final OPCPackage pkg;
  private final ReadOnlySharedStringsTable strings;
  private final StylesTable styles;
  private final boolean date1904;
  private final CountingInputStream sheetBytes;
  private final XMLStreamReader xml;
  private final long fileSize;
  private final double compressionRatio;
  private Boolean[] dateStyles = new Boolean[64];
  private final StringBuilder text = new StringBuilder();
  private boolean endOfSheet;

  XlsxRowSource(Path file, SourceOptions opts) throws IOException {
    ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
    ZipSecureFile.setMaxEntrySize(opts.maxZipEntryBytes());
    this.fileSize = Files.size(file);
    OPCPackage p;
    try {
      p = OPCPackage.open(file.toFile(), PackageAccess.READ);
    } catch (NotOfficeXmlFileException | InvalidFormatException e) {
      throw IngestErrors.notSpreadsheet(
          "This file is a ZIP archive but not an Excel workbook (.xlsx).");
    } catch (RuntimeException e) {
      throw translate(e, "open");
    }
    this.pkg = p;
    try {
      XSSFReader reader = new XSSFReader(pkg);
      this.date1904 = readDate1904(reader);
      this.styles = reader.getStylesTable();
      CountingInputStream.Budget budget =
          new CountingInputStream.Budget(opts.maxUncompressedBytes(), "workbook");
      List<PackagePart> sst =
          pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
      if (sst.isEmpty()) {
        this.strings = new ReadOnlySharedStringsTable(pkg, false);
      } else {
        try (InputStream in = new CountingInputStream(sst.get(0).getInputStream(), budget)) {
          this.strings = new ReadOnlySharedStringsTable(in, false);
        }
      }
      XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
      List<String> names = new ArrayList<>();
      InputStream chosen = null;
      String chosenName = null;
      String chosenPart = null;
      while (it.hasNext()) {
        InputStream in = it.next();
        String name = it.getSheetName();
        names.add(name);
        boolean match =
            chosen == null && (opts.sheet() == null || name.equalsIgnoreCase(opts.sheet().strip()));
        if (match) {
          chosen = in;
          chosenName = name;
          chosenPart = it.getSheetPart().getPartName().getName();
        } else {
          in.close();
        }
      }
      if (chosen == null) {
        throw unknownSheet(opts.sheet(), names);
      }
      this.compressionRatio = ratio(file, chosenPart);
      this.sheetBytes = new CountingInputStream(chosen, budget);
      XMLInputFactory f = XMLInputFactory.newFactory();
      f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
      f.setProperty(XMLInputFactory.IS_COALESCING, true);
      this.xml = f.createXMLStreamReader(sheetBytes);
      init(opts, chosenName);
    } catch (ApiException e) {
      pkg.revert();
      throw e;
    } catch (IOException
        | OpenXML4JException
        | XMLStreamException
        | SAXException
        | RuntimeException e) {
      pkg.revert();
      throw translate(e, "read");
    }
  }

  static ApiException unknownSheet(String wanted, List<String> names) {
    return new ApiException(
        422,
        "unknown_sheet",
        "The workbook has no sheet named \""
            + wanted
            + "\"; its sheets are: "
            + String.join(", ", names)
            + ".",
        new JsonObject().put("sheets", new JsonArray(new ArrayList<>(names))));
  }

  /** Compressed/uncompressed size of the sheet entry, for progress; 1 if unknown. */
  private static double ratio(Path file, String partName) {
    if (partName == null) {
      return 1;
    }
    try (ZipFile zf = new ZipFile(file.toFile())) {
      ZipEntry e = zf.getEntry(partName.startsWith("/") ? partName.substring(1) : partName);
      if (e != null && e.getSize() > 0 && e.getCompressedSize() > 0) {
        return (double) e.getCompressedSize() / e.getSize();
      }
    } catch (IOException ignored) {
      // progress only
    }
    return 1;
  }

  private static boolean readDate1904(XSSFReader reader) throws IOException, OpenXML4JException {
    try (InputStream in = reader.getWorkbookData()) {
      XMLInputFactory f = XMLInputFactory.newFactory();
      f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
      XMLStreamReader x = f.createXMLStreamReader(in);
      try {
        while (x.hasNext()) {
          if (x.next() == XMLStreamConstants.START_ELEMENT) {
            String local = x.getLocalName();
            if (local.equals("workbookPr")) {
              String v = x.getAttributeValue(null, "date1904");
              return "1".equals(v) || "true".equalsIgnoreCase(v);
            }
            if (local.equals("sheets")) {
              return false;
            }
          }
        }
      } finally {
        x.close();
      }
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
    return false;
  }

  /** Maps POI/XML failures to refusals: zip bombs to 413, the rest to 422. */
  static ApiException translate(Throwable e, String when) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApiException) {
        return (ApiException) t;
      }
      String m = t.getMessage();
      if (m != null && m.contains("Zip bomb")) {
        return IngestErrors.tooLarge(
            "The workbook expands to far more data than its size suggests "
                + "(a zip bomb, or a sheet larger than supported) and is refused.",
            ZipSecureFile.getMaxEntrySize());
      }
    }
    return IngestErrors.unparsable(
        "The workbook could not be read ("
            + when
            + "): "
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
        0);
  }

  @Override
  protected boolean readRow(SheetRow row) throws IOException {
    if (endOfSheet) {
      return false;
    }
    try {
      boolean inRow = false;
      int nextCol = 0;
      while (xml.hasNext()) {
        int ev = xml.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          String local = xml.getLocalName();
          if (local.equals("row")) {
            String r = xml.getAttributeValue(null, "r");
            row.reset(r != null ? Long.parseLong(r) : row.number + 1);
            inRow = true;
            nextCol = 0;
          } else if (local.equals("c") && inRow) {
            String ref = xml.getAttributeValue(null, "r");
            int col = ref != null ? column(ref) : nextCol;
            nextCol = col + 1;
            String t = xml.getAttributeValue(null, "t");
            String s = xml.getAttributeValue(null, "s");
            row.set(col, cell(t, s));
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          String local = xml.getLocalName();
          if (local.equals("row")) {
            return true;
          }
          if (local.equals("sheetData")) {
            endOfSheet = true;
            return false;
          }
        }
      }
      endOfSheet = true;
      return false;
    } catch (XMLStreamException | RuntimeException e) {
      if (e instanceof ApiException) {
        throw (ApiException) e;
      }
      throw translate(e, "row after " + position());
    }
  }

  /** Reads the children of a {@code <c>} element and returns its text. */
  private String cell(String t, String s) throws XMLStreamException {
    String value = null;
    text.setLength(0);
    boolean inline = false;
    int depth = 1;
    while (depth > 0) {
      int ev = xml.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
        String local = xml.getLocalName();
        if (local.equals("v")) {
          value = xml.getElementText();
          depth--;
        } else if (local.equals("t") && depth <= 4) {
          inline = true;
          text.append(xml.getElementText());
          depth--;
        } else if (local.equals("rPh") || local.equals("f") || local.equals("extLst")) {
          skip();
          depth--;
        }
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
    if (t == null || t.equals("n")) {
      if (value == null || value.isEmpty()) {
        return null;
      }
      double d;
      try {
        d = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        return value;
      }
      return isDateStyle(s) ? dateText(d, date1904) : numberText(d);
    }
    switch (t) {
      case "s":
        if (value == null) {
          return null;
        }
        try {
          return strings.getItemAt(Integer.parseInt(value.trim())).getString();
        } catch (RuntimeException e) {
          return null;
        }
      case "inlineStr":
        return inline ? text.toString() : value;
      case "str":
        return value;
      case "b":
        return value == null
            ? null
            : ("1".equals(value.trim()) || "true".equalsIgnoreCase(value.trim())
                ? "true"
                : "false");
      case "e":
        return null;
      case "d":
        return value == null ? null : value.replace('T', ' ');
      default:
        return value;
    }
  }

  private void skip() throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int ev = xml.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  private boolean isDateStyle(String s) {
    if (s == null || styles == null) {
      return false;
    }
    int idx;
    try {
      idx = Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return false;
    }
    if (idx < 0 || idx >= styles.getNumCellStyles()) {
      return false;
    }
    if (idx >= dateStyles.length) {
      dateStyles = Arrays.copyOf(dateStyles, Math.max(idx + 1, dateStyles.length * 2));
    }
    Boolean cached = dateStyles[idx];
    if (cached == null) {
      XSSFCellStyle style = styles.getStyleAt(idx);
      cached =
          style != null
              && DateUtil.isADateFormat(style.getDataFormat(), style.getDataFormatString());
      dateStyles[idx] = cached;
    }
    return cached;
  }

  /** 0-based column of a cell reference such as {@code AB12}. */
  static int column(String ref) {
    int col = 0;
    for (int i = 0; i < ref.length(); i++) {
      char c = ref.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        col = col * 26 + (c - 'A' + 1);
      } else if (c >= 'a' && c <= 'z') {
        col = col * 26 + (c - 'a' + 1);
      } else {
        break;
      }
    }
    return col - 1;
  }

  @Override
  public long bytesRead() {
    return Math.min(fileSize, (long) (sheetBytes.count() * compressionRatio));
  }

  @Override
  public SourceFormat format() {
    return SourceFormat.XLSX;
  }

  @Override
  public void close() throws IOException {
    try {
      xml.close();
    } catch (XMLStreamException ignored) {
      // closing anyway
    }
    sheetBytes.close();
    pkg.revert();
  }
}
