package com.analyticsstudio.ask.planner;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The structured plan the SQL is built from. Every name in it is a real column of the dataset;
 * {@link SqlBuilder} checks that again, so a spec that comes back from a client (a thread's
 * previous plan) cannot smuggle anything in.
 *
 * <p>Two shapes: aggregated ({@code measures} non-empty, grouped by {@code dimensions}) or a row
 * listing ({@code measures} empty; {@code columns} are selected as they are).
 *
 * @param datasetId the dataset's id
 * @param tableName the dataset's SQL table
 * @param measures aggregates, in output order after the dimensions
 * @param dimensions group-by columns (optionally bucketed in time), output first
 * @param filters ANDed conditions
 * @param columns for a row listing: the columns shown (empty for aggregated plans)
 * @param orderBy sort keys by output alias
 * @param limit row limit, or null
 */
public record PlanSpec(
    String datasetId,
    String tableName,
    List<Measure> measures,
    List<Dimension> dimensions,
    List<Filter> filters,
    List<String> columns,
    List<Sort> orderBy,
    Integer limit) {
  public PlanSpec {
    measures = measures == null ? List.of() : List.copyOf(measures);
    dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
    filters = filters == null ? List.of() : List.copyOf(filters);
    columns = columns == null ? List.of() : List.copyOf(columns);
    orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
  }

  public boolean listing() {
    return measures.isEmpty();
  }

  /** Output column names in order. */
  public List<String> outputColumns() {
    List<String> out = new ArrayList<>();
    if (listing()) return new ArrayList<>(columns);
    dimensions.forEach(d -> out.add(d.alias()));
    measures.forEach(m -> out.add(m.alias()));
    return out;
  }

  public PlanSpec with(
      List<Measure> m, List<Dimension> d, List<Filter> f, List<Sort> o, Integer l) {
    return new PlanSpec(datasetId, tableName, m, d, f, columns, o, l);
  }

  /**
   * An aggregate. {@code column} is null for {@code count(*)}. {@code per} is the denominator of a
   * {@link Aggregation#RATIO} ({@code sum(column) / sum(per)}); {@code condition} is what a {@link
   * Aggregation#SHARE} counts (percent of the rows, or of the column's total, that match it; empty:
   * each group's percent of the whole).
   */
  public record Measure(
      Aggregation agg, String column, String alias, String per, List<Filter> condition) {
    public Measure {
      condition = condition == null ? List.of() : List.copyOf(condition);
    }

    public Measure(Aggregation agg, String column, String alias) {
      this(agg, column, alias, null, List.of());
    }
  }

  /**
   * A group-by column; {@code bucket} truncates a date/timestamp column (year … day) or takes a
   * recurring part of it (month of year, day of week, hour of day), null otherwise.
   */
  public record Dimension(String column, TimeBucket bucket, String alias) {}

  /**
   * A condition on a column. Values are text in the column's literal form: numbers as decimals,
   * dates as ISO {@code yyyy-MM-dd}, timestamps as ISO date-times, text as the real value. {@code
   * RANGE} is half-open: {@code values[0] <= column < values[1]}; {@code BETWEEN} is inclusive.
   */
  public record Filter(String column, Operator op, List<String> values, TimeBucket part) {
    public Filter {
      values = List.copyOf(values);
      if (part != null && !part.recurring() && part != TimeBucket.YEAR) {
        throw new IllegalArgumentException(
            "a filter part is year, month_of_year, day_of_week or hour_of_day");
      }
    }

    public Filter(String column, Operator op, List<String> values) {
      this(column, op, values, null);
    }
  }

  /** A sort key by output alias. */
  public record Sort(String alias, boolean descending) {}

  /** How a measure aggregates its column. */
  public enum Aggregation {
    COUNT("count"),
    COUNT_DISTINCT("count_distinct"),
    SUM("sum"),
    AVG("avg"),
    MIN("min"),
    MAX("max"),
    /** Percent of rows (column null) or of the column's total; see {@link Measure#condition()}. */
    SHARE("share"),
    /** {@code sum(column) / sum(per)}: "deaths per capita", "horsepower per weight". */
    RATIO("ratio");

    private final String json;

    Aggregation(String json) {
      this.json = json;
    }

    @JsonValue
    public String json() {
      return json;
    }

    @JsonCreator
    public static Aggregation of(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT));
    }
  }

  /** Time buckets a plan groups by: periods and calendar parts. */
  public enum TimeBucket {
    YEAR,
    QUARTER,
    MONTH,
    WEEK,
    DAY,
    HOUR,
    /** Recurring parts (seasonality): 1–12, ISO 1 (Monday) – 7 (Sunday), 0–23. */
    MONTH_OF_YEAR,
    DAY_OF_WEEK,
    HOUR_OF_DAY;

    @JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** A part that recurs (month of year …), not a period. */
    public boolean recurring() {
      return this == MONTH_OF_YEAR || this == DAY_OF_WEEK || this == HOUR_OF_DAY;
    }

    /** The {@code extract} field of a recurring part. */
    String field() {
      return switch (this) {
        case MONTH_OF_YEAR -> "month";
        case DAY_OF_WEEK -> "isodow";
        case HOUR_OF_DAY -> "hour";
        case YEAR -> "year";
        default -> throw new IllegalStateException(name() + " is not recurring");
      };
    }

    @JsonCreator
    public static TimeBucket of(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT));
    }
  }

  /** Comparison operators of a filter. */
  public enum Operator {
    EQ("="),
    NE("<>"),
    IN("in"),
    NOT_IN("not in"),
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<="),
    BETWEEN("between"),
    RANGE("range");

    private final String json;

    Operator(String json) {
      this.json = json;
    }

    @JsonValue
    public String json() {
      return json;
    }

    @JsonCreator
    public static Operator of(String s) {
      for (Operator o : values()) {
        if (o.json.equalsIgnoreCase(s) || o.name().equalsIgnoreCase(s)) return o;
      }
      throw new IllegalArgumentException("unknown operator " + s);
    }
  }
}
