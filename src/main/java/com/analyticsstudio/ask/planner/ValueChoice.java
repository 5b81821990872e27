package com.analyticsstudio.ask.planner;

import java.util.List;

/**
 * A value found in several text columns, and the column the planner chose for it (the one where the
 * value is most common); the answer shows the choice and offers the others.
 *
 * @param column the column the filter uses
 * @param value the real value
 * @param otherColumns columns that hold the same value too
 */
public record ValueChoice(String column, String value, List<String> otherColumns) {
  public ValueChoice {
    otherColumns = List.copyOf(otherColumns);
  }
}
