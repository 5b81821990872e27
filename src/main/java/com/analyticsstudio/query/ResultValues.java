package com.analyticsstudio.query;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.data.Interval;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Converts values and type names coming from the Vert.x PostgreSQL client to the JSON-friendly
 * forms of {@link QueryResult}.
 */
public final class ResultValues {
  private ResultValues() {}

  /**
   * About how many bytes {@code row} (JSON-friendly values, see {@link #toJson}) takes encoded as a
   * JSON array: cheap, with no encoding (strings count their characters plus quotes, numbers a
   * fixed 12). Used for the byte caps of results, job pages and their stored totals.
   */
  public static long jsonSize(List<Object> row) {
    long n = 2;
    for (Object v : row) n += jsonSizeOf(v) + 1;
    return n;
  }

  private static long jsonSizeOf(Object v) {
    if (v == null) return 4;
    if (v instanceof String s) return s.length() + 2L;
    if (v instanceof Boolean) return 5;
    if (v instanceof Number) return 12;
    if (v instanceof JsonArray a) {
      long n = 2;
      for (Object e : a) n += jsonSizeOf(e) + 1;
      return n;
    }
    if (v instanceof JsonObject o) {
      long n = 2;
      for (var e : o) n += e.getKey().length() + 4L + jsonSizeOf(e.getValue());
      return n;
    }
    return String.valueOf(v).length() + 2L;
  }

  /**
   * Maps Vert.x' type name (its DataType enum name, e.g. {@code INT4}, {@code TIMESTAMPTZ_ARRAY}).
   */
  public static String columnType(String vertxTypeName) {
    if (vertxTypeName == null) return "unknown";
    String t = vertxTypeName.toUpperCase(Locale.ROOT);
    if (t.endsWith("_ARRAY")) {
      return columnType(t.substring(0, t.length() - "_ARRAY".length())) + "[]";
    }
    return switch (t) {
      case "INT2", "INT4", "INT8" -> "integer";
      case "NUMERIC", "FLOAT4", "FLOAT8" -> "decimal";
      case "BOOL" -> "boolean";
      case "DATE" -> "date";
      case "TIMESTAMP", "TIMESTAMPTZ" -> "timestamp";
      case "TEXT", "VARCHAR", "BPCHAR", "NAME", "CHAR" -> "text";
      case "TS_VECTOR" -> "tsvector";
      case "TS_QUERY" -> "tsquery";
      default -> t.toLowerCase(Locale.ROOT);
    };
  }

  public static Object toJson(Object v) {
    if (v == null || v == Tuple.JSON_NULL) return null;
    if (v instanceof String
        || v instanceof Boolean
        || v instanceof Integer
        || v instanceof Long
        || v instanceof BigDecimal
        || v instanceof JsonObject
        || v instanceof JsonArray) {
      return v;
    }
    if (v instanceof Short s) return s.intValue();
    if (v instanceof Double d) return finiteOrText(d);
    if (v instanceof Float f) return finiteOrText(f.doubleValue());
    if (v instanceof Numeric n) {
      if (n.isNaN()) return "NaN";
      double d = n.doubleValue();
      if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
      return n.bigDecimalValue();
    }
    if (v instanceof Number n) return n;
    if (v instanceof LocalDate d) {
      if (d.equals(LocalDate.MAX)) return "infinity";
      if (d.equals(LocalDate.MIN)) return "-infinity";
      return d.toString();
    }
    if (v instanceof LocalDateTime t) {
      if (t.equals(LocalDateTime.MAX)) return "infinity";
      if (t.equals(LocalDateTime.MIN)) return "-infinity";
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
    }
    if (v instanceof OffsetDateTime t) {
      if (t.equals(OffsetDateTime.MAX)) return "infinity";
      if (t.equals(OffsetDateTime.MIN)) return "-infinity";
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }
    if (v instanceof LocalTime t) return DateTimeFormatter.ISO_LOCAL_TIME.format(t);
    if (v instanceof OffsetTime t) return DateTimeFormatter.ISO_OFFSET_TIME.format(t);
    if (v instanceof Interval i) return isoDuration(i);
    if (v instanceof UUID u) return u.toString();
    if (v instanceof Buffer b) return "\\x" + HexFormat.of().formatHex(b.getBytes());
    if (v instanceof Object[] arr) {
      List<Object> out = new ArrayList<>(arr.length);
      for (Object e : arr) out.add(toJson(e));
      return out;
    }
    return v.toString();
  }

  private static Object finiteOrText(double d) {
    if (Double.isNaN(d)) return "NaN";
    if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
    return d;
  }

  static String isoDuration(Interval i) {
    StringBuilder sb = new StringBuilder("P");
    if (i.getYears() != 0) sb.append(i.getYears()).append('Y');
    if (i.getMonths() != 0) sb.append(i.getMonths()).append('M');
    if (i.getDays() != 0) sb.append(i.getDays()).append('D');
    long micros = i.getMicroseconds();
    if (i.getHours() != 0 || i.getMinutes() != 0 || i.getSeconds() != 0 || micros != 0) {
      sb.append('T');
      if (i.getHours() != 0) sb.append(i.getHours()).append('H');
      if (i.getMinutes() != 0) sb.append(i.getMinutes()).append('M');
      if (i.getSeconds() != 0 || micros != 0) {
        BigDecimal secs = BigDecimal.valueOf(i.getSeconds()).add(BigDecimal.valueOf(micros, 6));
        sb.append(secs.stripTrailingZeros().toPlainString()).append('S');
      }
    }
    return sb.length() == 1 ? "PT0S" : sb.toString();
  }
}
