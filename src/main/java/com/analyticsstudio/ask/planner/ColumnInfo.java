package com.analyticsstudio.ask.planner;

import java.util.List;

/**
 * A dataset column as the planner sees it.
 *
 * @param name the SQL column name ({@code temp_max})
 * @param label the original header ({@code Temp Max}); may equal the name
 * @param type the inferred type
 * @param distinctCount distinct non-null values (approximate is fine), or null if unknown
 * @param min the smallest value as text (ISO for dates), or null
 * @param max the largest value as text (ISO for dates), or null; the anchor for relative time
 * @param values real values of a categorical text column, most frequent first (may be empty);
 *     filters are only ever built from these
 */
public record ColumnInfo(
    String name,
    String label,
    ColumnType type,
    Long distinctCount,
    String min,
    String max,
    List<ValueCount> values) {
  public ColumnInfo {
    if (name == null || name.isBlank())
      throw new IllegalArgumentException("column name is required");
    label = label == null || label.isBlank() ? name : label;
    type = type == null ? ColumnType.TEXT : type;
    values = values == null ? List.of() : List.copyOf(values);
  }

  /** A column with no profile facts. */
  public static ColumnInfo of(String name, ColumnType type) {
    return new ColumnInfo(name, name, type, null, null, null, List.of());
  }

  public ColumnInfo withValues(List<ValueCount> newValues) {
    return new ColumnInfo(name, label, type, distinctCount, min, max, newValues);
  }
}
