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
public record PlanSpec(String datasetId, String tableName, List<Measure> measures, List<Dimension> dimensions,
                       List<Filter> filters, List<String> columns, List<Sort> orderBy, Integer limit) {
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

  public PlanSpec with(List<Measure> m, List<Dimension> d, List<Filter> f, List<Sort> o, Integer l) {
    return new PlanSpec(datasetId, tableName, m, d, f, columns, o, l);
  }

  /** An aggregate. {@code column} is null for {@code count(*)}. */
  public record Measure(Aggregation agg, String column, String alias) {}

  /** A group-by column; {@code bucket} truncates a date/timestamp column, null otherwise. */
  public record Dimension(String column, TimeBucket bucket, String alias) {}

  /**
   * A condition on a column. Values are text in the column's literal form: numbers as decimals,
   * dates as ISO {@code yyyy-MM-dd}, timestamps as ISO date-times, text as the real value.
   * {@code RANGE} is half-open: {@code values[0] <= column < values[1]}; {@code BETWEEN} is inclusive.
   */
  public record Filter(String column, Operator op, List<String> values) {
    public Filter {
      values = List.copyOf(values);
    }
  }

  /** A sort key by output alias. */
  public record Sort(String alias, boolean descending) {}

  public enum Aggregation {
    COUNT("count"), COUNT_DISTINCT("count_distinct"), SUM("sum"), AVG("avg"), MIN("min"), MAX("max");

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

  public enum TimeBucket {
    YEAR, QUARTER, MONTH, WEEK, DAY;

    @JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TimeBucket of(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT));
    }
  }

  public enum Operator {
    EQ("="), NE("<>"), IN("in"), NOT_IN("not in"), GT(">"), GE(">="), LT("<"), LE("<="), BETWEEN("between"),
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
