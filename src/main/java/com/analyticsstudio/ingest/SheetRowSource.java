package com.analyticsstudio.ingest;

import com.analyticsstudio.common.ApiException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * The part shared by the XLSX and XLS readers: header-row detection below a title block, the
 * table's column range, padding, and the typed-cell text rules.
 *
 * <p><b>Title block</b>: among the first {@value #PEEK_ROWS} non-empty rows, the header is the
 * first one whose number of non-empty cells reaches the table's width (the largest count among
 * those rows, less a quarter for blank labels). Rows above it are skipped with a warning.
 * Completely empty rows are skipped everywhere. The table's columns run from the leftmost to the
 * rightmost non-empty cell of the header row and the rows peeked after it; values further right in
 * later rows are dropped with a warning.
 *
 * <p><b>Cells</b>: numbers as plain text without exponent or trailing {@code .0}, rounded to 15
 * significant digits like Excel shows them; date-formatted numbers as {@code yyyy-MM-dd}, or {@code
 * yyyy-MM-dd HH:mm:ss} with a time part ({@code HH:mm:ss} for a time without a date); booleans as
 * {@code true}/{@code false}; formulas as their cached value; error cells ({@code #DIV/0!}) as
 * empty.
 */
abstract class SheetRowSource implements RowSource {

  static final int PEEK_ROWS = 20;
  private static final MathContext EXCEL_PRECISION = new MathContext(15);

  /** One physical row: sparse cells by 0-based column. */
  static final class SheetRow {
    long number;
    String[] cells = new String[16];
    int minCol = Integer.MAX_VALUE;
    int maxCol = -1;
    int nonEmpty;

    void reset(long rowNumber) {
      number = rowNumber;
      if (maxCol >= 0) {
        Arrays.fill(cells, 0, Math.min(cells.length, maxCol + 1), null);
      }
      minCol = Integer.MAX_VALUE;
      maxCol = -1;
      nonEmpty = 0;
    }

    void set(int col, String value) {
      if (value == null || value.isEmpty() || col < 0) {
        return;
      }
      if (col >= cells.length) {
        if (col > 1 << 14) {
          return; // beyond Excel's 16384 columns
        }
        cells = Arrays.copyOf(cells, Math.max(col + 1, cells.length * 2));
      }
      if (cells[col] == null) {
        nonEmpty++;
      }
      cells[col] = value;
      minCol = Math.min(minCol, col);
      maxCol = Math.max(maxCol, col);
    }

    SheetRow copy() {
      SheetRow r = new SheetRow();
      r.number = number;
      r.cells = Arrays.copyOf(cells, Math.max(maxCol + 1, 1));
      r.minCol = minCol;
      r.maxCol = maxCol;
      r.nonEmpty = nonEmpty;
      return r;
    }
  }

  protected Warnings warnings;
  protected SourceOptions resolved;
  private List<String> headers;
  private int firstCol;
  private int width;
  private String[] out;
  private final ArrayDeque<SheetRow> buffered = new ArrayDeque<>();
  private final SheetRow current = new SheetRow();
  private long position;

  /** Reads the next physical row into {@code into} (after {@code reset}); false at the end. */
  protected abstract boolean readRow(SheetRow into) throws IOException;

  /** Call at the end of the subclass constructor. */
  protected void init(SourceOptions opts, String sheetName) throws IOException {
    this.warnings = new Warnings(opts.maxWarnings());
    while (buffered.size() < PEEK_ROWS) {
      current.reset(0);
      if (!readRow(current)) {
        break;
      }
      if (current.nonEmpty > 0) {
        buffered.add(current.copy());
      }
    }
    if (buffered.isEmpty()) {
      throw new ApiException(422, "empty_file", "The sheet \"" + sheetName + "\" is empty.");
    }
    int maxCount = 0;
    for (SheetRow r : buffered) {
      maxCount = Math.max(maxCount, r.nonEmpty);
    }
    int threshold = Math.max(1, maxCount - maxCount / 4);
    SheetRow header = null;
    int skipped = 0;
    while (!buffered.isEmpty()) {
      SheetRow r = buffered.peek();
      if (r.nonEmpty >= threshold) {
        header = r;
        break;
      }
      buffered.poll();
      skipped++;
    }
    if (skipped > 0) {
      warnings.add(
          "rows 1-"
              + (header.number - 1)
              + ": "
              + skipped
              + " row"
              + (skipped == 1 ? "" : "s")
              + " above the table (a title block) skipped; the header is row "
              + header.number);
    }
    int min = header.minCol;
    int max = header.maxCol;
    for (SheetRow r : buffered) {
      min = Math.min(min, r.minCol);
      max = Math.max(max, r.maxCol);
    }
    firstCol = min;
    width = max - min + 1;
    if (width > opts.maxColumns()) {
      throw IngestErrors.tooManyColumns(width, opts.maxColumns(), header.number);
    }
    String[] first = new String[width];
    for (int c = 0; c < width; c++) {
      int col = c + firstCol;
      first[c] = col < header.cells.length ? header.cells[col] : null;
    }
    boolean isHeader = opts.header() != null ? opts.header() : ColumnNames.looksLikeHeader(first);
    if (isHeader) {
      String[] labels = new String[width];
      for (int c = 0; c < width; c++) {
        labels[c] = first[c] == null ? "" : first[c];
      }
      headers = List.of(labels);
      buffered.poll();
    } else {
      headers = ColumnNames.generated(width);
    }
    out = new String[width];
    resolved = opts.withSheet(sheetName).withHeader(isHeader).withDecimalComma(false);
  }

  @Override
  public List<String> headers() {
    return headers;
  }

  @Override
  public String[] next() throws IOException {
    SheetRow r = buffered.poll();
    if (r == null) {
      do {
        current.reset(0);
        if (!readRow(current)) {
          return null;
        }
      } while (current.nonEmpty == 0);
      r = current;
    }
    position = r.number;
    int last = firstCol + width - 1;
    if (r.maxCol > last || r.minCol < firstCol) {
      warnings.add(
          "row " + r.number + ": values outside the table's " + width + " columns dropped");
    }
    for (int c = 0; c < width; c++) {
      int col = c + firstCol;
      out[c] = col < r.cells.length ? r.cells[col] : null;
    }
    return out;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public List<String> warnings() {
    return warnings.list();
  }

  @Override
  public SourceOptions resolvedOptions() {
    return resolved;
  }

  // ---------------------------------------------------------------- typed cell text

  /** Plain text of an Excel number: no exponent, no trailing zeros, 15 significant digits. */
  static String numberText(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return null;
    }
    String s = new BigDecimal(d).round(EXCEL_PRECISION).stripTrailingZeros().toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  /** Text of a date-formatted Excel serial number. */
  static String dateText(double serial, boolean date1904) {
    LocalDateTime t = DateUtil.getLocalDateTime(serial, date1904, true);
    if (t == null) {
      return numberText(serial);
    }
    if (serial < 1 && serial >= 0 && !date1904) {
      return String.format(
          Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
    }
    if (t.getHour() == 0 && t.getMinute() == 0 && t.getSecond() == 0) {
      return String.format(
          Locale.ROOT, "%04d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth());
    }
    return String.format(
        Locale.ROOT,
        "%04d-%02d-%02d %02d:%02d:%02d",
        t.getYear(),
        t.getMonthValue(),
        t.getDayOfMonth(),
        t.getHour(),
        t.getMinute(),
        t.getSecond());
  }
}
