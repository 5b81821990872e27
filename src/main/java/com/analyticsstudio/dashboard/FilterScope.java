package com.analyticsstudio.dashboard;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.dashboard.DashboardDocument.FilterDef;
import com.analyticsstudio.dashboard.DashboardDocument.Widget;
import com.analyticsstudio.semantic.Model;
import com.analyticsstudio.semantic.TimeGrain;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which dashboard filters and cross-filters reach which widget, and as which chart filters. Pure:
 * the service loads each chart widget's {@link Target} (its model and related models, or an SQL
 * chart's result columns) and the day; this class decides.
 *
 * <ul>
 *   <li>A filter reaches a widget when the widget's target has a field of the filter's member name
 *       — a dimension of the chart's own model, else of a model its relationships point at (named
 *       {@code relationship.member} in the chart's query), else, for SQL, a result column — of a
 *       type the filter works on (dates for date ranges, numbers for number ranges), and the widget
 *       does not opt out of it.
 *   <li>A cross-filter reaches the same way, except its source widget and widgets that ignore
 *       cross-filters. Its member is tried as written (an SQL column may contain a dot), then as
 *       {@code <time dimension>.<grain>} (the period's dates), then by its last name.
 * </ul>
 */
public final class FilterScope {
  private FilterScope() {}

  /** A filterable field of a widget's chart: its name in the chart's query, type, fiscal year. */
  public record Field(String member, String type, int fiscalStartMonth) {
    boolean temporal() {
      return isTemporal(type);
    }

    boolean numeric() {
      return isNumeric(type);
    }
  }

  /** What a chart widget can be filtered by. */
  public interface Target {
    /** The field named {@code name}, or null. */
    Field field(String name);
  }

  /** One filter as it reaches a widget; exactly one of {@code filterId} and {@code crossFilter}. */
  public record Applied(
      String filterId, Integer crossFilter, String member, String operator, List<Object> values) {
    public JsonObject toJson() {
      JsonObject j = new JsonObject();
      if (filterId != null) j.put("filterId", filterId);
      if (crossFilter != null) j.put("crossFilter", crossFilter);
      return j.put("member", member)
          .put("operator", operator)
          .put("values", new JsonArray(new ArrayList<>(values)));
    }

    /** The chart-run filter ({@code member, operator, values}) without where it came from. */
    public JsonObject asChartFilter() {
      return new JsonObject()
          .put("member", member)
          .put("operator", operator)
          .put("values", new JsonArray(new ArrayList<>(values)));
    }
  }

  /** A click on a mark: its column, the values clicked and the widget clicked. */
  public record CrossFilter(String member, List<Object> values, String sourceWidgetId) {}

  /** A semantic chart's target: its own model's dimensions, then its related models'. */
  public static Target semantic(Model own, Map<String, Model> relatedByRelationship) {
    return name -> {
      Model.Dimension d = own.dimension(name);
      if (d != null && d.broken() == null) {
        return new Field(name, d.type(), own.fiscalYearStartMonth());
      }
      for (Model.Relationship r : own.relationships()) {
        Model m = relatedByRelationship.get(r.name());
        Model.Dimension rd = m == null ? null : m.dimension(name);
        if (rd != null && rd.broken() == null) {
          return new Field(r.name() + "." + name, rd.type(), m.fiscalYearStartMonth());
        }
      }
      return null;
    };
  }

  /** An SQL chart's target: its result's columns by name (calendar years). */
  public static Target sql(Map<String, String> columnTypes) {
    return name -> {
      String type = columnTypes.get(name);
      return type == null ? null : new Field(name, type, 1);
    };
  }

  /**
   * The filters that reach {@code widget}, in dashboard order then cross-filter order.
   *
   * @param values the request's filter values by id (a key with a null value clears the filter);
   *     filters not in it take their default
   */
  public static List<Applied> applied(
      DashboardDocument doc,
      Widget widget,
      Target target,
      Map<String, Object> values,
      List<CrossFilter> crossFilters,
      LocalDate today) {
    List<Applied> out = new ArrayList<>();
    if (target == null) return out;
    for (FilterDef f : doc.filters()) {
      if (widget.optOut().contains(f.id())) continue;
      Object v = values.containsKey(f.id()) ? values.get(f.id()) : f.defaultValue();
      if (v == null) continue;
      Field field = target.field(f.member());
      if (field == null || !fits(f.type(), field)) continue;
      out.addAll(conditions(f, field, v, today));
    }
    if (widget.ignoreCrossFilters()) return out;
    for (int i = 0; i < crossFilters.size(); i++) {
      CrossFilter c = crossFilters.get(i);
      if (widget.id().equals(c.sourceWidgetId())) continue;
      Reach r = reach(target, c.member());
      if (r == null) continue;
      if (r.grain() == null) {
        out.add(new Applied(null, i, r.field().member(), "equals", c.values()));
      } else {
        LocalDate from = null;
        LocalDate to = null;
        for (int k = 0; k < c.values().size(); k++) {
          LocalDate start = periodStart(c.values().get(k), "/crossFilters/" + i + "/values/" + k);
          LocalDate end = periodEnd(start, r.grain());
          if (from == null || start.isBefore(from)) from = start;
          if (to == null || end.isAfter(to)) to = end;
        }
        out.add(
            new Applied(
                null,
                i,
                r.field().member(),
                "inDateRange",
                List.of(from.toString(), to.toString())));
      }
    }
    return out;
  }

  /** Filter id → the chart widgets it reaches (widgets without a target are reached by none). */
  public static Map<String, List<String>> filterReach(
      DashboardDocument doc, Map<String, Target> targets) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (FilterDef f : doc.filters()) {
      List<String> ids = new ArrayList<>();
      for (Widget w : doc.widgets()) {
        Target t = targets.get(w.id());
        if (t == null || w.optOut().contains(f.id())) continue;
        Field field = t.field(f.member());
        if (field != null && fits(f.type(), field)) ids.add(w.id());
      }
      out.put(f.id(), ids);
    }
    return out;
  }

  /** The chart widgets a cross-filter on {@code member} would reach (before its source is left). */
  public static List<String> memberReach(
      DashboardDocument doc, Map<String, Target> targets, String member) {
    List<String> ids = new ArrayList<>();
    for (Widget w : doc.widgets()) {
      Target t = targets.get(w.id());
      if (t != null && !w.ignoreCrossFilters() && reach(t, member) != null) ids.add(w.id());
    }
    return ids;
  }

  // ---------------------------------------------------------------------------------------------

  private record Reach(Field field, TimeGrain grain) {}

  private static Reach reach(Target t, String member) {
    Field exact = t.field(member);
    if (exact != null) return new Reach(exact, null);
    int dot = member.lastIndexOf('.');
    if (dot < 0) return null;
    String last = member.substring(dot + 1);
    TimeGrain grain = TimeGrain.parse(last);
    if (grain != null) {
      String prefix = member.substring(0, dot);
      Field f = t.field(prefix);
      if (f == null) f = t.field(prefix.substring(prefix.lastIndexOf('.') + 1));
      return f != null && f.temporal() ? new Reach(f, grain) : null;
    }
    Field f = t.field(last);
    return f == null ? null : new Reach(f, null);
  }

  private static boolean fits(String filterType, Field field) {
    return switch (filterType) {
      case "date_range" -> field.temporal();
      case "number_range" -> field.numeric();
      default -> true;
    };
  }

  private static List<Applied> conditions(FilterDef f, Field field, Object v, LocalDate today) {
    String m = field.member();
    String id = f.id();
    switch (f.type()) {
      case "date_range":
        {
          LocalDate from;
          LocalDate to;
          if (v instanceof String preset) {
            DatePresets.Range r = DatePresets.resolve(preset, today, field.fiscalStartMonth());
            from = r.from();
            to = r.to();
          } else {
            JsonObject o = (JsonObject) v;
            from = o.getString("from") == null ? null : LocalDate.parse(o.getString("from"));
            to = o.getString("to") == null ? null : LocalDate.parse(o.getString("to"));
          }
          if (from != null && to != null) {
            return List.of(
                new Applied(id, null, m, "inDateRange", List.of(from.toString(), to.toString())));
          }
          if (from != null) {
            // afterDate d keeps dates after d, so the day before keeps "from" itself.
            return List.of(
                new Applied(id, null, m, "afterDate", List.of(from.minusDays(1).toString())));
          }
          if (to != null) {
            return List.of(
                new Applied(id, null, m, "beforeDate", List.of(to.plusDays(1).toString())));
          }
          return List.of();
        }
      case "values":
        {
          JsonArray a = (JsonArray) v;
          if (a.isEmpty()) return List.of();
          return List.of(new Applied(id, null, m, "equals", List.copyOf(a.getList())));
        }
      default:
        {
          JsonObject o = (JsonObject) v;
          List<Applied> out = new ArrayList<>();
          if (o.getValue("min") != null) {
            out.add(new Applied(id, null, m, "gte", List.of(o.getValue("min"))));
          }
          if (o.getValue("max") != null) {
            out.add(new Applied(id, null, m, "lte", List.of(o.getValue("max"))));
          }
          return out;
        }
    }
  }

  private static LocalDate periodStart(Object v, String at) {
    String s = String.valueOf(v);
    try {
      return LocalDate.parse(s.length() >= 10 ? s.substring(0, 10) : s);
    } catch (DateTimeParseException e) {
      throw ApiException.invalidValue(
          "\"" + s + "\" is not a period's start date (YYYY-MM-DD)", at);
    }
  }

  static LocalDate periodEnd(LocalDate start, TimeGrain grain) {
    return switch (grain) {
      case DAY -> start;
      case WEEK -> start.plusDays(6);
      case MONTH -> start.plusMonths(1).minusDays(1);
      case QUARTER, FISCAL_QUARTER -> start.plusMonths(3).minusDays(1);
      case YEAR, FISCAL_YEAR -> start.plusYears(1).minusDays(1);
    };
  }

  static boolean isTemporal(String type) {
    String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
    return Model.TIME_TYPES.contains(t) || t.startsWith("timestamp") || t.equals("timestamptz");
  }

  static boolean isNumeric(String type) {
    String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
    return Model.NUMERIC_TYPES.contains(t)
        || List.of(
                "numeric",
                "smallint",
                "bigint",
                "int2",
                "int4",
                "int8",
                "real",
                "double precision",
                "float4",
                "float8")
            .contains(t);
  }
}
