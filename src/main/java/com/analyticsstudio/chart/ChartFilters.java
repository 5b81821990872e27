package com.analyticsstudio.chart;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.semantic.SemanticRequest;
import com.analyticsstudio.semantic.SqlText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The extra filters a run of a chart may carry ({@code {"filters": [{member, operator, values}]}},
 * what dashboards send), in the semantic query's filter shape and with its operators (Cube's
 * names).
 *
 * <ul>
 *   <li>A semantic chart gets them AND-merged into its query's {@code filters}; the semantic
 *       compiler checks each member and operator against the model as for any query.
 *   <li>An SQL chart is wrapped: {@code SELECT * FROM (<sql>) AS chart_data WHERE …}, one condition
 *       per filter on the result's column {@code member}. Names are double-quoted with their quotes
 *       doubled; a text value is a standard SQL string literal with its quotes doubled (the query
 *       path runs with {@code standard_conforming_strings = on}), a number is written from its
 *       parsed decimal, a boolean as TRUE/FALSE, a date from its parsed ISO date. Nothing a client
 *       sends reaches the SQL any other way, and the wrapped statement still goes through the
 *       guard, the reader role and the read-only transaction like any user SQL.
 * </ul>
 */
public final class ChartFilters {
  /** One extra filter, as sent. */
  public record Filter(String member, String operator, List<Object> values) {
    JsonObject toJson() {
      JsonArray vs = new JsonArray();
      values.forEach(vs::add);
      return new JsonObject().put("member", member).put("operator", operator).put("values", vs);
    }
  }

  static final int MAX_FILTERS = 50;
  static final int MAX_VALUES = 1000;
  private static final Set<String> FILTER_FIELDS = Set.of("member", "operator", "values");

  private ChartFilters() {}

