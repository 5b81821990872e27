package com.analyticsstudio.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingest of one file into PostgreSQL. Usually in a single pass: {@link #createAndLoad} and
 * {@link #appendTo} infer types while they load. The two-pass form remains for previews and as the
 * reference the single pass must agree with: pass 1 ({@link #infer}) parses the whole file and
 * infers every column's type; pass 2 ({@link #load} / {@link #append}) parses it again, converts
 * and COPYs it. All are blocking: call them from a worker thread. None holds the file in memory.
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
  private final PgCopyLoader.Format copyFormat;
  private final int sampleRows;

  /** A pipeline that loads with the binary COPY format. */
  public IngestPipeline() {
    this(PgCopyLoader.Format.BINARY);
  }

  public IngestPipeline(PgCopyLoader.Format copyFormat) {
    this(copyFormat, OnePassLoader.SAMPLE_ROWS);
  }

  /** For tests: a tiny sample makes the single-pass load widen and restart on small files. */
  IngestPipeline(PgCopyLoader.Format copyFormat, int sampleRows) {
    this.loader = new PgCopyLoader(copyFormat);
    this.copyFormat = copyFormat;
    this.sampleRows = Math.max(1, sampleRows);
  }

  /** What a single-pass load recorded: the same result {@link #infer} gives, and how it went. */
  public record Loaded(InferenceResult result, long rowsLoaded, int passes, int alterations) {}

  /**
   * Single pass: infers the columns from the whole file while loading it into a new table {@code
   * schema.table}. Provisional types come from the first rows; a later value that widens a column
   * is followed with {@code ALTER TABLE} when no loaded value changes meaning (integer to decimal,
   * date to timestamp), otherwise the file is loaded once more with the final types (see {@link
   * OnePassLoader}). The result equals {@link #infer}'s and the table equals what {@link #load}
   * makes from it. The caller owns the transaction (auto-commit off): it must commit, or roll back
   * on failure.
   *
   * @param fixed types that are not inferred (user overrides); {@link FixedTypes#NONE} for none
   * @throws com.analyticsstudio.common.ApiException every refusal of {@link #infer} and {@link
   *     #load}, and whatever {@code fixed} throws
   */
  public Loaded createAndLoad(
      Connection conn,
      String schema,
      String table,
      Path file,
      String filename,
      String contentType,
      SourceOptions opts,
      FixedTypes fixed,
      ProgressListener progress)
      throws IOException, SQLException {
    OnePassLoader.Outcome o =
        new OnePassLoader(loader, copyFormat, sampleRows, conn, schema, table, false, progress)
            .run(file, filename, contentType, opts, fixed);
    return new Loaded(o.result(), o.rowsLoaded(), o.passes(), o.alterations());
  }

  /**
   * Single pass into an existing table: {@code fixed} must give every column's type (the table's);
   * 409 {@code columns_mismatch} when the table's columns differ.
   */
  public Loaded appendTo(
      Connection conn,
      String schema,
      String table,
      Path file,
      String filename,
      String contentType,
      SourceOptions opts,
      FixedTypes fixed,
      ProgressListener progress)
      throws IOException, SQLException {
    OnePassLoader.Outcome o =
        new OnePassLoader(loader, copyFormat, sampleRows, conn, schema, table, true, progress)
            .run(file, filename, contentType, opts, fixed);
    return new Loaded(o.result(), o.rowsLoaded(), o.passes(), o.alterations());
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
        columns.add(
            new ColumnSpec(names.get(i), labels.get(i), t.type(), t.nullable(), t.dayFirst()));
      }
      return new InferenceResult(
          columns, rows, src.warnings(), src.format(), filename, contentType, resolved);
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
  public long load(
      Connection conn,
      String schema,
      String table,
      InferenceResult inferred,
      Path file,
      ProgressListener progress)
      throws IOException, SQLException {
    try (RowSource src = reopen(inferred, file)) {
      return loader.createAndLoad(
          conn, schema, table, inferred.columns(), inferred.decimalComma(), src, progress);
    }
  }

  /** Pass 2 into an existing table with the same columns (see {@link PgCopyLoader#appendInto}). */
  public long append(
      Connection conn,
      String schema,
      String table,
      InferenceResult inferred,
      Path file,
      ProgressListener progress)
      throws IOException, SQLException {
    try (RowSource src = reopen(inferred, file)) {
      return loader.appendInto(
          conn, schema, table, inferred.columns(), inferred.decimalComma(), src, progress);
    }
  }

  private static RowSource reopen(InferenceResult inferred, Path file) throws IOException {
    return RowSources.open(
        file, inferred.filename(), inferred.contentType(), inferred.sourceOptions());
  }
}
