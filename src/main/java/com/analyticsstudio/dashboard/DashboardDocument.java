package com.analyticsstudio.dashboard;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a dashboard is, as clients write it (the contract's {@code DashboardInput}): {@code {name,
 * description, columns, refreshSeconds, widgets: [{id, type, chartId | markdown | filterId, x, y,
 * w, h, optOut, ignoreCrossFilters, title, options}], filters: [{id, type, member, dataset, label,
 * default}]}}. These names are the contract (extend them, never rename them).
 *
 * <p>Checked by hand as well as by the contract's validator, because documents also come from
 * storage (restore) and the messages name the place: ids unique and well-formed, every widget
 * inside the grid, each type's own field present (and no other type's), {@code optOut} and a filter
 * widget's {@code filterId} naming filters of the dashboard, defaults of the filter's type. Whether
 * a chart is live and a member exists needs the project: that is the service's check.
 */
public record DashboardDocument(
    String name,
    String description,
    int columns,
    Integer refreshSeconds,
    List<Widget> widgets,
    List<FilterDef> filters) {

  /** The widget types (issue #12). */
  public static final List<String> WIDGET_TYPES = List.of("chart", "kpi", "text", "filter");

  /** The filter types. */
  public static final List<String> FILTER_TYPES = List.of("date_range", "values", "number_range");

  static final Set<String> FIELDS =
      Set.of("name", "description", "columns", "refreshSeconds", "widgets", "filters");
  static final Set<String> SERVER_FIELDS =
      Set.of("id", "projectId", "version", "createdAt", "createdBy", "updatedAt", "updatedBy");
  static final Set<String> WIDGET_FIELDS =
      Set.of(
          "id",
          "type",
          "title",
          "chartId",
          "markdown",
          "filterId",
          "x",
          "y",
          "w",
          "h",
          "optOut",
          "ignoreCrossFilters",
          "options");
  static final Set<String> FILTER_FIELDS =
      Set.of("id", "type", "member", "dataset", "label", "default");

  static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  static final int MAX_NAME = 200;
  static final int MAX_DESCRIPTION = 2000;
  static final int MAX_MARKDOWN = 20_000;
  static final int MAX_NOTE = 1000;
  static final int MAX_WIDGETS = 100;
  static final int MAX_FILTERS = 30;
  static final int MAX_COLUMNS = 48;
  static final int MAX_Y = 10_000;
  static final int MAX_H = 100;
  static final int MAX_VALUES = 1000;
  static final int DEFAULT_COLUMNS = 12;

  /** One grid cell. */
  public record Widget(
      String id,
      String type,
      String title,
      UUID chartId,
      String markdown,
      String filterId,
      int x,
      int y,
      int w,
      int h,
      List<String> optOut,
      boolean ignoreCrossFilters,
      JsonObject options) {
    /** Whether the widget shows a saved chart's data (chart or KPI). */
    public boolean runsChart() {
      return chartId != null;
    }

    JsonObject toJson() {
      JsonObject j = new JsonObject().put("id", id).put("type", type);
      if (title != null) j.put("title", title);
      if (chartId != null) j.put("chartId", chartId.toString());
      if (markdown != null) j.put("markdown", markdown);
      if (filterId != null) j.put("filterId", filterId);
      j.put("x", x).put("y", y).put("w", w).put("h", h);
      j.put("optOut", new JsonArray(new ArrayList<>(optOut)));
      j.put("ignoreCrossFilters", ignoreCrossFilters);
      if (options != null) j.put("options", options.copy());
      return j;
    }

    /** The position and size, for the change log's "moved". */
    boolean samePlace(Widget o) {
      return x == o.x && y == o.y && w == o.w && h == o.h;
    }
  }

  /** A dashboard-wide filter; {@code defaultValue} is its parsed {@code default} (or null). */
  public record FilterDef(
      String id, String type, String member, String dataset, String label, Object defaultValue) {
    JsonObject toJson() {
      return new JsonObject()
          .put("id", id)
          .put("type", type)
          .put("member", member)
          .put("dataset", dataset)
          .put("label", label)
          .put("default", defaultValue);
    }
  }

  public DashboardDocument {
    description = description == null || description.isBlank() ? null : description;
    widgets = List.copyOf(widgets);
    filters = List.copyOf(filters);
  }

  public JsonObject toJson() {
    JsonArray ws = new JsonArray();
    widgets.forEach(w -> ws.add(w.toJson()));
    JsonArray fs = new JsonArray();
    filters.forEach(f -> fs.add(f.toJson()));
    return new JsonObject()
        .put("name", name)
        .put("description", description)
        .put("columns", columns)
        .put("refreshSeconds", refreshSeconds)
        .put("widgets", ws)
        .put("filters", fs);
  }

  /** The layout part stored as one JSONB value (name and description have their own columns). */
  JsonObject layoutJson() {
    JsonObject j = toJson();
    j.remove("name");
    j.remove("description");
    return j;
  }

  /** A document from its stored parts (trusted, but read with the same checks). */
  static DashboardDocument stored(String name, String description, JsonObject layout) {
    JsonObject j = layout.copy().put("name", name).put("description", description);
    return read(j, Set.of());
  }

  public FilterDef filter(String id) {
    for (FilterDef f : filters) if (f.id.equals(id)) return f;
    return null;
  }

  public Widget widget(String id) {
    for (Widget w : widgets) if (w.id.equals(id)) return w;
    return null;
  }

  /** The live charts the widgets name, in widget order, without repeats. */
  public List<UUID> chartIds() {
    List<UUID> out = new ArrayList<>();
    for (Widget w : widgets) if (w.chartId != null && !out.contains(w.chartId)) out.add(w.chartId);
    return out;
  }

  /**
   * A saved dashboard's document (create, update): fields other than the document's, {@code note}
   * and, when {@code allowServerFields}, the server fields are refused.
   *
   * @throws ApiException 400 {@code validation_failed} naming the place
   */
  public static DashboardDocument fromJson(JsonObject body, boolean allowServerFields) {
    Set<String> extra = new HashSet<>(Set.of("note"));
    if (allowServerFields) extra.addAll(SERVER_FIELDS);
    return read(body, extra);
  }

  /** The save note of a body (absent, null or blank: none). */
  public static String note(JsonObject body) {
    Object v = body == null ? null : body.getValue("note");
    if (v == null) return null;
    if (!(v instanceof String s)) throw ApiException.invalidValue("note must be text", "/note");
    if (s.length() > MAX_NOTE) {
      throw ApiException.invalidValue(
          "the note is longer than " + MAX_NOTE + " characters", "/note");
    }
    return s.isBlank() ? null : s.strip();
  }

  private static DashboardDocument read(JsonObject body, Set<String> extra) {
    if (body == null) throw ApiException.invalidValue("the body must be a dashboard object", "/");
    for (String key : body.fieldNames()) {
      if (!FIELDS.contains(key) && !extra.contains(key)) {
        throw ApiException.invalidValue(
            "unknown field \""
                + key
                + "\"; a dashboard has name, description, columns, refreshSeconds, widgets,"
                + " filters (and a save note)",
            "/" + key);
      }
    }
    String name = text(body.getValue("name"), "/name", MAX_NAME, true);
    if (name == null || name.isBlank()) {
      throw ApiException.invalidValue("the dashboard needs a name", "/name");
    }
    String description = text(body.getValue("description"), "/description", MAX_DESCRIPTION, true);
    int columns =
        body.getValue("columns") == null
            ? DEFAULT_COLUMNS
            : whole(body.getValue("columns"), "/columns", 1, MAX_COLUMNS);
    Integer refresh =
        body.getValue("refreshSeconds") == null
            ? null
            : whole(body.getValue("refreshSeconds"), "/refreshSeconds", 10, 86_400);

    List<FilterDef> filters = new ArrayList<>();
    JsonArray fs = list(body.getValue("filters"), "/filters", MAX_FILTERS);
    Set<String> filterIds = new HashSet<>();
    for (int i = 0; i < fs.size(); i++) {
      FilterDef f = filter(fs.getValue(i), "/filters/" + i);
      if (!filterIds.add(f.id)) {
        throw ApiException.invalidValue(
            "filter id \"" + f.id + "\" is used twice", "/filters/" + i + "/id");
      }
      filters.add(f);
    }

    List<Widget> widgets = new ArrayList<>();
    JsonArray ws = list(body.getValue("widgets"), "/widgets", MAX_WIDGETS);
    Set<String> widgetIds = new HashSet<>();
    for (int i = 0; i < ws.size(); i++) {
      Widget w = widget(ws.getValue(i), "/widgets/" + i, columns, filterIds);
      if (!widgetIds.add(w.id)) {
        throw ApiException.invalidValue(
            "widget id \"" + w.id + "\" is used twice", "/widgets/" + i + "/id");
      }
      widgets.add(w);
    }
    return new DashboardDocument(name.strip(), description, columns, refresh, widgets, filters);
  }

  private static Widget widget(Object raw, String at, int columns, Set<String> filterIds) {
    if (!(raw instanceof JsonObject o))
      throw ApiException.invalidValue("a widget is an object", at);
    for (String key : o.fieldNames()) {
      if (!WIDGET_FIELDS.contains(key)) {
        throw ApiException.invalidValue(
            "unknown field \"" + key + "\" in a widget", at + "/" + key);
      }
    }
    String id = id(o.getValue("id"), at + "/id");
    if (!(o.getValue("type") instanceof String type) || !WIDGET_TYPES.contains(type)) {
      throw ApiException.invalidValue(
          "widget type must be one of " + String.join(", ", WIDGET_TYPES), at + "/type");
    }
    String title = text(o.getValue("title"), at + "/title", MAX_NAME, true);
    UUID chartId = null;
    if (o.getValue("chartId") != null) {
      try {
        chartId = UUID.fromString(String.valueOf(o.getValue("chartId")));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalidValue("chartId must be a chart's id (a UUID)", at + "/chartId");
      }
    }
    String markdown = text(o.getValue("markdown"), at + "/markdown", MAX_MARKDOWN, false);
    String filterId =
        o.getValue("filterId") == null ? null : id(o.getValue("filterId"), at + "/filterId");
    boolean charted = type.equals("chart") || type.equals("kpi");
    need(charted == (chartId != null), at + "/chartId", type, "chartId", "chart and kpi");
    need(type.equals("text") == (markdown != null), at + "/markdown", type, "markdown", "text");
    need(type.equals("filter") == (filterId != null), at + "/filterId", type, "filterId", "filter");
    if (filterId != null && !filterIds.contains(filterId)) {
      throw ApiException.invalidValue(
          "filterId \"" + filterId + "\" is not a filter of this dashboard", at + "/filterId");
    }
    int x = whole(o.getValue("x"), at + "/x", 0, MAX_COLUMNS - 1);
    int y = whole(o.getValue("y"), at + "/y", 0, MAX_Y);
    int w = whole(o.getValue("w"), at + "/w", 1, MAX_COLUMNS);
    int h = whole(o.getValue("h"), at + "/h", 1, MAX_H);
    if (x + w > columns) {
      throw ApiException.invalidValue(
          "widget \"" + id + "\" ends at column " + (x + w) + ", past the grid's " + columns,
          at + "/w");
    }
    List<String> optOut = new ArrayList<>();
    JsonArray oo = list(o.getValue("optOut"), at + "/optOut", MAX_FILTERS * 2);
    for (int k = 0; k < oo.size(); k++) {
      String f = id(oo.getValue(k), at + "/optOut/" + k);
      if (!filterIds.contains(f)) {
        throw ApiException.invalidValue(
            "optOut names \"" + f + "\", which is not a filter of this dashboard",
            at + "/optOut/" + k);
      }
      if (!optOut.contains(f)) optOut.add(f);
    }
    Object ignore = o.getValue("ignoreCrossFilters");
    if (ignore != null && !(ignore instanceof Boolean)) {
      throw ApiException.invalidValue("ignoreCrossFilters must be true or false", at);
    }
    Object options = o.getValue("options");
    if (options != null && !(options instanceof JsonObject)) {
      throw ApiException.invalidValue("options must be an object", at + "/options");
    }
    return new Widget(
        id,
        type,
        title,
        chartId,
        markdown,
        filterId,
        x,
        y,
        w,
        h,
        List.copyOf(optOut),
        Boolean.TRUE.equals(ignore),
        (JsonObject) options);
  }

  private static void need(boolean ok, String at, String type, String field, String types) {
    if (!ok) {
      throw ApiException.invalidValue(
          field + " belongs to " + types + " widgets (this one is " + type + ")", at);
    }
  }

  private static FilterDef filter(Object raw, String at) {
    if (!(raw instanceof JsonObject o))
      throw ApiException.invalidValue("a filter is an object", at);
    for (String key : o.fieldNames()) {
      if (!FILTER_FIELDS.contains(key)) {
        throw ApiException.invalidValue(
            "unknown field \"" + key + "\" in a filter", at + "/" + key);
      }
    }
    String id = id(o.getValue("id"), at + "/id");
    if (!(o.getValue("type") instanceof String type) || !FILTER_TYPES.contains(type)) {
      throw ApiException.invalidValue(
          "filter type must be one of " + String.join(", ", FILTER_TYPES), at + "/type");
    }
    String member = text(o.getValue("member"), at + "/member", MAX_NAME, false);
    if (member == null || member.isBlank()) {
      throw ApiException.invalidValue(
          "the filter needs a member (a dimension name)", at + "/member");
    }
    String dataset = text(o.getValue("dataset"), at + "/dataset", MAX_NAME, true);
    String label = text(o.getValue("label"), at + "/label", MAX_NAME, true);
    FilterDef shape = new FilterDef(id, type, member.strip(), dataset, label, null);
    Object def = value(shape, o.getValue("default"), at + "/default");
    return new FilterDef(id, type, shape.member, dataset, label, def);
  }

  /**
   * A filter value checked against the filter's type and returned in its canonical JSON form: a
   * preset name or {@code {from, to}} for date ranges, a list for values, {@code {min, max}} for
   * number ranges; null for no filter.
   *
   * @throws ApiException 400 {@code validation_failed} at {@code at}
   */
  static Object value(FilterDef f, Object raw, String at) {
    if (raw == null) return null;
    switch (f.type) {
      case "date_range":
        {
          if (raw instanceof String s) {
            if (!DatePresets.NAMES.contains(s)) {
              throw ApiException.invalidValue(
                  "a date range is one of "
                      + String.join(", ", DatePresets.NAMES)
                      + " or {from, to}",
                  at);
            }
            return s;
          }
          if (!(raw instanceof JsonObject o) || !Set.of("from", "to").containsAll(o.fieldNames())) {
            throw ApiException.invalidValue(
                "a date range is a preset name or {\"from\": date, \"to\": date}", at);
          }
          LocalDate from = date(o.getValue("from"), at + "/from");
          LocalDate to = date(o.getValue("to"), at + "/to");
          if (from != null && to != null && to.isBefore(from)) {
            throw ApiException.invalidValue("the range ends before it starts", at);
          }
          return new JsonObject()
              .put("from", from == null ? null : from.toString())
              .put("to", to == null ? null : to.toString());
        }
      case "values":
        {
          if (!(raw instanceof JsonArray a)) {
            throw ApiException.invalidValue("a values filter's value is a list", at);
          }
          if (a.size() > MAX_VALUES) {
            throw ApiException.invalidValue("at most " + MAX_VALUES + " values", at);
          }
          for (int i = 0; i < a.size(); i++) {
            Object v = a.getValue(i);
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
              throw ApiException.invalidValue("values are text, numbers or booleans", at + "/" + i);
            }
            if (v instanceof String s && s.indexOf('\u0000') >= 0) {
              throw ApiException.invalidValue(
                  "a value cannot contain a NUL character", at + "/" + i);
            }
          }
          return a.copy();
        }
      default:
        {
          if (!(raw instanceof JsonObject o) || !Set.of("min", "max").containsAll(o.fieldNames())) {
            throw ApiException.invalidValue(
                "a number range is {\"min\": number, \"max\": number} (either may be null)", at);
          }
          Object min = o.getValue("min");
          Object max = o.getValue("max");
          if (min != null && !(min instanceof Number) || max != null && !(max instanceof Number)) {
            throw ApiException.invalidValue("min and max are numbers or null", at);
          }
          if (min != null
              && max != null
              && ((Number) min).doubleValue() > ((Number) max).doubleValue()) {
            throw ApiException.invalidValue("min is greater than max", at);
          }
          return new JsonObject().put("min", min).put("max", max);
        }
    }
  }

  private static LocalDate date(Object v, String at) {
    if (v == null) return null;
    try {
      return LocalDate.parse(String.valueOf(v));
    } catch (DateTimeParseException e) {
      throw ApiException.invalidValue("\"" + v + "\" is not a date (YYYY-MM-DD)", at);
    }
  }

  private static String id(Object v, String at) {
    if (!(v instanceof String s) || !ID.matcher(s).matches()) {
      throw ApiException.invalidValue("an id is 1 to 64 letters, digits, '_' or '-'", at);
    }
    return s;
  }

  private static String text(Object v, String at, int max, boolean blankIsNull) {
    if (v == null) return null;
    if (!(v instanceof String s)) throw ApiException.invalidValue("must be text", at);
    if (s.length() > max) {
      throw ApiException.invalidValue("longer than " + max + " characters", at);
    }
    if (s.indexOf('\u0000') >= 0) {
      throw ApiException.invalidValue("cannot contain a NUL character", at);
    }
    return blankIsNull && s.isBlank() ? null : s;
  }

  private static int whole(Object v, String at, int min, int max) {
    if (!(v instanceof Number n)
        || n.doubleValue() != Math.rint(n.doubleValue())
        || n.doubleValue() < min
        || n.doubleValue() > max) {
      throw ApiException.invalidValue("must be a whole number from " + min + " to " + max, at);
    }
    return n.intValue();
  }

  private static JsonArray list(Object v, String at, int max) {
    if (v == null) return new JsonArray();
    if (!(v instanceof JsonArray a)) throw ApiException.invalidValue("must be a list", at);
    if (a.size() > max) throw ApiException.invalidValue("at most " + max + " items", at);
    return a;
  }
}
