package com.analyticsstudio.ingest;

import java.util.Objects;

/**
 * One column of an ingested table.
 *
 * @param name the SQL identifier (see {@link ColumnNames})
 * @param label the original header label from the file
 * @param type the inferred (or user-chosen) type
 * @param nullable whether the file had NULL values in this column (informational: tables are always
 *     created with nullable columns so later appends with blanks still load)
 * @param dayFirst for {@code date}/{@code timestamp} columns: whether ambiguous numeric dates such
 *     as {@code 03/04/2024} are read day-first (3 April) instead of month-first (4 March)
 */
public record ColumnSpec(
    String name, String label, ColumnType type, boolean nullable, boolean dayFirst) {

  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    label = label == null ? name : label;
  }

  public ColumnSpec(String name, String label, ColumnType type, boolean nullable) {
    this(name, label, type, nullable, false);
  }

  /** A copy with another type, e.g. for a user's type override. */
  public ColumnSpec withType(ColumnType newType) {
    return new ColumnSpec(name, label, newType, nullable, dayFirst);
  }
}
