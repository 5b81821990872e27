package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxWriterTest {
  private static final List<QueryResult.Column> COLUMNS =
      List.of(
          new QueryResult.Column("n", "integer"),
          new QueryResult.Column("amount", "decimal"),
          new QueryResult.Column("day", "date"),
          new QueryResult.Column("at", "timestamp"),
          new QueryResult.Column("ok", "boolean"),
          new QueryResult.Column("label", "text"));

  private static byte[] write(List<List<Object>> rows, boolean truncated) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    XlsxWriter w = new XlsxWriter(out, COLUMNS);
    w.start();
    for (List<Object> row : rows) w.row(row);
    w.finish(rows.size(), truncated, rows.size());
    return out.toByteArray();
  }

  @Test
  void cellsAreTypedFromTheirColumns() throws Exception {
    byte[] file =
        write(
            List.of(
                Arrays.asList(
                    33,
                    new BigDecimal("2.50"),
                    "2024-01-02",
                    "2024-01-02T03:04:05.5Z",
                    true,
                    "<a & b>"),
                Arrays.asList(
                    "9007199254740993",
                    "NaN",
                    "infinity",
                    "1899-01-01T00:00:00",
                    null,
                    "x\u0001y")),
            false);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(file))) {
      assertThat(wb.getNumberOfSheets()).isEqualTo(1);
      Sheet sheet = wb.getSheet(XlsxWriter.DATA_SHEET);
      assertThat(sheet.getLastRowNum()).isEqualTo(2);
      Row header = sheet.getRow(0);
      assertThat(header.getCell(0).getStringCellValue()).isEqualTo("n");
      assertThat(header.getCell(5).getStringCellValue()).isEqualTo("label");

      Row r = sheet.getRow(1);
      assertThat(r.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(r.getCell(0).getNumericCellValue()).isEqualTo(33.0);
      assertThat(r.getCell(1).getNumericCellValue()).isEqualTo(2.5);
      assertThat(DateUtil.isCellDateFormatted(r.getCell(2))).isTrue();
      assertThat(r.getCell(2).getLocalDateTimeCellValue().toLocalDate())
          .isEqualTo(LocalDate.of(2024, 1, 2));
      assertThat(r.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
      assertThat(DateUtil.isCellDateFormatted(r.getCell(3))).isTrue();
      assertThat(r.getCell(3).getLocalDateTimeCellValue())
          .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000));
      assertThat(r.getCell(4).getBooleanCellValue()).isTrue();
      assertThat(r.getCell(5).getStringCellValue()).isEqualTo("<a & b>");

      Row big = sheet.getRow(2);
      assertThat(big.getCell(0).getStringCellValue()).isEqualTo("9007199254740993");
      assertThat(big.getCell(1).getStringCellValue()).isEqualTo("NaN");
      assertThat(big.getCell(2).getStringCellValue()).isEqualTo("infinity");
      assertThat(big.getCell(3).getStringCellValue()).isEqualTo("1899-01-01T00:00:00");
      assertThat(big.getCell(4)).isNull();
      assertThat(big.getCell(5).getStringCellValue()).isEqualTo("xy");
    }
  }

  @Test
  void integersAreWrittenWithoutADecimalPoint() throws Exception {
    byte[] file = write(List.of(Arrays.asList(33L, 1, null, null, null, null)), false);
    String sheetXml = SheetXml.of(file);
    assertThat(sheetXml).contains("<v>33</v>").doesNotContain("33.0");
  }

  @Test
  void aCutExportHasATruncatedSheet() throws Exception {
    byte[] file = write(List.of(Arrays.asList(1, null, null, null, null, "a")), true);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(file))) {
      assertThat(wb.getNumberOfSheets()).isEqualTo(2);
      assertThat(wb.getSheetName(1)).isEqualTo(XlsxWriter.NOTE_SHEET);
      assertThat(wb.getSheetAt(1).getRow(0).getCell(0).getStringCellValue())
          .startsWith("Truncated: this export holds the first 1 rows");
      assertThat(wb.getSheetAt(0).getLastRowNum()).isEqualTo(1);
    }
  }

  @Test
  void columnLettersFollowExcel() {
    assertThat(XlsxWriter.columnLetters(0)).isEqualTo("A");
    assertThat(XlsxWriter.columnLetters(25)).isEqualTo("Z");
    assertThat(XlsxWriter.columnLetters(26)).isEqualTo("AA");
    assertThat(XlsxWriter.columnLetters(701)).isEqualTo("ZZ");
    assertThat(XlsxWriter.columnLetters(702)).isEqualTo("AAA");
  }

  /** The data sheet's XML, read from the zip. */
  static final class SheetXml {
    static String of(byte[] file) throws Exception {
      try (var zip = new ZipInputStream(new ByteArrayInputStream(file))) {
        for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
          if (e.getName().equals("xl/worksheets/sheet1.xml")) {
            return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
          }
        }
      }
      throw new AssertionError("no sheet1.xml");
    }
  }
}
