package com.analyticsstudio.ingest;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Builds test workbooks with POI's usermodel (tests only; product code streams). */
public final class Workbooks {
  private Workbooks() {}

  /**
   * Sheet "Notes" first (one text cell), then sheet "Sales" with a title block: row 1 title, row 2
   * blank, row 3 header, rows 4-6 data.
   */
  public static Path sales(Path dir, String name, boolean xlsx) throws Exception {
    try (Workbook wb = xlsx ? new XSSFWorkbook() : new HSSFWorkbook()) {
      CellStyle dateStyle = wb.createCellStyle();
      dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
      CellStyle tsStyle = wb.createCellStyle();
      tsStyle.setDataFormat(
          wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
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
        {
          LocalDate.of(2024, 1, 31),
          "North",
          1234.5,
          10.0,
          true,
          LocalDateTime.of(2024, 1, 31, 13, 45, 0)
        },
        {
          LocalDate.of(2024, 2, 29),
          "South",
          0.1,
          3.0,
          false,
          LocalDateTime.of(2024, 2, 29, 8, 0, 30)
        },
        {
          LocalDate.of(2024, 3, 1),
          "East",
          12345678.25,
          0.0,
          true,
          LocalDateTime.of(2024, 3, 1, 0, 0, 1)
        },
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
  public static Path simple(Path dir, String name, boolean xlsx, int rows) throws Exception {
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

  /**
   * A real workbook whose first sheet's XML is {@code megabytes} MB of spaces: a few hundred KB on
   * disk, written streaming so building it never holds it in memory.
   */
  public static Path zipBomb(Path dir, String name, int megabytes) throws Exception {
    Path good = simple(dir, "bomb-base-" + name, true, 2);
    Path bomb = dir.resolve(name);
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(good));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.putNextEntry(new ZipEntry(e.getName()));
        if (e.getName().equals("xl/worksheets/sheet1.xml")) {
          out.write(
              ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\""
                      + "http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>")
                  .getBytes(StandardCharsets.UTF_8));
          byte[] spaces = new byte[1 << 20];
          Arrays.fill(spaces, (byte) ' ');
          for (int i = 0; i < megabytes; i++) {
            out.write(spaces);
          }
          out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        } else {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    Files.delete(good);
    return bomb;
  }
}
