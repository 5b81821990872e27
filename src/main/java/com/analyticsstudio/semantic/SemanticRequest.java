package com.analyticsstudio.semantic;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A semantic query as posted to {@code POST …/semantic/query} (see the contract), read and
 * shape-checked.
 */
public record SemanticRequest(
    String dataset,
    List<MeasureSpec> measures,
    List<String> dimensions,
    TimeSpec time,
    List<FilterSpec> filters,
    List<OrderSpec> order,
    Integer limit) {

  /**
   * A model measure by name, an inline aggregation, or an inline formula; any may carry a time
   * transform.
   */
  public record MeasureSpec(
      String measure,
      String aggregation,
      String column,
      Double p,
      String formula,
      TimeTransform transform,
      String as,
      String path) {}

  /** The time dimension, its grain and the date range of a query. */
  public record TimeSpec(String dimension, TimeGrain granularity, LocalDate from, LocalDate to) {}

  /** One filter of a query; {@code path} names it in errors. */
  public record FilterSpec(String member, String operator, List<Object> values, String path) {}

  /** One ordering term of a query. */
  public record OrderSpec(String member, boolean descending) {}

  public static final List<String> OPERATORS =
      List.of(
          "equals",
          "notEquals",
          "contains",
          "notContains",
          "startsWith",
          "endsWith",
          "gt",
          "gte",
          "lt",
          "lte",
          "set",
          "notSet",
          "inDateRange",
          "notInDateRange",
          "beforeDate",
          "afterDate");

  /** The properties of the contract's {@code SemanticQuery}; any other is refused. */
  static final List<String> FIELDS =
      List.of("dataset", "measures", "dimensions", "time", "filters", "order", "limit");

  public static SemanticRequest fromJson(JsonObject j) {
    for (String field : j.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw bad(field, "unknown field (the fields are " + String.join(", ", FIELDS) + ")");
      }
    }
    String dataset = j.getValue("dataset") instanceof String s && !s.isBlank() ? s : null;
    if (dataset == null) throw bad("dataset", "name the dataset (its id or table name)");
    List<MeasureSpec> measures = new ArrayList<>();
    JsonArray mj = array(j, "measures");
    for (int i = 0; i < mj.size(); i++)
      measures.add(measure(mj.getValue(i), "measures[" + i + "]"));
    List<String> dims = new ArrayList<>();
    JsonArray dj = array(j, "dimensions");
    for (int i = 0; i < dj.size(); i++) {
      if (!(dj.getValue(i) instanceof String s) || s.isBlank())
        throw bad("dimensions[" + i + "]", "must be a dimension name");
      dims.add(s);
    }
    TimeSpec time = null;
    if (j.getValue("time") != null) {
      if (!(j.getValue("time") instanceof JsonObject t)) throw bad("time", "must be an object");
      String dim = t.getValue("dimension") instanceof String s ? s : null;
      if (dim == null) throw bad("time.dimension", "name the time dimension");
      TimeGrain grain = null;
      if (t.getValue("granularity") != null) {
        grain = TimeGrain.parse(String.valueOf(t.getValue("granularity")));
        if (grain == null) throw bad("time.granularity", "must be one of " + TimeGrain.names());
      }
      LocalDate from = null;
      LocalDate to = null;
      if (t.getValue("dateRange") != null) {
        if (!(t.getValue("dateRange") instanceof JsonArray r) || r.size() != 2) {
          throw bad("time.dateRange", "must be [from, to], two dates 'YYYY-MM-DD' (both included)");
        }
        from = date(r.getValue(0), "time.dateRange[0]");
        to = date(r.getValue(1), "time.dateRange[1]");
        if (to.isBefore(from)) throw bad("time.dateRange", "the end is before the start");
        if (from.plusYears(200).isBefore(to))
          throw bad("time.dateRange", "spans more than 200 years");
      }
      time = new TimeSpec(dim, grain, from, to);
    }
    List<FilterSpec> filters = filters(array(j, "filters"));
    List<OrderSpec> order = new ArrayList<>();
    JsonArray oj = array(j, "order");
    for (int i = 0; i < oj.size(); i++) {
      String at = "order[" + i + "]";
      if (!(oj.getValue(i) instanceof JsonObject o)
          || !(o.getValue("member") instanceof String member)) {
        throw bad(at, "must be {member, direction}");
      }
      String dir = o.getString("direction", "asc");
      if (!dir.equals("asc") && !dir.equals("desc"))
        throw bad(at + ".direction", "must be asc or desc");
      order.add(new OrderSpec(member, dir.equals("desc")));
    }
    Integer limit = null;
    if (j.getValue("limit") != null) {
      if (!(j.getValue("limit") instanceof Number n)
          || n.doubleValue() != Math.rint(n.doubleValue())
          || n.longValue() < 1
          || n.longValue() > Integer.MAX_VALUE)
        throw bad("limit", "must be a positive whole number");
      limit = n.intValue();
    }
    if (measures.isEmpty() && dims.isEmpty() && (time == null || time.granularity() == null)) {
      throw bad("measures", "ask for at least one measure or dimension");
    }
    return new SemanticRequest(dataset, measures, dims, time, filters, order, limit);
  }

  /**
   * The filters of a query ({@code [{member, operator, values}]}), shape-checked as {@link
   * #fromJson} does; for callers that filter without a whole query (a drill-down's rows).
   */
  public static List<FilterSpec> filters(JsonArray fj) {
    List<FilterSpec> filters = new ArrayList<>();
    for (int i = 0; i < fj.size(); i++) {
      String at = "filters[" + i + "]";
      if (!(fj.getValue(i) instanceof JsonObject f)) throw bad(at, "must be an object");
      String member = f.getValue("member") instanceof String s ? s : null;
      String op = f.getValue("operator") instanceof String s ? s : null;
      if (member == null) throw bad(at + ".member", "name the dimension to filter");
      if (op == null || !OPERATORS.contains(op))
        throw bad(at + ".operator", "must be one of " + OPERATORS);
      List<Object> values = new ArrayList<>();
      Object v = f.getValue("values");
      if (v instanceof JsonArray a) {
        for (Object o : a) {
          if (o == null || o instanceof JsonObject || o instanceof JsonArray)
            throw bad(at + ".values", "must be plain values");
          values.add(o);
        }
      } else if (v != null) {
        throw bad(at + ".values", "must be a list");
      }
      filters.add(new FilterSpec(member, op, values, at));
    }
    return filters;
  }

  private static MeasureSpec measure(Object v, String at) {
    if (v instanceof String s && !s.isBlank())
      return new MeasureSpec(s, null, null, null, null, null, null, at);
    if (!(v instanceof JsonObject o)) throw bad(at, "must be a measure name or an object");
    String measure = str(o, "measure", at);
    String aggregation = str(o, "aggregation", at);
    String column = str(o, "column", at);
    String formula = str(o, "formula", at);
    String as = str(o, "as", at);
    Double p = o.getValue("p") instanceof Number n ? n.doubleValue() : null;
    TimeTransform transform = null;
    if (o.getValue("time") != null) {
      transform = TimeTransform.parse(String.valueOf(o.getValue("time")));
      if (transform == null) throw bad(at + ".time", "must be one of " + TimeTransform.names());
    }
    int kinds =
        (measure != null ? 1 : 0) + (aggregation != null ? 1 : 0) + (formula != null ? 1 : 0);
    if (kinds != 1) throw bad(at, "give exactly one of measure, aggregation (+ column) or formula");
    if (aggregation != null) {
      if (!Model.AGGREGATIONS.contains(aggregation))
        throw bad(at + ".aggregation", "must be one of " + Model.AGGREGATIONS);
      if (column == null && !aggregation.equals("count"))
        throw bad(at + ".column", aggregation + " needs a column");
      if (aggregation.equals("percentile") && (p == null || p < 0 || p > 1))
        throw bad(at + ".p", "percentile needs p from 0 to 1");
    }
    if (formula != null && as == null)
      throw bad(at + ".as", "an inline formula needs a name in \"as\"");
    if (as != null && !Model.NAME.matcher(as).matches()) {
      throw bad(at + ".as", "\"" + as + "\" is not a valid name (lower case letters, digits, _)");
    }
    return new MeasureSpec(measure, aggregation, column, p, formula, transform, as, at);
  }

  private static String str(JsonObject o, String field, String at) {
    Object v = o.getValue(field);
    if (v == null) return null;
    if (!(v instanceof String s) || s.isBlank())
      throw bad(at + "." + field, "must be a non-empty string");
    return s;
  }

  private static LocalDate date(Object v, String at) {
    try {
      return LocalDate.parse(String.valueOf(v));
    } catch (DateTimeParseException e) {
      throw bad(at, "'" + v + "' is not a date 'YYYY-MM-DD'");
    }
  }

  private static JsonArray array(JsonObject j, String field) {
    Object v = j.getValue(field);
    if (v == null) return new JsonArray();
    if (!(v instanceof JsonArray a)) throw bad(field, "must be a list");
    return a;
  }

  static ApiException bad(String member, String message) {
    return ApiException.badRequest(
        "invalid_query", member + ": " + message, new JsonObject().put("member", member));
  }
}
