package com.analyticsstudio.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The two-pass ingest: pass 1 ({@link #infer}) parses the whole file and infers every column's
 * type; pass 2 ({@link #load} / {@link #append}) parses it again, converts and COPYs it. Both are
 * blocking: call them from a worker thread. Neither holds the file in memory.
 *
 * <pre>{@code
 * IngestPipeline pipeline = new IngestPipeline();
 * InferenceResult r = pipeline.infer(path, "sales.csv", "text/csv", SourceOptions.defaults());
 * // optionally: r = r.withType("zip", ColumnType.TEXT);
 * conn.setAutoCommit(false);
 * try {
 *   long rows = pipeline.load(conn, "datasets", "sales_2024", r, path, (done, bytes) -> ...);
 *   conn.commit();
 * } catch (Exception e) {
 *   conn.rollback(); // nothing is left behind
 *   throw e;
 * }
 * }</pre>
 */
public final class IngestPipeline {

  private final PgCopyLoader loader;

  /** A pipeline that loads with the binary COPY format. */
  public IngestPipeline() {
    this(PgCopyLoader.Format.BINARY);
  }

  public IngestPipeline(PgCopyLoader.Format copyFormat) {
    this.loader = new PgCopyLoader(copyFormat);
  }

  /**
   * Pass 1: reads the whole file and infers the columns.
   *
   * @throws com.analyticsstudio.common.ApiException for every refusal (415/422/413)
   */
  public InferenceResult infer(Path file, String filename, String contentType, SourceOptions opts)
      throws IOException {
    try (RowSource src = RowSources.open(file, filename, contentType, opts)) {
      List<String> labels = src.headers();
      int n = labels.size();
      SourceOptions resolved = src.resolvedOptions();
      boolean decimalComma = Boolean.TRUE.equals(resolved.decimalComma());
      TypeInferrer[] inferrers = new TypeInferrer[n];
      for (int i = 0; i < n; i++) {
        inferrers[i] = new TypeInferrer(decimalComma);
      }
      long rows = 0;
      String[] row;
      while ((row = src.next()) != null) {
        for (int i = 0; i < n; i++) {
          inferrers[i].accept(row[i]);
        }
        rows++;
      }
      List<String> names = ColumnNames.normalize(labels);
      List<ColumnSpec> columns = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        TypeInferrer t = inferrers[i];
        columns.add(new ColumnSpec(names.get(i), labels.get(i), t.type(), t.nullable(), t.dayFirst()));
      }
      return new InferenceResult(columns, rows, src.warnings(), src.format(), filename, contentType,
          resolved);
    }
  }

  /**
   * Pass 2: creates {@code schema.table} with the inferred (or overridden) columns and loads the
   * file. The caller owns the transaction: it must commit, or roll back on failure.
   *
   * @return the number of rows loaded
   * @throws com.analyticsstudio.common.ApiException 422 {@code values_do_not_convert} when values
   *     do not match an (overridden) column type, listing the first ones with line numbers
   */
  public long load(Connection conn, String schema, String table, InferenceResult inferred, Path file,
                   ProgressListener progress) throws IOException, SQLException {
    try (RowSource src = reopen(inferred, file)) {
      return loader.createAndLoad(conn, schema, table, inferred.columns(), inferred.decimalComma(),
          src, progress);
    }
  }

  /** Pass 2 into an existing table with the same columns (see {@link PgCopyLoader#appendInto}). */
  public long append(Connection conn, String schema, String table, InferenceResult inferred, Path file,
                     ProgressListener progress) throws IOException, SQLException {
    try (RowSource src = reopen(inferred, file)) {
      return loader.appendInto(conn, schema, table, inferred.columns(), inferred.decimalComma(),
          src, progress);
    }
  }

  private static RowSource reopen(InferenceResult inferred, Path file) throws IOException {
    return RowSources.open(file, inferred.filename(), inferred.contentType(), inferred.sourceOptions());
  }
}
