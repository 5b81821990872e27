package com.analyticsstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowSourcesTest {

  @TempDir Path dir;

  private static void refused(ThrowingOpen open, int status, String code) {
    assertThatThrownBy(open::run)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
              assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            });
  }

  interface ThrowingOpen {
    void run() throws Exception;
  }

  @Test
  void refusesPngRenamedCsvAsNotText() throws Exception {
    byte[] png = {
      (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
    };
    Path p = TestFiles.bytes(dir, "photo.csv", png);
    refused(() -> TestFiles.open(p), 415, "not_a_text_file");
  }

  @Test
  void refusesPdfRenamedCsvAsNotText() throws Exception {
    Path p = TestFiles.write(dir, "report.csv", "%PDF-1.7\n1 0 obj\n");
    refused(() -> TestFiles.open(p), 415, "not_a_text_file");
  }

  @Test
  void refusesNonZipXlsxAsNotASpreadsheet() throws Exception {
    Path p = TestFiles.write(dir, "data.xlsx", "a,b\n1,2\n");
    assertThatThrownBy(() -> TestFiles.open(p))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(415);
              assertThat(e.code()).isEqualTo("not_a_spreadsheet");
              assertThat(e.getMessage()).contains("data.xlsx").contains("ZIP");
            });
  }

  @Test
  void refusesAZipThatIsNotAWorkbook() throws Exception {
    Path p = dir.resolve("archive.xlsx");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
      z.putNextEntry(new ZipEntry("readme.txt"));
      z.write("hello".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    refused(() -> TestFiles.open(p), 415, "not_a_spreadsheet");
  }

  @Test
  void refusesAnXlsxRenamedCsv() throws Exception {
    Path x = Workbooks.simple(dir, "real.xlsx", true, 3);
    Path p = dir.resolve("renamed.csv");
    Files.copy(x, p);
    refused(() -> TestFiles.open(p), 415, "not_a_text_file");
  }

  @Test
  void readsAnXlsxUploadedWithoutExtensionByItsMagicBytes() throws Exception {
    Path x = Workbooks.simple(dir, "real.xlsx", true, 3);
    Path p = dir.resolve("upload");
    Files.copy(x, p);
    try (RowSource src =
        RowSources.open(p, "upload", "application/octet-stream", SourceOptions.defaults())) {
      assertThat(src.format()).isEqualTo(SourceFormat.XLSX);
      assertThat(TestFiles.rows(src)).hasSize(3);
    }
  }

  @Test
  void readsCsvSentWithTheExcelContentTypeWindowsBrowsersUse() throws Exception {
    Path p = TestFiles.write(dir, "data.csv", "a,b\n1,2\n");
    try (RowSource src =
        RowSources.open(p, "data.csv", "application/vnd.ms-excel", SourceOptions.defaults())) {
      assertThat(src.format()).isEqualTo(SourceFormat.CSV);
      assertThat(src.next()).containsExactly("1", "2");
    }
  }

  @Test
  void refusesAFileOfOnlyBlankLinesAsEmpty() throws Exception {
    Path p = TestFiles.write(dir, "blank.csv", "\n\r\n\n");
    refused(() -> TestFiles.open(p), 422, "empty_file");
  }

  @Test
  void refusesUnsupportedExtensions() throws Exception {
    Path p = TestFiles.write(dir, "data.json", "{\"a\": 1}\n");
    refused(
        () -> RowSources.open(p, "data.json", "application/json", SourceOptions.defaults()),
        415,
        "unsupported_file_type");
  }

  @Test
  void refusesAZipBombWithoutInflatingIt() throws Exception {
    // a real workbook whose sheet XML is replaced by ~300 MB of spaces (a few hundred KB
    // compressed),
    // written streaming so the test itself never holds it in memory
    Path good = Workbooks.simple(dir, "good.xlsx", true, 2);
    Path bomb = dir.resolve("bomb.xlsx");
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
          for (int i = 0; i < 300; i++) {
            out.write(spaces);
          }
          out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        } else {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    assertThat(Files.size(bomb)).isLessThan(2_000_000);
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    refused(
        () -> {
          try (RowSource src = TestFiles.open(bomb)) {
            TestFiles.rows(src);
          }
        },
        413,
        "file_too_large");
    long after = rt.totalMemory() - rt.freeMemory();
    assertThat(after - before).isLessThan(200L << 20);
  }

  @Test
  void capsTotalUncompressedBytesOfASheet() throws Exception {
    Path p = Workbooks.simple(dir, "rows.xlsx", true, 20_000);
    refused(
        () -> {
          try (RowSource src =
              RowSources.open(
                  p,
                  "rows.xlsx",
                  null,
                  SourceOptions.defaults().withMaxUncompressedBytes(100_000))) {
            TestFiles.rows(src);
          }
        },
        413,
        "file_too_large");
  }

  @Test
  void refusesFakeXlsAsNotASpreadsheet() throws Exception {
    Path p = TestFiles.write(dir, "old.xls", "a\tb\n1\t2\n");
    refused(() -> TestFiles.open(p), 415, "not_a_spreadsheet");
  }

  static void copy(InputStream in, OutputStream out) throws Exception {
    in.transferTo(out);
  }
}