  /**
   * Reads the {@code filters} of a run's body (absent or null: none).
   *
   * @throws ApiException 400 {@code validation_failed} naming the filter
   */
  public static List<Filter> parse(Object raw) {
    if (raw == null) return List.of();
    if (!(raw instanceof JsonArray a)) {
      throw ApiException.invalidValue("filters must be a list", "/filters");
    }
    if (a.size() > MAX_FILTERS) {
      throw ApiException.invalidValue("at most " + MAX_FILTERS + " filters", "/filters");
    }
    List<Filter> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      String at = "/filters/" + i;
      if (!(a.getValue(i) instanceof JsonObject f)) {
        throw ApiException.invalidValue("filters[" + i + "] must be an object", at);
      }
      for (String key : f.fieldNames()) {
        if (!FILTER_FIELDS.contains(key)) {
          throw ApiException.invalidValue(
              "unknown field \""
                  + key
                  + "\" in filters["
                  + i
                  + "]; a filter has member, operator and values",
              at + "/" + key);
        }
      }
      if (!(f.getValue("member") instanceof String member) || member.isBlank()) {
        throw ApiException.invalidValue(
            "filters[" + i + "].member must name a column or dimension", at + "/member");
      }
      if (member.indexOf('\u0000') >= 0) {
        throw ApiException.invalidValue(
            "filters[" + i + "].member cannot contain a NUL character", at + "/member");
      }
      if (!(f.getValue("operator") instanceof String op)
          || !SemanticRequest.OPERATORS.contains(op)) {
        throw ApiException.invalidValue(
            "filters[" + i + "].operator must be one of " + SemanticRequest.OPERATORS,
            at + "/operator");
      }
      List<Object> values = new ArrayList<>();
      Object v = f.getValue("values");
      if (v instanceof JsonArray vs) {
        if (vs.size() > MAX_VALUES) {
          throw ApiException.invalidValue(
              "filters[" + i + "] has more than " + MAX_VALUES + " values", at + "/values");
        }
        for (int k = 0; k < vs.size(); k++) {
          Object o = vs.getValue(k);
          if (!(o instanceof String || o instanceof Number || o instanceof Boolean)) {
            throw ApiException.invalidValue(
                "filters["
                    + i
                    + "].values must be text, numbers or booleans (use set/notSet for nulls)",
                at + "/values/" + k);
          }
          if (o instanceof String s && s.indexOf('\u0000') >= 0) {
            throw ApiException.invalidValue(
                "filters[" + i + "].values cannot contain a NUL character", at + "/values/" + k);
          }
          values.add(o);
        }
      } else if (v != null) {
        throw ApiException.invalidValue("filters[" + i + "].values must be a list", at + "/values");
      }
      out.add(new Filter(member, op, List.copyOf(values)));
    }
    return out;
  }

  /** The semantic query with {@code extra} AND-ed to its own filters (a new object). */
  public static JsonObject mergeSemantic(JsonObject query, List<Filter> extra) {
    JsonObject q = query.copy();
    if (extra.isEmpty()) return q;
    JsonArray filters =
        q.getValue("filters") instanceof JsonArray own ? own.copy() : new JsonArray();
    extra.forEach(f -> filters.add(f.toJson()));
    return q.put("filters", filters);
  }

  /** {@code sql} as it runs with {@code extra}: unchanged without filters, else wrapped. */
  public static String wrapSql(String sql, List<Filter> extra) {
    if (extra.isEmpty()) return sql;
    List<String> conditions = new ArrayList<>();
    for (int i = 0; i < extra.size(); i++) conditions.add(condition(extra.get(i), i));
    // A newline before the parenthesis ends a trailing line comment of the chart's SQL.
    return "SELECT * FROM (\n"
        + withoutTrailingSemicolons(sql)
        + "\n) AS chart_data WHERE "
        + String.join(" AND ", conditions);
  }

  static String withoutTrailingSemicolons(String sql) {
    int end = sql.length();
    while (end > 0 && (sql.charAt(end - 1) == ';' || Character.isWhitespace(sql.charAt(end - 1)))) {
      end--;
    }
    return sql.substring(0, end);
  }

  static String condition(Filter f, int index) {
    String col = SqlText.ident(f.member());
    List<Object> vs = f.values();
    String op = f.operator();
    switch (op) {
      case "set":
        return col + " IS NOT NULL";
      case "notSet":
        return col + " IS NULL";
      case "equals":
      case "notEquals":
        {
          need(f, index, !vs.isEmpty(), "needs at least one value");
          List<String> list = new ArrayList<>();
          for (Object v : vs) list.add(literal(v, f, index));
          String in = col + " IN (" + String.join(", ", list) + ")";
          return op.equals("equals") ? in : "(" + col + " IS NULL OR NOT " + in + ")";
        }
      case "contains":
      case "notContains":
      case "startsWith":
      case "endsWith":
        {
          need(f, index, !vs.isEmpty(), "needs at least one value");
          return SqlText.textMatch(op, col, "lower(CAST(" + col + " AS text))", vs);
        }
      case "gt":
      case "gte":
      case "lt":
      case "lte":
        {
          need(f, index, vs.size() == 1, "needs exactly one value");
          return col + " " + SqlText.comparison(op) + " " + literal(vs.get(0), f, index);
        }
      case "inDateRange":
      case "notInDateRange":
        {
          need(f, index, vs.size() == 2, "needs two dates [from, to]");
          LocalDate from = date(vs.get(0), f, index);
          LocalDate to = date(vs.get(1), f, index);
          String in =
              col
                  + " >= "
                  + SqlText.date(from)
                  + " AND "
                  + col
                  + " < "
                  + SqlText.date(to.plusDays(1));
          return op.equals("inDateRange")
              ? "(" + in + ")"
              : "(" + col + " IS NULL OR NOT (" + in + "))";
        }
      case "beforeDate":
        need(f, index, vs.size() == 1, "needs one date");
        return col + " < " + SqlText.date(date(vs.get(0), f, index));
      case "afterDate":
        need(f, index, vs.size() == 1, "needs one date");
        return col + " >= " + SqlText.date(date(vs.get(0), f, index).plusDays(1));
      default:
        throw ApiException.invalidValue(
            "filters[" + index + "].operator \"" + op + "\" is not supported",
            "/filters/" + index + "/operator");
    }
  }

  private static void need(Filter f, int index, boolean ok, String message) {
    if (!ok) {
      throw ApiException.badRequest(
          "invalid_filter",
          "filters[" + index + "]: \"" + f.operator() + "\" " + message,
          new JsonObject().put("member", f.member()));
    }
  }

  /** A double-quoted identifier, its quotes doubled. */

  /**
   * A value as a literal of its JSON type: a number from its parsed decimal (never its text), a
   * boolean as TRUE/FALSE, text as a string literal — which PostgreSQL reads as the column's type,
   * so {@code "2012"} matches an integer year and {@code "2012-08-01"} a date.
   */
  static String literal(Object v, Filter f, int index) {
    if (v instanceof Boolean b) return b ? "TRUE" : "FALSE";
    if (v instanceof Number n) {
      try {
        return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
      } catch (NumberFormatException e) {
        throw ApiException.badRequest(
            "invalid_filter",
            "filters[" + index + "]: " + n + " is not a finite number",
            new JsonObject().put("member", f.member()));
      }
    }
    return SqlText.literal(String.valueOf(v));
  }

  private static LocalDate date(Object v, Filter f, int index) {
    try {
      return LocalDate.parse(String.valueOf(v).trim());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "invalid_filter",
          "filters[" + index + "]: \"" + v + "\" is not a date (YYYY-MM-DD)",
          new JsonObject().put("member", f.member()));
    }
  }
}
