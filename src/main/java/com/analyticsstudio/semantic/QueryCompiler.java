package com.analyticsstudio.semantic;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.semantic.Ast.Expr;
import com.analyticsstudio.semantic.SemanticRequest.FilterSpec;
import com.analyticsstudio.semantic.SemanticRequest.MeasureSpec;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compiles a {@link SemanticRequest} against a {@link ModelIndex} into ONE SQL statement.
 *
 * <p>Without a date range or time transform it is a plain {@code GROUP BY}. With one, it is built
 * on a calendar ({@code generate_series} of the periods), so periods without rows appear (0 for
 * counts and sums, null otherwise):
 *
 * <pre>
 * WITH "calendar" (the periods), "keys" (calendar × the dimension values seen in the range),
 *      "w0" (the measures grouped by period), "w1"… (one per time transform: the calendar joined
 *      to the rows of each period's window, by date)
 * SELECT keys LEFT JOIN w0 LEFT JOIN w1 …
 * </pre>
 *
 * Comparisons are null when the earlier window has no rows (its row is missing from the join). Pure
 * and thread-confined; a request's compile allocates, parses and writes text only.
 */
public final class QueryCompiler {
  /**
   * An output column: its name in the result, a label for people and the measure's format (or
   * null).
   */
  public record OutColumn(String name, String label, JsonObject format) {}

  /** One compiled statement and the columns it returns. */
  public record Compiled(String sql, List<OutColumn> columns) {}

  private record OutMeasure(
      String name,
      String sql,
      TimeTransform transform,
      boolean zero,
      String label,
      JsonObject format) {}

  private final SemanticRequest q;
  private final ModelIndex idx;
  private final FormulaChecker checker;
  private final FormulaCompiler formulas;
  private final int fiscal;

  private QueryCompiler(SemanticRequest q, ModelIndex idx) {
    this.q = q;
    this.idx = idx;
    this.checker = new FormulaChecker(idx);
    this.formulas = new FormulaCompiler(idx, checker.types());
    this.fiscal = idx.model().fiscalYearStartMonth();
  }

  /**
   * {@code comment} ends the statement (e.g. {@code model v3}), so a person reading it knows its
   * source.
   */
  public static Compiled compile(SemanticRequest q, ModelIndex idx, String comment) {
    return new QueryCompiler(q, idx).compile(comment);
  }

  /**
   * The dataset's own rows that {@code filters} select (every dimension that is not broken, named
   * by the dimension), in a stable order (every selected column), {@code limit} rows from {@code
   * offset}: the rows behind a chart's mark. Filters on related members join their dataset.
   */
  public static Compiled rows(
      List<FilterSpec> filters, ModelIndex idx, int limit, long offset, String comment) {
    SemanticRequest q =
        new SemanticRequest(idx.table(), List.of(), List.of(), null, filters, List.of(), limit);
    return new QueryCompiler(q, idx).compileRows(limit, offset, comment);
  }

  private Compiled compileRows(int limit, long offset, String comment) {
    List<String> where = new ArrayList<>();
    for (FilterSpec f : q.filters()) where.add(filter(f));
    List<String> select = new ArrayList<>();
    List<String> order = new ArrayList<>();
    List<OutColumn> out = new ArrayList<>();
    for (Model.Dimension d : idx.model().dimensions()) {
      if (d.broken() != null) continue;
      select.add(SqlText.column(ModelIndex.BASE, d.column()) + " AS " + SqlText.ident(d.name()));
      order.add(String.valueOf(select.size()));
      out.add(new OutColumn(d.name(), dimensionLabel(d.name()), d.format()));
    }
    String sql =
        "SELECT "
            + String.join(", ", select)
            + " FROM "
            + idx.from()
            + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " ORDER BY "
            + String.join(", ", order)
            + " LIMIT "
            + limit
            + " OFFSET "
            + offset;
    return new Compiled(sql + "\n-- " + comment.replace('\n', ' '), List.copyOf(out));
  }

  private Compiled compile(String comment) {
    List<OutColumn> out = new ArrayList<>();
    Set<String> names = new HashSet<>();

    List<String> dimSql = new ArrayList<>();
    for (int i = 0; i < q.dimensions().size(); i++) {
      String member = q.dimensions().get(i);
      Scope.Field f = fieldOf(member, "dimensions[" + i + "]");
      dimSql.add(f.sql());
      out.add(new OutColumn(unique(names, member), dimensionLabel(member), null));
    }

    String timeSql = null;
    TimeGrain grain = null;
    if (q.time() != null) {
      Scope.Field f = fieldOf(q.time().dimension(), "time.dimension");
      if (!f.type().temporal()) {
        throw ApiException.badRequest(
            "invalid_query",
            "time.dimension: \""
                + q.time().dimension()
                + "\" is a "
                + f.type().wire()
                + ", not a date or timestamp",
            new JsonObject().put("member", q.time().dimension()));
      }
      timeSql = f.sql();
      grain = q.time().granularity();
    }
    int timeColumn = -1;
    if (grain != null) {
      timeColumn = out.size();
      out.add(
          new OutColumn(
              unique(names, q.time().dimension() + "." + grain.wire()),
              dimensionLabel(q.time().dimension()) + " (" + grain.wire().replace('_', ' ') + ")",
              null));
    }

    List<OutMeasure> measures = new ArrayList<>();
    for (MeasureSpec m : q.measures()) {
      OutMeasure om = measure(m);
      if (om.transform() != null && grain == null) {
        throw ApiException.badRequest(
            "missing_time_dimension",
            m.path()
                + ": the time transform \""
                + om.transform().wire()
                + "\" of "
                + om.name()
                + " needs a time dimension with a granularity (time.dimension and time.granularity)",
            new JsonObject().put("member", om.name()));
      }
      measures.add(om);
      out.add(new OutColumn(unique(names, om.name()), om.label(), om.format()));
    }

    List<String> where = new ArrayList<>();
    for (FilterSpec f : q.filters()) where.add(filter(f));
    List<String> rowWhere = new ArrayList<>(where);
    if (q.time() != null && q.time().from() != null) {
      rowWhere.add(timeSql + " >= " + SqlText.date(q.time().from()));
      rowWhere.add(timeSql + " < " + SqlText.date(q.time().to().plusDays(1)));
    }

    boolean calendar =
        grain != null
            && (q.time().from() != null || measures.stream().anyMatch(m -> m.transform() != null));
    String order = orderBy(out, timeColumn, q.dimensions().size());
    String sql =
        calendar
            ? calendarSql(dimSql, timeSql, grain, measures, out, where, rowWhere, order)
            : plainSql(dimSql, timeSql, grain, measures, out, rowWhere, order);
    return new Compiled(sql + "\n-- " + comment.replace('\n', ' '), List.copyOf(out));
  }

  // ---------------------------------------------------------------------------------------------
  // statements

  private String plainSql(
      List<String> dims,
      String timeSql,
      TimeGrain grain,
      List<OutMeasure> measures,
      List<OutColumn> out,
      List<String> where,
      String order) {
    List<String> select = new ArrayList<>();
    int c = 0;
    for (String d : dims) select.add(d + " AS " + SqlText.ident(out.get(c++).name()));
    if (grain != null)
      select.add(grain.start(timeSql, fiscal) + " AS " + SqlText.ident(out.get(c++).name()));
    int groups = select.size();
    for (OutMeasure m : measures) select.add(m.sql() + " AS " + SqlText.ident(out.get(c++).name()));
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(String.join(", ", select))
            .append(" FROM ")
            .append(idx.from());
    if (!where.isEmpty()) sql.append(" WHERE ").append(String.join(" AND ", where));
    if (groups > 0) {
      sql.append(" GROUP BY ");
      for (int i = 1; i <= groups; i++) sql.append(i == 1 ? "" : ", ").append(i);
    }
    return sql.append(order).toString();
  }

  private String calendarSql(
      List<String> dims,
      String timeSql,
      TimeGrain grain,
      List<OutMeasure> measures,
      List<OutColumn> out,
      List<String> where,
      List<String> rowWhere,
      String order) {
    String step = "CAST('" + grain.step() + "' AS interval)";
    // Compile every piece before idx.from(): the joins are those the expressions used.
    String bucket = grain.start(timeSql, fiscal);
    Map<TimeTransform, List<Integer>> windows = new LinkedHashMap<>();
    List<Integer> base = new ArrayList<>();
    for (int i = 0; i < measures.size(); i++) {
      TimeTransform t = measures.get(i).transform();
      if (t == null || t.base() != null) base.add(i);
      if (t != null)
        windows.computeIfAbsent(t.base() != null ? t.base() : t, k -> new ArrayList<>()).add(i);
    }
    String from = idx.from();
    String whereSql = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    String rowWhereSql = rowWhere.isEmpty() ? "" : " WHERE " + String.join(" AND ", rowWhere);

    String start;
    String end;
    if (q.time().from() != null) {
      start = grain.start(SqlText.date(q.time().from()), fiscal);
      end = SqlText.date(q.time().to());
    } else {
      start =
          "(SELECT "
              + grain.start("min(" + timeSql + ")", fiscal)
              + " FROM "
              + from
              + whereSql
              + ")";
      end = "(SELECT CAST(max(" + timeSql + ") AS date) FROM " + from + whereSql + ")";
    }
    StringBuilder sql =
        new StringBuilder(
                "WITH \"calendar\" AS (SELECT CAST(\"g\" AS date) AS \"period\" FROM generate_series(CAST(")
            .append(start)
            .append(" AS timestamp), CAST(")
            .append(end)
            .append(" AS timestamp), ")
            .append(step)
            .append(") AS \"g\")");

    List<String> dimAliases = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) dimAliases.add("d" + i);
    sql.append(", \"keys\" AS (SELECT \"calendar\".\"period\"");
    for (String a : dimAliases) sql.append(", \"v\".").append(SqlText.ident(a));
    sql.append(" FROM \"calendar\"");
    if (!dims.isEmpty()) {
      sql.append(" CROSS JOIN (SELECT DISTINCT ");
      for (int i = 0; i < dims.size(); i++)
        sql.append(i == 0 ? "" : ", ")
            .append(dims.get(i))
            .append(" AS ")
            .append(SqlText.ident(dimAliases.get(i)));
      sql.append(" FROM ").append(from).append(rowWhereSql).append(") AS \"v\"");
    }
    sql.append(")");

    String groupBy = groupBy(1 + dims.size());
    if (!base.isEmpty()) {
      sql.append(", \"w0\" AS (SELECT ").append(bucket).append(" AS \"period\"");
      for (int i = 0; i < dims.size(); i++)
        sql.append(", ")
            .append(dims.get(i))
            .append(" AS ")
            .append(SqlText.ident(dimAliases.get(i)));
      for (int i : base)
        sql.append(", ").append(measures.get(i).sql()).append(" AS \"m").append(i).append('"');
      sql.append(" FROM ").append(from).append(rowWhereSql).append(groupBy).append(")");
    }
    Map<TimeTransform, String> windowAlias = new LinkedHashMap<>();
    int w = 1;
    for (Map.Entry<TimeTransform, List<Integer>> e : windows.entrySet()) {
      String alias = "w" + w++;
      windowAlias.put(e.getKey(), alias);
      String[] range = e.getKey().window("\"calendar\".\"period\"", grain, fiscal);
      String joined =
          idx.from(
              "\"calendar\" JOIN ",
              " ON " + timeSql + " >= " + range[0] + " AND " + timeSql + " < " + range[1]);
      sql.append(", ").append(SqlText.ident(alias)).append(" AS (SELECT \"calendar\".\"period\"");
      for (int i = 0; i < dims.size(); i++)
        sql.append(", ")
            .append(dims.get(i))
            .append(" AS ")
            .append(SqlText.ident(dimAliases.get(i)));
      for (int i : e.getValue())
        sql.append(", ").append(measures.get(i).sql()).append(" AS \"m").append(i).append('"');
      sql.append(" FROM ").append(joined).append(whereSql).append(groupBy).append(")");
    }

    List<String> select = new ArrayList<>();
    int c = 0;
    for (String a : dimAliases)
      select.add("\"k\"." + SqlText.ident(a) + " AS " + SqlText.ident(out.get(c++).name()));
    select.add("\"k\".\"period\" AS " + SqlText.ident(out.get(c++).name()));
    // The time column comes after the dimensions in the output, as in the plain statement.
    for (int i = 0; i < measures.size(); i++) {
      OutMeasure m = measures.get(i);
      String current = m.zero() ? "coalesce(\"w0\".\"m" + i + "\", 0)" : "\"w0\".\"m" + i + "\"";
      String value;
      if (m.transform() == null) {
        value = current;
      } else if (m.transform().base() == null) {
        String v = SqlText.ident(windowAlias.get(m.transform())) + ".\"m" + i + "\"";
        value = m.zero() && !m.transform().comparison() ? "coalesce(" + v + ", 0)" : v;
      } else {
        String earlier = SqlText.ident(windowAlias.get(m.transform().base())) + ".\"m" + i + "\"";
        value =
            m.transform().percent()
                ? "(CAST("
                    + current
                    + " - "
                    + earlier
                    + " AS numeric) / NULLIF("
                    + earlier
                    + ", 0))"
                : "(" + current + " - " + earlier + ")";
      }
      select.add(value + " AS " + SqlText.ident(out.get(c++).name()));
    }
    sql.append(" SELECT ").append(String.join(", ", select)).append(" FROM \"keys\" AS \"k\"");
    List<String> joins = new ArrayList<>();
    if (!base.isEmpty()) joins.add("w0");
    joins.addAll(windowAlias.values());
    for (String j : joins) {
      sql.append(" LEFT JOIN ")
          .append(SqlText.ident(j))
          .append(" ON ")
          .append(SqlText.ident(j))
          .append(".\"period\" = \"k\".\"period\"");
      for (String a : dimAliases) {
        sql.append(" AND ")
            .append(SqlText.ident(j))
            .append('.')
            .append(SqlText.ident(a))
            .append(" IS NOT DISTINCT FROM \"k\".")
            .append(SqlText.ident(a));
      }
    }
    return sql.append(order).toString();
  }

  private static String groupBy(int n) {
    StringBuilder out = new StringBuilder(" GROUP BY ");
    for (int i = 1; i <= n; i++) out.append(i == 1 ? "" : ", ").append(i);
    return out.toString();
  }

  /**
   * Orders by output position, not by alias: an alias such as {@code "order_date.month"} reads like
   * attribute notation ({@code order_date.month}) to the guard, which would refuse it.
   */
  private String orderBy(List<OutColumn> out, int timeColumn, int dims) {
    List<String> terms = new ArrayList<>();
    if (q.order().isEmpty()) {
      if (timeColumn >= 0) terms.add(String.valueOf(timeColumn + 1));
      for (int i = 0; i < dims; i++) terms.add(String.valueOf(i + 1));
    }
    for (int i = 0; i < q.order().size(); i++) {
      SemanticRequest.OrderSpec o = q.order().get(i);
      String name = o.member();
      if (timeColumn >= 0 && name.equals(q.time().dimension())) name = out.get(timeColumn).name();
      String resolved = name;
      if (out.stream().noneMatch(c -> c.name().equals(resolved))) {
        throw unknown(
            "order[" + i + "].member",
            o.member(),
            out.stream().map(OutColumn::name).toList(),
            "is not a column of this query");
      }
      int position = 1;
      while (!out.get(position - 1).name().equals(resolved)) position++;
      terms.add(position + (o.descending() ? " DESC NULLS LAST" : " ASC"));
    }
    return terms.isEmpty() ? "" : " ORDER BY " + String.join(", ", terms);
  }

  // ---------------------------------------------------------------------------------------------
  // members

  private Scope.Field fieldOf(String member, String path) {
    int dot = member.indexOf('.');
    String qualifier = dot < 0 ? null : member.substring(0, dot);
    String name = dot < 0 ? member : member.substring(dot + 1);
    if (qualifier != null && !idx.relation(qualifier)) {
      throw unknown(path, member, idx.names(null), "names no relationship of this dataset");
    }
    Scope.Field f = idx.field(qualifier, name);
    if (f == null) {
      if (idx.measure(qualifier, name) != null) {
        throw ApiException.badRequest(
            "invalid_query",
            path + ": \"" + member + "\" is a measure, not a dimension",
            new JsonObject().put("member", member));
      }
      List<String> dims =
          qualifier == null
              ? idx.model().dimensions().stream().map(Model.Dimension::name).toList()
              : idx.names(qualifier);
      throw unknown(path, member, dims, "is not a dimension of this dataset");
    }
    if (f.broken() != null) {
      throw ApiException.unprocessable(
          "broken_member",
          path + ": \"" + member + "\" is broken: " + f.broken(),
          new JsonObject().put("member", member));
    }
    return f;
  }

  private String dimensionLabel(String member) {
    int dot = member.indexOf('.');
    Model.Dimension d = dot < 0 ? idx.model().dimension(member) : null;
    return d != null && d.label() != null ? d.label() : Model.humanize(member.replace('.', ' '));
  }

  private OutMeasure measure(MeasureSpec m) {
    TimeTransform t = m.transform();
    String suffix = t == null ? "" : "__" + t.wire();
    if (m.measure() != null) {
      int dot = m.measure().indexOf('.');
      String qualifier = dot < 0 ? null : m.measure().substring(0, dot);
      String name = dot < 0 ? m.measure() : m.measure().substring(dot + 1);
      Scope.MeasureDef def =
          qualifier != null && !idx.relation(qualifier) ? null : idx.measure(qualifier, name);
      if (def == null) {
        throw unknown(
            m.path(),
            m.measure(),
            idx.model().measures().stream().map(Model.Measure::name).toList(),
            "is not a measure of this dataset");
      }
      if (def.oneSide()) {
        throw ApiException.unprocessable(
            "fan_out",
            m.path()
                + ": \""
                + m.measure()
                + "\" belongs to the \"one\" side of "
                + "the relationship "
                + qualifier
                + "; summed through the join it would be repeated for every matching row of "
                + idx.table()
                + ". Query it on "
                + qualifier
                + " itself, or group "
                + qualifier
                + "'s measures by its own fields",
            new JsonObject().put("member", m.measure()));
      }
      if (def.broken() != null) {
        throw ApiException.unprocessable(
            "broken_member",
            m.path() + ": measure \"" + name + "\" is broken: " + def.broken(),
            new JsonObject().put("member", name));
      }
      try {
        checker.measureDef(def);
      } catch (FormulaError e) {
        throw ApiException.unprocessable(
            "broken_member",
            m.path() + ": measure \"" + name + "\" cannot be computed: " + e.getMessage(),
            new JsonObject().put("member", name));
      }
      Model.Measure doc = idx.measureDoc(name);
      return new OutMeasure(
          m.as() != null ? m.as() : name + suffix,
          formulas.measure(def, null),
          t,
          def.zeroWhenEmpty(),
          label(doc.label(), t),
          format(doc.format(), t));
    }
    String text;
    String name;
    String label;
    String path;
    if (m.aggregation() != null) {
      Model.Measure inline =
          new Model.Measure(
              "inline",
              null,
              null,
              m.aggregation(),
              m.column(),
              m.p(),
              null,
              null,
              null,
              List.of(),
              false,
              null);
      if (m.column() != null) fieldOf(m.column(), m.path() + ".column");
      text = inline.asFormula();
      name = m.as() != null ? m.as() : m.aggregation() + "_" + m.column() + suffix;
      label = Model.humanize(m.aggregation()) + " of " + (m.column() == null ? "rows" : m.column());
      path = m.path();
    } else {
      text = m.formula();
      name = m.as();
      label = Model.humanize(m.as());
      path = m.path() + ".formula";
    }
    Expr body;
    try {
      body = FormulaParser.parse(text);
      checker.measure(body);
    } catch (FormulaError e) {
      throw e.toApi(path);
    }
    boolean zero =
        body instanceof Ast.Call c
            && (c.name().equals("sum")
                || c.name().equals("count")
                || c.name().equals("count_distinct"));
    return new OutMeasure(
        name,
        formulas.expr(body, null),
        t,
        zero,
        label(label, t),
        t != null && t.percent() ? percent() : null);
  }

  private static String label(String label, TimeTransform t) {
    return t == null ? label : label + " (" + t.wire().replace('_', ' ') + ")";
  }

  private static JsonObject format(JsonObject format, TimeTransform t) {
    return t != null && t.percent() ? percent() : format;
  }

  private static JsonObject percent() {
    return new JsonObject().put("type", "percent").put("decimals", 1);
  }

  // ---------------------------------------------------------------------------------------------
  // filters

  private String filter(FilterSpec f) {
    Scope.Field field = fieldOf(f.member(), f.path() + ".member");
    String col = field.sql();
    ValueType t = field.type();
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
          need(f, vs.size() >= 1, "needs at least one value");
          String list = vs.stream().map(v -> value(f, v, t)).collect(Collectors.joining(", "));
          return op.equals("equals")
              ? col + " IN (" + list + ")"
              : "(" + col + " IS NULL OR " + col + " NOT IN (" + list + "))";
        }
      case "contains":
      case "notContains":
      case "startsWith":
      case "endsWith":
        {
          need(
              f, t == ValueType.TEXT, "works on text, and \"" + f.member() + "\" is a " + t.wire());
          need(f, vs.size() >= 1, "needs at least one value");
          return SqlText.textMatch(op, col, "lower(" + col + ")", vs);
        }
      case "gt":
      case "gte":
      case "lt":
      case "lte":
        {
          need(
              f,
              t == ValueType.NUMBER || t.temporal(),
              "compares numbers or dates, and \"" + f.member() + "\" is a " + t.wire());
          need(f, vs.size() == 1, "needs exactly one value");
          return col + " " + SqlText.comparison(op) + " " + value(f, vs.get(0), t);
        }
      default:
        {
          need(f, t.temporal(), "works on dates, and \"" + f.member() + "\" is a " + t.wire());
          if (op.equals("inDateRange") || op.equals("notInDateRange")) {
            need(f, vs.size() == 2, "needs two dates [from, to]");
            LocalDate from = date(f, vs.get(0));
            LocalDate to = date(f, vs.get(1));
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
          need(f, vs.size() == 1, "needs one date");
          LocalDate d = date(f, vs.get(0));
          return op.equals("beforeDate")
              ? col + " < " + SqlText.date(d)
              : col + " >= " + SqlText.date(d.plusDays(1));
        }
    }
  }

  private static void need(FilterSpec f, boolean ok, String message) {
    if (!ok) {
      throw ApiException.badRequest(
          "invalid_filter",
          f.path() + ": \"" + f.operator() + "\" " + message,
          new JsonObject().put("member", f.member()));
    }
  }

  /** A filter value as a SQL literal of the member's type; anything that is not one is refused. */
  private static String value(FilterSpec f, Object v, ValueType t) {
    try {
      return switch (t) {
        case NUMBER -> new BigDecimal(String.valueOf(v).trim()).toPlainString();
        case BOOLEAN -> {
          String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
          if (!s.equals("true") && !s.equals("false")) throw new NumberFormatException();
          yield s.toUpperCase(Locale.ROOT);
        }
        case DATE -> SqlText.date(LocalDate.parse(String.valueOf(v).trim()));
        case TIMESTAMP -> {
          String s = String.valueOf(v).trim();
          yield "CAST("
              + SqlText.literal(
                  s.length() == 10
                      ? LocalDate.parse(s).atStartOfDay().toString()
                      : LocalDateTime.parse(s.replace(' ', 'T')).toString())
              + " AS timestamp)";
        }
        default -> SqlText.literal(String.valueOf(v));
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw ApiException.badRequest(
          "invalid_filter",
          f.path() + ": '" + v + "' is not a " + t.wire() + " value for \"" + f.member() + "\"",
          new JsonObject().put("member", f.member()));
    }
  }

  private static LocalDate date(FilterSpec f, Object v) {
    try {
      String s = String.valueOf(v).trim();
      return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "invalid_filter",
          f.path() + ": '" + v + "' is not a date 'YYYY-MM-DD'",
          new JsonObject().put("member", f.member()));
    }
  }

  private static String unique(Set<String> names, String name) {
    if (!names.add(name)) {
      throw ApiException.badRequest(
          "invalid_query",
          "two columns of the result would be called \"" + name + "\"; give one a different \"as\"",
          new JsonObject().put("member", name));
    }
    return name;
  }

  private static ApiException unknown(
      String path, String member, List<String> candidates, String what) {
    String hint = EditDistance.closest(member, candidates);
    return ApiException.badRequest(
        "unknown_member",
        path
            + ": \""
            + member
            + "\" "
            + what
            + (hint == null ? "" : " — did you mean \"" + hint + "\"?"),
        new JsonObject().put("member", member).put("suggestion", hint));
  }
}
