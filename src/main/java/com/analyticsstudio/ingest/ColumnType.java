package com.analyticsstudio.ingest;

import java.util.Locale;

/** The column types the ingest library infers, each with the PostgreSQL type it is stored as. */
public enum ColumnType {
  INTEGER("bigint"),
  DECIMAL("numeric"),
  BOOLEAN("boolean"),
  DATE("date"),
  TIMESTAMP("timestamp"),
  TEXT("text");

  private final String sqlType;

  ColumnType(String sqlType) {
    this.sqlType = sqlType;
  }

  /** The PostgreSQL type used in {@code CREATE TABLE}. */
  public String sqlType() {
    return sqlType;
  }

  /** The stable lower-case name used in APIs: {@code integer}, {@code decimal}, ... */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses an API name ({@code integer}, {@code text}, ...), case-insensitively; null if unknown.
   */
  public static ColumnType fromApiName(String name) {
    if (name == null) {
      return null;
    }
    for (ColumnType t : values()) {
      if (t.apiName().equalsIgnoreCase(name.trim())) {
        return t;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return apiName();
  }
}
