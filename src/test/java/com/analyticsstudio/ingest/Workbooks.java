package com.analyticsstudio.ingest;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Builds test workbooks with POI's usermodel (tests only; product code streams). */
final class Workbooks {
  private Workbooks() { }

  /**
   * Sheet "Notes" first (one text cell), then sheet "Sales" with a title block:
   * row 1 title, row 2 blank, row 3 header, rows 4-6 data.
   */
  static Path sales(Path dir, String name, boolean xlsx) throws Exception {
    try (Workbook wb = xlsx ? new XSSFWorkbook() : new HSSFWorkbook()) {
      CellStyle dateStyle = wb.createCellStyle();
      dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
      CellStyle tsStyle = wb.createCellStyle();
      tsStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
      CellStyle moneyStyle = wb.createCellStyle();
      moneyStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("#,##0.00"));

      Sheet notes = wb.createSheet("Notes");
      notes.createRow(0).createCell(0).setCellValue("nothing here");

      Sheet s = wb.createSheet("Sales");
      s.createRow(0).createCell(0).setCellValue("Sales report 2024");
      Row h = s.createRow(2);
      String[] labels = {"Date", "Region", "Amount", "Units", "Paid", "Total", "Updated At"};
      for (int i = 0; i < labels.length; i++) {
        h.createCell(i).setCellValue(labels[i]);
      }
      Object[][] data = {
          {LocalDate.of(2024, 1, 31), "North", 1234.5, 10.0, true, LocalDateTime.of(2024, 1, 31, 13, 45, 0)},
          {LocalDate.of(2024, 2, 29), "South", 0.1, 3.0, false, LocalDateTime.of(2024, 2, 29, 8, 0, 30)},
          {LocalDate.of(2024, 3, 1), "East", 12345678.25, 0.0, true, LocalDateTime.of(2024, 3, 1, 0, 0, 1)},
      };
      for (int r = 0; r < data.length; r++) {
        Row row = s.createRow(3 + r);
        Cell d = row.createCell(0);
        d.setCellValue((LocalDate) data[r][0]);
        d.setCellStyle(dateStyle);
        row.createCell(1).setCellValue((String) data[r][1]);
        Cell a = row.createCell(2);
        a.setCellValue((Double) data[r][2]);
        a.setCellStyle(moneyStyle);
        row.createCell(3).setCellValue((Double) data[r][3]);
        row.createCell(4).setCellValue((Boolean) data[r][4]);
        row.createCell(5).setCellFormula("C" + (4 + r) + "*D" + (4 + r));
        Cell t = row.createCell(6);
        t.setCellValue((LocalDateTime) data[r][5]);
        t.setCellStyle(tsStyle);
      }
      wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
      Path p = dir.resolve(name);
      try (OutputStream out = Files.newOutputStream(p)) {
        wb.write(out);
      }
      return p;
    }
  }

  /** A plain workbook with a header and {@code rows} rows of (id, name). */
  static Path simple(Path dir, String name, boolean xlsx, int rows) throws Exception {
    try (Workbook wb = xlsx ? new XSSFWorkbook() : new HSSFWorkbook()) {
      Sheet s = wb.createSheet("Data");
      Row h = s.createRow(0);
      h.createCell(0).setCellValue("id");
      h.createCell(1).setCellValue("name");
      for (int i = 1; i <= rows; i++) {
        Row r = s.createRow(i);
        r.createCell(0).setCellValue(i);
        r.createCell(1).setCellValue("name " + i);
      }
      Path p = dir.resolve(name);
      try (OutputStream out = Files.newOutputStream(p)) {
        wb.write(out);
      }
      return p;
    }
  }
}
