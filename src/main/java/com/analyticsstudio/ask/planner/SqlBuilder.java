package com.analyticsstudio.ask.planner;

import com.analyticsstudio.ask.planner.PlanSpec.Aggregation;
import com.analyticsstudio.ask.planner.PlanSpec.Dimension;
import com.analyticsstudio.ask.planner.PlanSpec.Filter;
import com.analyticsstudio.ask.planner.PlanSpec.Measure;
import com.analyticsstudio.ask.planner.PlanSpec.Sort;
import com.analyticsstudio.common.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the one {@code SELECT} of a {@link PlanSpec}. The only way the planner makes SQL: every
 * identifier is checked against the dataset and double-quoted, every literal is parsed as the
 * column's type and printed back (text single-quoted with quotes doubled), aliases are checked, and
 * the table is the dataset's own. A spec that fails a check is refused with {@link
 * IllegalArgumentException}; nothing from it is pasted.
 */
public final class SqlBuilder {
  private SqlBuilder() {}

  /** Largest LIMIT the planner writes; the query path applies its own row cap on top. */
  public static final int MAX_LIMIT = 10_000;

  private static final Pattern ALIAS = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /**
   * SQL for the spec over {@code dataset}, or IllegalArgumentException if the spec does not fit it.
   */
  public static String build(PlanSpec spec, DatasetInfo dataset) {
    if (!dataset.tableName().equals(spec.tableName())) {
      throw new IllegalArgumentException(
          "the plan reads " + spec.tableName() + ", not " + dataset.tableName());
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    Set<String> aliases = new HashSet<>();
    List<String> select = new ArrayList<>();
    if (spec.listing()) {
      if (spec.columns().isEmpty() || !spec.dimensions().isEmpty())
        throw new IllegalArgumentException("empty listing");
      for (String c : spec.columns()) {
        column(dataset, c);
        select.add(quote(c));
        aliases.add(c);
      }
    } else {
      for (Dimension d : spec.dimensions()) {
        ColumnInfo c = column(dataset, d.column());
        String expr = quote(c.name());
        if (d.bucket() != null) {
          if (!c.type().temporal()) throw new IllegalArgumentException(c.name() + " is not a date");
          expr =
              d.bucket().recurring()
                  ? part(d.bucket(), expr)
                  : "date_trunc('"
                      + d.bucket().json()
                      + "', "
                      + expr
                      + ")"
                      + (c.type() == ColumnType.DATE ? "::date" : "");
        }
        select.add(expr + " AS " + alias(d.alias(), aliases));
      }
      for (Measure m : spec.measures()) {
        select.add(
            measure(m, dataset, !spec.dimensions().isEmpty()) + " AS " + alias(m.alias(), aliases));
      }
    }
    sql.append(String.join(", ", select)).append(" FROM ").append(quote(dataset.tableName()));
    List<String> where = new ArrayList<>();
    for (Filter f : spec.filters()) {
      where.add(condition(f, column(dataset, f.column())));
    }
    if (!where.isEmpty()) sql.append(" WHERE ").append(String.join(" AND ", where));
    if (!spec.listing() && !spec.dimensions().isEmpty()) {
      sql.append(" GROUP BY ");
      for (int i = 1; i <= spec.dimensions().size(); i++) sql.append(i == 1 ? "" : ", ").append(i);
    }
    if (!spec.orderBy().isEmpty()) {
      List<String> keys = new ArrayList<>();
      for (Sort s : spec.orderBy()) {
        boolean known =
            spec.listing() ? dataset.column(s.alias()).isPresent() : aliases.contains(s.alias());
        if (!known) throw new IllegalArgumentException("cannot order by " + s.alias());
        keys.add(quote(s.alias()) + (s.descending() ? " DESC NULLS LAST" : " ASC NULLS LAST"));
      }
      sql.append(" ORDER BY ").append(String.join(", ", keys));
    }
    if (spec.limit() != null) {
      if (spec.limit() < 1 || spec.limit() > MAX_LIMIT)
        throw new IllegalArgumentException("limit out of range");
      sql.append(" LIMIT ").append(spec.limit());
    }
    return sql.toString();
  }

  /** A double-quoted identifier. */
  public static String quote(String identifier) {
    if (identifier.indexOf('\0') >= 0) throw new IllegalArgumentException("NUL in identifier");
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** A single-quoted text literal (standard_conforming_strings: only the quote needs doubling). */
  public static String literal(String text) {
    if (text.indexOf('\0') >= 0) throw new IllegalArgumentException("NUL in literal");
    return "'" + text.replace("'", "''") + "'";
  }

  private static String part(PlanSpec.TimeBucket part, String quoted) {
    return "extract(" + part.field() + " FROM " + quoted + ")::int";
  }

  private static String measure(Measure m, DatasetInfo dataset, boolean grouped) {
    if (m.agg() == Aggregation.SHARE) {
      String base = m.column() == null ? "count(*)" : numeric(dataset, m.column(), "sum");
      if (m.condition().isEmpty()) {
        if (!grouped) throw new IllegalArgumentException("a share of the whole needs a grouping");
        return "100.0 * " + base + " / nullif(sum(" + base + ") OVER (), 0)";
      }
      List<String> cond = new ArrayList<>();
      for (Filter f : m.condition()) cond.add(condition(f, column(dataset, f.column())));
      return "100.0 * "
          + base
          + " FILTER (WHERE "
          + String.join(" AND ", cond)
          + ") / nullif("
          + base
          + ", 0)";
    }
    if (m.agg() == Aggregation.RATIO) {
      if (m.per() == null) throw new IllegalArgumentException("a ratio needs a denominator");
      return numeric(dataset, m.column(), "sum")
          + " / nullif("
          + numeric(dataset, m.per(), "sum")
          + ", 0)";
    }
    if (!m.condition().isEmpty() || m.per() != null)
      throw new IllegalArgumentException(m.agg() + " takes no condition");
    if (m.agg() == Aggregation.COUNT && m.column() == null) return "count(*)";
    if (m.column() == null) throw new IllegalArgumentException(m.agg() + " needs a column");
    ColumnInfo c = column(dataset, m.column());
    String q = quote(c.name());
    return switch (m.agg()) {
      case COUNT -> "count(" + q + ")";
      case COUNT_DISTINCT -> "count(DISTINCT " + q + ")";
      case SUM, AVG -> numeric(dataset, c.name(), m.agg().json());
      case MIN, MAX -> {
        if (c.type() == ColumnType.BOOLEAN)
          throw new IllegalArgumentException("cannot " + m.agg().json() + " a boolean");
        yield m.agg().json() + "(" + q + ")";
      }
      case SHARE, RATIO -> throw new IllegalStateException("handled above");
    };
  }

  private static String numeric(DatasetInfo dataset, String column, String fn) {
    if (column == null) throw new IllegalArgumentException(fn + " needs a column");
    ColumnInfo c = column(dataset, column);
    if (!c.type().numeric()) throw new IllegalArgumentException("cannot " + fn + " " + c.name());
    return fn + "(" + quote(c.name()) + ")";
  }

  private static String condition(Filter f, ColumnInfo column) {
    if (f.part() != null && !column.type().temporal())
      throw new IllegalArgumentException(column.name() + " is not a date");
    // A part (month of year …) is a whole number: its values are checked and printed as integers.
    String q = f.part() == null ? quote(column.name()) : part(f.part(), quote(column.name()));
    ColumnInfo c = f.part() == null ? column : ColumnInfo.of(column.name(), ColumnType.INTEGER);
    List<String> v = f.values();
    return switch (f.op()) {
      case EQ, NE, GT, GE, LT, LE -> {
        one(v, 1);
        yield q + " " + f.op().json() + " " + value(v.get(0), c);
      }
      case IN, NOT_IN -> {
        if (v.isEmpty() || v.size() > 200)
          throw new IllegalArgumentException("IN needs 1 to 200 values");
        List<String> lits = new ArrayList<>();
        v.forEach(x -> lits.add(value(x, c)));
        yield q
            + (f.op() == PlanSpec.Operator.IN ? " IN (" : " NOT IN (")
            + String.join(", ", lits)
            + ")";
      }
      case BETWEEN -> {
        one(v, 2);
        yield q + " BETWEEN " + value(v.get(0), c) + " AND " + value(v.get(1), c);
      }
      case RANGE -> {
        one(v, 2);
        yield q + " >= " + value(v.get(0), c) + " AND " + q + " < " + value(v.get(1), c);
      }
    };
  }

  private static void one(List<String> v, int n) {
    if (v.size() != n) throw new IllegalArgumentException("expected " + n + " value(s)");
  }

  /** A literal of the column's type, re-printed from its parsed value. */
  static String value(String v, ColumnInfo c) {
    if (v == null) throw new IllegalArgumentException("null value");
    return switch (c.type()) {
      case INTEGER, DECIMAL -> {
        BigDecimal d = new BigDecimal(v.trim());
        if (d.precision() > 40) throw new IllegalArgumentException("number too long");
        yield d.toPlainString();
      }
      case DATE -> literal(date(v).toString()) + "::date";
      case TIMESTAMP -> {
        LocalDateTime ts = v.length() <= 10 ? date(v).atStartOfDay() : Json.utcDateTime(v);
        yield literal(ts.toString().replace('T', ' ')) + "::timestamp";
      }
      case BOOLEAN ->
          switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes" -> "true";
            case "false", "f", "no" -> "false";
            default -> throw new IllegalArgumentException("not a boolean: " + v);
          };
      case TEXT -> literal(v);
    };
  }

  private static LocalDate date(String v) {
    LocalDate d = LocalDate.parse(v.trim());
    // Four-digit years only: what PostgreSQL and ISO print the same way.
    if (d.getYear() < 1 || d.getYear() > 9999)
      throw new IllegalArgumentException("date out of range");
    return d;
  }

  private static ColumnInfo column(DatasetInfo dataset, String name) {
    return dataset
        .column(name)
        .orElseThrow(
            () -> new IllegalArgumentException("no column " + name + " in " + dataset.tableName()));
  }

  private static String alias(String alias, Set<String> seen) {
    if (alias == null || !ALIAS.matcher(alias).matches() || !seen.add(alias)) {
      throw new IllegalArgumentException("bad or repeated alias " + alias);
    }
    return quote(alias);
  }
}
