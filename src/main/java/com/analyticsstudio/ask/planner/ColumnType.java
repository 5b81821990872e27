package com.analyticsstudio.ask.planner;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The column types the ingest infers; JSON names are lower case, as in the dataset API. */
public enum ColumnType {
  INTEGER,
  DECIMAL,
  BOOLEAN,
  DATE,
  TIMESTAMP,
  TEXT;

  public boolean numeric() {
    return this == INTEGER || this == DECIMAL;
  }

  public boolean temporal() {
    return this == DATE || this == TIMESTAMP;
  }

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code integer|decimal|boolean|date|timestamp|text}; anything else is TEXT. */
  @JsonCreator
  public static ColumnType of(String name) {
    if (name == null) return TEXT;
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return TEXT;
    }
  }
}
