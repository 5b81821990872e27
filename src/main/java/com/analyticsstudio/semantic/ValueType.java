package com.analyticsstudio.semantic;

import java.util.Locale;

/**
 * Types of formula values. {@code NULL} is the type of the literal {@code null}: it fits anywhere.
 */
public enum ValueType {
  NUMBER,
  TEXT,
  BOOLEAN,
  DATE,
  TIMESTAMP,
  NULL;

  /** From a dataset column's type ({@code integer}, {@code decimal}, {@code text}, …). */
  public static ValueType ofColumn(String type) {
    return switch (type == null ? "text" : type) {
      case "integer", "decimal" -> NUMBER;
      case "boolean" -> BOOLEAN;
      case "date" -> DATE;
      case "timestamp" -> TIMESTAMP;
      default -> TEXT;
    };
  }

  boolean temporal() {
    return this == DATE || this == TIMESTAMP;
  }

  /** The type both fit in, or null when they do not mix. */
  static ValueType unify(ValueType a, ValueType b) {
    if (a == NULL) return b;
    if (b == NULL || a == b) return a;
    if (a.temporal() && b.temporal()) return TIMESTAMP;
    return null;
  }

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
