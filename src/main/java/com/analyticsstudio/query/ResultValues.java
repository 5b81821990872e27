package com.analyticsstudio.query;

import com.analyticsstudio.common.Json;
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
 *
 * <p><b>Exact values.</b> A JSON number is read as an IEEE-754 double by JavaScript and by most
 * JSON libraries, so a number is only written as a JSON number when a double holds it: integers
 * within ±(2^53 − 1) and decimals whose shortest double form reads back as the same value. Any
 * other integer or decimal is written as a string with its exact digits ({@link #toJson}), and NaN,
 * Infinity and -Infinity are the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. An
 * answer then marks such a column {@code "encoding": "string"} and writes all of its values as
 * strings ({@link #encodeColumns}), so a client reads a column one way.
 */
public final class ResultValues {
  private ResultValues() {}

  /** JavaScript's {@code Number.MAX_SAFE_INTEGER}: larger integers are not all doubles. */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  /** The value of {@link QueryResult.Column}'s {@code encoding} for numbers sent as strings. */
  public static final String STRING_ENCODING = "string";

  /** Column types whose values are numbers (see {@link #columnType}). */
  static boolean numericType(String type) {
    return "integer".equals(type) || "decimal".equals(type);
  }

  /** Whether {@code d} reads back unchanged after a trip through a double. */
  static boolean fitsDouble(BigDecimal d) {
    double x = d.doubleValue();
    return !Double.isInfinite(x) && new BigDecimal(Double.toString(x)).compareTo(d) == 0;
  }

  /** The exact decimal text of a number (no exponent for integers and decimals). */
  public static String numberText(Object v) {
    if (v instanceof BigDecimal d) return d.toPlainString();
    if (v instanceof Double d) return doubleText(d);
    if (v instanceof Float f) return doubleText(f.doubleValue());
    return String.valueOf(v);
  }

  private static String doubleText(double d) {
    if (Double.isNaN(d)) return "NaN";
    if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
    String s = Double.toString(d);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  /**
   * Makes an answer's numeric columns uniform, in place: a column of type {@code integer} or {@code
   * decimal} holding any string value (NaN, an infinity, or a number {@link #toJson} wrote exactly
   * as text) — or every such column when {@code allStrings} — gets {@code "encoding": "string"} and
   * all its non-null values as strings.
   *
   * @param columns {@code [{name, type}]}
   * @param rows arrays of values, one per column
   */
  public static void encodeColumns(JsonArray columns, JsonArray rows, boolean allStrings) {
    for (int c = 0; c < columns.size(); c++) {
      JsonObject col = columns.getJsonObject(c);
      if (!numericType(col.getString("type"))) continue;
      boolean strings = allStrings || STRING_ENCODING.equals(col.getString("encoding"));
      for (int r = 0; r < rows.size() && !strings; r++) {
        JsonArray row = rows.getJsonArray(r);
        strings = c < row.size() && row.getValue(c) instanceof String;
      }
      if (!strings) continue;
      col.put("encoding", STRING_ENCODING);
      for (int r = 0; r < rows.size(); r++) {
        JsonArray row = rows.getJsonArray(r);
        if (c < row.size() && row.getValue(c) instanceof Number n) row.set(c, numberText(n));
      }
    }
  }

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
    if (v instanceof Long l) {
      return l >= -MAX_SAFE_INTEGER && l <= MAX_SAFE_INTEGER ? l : l.toString();
    }
    if (v instanceof BigDecimal d) return fitsDouble(d) ? d : d.toPlainString();
    if (v instanceof String
        || v instanceof Boolean
        || v instanceof Integer
        || v instanceof JsonObject
        || v instanceof JsonArray) {
      return v;
    }
    if (v instanceof Short s) return s.intValue();
    if (v instanceof Double d) return finiteOrText(d);
    if (v instanceof Float f) return finiteOrText(f.doubleValue());
    if (v instanceof Numeric n) {
      if (n.isNaN()) return "NaN";
      // exact, even beyond a double's range (1e400 is not Infinity)
      return toJson(n.bigDecimalValue());
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
      return Json.cell(t);
    }
    if (v instanceof OffsetDateTime t) {
      if (t.equals(OffsetDateTime.MAX)) return "infinity";
      if (t.equals(OffsetDateTime.MIN)) return "-infinity";
      return Json.cell(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
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
