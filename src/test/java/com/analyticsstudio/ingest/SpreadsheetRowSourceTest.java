package com.analyticsstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same behaviour for XLSX (streaming XSSF) and XLS (HSSF records). */
class SpreadsheetRowSourceTest {

  @TempDir Path dir;

  private Path sales(boolean xlsx) throws Exception {
    return Workbooks.sales(dir, xlsx ? "sales.xlsx" : "sales.xls", xlsx);
  }

  @ParameterizedTest(name = "xlsx={0}")
  @ValueSource(booleans = {true, false})
  void readsTheFirstSheetByDefault(boolean xlsx) throws Exception {
    Path p = sales(xlsx);
    try (RowSource src = TestFiles.open(p)) {
      assertThat(src.format()).isEqualTo(xlsx ? SourceFormat.XLSX : SourceFormat.XLS);
      assertThat(src.headers()).containsExactly("nothing here");
      assertThat(src.next()).isNull();
    }
  }

  @ParameterizedTest(name = "xlsx={0}")
  @ValueSource(booleans = {true, false})
  void readsTheChosenSheetSkipsTheTitleBlockAndTypesCells(boolean xlsx) throws Exception {
    Path p = sales(xlsx);
    try (RowSource src =
        RowSources.open(
            p, p.getFileName().toString(), null, SourceOptions.defaults().withSheet("sales"))) {
      assertThat(src.headers())
          .containsExactly("Date", "Region", "Amount", "Units", "Paid", "Total", "Updated At");
      List<String[]> rows = TestFiles.rows(src);
      assertThat(rows).hasSize(3);
      assertThat(rows.get(0))
          .containsExactly(
              "2024-01-31", "North", "1234.5", "10", "true", "12345", "2024-01-31 13:45:00");
      assertThat(rows.get(1))
          .containsExactly(
              "2024-02-29", "South", "0.1", "3", "false", "0.3", "2024-02-29 08:00:30");
      assertThat(rows.get(2))
          .containsExactly(
              "2024-03-01", "East", "12345678.25", "0", "true", "0", "2024-03-01 00:00:01");
      assertThat(src.position()).isEqualTo(6);
      assertThat(src.warnings())
          .singleElement()
          .asString()
          .contains("title block")
          .contains("row 3");
      assertThat(src.resolvedOptions().sheet()).isEqualTo("Sales");
    }
  }

  @ParameterizedTest(name = "xlsx={0}")
  @ValueSource(booleans = {true, false})
  void infersExcelDatesAsDateAndNumbersAsNumbers(boolean xlsx) throws Exception {
    Path p = sales(xlsx);
    InferenceResult r =
        new IngestPipeline()
            .infer(
                p, p.getFileName().toString(), null, SourceOptions.defaults().withSheet("Sales"));
    assertThat(r.rowCount()).isEqualTo(3);
    assertThat(r.columns())
        .extracting(ColumnSpec::name)
        .containsExactly("date", "region", "amount", "units", "paid", "total", "updated_at");
    assertThat(r.columns())
        .extracting(ColumnSpec::type)
        .containsExactly(
            ColumnType.DATE,
            ColumnType.TEXT,
            ColumnType.DECIMAL,
            ColumnType.INTEGER,
            ColumnType.BOOLEAN,
            ColumnType.DECIMAL,
            ColumnType.TIMESTAMP);
  }

  @ParameterizedTest(name = "xlsx={0}")
  @ValueSource(booleans = {true, false})
  void refusesAnUnknownSheetListingTheSheets(boolean xlsx) throws Exception {
    Path p = sales(xlsx);
    assertThatThrownBy(
            () ->
                RowSources.open(
                    p,
                    p.getFileName().toString(),
                    null,
                    SourceOptions.defaults().withSheet("Budget")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.code()).isEqualTo("unknown_sheet");
              assertThat(e.getMessage()).contains("Notes, Sales");
              assertThat(e.details().getJsonArray("sheets").getList())
                  .containsExactly("Notes", "Sales");
            });
  }

  @ParameterizedTest(name = "xlsx={0}")
  @ValueSource(booleans = {true, false})
  void formulaCellsGiveTheirCachedValuesAndErrorsAreEmpty(boolean xlsx) throws Exception {
    Path p = dir.resolve(xlsx ? "f.xlsx" : "f.xls");
    try (Workbook wb = xlsx ? new XSSFWorkbook() : new HSSFWorkbook()) {
      Sheet s = wb.createSheet("F");
      Row h = s.createRow(0);
      String[] labels = {"code", "label", "positive", "ratio", "big"};
      for (int i = 0; i < labels.length; i++) {
        h.createCell(i).setCellValue(labels[i]);
      }
      for (int r = 1; r <= 2; r++) {
        Row row = s.createRow(r);
        row.createCell(0).setCellValue("A" + r);
        row.createCell(1).setCellFormula("A" + (r + 1) + "&\"-x\"");
        row.createCell(2).setCellFormula(r == 1 ? "1>0" : "1<0");
        row.createCell(3).setCellFormula(r == 1 ? "1/0" : "1/4");
        row.createCell(4).setCellValue(r == 1 ? 1e20 : 1.5e-7);
      }
      wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
      try (OutputStream out = Files.newOutputStream(p)) {
        wb.write(out);
      }
    }
    List<String[]> rows = TestFiles.readAll(p);
    assertThat(rows.get(0)).containsExactly("A1", "A1-x", "true", null, "100000000000000000000");
    assertThat(rows.get(1)).containsExactly("A2", "A2-x", "false", "0.25", "0.00000015");
  }

  @org.junit.jupiter.api.Test
  void readsInlineStringsAsWrittenByStreamingWriters() throws Exception {
    Path p = dir.resolve("inline.xlsx");
    try (SXSSFWorkbook wb = new SXSSFWorkbook()) {
      Sheet s = wb.createSheet("S");
      Row h = s.createRow(0);
      h.createCell(0).setCellValue("név");
      h.createCell(2).setCellValue("n");
      Row r = s.createRow(1);
      r.createCell(0).setCellValue("Zoë & <Co>");
      r.createCell(2).setCellValue(3);
      try (OutputStream out = Files.newOutputStream(p)) {
        wb.write(out);
      }
      wb.dispose();
    }
    try (RowSource src = TestFiles.open(p)) {
      assertThat(src.headers()).containsExactly("név", "", "n");
      assertThat(src.next()).containsExactly("Zoë & <Co>", null, "3");
      assertThat(src.next()).isNull();
    }
  }

  @ParameterizedTest(name = "xlsx={0}")
  @ValueSource(booleans = {true, false})
  void streamsManyRowsWithPositions(boolean xlsx) throws Exception {
    Path p = Workbooks.simple(dir, xlsx ? "big.xlsx" : "big.xls", xlsx, 5000);
    try (RowSource src = TestFiles.open(p)) {
      String[] r;
      long n = 0;
      while ((r = src.next()) != null) {
        n++;
        assertThat(r[0]).isEqualTo(Long.toString(n));
        assertThat(src.position()).isEqualTo(n + 1);
      }
      assertThat(n).isEqualTo(5000);
      assertThat(src.bytesRead()).isPositive();
    }
  }
}
