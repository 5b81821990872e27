package com.analyticsstudio.ask.planner;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the real values of categorical text columns come from. The profile keeps only the top 5
 * values; value matching ("rainy days" → {@code weather = 'rain'}) needs them all, up to {@link
 * #MAX_VALUES}. The Ask wiring implements this over the guarded query path, running {@link #sql}
 * for each text column; {@link #enrich} then fills the {@link DatasetInfo}.
 */
@FunctionalInterface
public interface ValueLookup {
  /**
   * Values kept per column. A column with more distinct values is not categorical for the planner.
   */
  int MAX_VALUES = 200;

  /** The column's values, most frequent first, at most {@code limit} of them. */
  List<ValueCount> values(String tableName, String column, int limit);

  /**
   * The query that answers {@link #values}: value as text and its count, most frequent first, ties
   * by value, non-null only. Column 1 is the value, column 2 the count. The table name is
   * unqualified: run it with the project's {@code search_path}.
   */
  static String sql(String tableName, String column, int limit) {
    return "SELECT "
        + SqlBuilder.quote(column)
        + "::text, count(*) FROM "
        + SqlBuilder.quote(tableName)
        + " WHERE "
        + SqlBuilder.quote(column)
        + " IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT "
        + Math.max(1, limit);
  }

  /**
   * Whether a column is worth looking up: text, and (when the distinct count is known) at most
   * {@link #MAX_VALUES} distinct values or an approximate count the lookup will settle.
   */
  static boolean categorical(ColumnInfo c) {
    return c.type() == ColumnType.TEXT
        && (c.distinctCount() == null || c.distinctCount() <= MAX_VALUES * 5L);
  }

  /** The dataset with the values of each categorical text column looked up. */
  static DatasetInfo enrich(DatasetInfo d, ValueLookup lookup) {
    List<ColumnInfo> cols = new ArrayList<>();
    for (ColumnInfo c : d.columns()) {
      cols.add(
          categorical(c) ? c.withValues(lookup.values(d.tableName(), c.name(), MAX_VALUES)) : c);
    }
    return new DatasetInfo(d.id(), d.tableName(), d.name(), d.rowCount(), cols);
  }
}
