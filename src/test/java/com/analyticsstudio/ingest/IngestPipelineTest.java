package com.analyticsstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestPipelineTest {

  @TempDir Path dir;

  private final IngestPipeline pipeline = new IngestPipeline();

  private InferenceResult infer(Path p) throws Exception {
    return pipeline.infer(p, p.getFileName().toString(), null, SourceOptions.defaults());
  }

  @Test
  void infersVegaSeattleWeather() throws Exception {
    InferenceResult r = infer(TestFiles.resource(dir, "seattle-weather.csv"));
    assertThat(r.rowCount()).isEqualTo(1461);
    assertThat(r.columns())
        .extracting(ColumnSpec::name)
        .containsExactly("date", "precipitation", "temp_max", "temp_min", "wind", "weather");
    assertThat(r.columns())
        .extracting(ColumnSpec::type)
        .containsExactly(
            ColumnType.DATE,
            ColumnType.DECIMAL,
            ColumnType.DECIMAL,
            ColumnType.DECIMAL,
            ColumnType.DECIMAL,
            ColumnType.TEXT);
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void infersVegaStocksWithMonthNameDates() throws Exception {
    InferenceResult r = infer(TestFiles.resource(dir, "stocks.csv"));
    assertThat(r.rowCount()).isEqualTo(560);
    assertThat(r.columns())
        .extracting(ColumnSpec::type)
        .containsExactly(ColumnType.TEXT, ColumnType.DATE, ColumnType.DECIMAL);
  }

  @Test
  void infersVegaGithubTimestampsAndCounts() throws Exception {
    InferenceResult r = infer(TestFiles.resource(dir, "github.csv"));
    assertThat(r.rowCount()).isEqualTo(955);
    assertThat(r.columns())
        .extracting(ColumnSpec::type)
        .containsExactly(ColumnType.TIMESTAMP, ColumnType.INTEGER);
  }

  @Test
  void infersVegaUnemploymentTsv() throws Exception {
    InferenceResult r = infer(TestFiles.resource(dir, "unemployment.tsv"));
    assertThat(r.rowCount()).isEqualTo(3218);
    assertThat(r.sourceOptions().delimiter()).isEqualTo('\t');
    assertThat(r.columns())
        .extracting(ColumnSpec::type)
        .containsExactly(ColumnType.INTEGER, ColumnType.DECIMAL);
  }

  @Test
  void keepsZipCodesWithLeadingZerosAsText() throws Exception {
    InferenceResult r = infer(TestFiles.resource(dir, "spectrum_comma_in_quotes.csv"));
    assertThat(r.columns().get(4).name()).isEqualTo("zip");
    assertThat(r.columns().get(4).type()).isEqualTo(ColumnType.TEXT);
  }

  @Test
  void aValueThatBreaksAnIntegerColumnAtRow99999WidensItToText() throws Exception {
    Path p = dir.resolve("big.csv");
    try (BufferedWriter w = Files.newBufferedWriter(p)) {
      w.write("id,amount,code\n");
      for (int i = 1; i <= 100_000; i++) {
        w.write(
            i + "," + (i * 3) + "," + (i == 99_999 ? "N0PE" : Integer.toString(i % 1000)) + "\n");
      }
    }
    InferenceResult r = infer(p);
    assertThat(r.rowCount()).isEqualTo(100_000);
    assertThat(r.columns())
        .extracting(ColumnSpec::type)
        .containsExactly(ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.TEXT);
  }

  @Test
  void recordsDayFirstDatesAndNullability() throws Exception {
    Path p = TestFiles.write(dir, "d.csv", "when,n\n01/02/2024,1\n25/12/2024,\n03/04/2024,NA\n");
    InferenceResult r = infer(p);
    assertThat(r.columns().get(0).type()).isEqualTo(ColumnType.DATE);
    assertThat(r.columns().get(0).dayFirst()).isTrue();
    assertThat(r.columns().get(0).nullable()).isFalse();
    assertThat(r.columns().get(1).nullable()).isTrue();
    assertThat(r.columns().get(1).type()).isEqualTo(ColumnType.INTEGER);
  }

  @Test
  void carriesWarningsAndResolvedOptionsIntoTheResult() throws Exception {
    Path p = TestFiles.write(dir, "w.csv", "a;b\n1,5;2\n3\n");
    InferenceResult r = infer(p);
    assertThat(r.sourceOptions().delimiter()).isEqualTo(';');
    assertThat(r.decimalComma()).isTrue();
    assertThat(r.warnings())
        .containsExactly("line 3: 1 field where 2 were expected; missing fields left empty");
    assertThat(r.withType("b", ColumnType.TEXT).columns().get(1).type()).isEqualTo(ColumnType.TEXT);
  }
}
