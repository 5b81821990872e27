package com.analyticsstudio.ask.planner;

import java.util.List;
import java.util.Optional;

/**
 * A dataset of the project: its SQL table and columns.
 *
 * @param id the dataset id (echoed in plans)
 * @param tableName the SQL name in the project's schema ({@code seattle_weather})
 * @param name the display name ({@code seattle-weather})
 * @param rowCount rows in the table
 * @param columns the columns in table order
 */
public record DatasetInfo(
    String id, String tableName, String name, long rowCount, List<ColumnInfo> columns) {
  public DatasetInfo {
    if (tableName == null || tableName.isBlank())
      throw new IllegalArgumentException("tableName is required");
    name = name == null || name.isBlank() ? tableName : name;
    columns = List.copyOf(columns);
  }

  public Optional<ColumnInfo> column(String columnName) {
    for (ColumnInfo c : columns) {
      if (c.name().equals(columnName)) return Optional.of(c);
    }
    return Optional.empty();
  }
}
