package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.VertxException;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of a query's {@code $1}, {@code $2}, … as bind parameters. They arrive as JSON scalars
 * (text, number, boolean, null); PostgreSQL infers each parameter's type from the statement, and
 * the PostgreSQL client encodes a value only as that type's Java class (a number for any numeric
 * type, text for text). A value of another JSON type is converted when that is exact — a number or
 * boolean where text is expected becomes its text, a string where a number, boolean, date, time,
 * timestamp or UUID is expected is parsed — and refused with 400 {@code validation_failed} at
 * {@code /params/<i>} otherwise. Which type was expected is known only when the client refuses the
 * value: {@link #mismatch} reads that refusal, and the executor binds again with the value
 * converted (the statement is prepared by then, so it is one more round trip, and only for such
 * calls).
 */
final class BindParams {
  private BindParams() {}

  /** The tuple to execute: the parameters, then {@code extra} (the executor's own, e.g. LIMIT). */
  static Tuple tuple(List<Object> params, Object... extra) {
    Tuple t = Tuple.tuple();
    for (Object p : params) t.addValue(p);
    for (Object e : extra) t.addValue(e);
    return t;
  }

  /**
   * The client refused the value at {@code position}: it wanted an instance of {@code expected}.
   */
  record Mismatch(int position, String expected) {}

  // The PostgreSQL client's wording (vertx-sql-client ErrorMessageFactory); BindParamsTest pins it.
  private static final Pattern REFUSAL =
      Pattern.compile(
          "Parameter at position\\[(\\d+)] with class = \\[[^\\]]*] and value = \\[.*] can not be"
              + " coerced to the expected class = \\[([\\w.$]+)] for encoding\\.",
          Pattern.DOTALL);

  /**
   * The refused parameter, when {@code err} is the client's refusal of one of the first {@code
   * count}.
   */
  static Mismatch mismatch(Throwable err, int count) {
    if (!(err instanceof VertxException) || err.getMessage() == null) return null;
    Matcher m = REFUSAL.matcher(err.getMessage());
    if (!m.matches()) return null;
    int position = Integer.parseInt(m.group(1));
    return position < count ? new Mismatch(position, m.group(2)) : null;
  }

  /**
   * {@code params} with the refused value converted to the expected class.
   *
   * @throws ApiException 400 {@code validation_failed} at {@code /params/<i>} when it cannot be
   *     converted exactly
   */
  static List<Object> converted(List<Object> params, Mismatch m) {
    Object value = params.get(m.position());
    Object converted = convert(value, m.expected());
    if (converted == null) {
      throw ApiException.badRequest(
          "validation_failed",
          "params["
              + m.position()
              + "] is "
              + describe(value)
              + ", but the query uses $"
              + (m.position() + 1)
              + " as "
              + typeName(m.expected())
              + "; send such a value, or cast the parameter in the SQL",
          new JsonObject()
              .put("type", "invalid_value")
              .put("location", "/params/" + m.position())
              .put("expected", typeName(m.expected())));
    }
    List<Object> out = new ArrayList<>(params);
    out.set(m.position(), converted);
    return out;
  }

  /**
   * {@code value} as an instance of {@code expected}, or null when there is no exact conversion.
   */
  static Object convert(Object value, String expected) {
    try {
      if (value instanceof String s) {
        String t = s.strip();
        return switch (expected) {
          case "java.lang.Number" -> new BigDecimal(t);
          case "java.lang.Boolean" ->
              t.equalsIgnoreCase("true")
                  ? Boolean.TRUE
                  : t.equalsIgnoreCase("false") ? Boolean.FALSE : null;
          case "java.time.LocalDate" -> LocalDate.parse(t);
          case "java.time.LocalDateTime" -> LocalDateTime.parse(t.replace(' ', 'T'));
          case "java.time.OffsetDateTime" -> offsetDateTime(t.replace(' ', 'T'));
          case "java.time.LocalTime" -> LocalTime.parse(t);
          case "java.time.OffsetTime" -> OffsetTime.parse(t);
          case "java.util.UUID" -> UUID.fromString(t);
          default -> null;
        };
      }
      if ((value instanceof Number || value instanceof Boolean)
          && expected.equals("java.lang.String")) {
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
      }
      return null;
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return null; // NumberFormatException is an IllegalArgumentException
    }
  }

  /** RFC 3339 with an offset, or a local timestamp taken as UTC (the sessions' time zone). */
  private static OffsetDateTime offsetDateTime(String t) {
    try {
      return OffsetDateTime.parse(t);
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(t).atOffset(ZoneOffset.UTC);
    }
  }

  private static String describe(Object value) {
    String shown = String.valueOf(value);
    if (shown.length() > 40) shown = shown.substring(0, 40) + "…";
    if (value instanceof String) return "the text \"" + shown + "\"";
    if (value instanceof Boolean) return "the boolean " + shown;
    if (value instanceof Number) return "the number " + shown;
    return "a " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  private static String typeName(String javaClass) {
    return switch (javaClass) {
      case "java.lang.String" -> "text";
      case "java.lang.Number" -> "a number";
      case "java.lang.Boolean" -> "a boolean";
      case "java.time.LocalDate" -> "a date (YYYY-MM-DD)";
      case "java.time.LocalDateTime" -> "a timestamp (YYYY-MM-DDTHH:MM:SS)";
      case "java.time.OffsetDateTime" -> "a timestamp with time zone (RFC 3339)";
      case "java.time.LocalTime", "java.time.OffsetTime" -> "a time of day (HH:MM:SS)";
      case "java.util.UUID" -> "a UUID";
      default ->
          "a value of another type (" + javaClass.substring(javaClass.lastIndexOf('.') + 1) + ")";
    };
  }
}
