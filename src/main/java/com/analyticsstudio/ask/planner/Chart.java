package com.analyticsstudio.ask.planner;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A suggested chart over the result columns (by output column name).
 *
 * @param type the chart type
 * @param x the x (or category / label) column, null for a KPI
 * @param y the value column
 * @param series the column that splits series, or null
 */
public record Chart(Type type, String x, String y, String series) {
  /** Chart kinds the planner suggests. */
  public enum Type {
    LINE,
    BAR,
    PIE,
    KPI,
    SCATTER,
    TABLE;

    @JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Type of(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT));
    }
  }
}
