package com.analyticsstudio.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One single-pass load (one instance per load): infers provisional types from the first rows,
 * creates the table and COPYs while it keeps inferring over every row, so the final types are
 * exactly those of a whole-file inference ({@link IngestPipeline#infer}).
 *
 * <p>When a later value widens a column, what was already loaded decides what happens:
 *
 * <ul>
 *   <li>a value-preserving widening ({@code integer -> decimal}, {@code date -> timestamp}, or a
 *       column that so far held only NULLs getting a type) ends the COPY, runs one {@code ALTER
 *       TABLE ... ALTER COLUMN ... TYPE ... USING ...} in the same transaction, and continues with
 *       new converters (at most {@value #MAX_ALTERATIONS} times, since each one rewrites the
 *       table);
 *   <li>anything else (a column becoming text, which must keep the original spelling; a date column
 *       turning out to be day-first; a boolean column turning text) cancels the COPY, reads the
 *       rest of the file for inference only, rolls back to a savepoint taken before the table was
 *       created, and reloads the file once with the now final types. The worst case is therefore
 *       the old two passes, never more.
 * </ul>
 *
 * Columns with {@link FixedTypes} are converted, not inferred (their values are still seen for
 * {@code nullable} and the day-first reading of dates, which a late value can flip). Values that do
 * not convert are collected over the whole file and refused with 422 {@code values_do_not_convert},
 * as in {@link PgCopyLoader}.
 *
 * <p>Memory stays flat: the sample is capped by rows and characters, and rows are streamed.
 */
final class OnePassLoader {

  /** Rows read to decide the provisional types. */
  static final int SAMPLE_ROWS = 20_000;

  /** Cap on the characters held by the sample (wide or long-text files sample fewer rows). */
  static final long SAMPLE_CHARS = 8L << 20;

  /** Cap on the cells held by the sample. */
  static final int SAMPLE_CELLS = 400_000;

  /** Value-preserving widenings done with ALTER TABLE before falling back to one reload. */
  static final int MAX_ALTERATIONS = 3;

  /** What a load did: the result to record and how it got there. */
  record Outcome(InferenceResult result, long rowsLoaded, int passes, int alterations) {}

  private enum Mode {
    /** Converting and COPYing. */
    COPY,
    /** A value did not convert: COPY cancelled, collecting the failures to the end. */
    FAILED,
    /** The types changed in a way ALTER cannot follow: inferring only, then one reload. */
    SCAN
  }

  private final PgCopyLoader loader;
  private final PgCopyLoader.Format format;
  private final int sampleRows;
  private final Connection conn;
  private final String schema;
  private final String table;
  private final boolean append;
  private final ProgressListener progress;

  private int n;
  private List<String> names;
  private ColumnType[] fixed;
  private boolean decimalComma;
  private TypeInferrer[] inferrers;
  private ValueConverter[] conv;

  /** For each converter: chosen while its column had only NULLs so far (provisional text). */
  private boolean[] convEmpty;

  private Mode mode = Mode.COPY;
  private CopyStream copy;
  private PgCopyLoader.Failures failures;
  private int alterations;
  private long rows;

  /** Rows the server confirmed for COPYs already ended (before an ALTER TABLE). */
  private long copiedBefore;

  private Path file;

  OnePassLoader(
      PgCopyLoader loader,
      PgCopyLoader.Format format,
      int sampleRows,
      Connection conn,
      String schema,
      String table,
      boolean append,
      ProgressListener progress) {
    this.loader = loader;
    this.format = format;
    this.sampleRows = sampleRows;
    this.conn = conn;
    this.schema = schema;
    this.table = table;
    this.append = append;
    this.progress = progress == null ? ProgressListener.NONE : progress;
  }

  Outcome run(
      Path file, String filename, String contentType, SourceOptions opts, FixedTypes fixedTypes)
      throws IOException, SQLException {
    if (conn.getAutoCommit()) {
      throw new IllegalStateException("the caller must own the transaction (auto-commit off)");
    }
    this.file = file;
    try (RowSource src = RowSources.open(file, filename, contentType, opts)) {
      try {
        return load(src, filename, contentType, fixedTypes == null ? FixedTypes.NONE : fixedTypes);
      } finally {
        if (copy != null) {
          copy.cancel();
        }
      }
    }
  }

  private Outcome load(RowSource src, String filename, String contentType, FixedTypes fixedTypes)
      throws IOException, SQLException {
    List<String> labels = src.headers();
    n = labels.size();
    names = ColumnNames.normalize(labels);
    Map<String, ColumnType> fixedByName = fixedTypes.typesFor(names);
    fixed = new ColumnType[n];
    for (int i = 0; i < n; i++) {
      fixed[i] = fixedByName.get(names.get(i));
      if (append && fixed[i] == null) {
        throw new IllegalArgumentException(
            "an append needs the type of every column; missing " + names.get(i));
      }
    }
    decimalComma = Boolean.TRUE.equals(src.resolvedOptions().decimalComma());
    inferrers = new TypeInferrer[n];
    for (int i = 0; i < n; i++) {
      inferrers[i] = new TypeInferrer(decimalComma);
    }

    // 1. Provisional types from a bounded sample, which is kept to be loaded first.
    List<String[]> sample = new ArrayList<>();
    long[] lines = new long[Math.max(1, sampleRows)];
    long chars = 0;
    String[] row = null;
    boolean more = true;
    while (sample.size() < sampleRows
        && chars < SAMPLE_CHARS
        && (long) sample.size() * n < SAMPLE_CELLS) {
      row = src.next();
      if (row == null) {
        more = false;
        break;
      }
      lines[sample.size()] = src.position();
      String[] copyOfRow = row.clone();
      sample.add(copyOfRow);
      for (int i = 0; i < n; i++) {
        String v = copyOfRow[i];
        inferrers[i].accept(v);
        if (v != null) {
          chars += v.length();
        }
      }
    }

    // 2. Table and COPY with those types, inside a savepoint a reload can go back to.
    Savepoint start = conn.setSavepoint();
    conv = new ValueConverter[n];
    convEmpty = new boolean[n];
    for (int i = 0; i < n; i++) {
      useCurrentType(i);
    }
    List<ColumnSpec> provisional = columns(labels);
    if (append) {
      PgCopyLoader.requireSameColumns(conn, schema, table, provisional);
    } else {
      createTable(provisional);
    }
    copy = openCopy();

    // 3. The sample, then the rest of the file; inference continues over every row.
    for (int r = 0; r < sample.size(); r++) {
      accept(sample.get(r), lines[r]);
    }
    sample = null;
    if (more) {
      while ((row = src.next()) != null) {
        boolean changed = false;
        for (int i = 0; i < n; i++) {
          changed |= inferrers[i].accept(row[i]);
        }
        if (changed && mode != Mode.SCAN) {
          widen();
        }
        accept(row, src.position());
        if (rows % PgCopyLoader.PROGRESS_EVERY_ROWS == 0) {
          progress.onProgress(rows, src.bytesRead());
        }
      }
    }

    InferenceResult result =
        new InferenceResult(
            columns(labels),
            rows,
            src.warnings(),
            src.format(),
            filename,
            contentType,
            src.resolvedOptions());
    switch (mode) {
      case COPY:
        {
          long copied = copiedBefore + copy.end();
          copy = null;
          conn.releaseSavepoint(start);
          progress.onProgress(copied, src.bytesRead());
          return new Outcome(result, copied, 1, alterations);
        }
      case FAILED:
        throw failures.toException();
      default:
        {
          // 4. The types changed in a way the loaded rows cannot follow: load again with the final
          // ones.
          conn.rollback(start);
          long copied;
          try (RowSource again =
              RowSources.open(file, filename, contentType, result.sourceOptions())) {
            copied =
                append
                    ? loader.appendInto(
                        conn, schema, table, result.columns(), decimalComma, again, progress)
                    : loader.createAndLoad(
                        conn, schema, table, result.columns(), decimalComma, again, progress);
          }
          return new Outcome(result, copied, 2, alterations);
        }
    }
  }

  /** Loads (or, after a failure, checks) one row whose values the inferrers have already seen. */
  private void accept(String[] row, long line) throws SQLException {
    rows++;
    if (mode == Mode.COPY) {
      if (copy.write(row, conv) < 0) {
        return;
      }
      copy = null; // cancelled by write
      mode = Mode.FAILED;
      failures = new PgCopyLoader.Failures(names);
    }
    if (mode == Mode.FAILED) {
      failures.collect(row, line, conv);
    }
  }

  /** Some inferrer changed its mind: follow with ALTER TABLE, or give up this pass. */
  private void widen() throws SQLException {
    List<Integer> changed = new ArrayList<>();
    boolean alterable = true;
    for (int i = 0; i < n; i++) {
      ColumnType now = typeOf(i);
      ValueConverter c = conv[i];
      boolean temporal = now == ColumnType.DATE || now == ColumnType.TIMESTAMP;
      if (now == c.type() && (!temporal || inferrers[i].dayFirst() == c.dayFirst())) {
        continue;
      }
      changed.add(i);
      alterable &= fixed[i] == null && keepsValues(i, now);
    }
    if (changed.isEmpty()) {
      return;
    }
    if (mode == Mode.COPY && alterable && alterations < MAX_ALTERATIONS) {
      copiedBefore += copy.end();
      copy = null;
      StringBuilder sql =
          new StringBuilder("ALTER TABLE ").append(PgCopyLoader.qualified(schema, table));
      for (int k = 0; k < changed.size(); k++) {
        int i = changed.get(k);
        String col = PgCopyLoader.quoteIdent(names.get(i));
        String type = typeOf(i).sqlType();
        sql.append(k == 0 ? " " : ", ")
            .append("ALTER COLUMN ")
            .append(col)
            .append(" TYPE ")
            .append(type)
            .append(" USING ")
            .append(convEmpty[i] ? "NULL" : col)
            .append("::")
            .append(type);
        useCurrentType(i);
      }
      try (Statement st = conn.createStatement()) {
        st.execute(sql.toString());
      }
      alterations++;
      copy = openCopy();
      return;
    }
    if (copy != null) {
      copy.cancel();
      copy = null;
    }
    // the failures found so far were judged with types that are no longer final
    failures = null;
    mode = Mode.SCAN;
  }

  /**
   * Whether the values column {@code i} holds so far keep their meaning when it becomes {@code
   * now}: integers as decimals, dates as midnight timestamps, and NULLs (a column that had only
   * NULL tokens was provisionally text) as anything.
   */
  private boolean keepsValues(int i, ColumnType now) {
    ValueConverter c = conv[i];
    if (convEmpty[i]) {
      return true;
    }
    if (c.type() == ColumnType.INTEGER) {
      return now == ColumnType.DECIMAL;
    }
    return c.type() == ColumnType.DATE
        && now == ColumnType.TIMESTAMP
        && inferrers[i].dayFirst() == c.dayFirst();
  }

  private ColumnType typeOf(int i) {
    return fixed[i] != null ? fixed[i] : inferrers[i].type();
  }

  private void useCurrentType(int i) {
    conv[i] = new ValueConverter(typeOf(i), inferrers[i].dayFirst(), decimalComma);
    convEmpty[i] = fixed[i] == null && inferrers[i].nonNullCount() == 0;
  }

  private List<ColumnSpec> columns(List<String> labels) {
    List<ColumnSpec> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      TypeInferrer t = inferrers[i];
      out.add(new ColumnSpec(names.get(i), labels.get(i), typeOf(i), t.nullable(), t.dayFirst()));
    }
    return out;
  }

  private void createTable(List<ColumnSpec> columns) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute(PgCopyLoader.createTableSql(schema, table, columns));
    }
  }

  private CopyStream openCopy() throws SQLException {
    return CopyStream.open(conn, schema, table, names, format, PgCopyLoader.BUFFER_BYTES);
  }
}
