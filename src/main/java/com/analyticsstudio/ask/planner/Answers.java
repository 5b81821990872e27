package com.analyticsstudio.ask.planner;

import com.analyticsstudio.ask.planner.PlanSpec.Aggregation;
import com.analyticsstudio.ask.planner.PlanSpec.Dimension;
import com.analyticsstudio.ask.planner.PlanSpec.Measure;
import com.analyticsstudio.ask.planner.PlanSpec.TimeBucket;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

/**
 * The one-line answer written from a plan and its result rows: "The average temp max is 16.4.",
 * "rain has the most rows: 641 of 1,461.", "sun leads with 18.9; fog is lowest with 14.2.".
 * Deterministic, at most {@value #MAX_CHARS} characters, and never quotes more than a few values.
 */
public final class Answers {
  public static final int MAX_CHARS = 300;
  private static final int MAX_VALUE_CHARS = 40;

  private Answers() {}

  /**
   * @param plan the plan that was run
   * @param columns the result's column names (the plan's output aliases)
   * @param rows the result rows, values as the query path returns them (numbers, strings, dates)
   */
  public static String sentence(Plan plan, List<String> columns, List<List<Object>> rows) {
    return sentence(plan, columns, rows, rows == null ? 0 : rows.size(), false);
  }

  /**
   * The sentence from the whole result: {@code rows} must be every row the query returned (the
   * extremes, totals and counts are computed over all of them), {@code rowCount} their number and
   * {@code truncated} whether the query path cut the result (then the sentence says so).
   */
  public static String sentence(
      Plan plan, List<String> columns, List<List<Object>> rows, long rowCount, boolean truncated) {
    String s = write(plan.spec(), columns, rows, rowCount);
    if (truncated && rows != null && !rows.isEmpty())
      s = "Of the first " + count(rowCount) + " rows (the result was cut): " + s;
    return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS - 1) + "…";
  }

  private static String write(
      PlanSpec spec, List<String> columns, List<List<Object>> rows, long rowCount) {
    if (rows == null || rows.isEmpty()) return "No rows match this question.";
    if (spec.listing()) return listing(spec, columns, rows, rowCount);
    List<Measure> ms = spec.measures();
    List<Dimension> ds = spec.dimensions();
    Measure m = ms.get(0);
    String mName = measureName(m);
    if (ds.isEmpty()) {
      if (ms.size() == 1) {
        Object v = at(columns, rows.get(0), m.alias());
        if (m.agg() == Aggregation.COUNT && m.column() == null) {
          return "There "
              + (isOne(v) ? "is " : "are ")
              + value(v, null)
              + (isOne(v) ? " matching row." : " matching rows.");
        }
        if (m.agg() == Aggregation.SHARE) return capitalise(mName) + ": " + percent(v) + ".";
        return "The " + mName + " is " + value(v, null) + ".";
      }
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < ms.size() && i < 4; i++) {
        sb.append(i == 0 ? "" : "; ")
            .append(capitalise(measureName(ms.get(i))))
            .append(": ")
            .append(value(at(columns, rows.get(0), ms.get(i).alias()), null));
      }
      return sb.append('.').toString();
    }
    Dimension d = ds.get(0);
    if (ds.size() == 1 && ms.size() == 1) {
      boolean ranked =
          spec.limit() != null
              && !spec.orderBy().isEmpty()
              && spec.orderBy().get(0).alias().equals(m.alias());
      if (m.agg() == Aggregation.SHARE && !(d.bucket() != null || isTimeLike(d))) {
        List<Object> top = extreme(columns, rows, m.alias(), true);
        List<Object> bottom = extreme(columns, rows, m.alias(), false);
        String head =
            value(at(columns, top, d.alias()), null)
                + " has the largest share: "
                + percent(at(columns, top, m.alias()));
        if (rows.size() == 1) return head + ".";
        return head
            + "; "
            + value(at(columns, bottom, d.alias()), null)
            + " the smallest: "
            + percent(at(columns, bottom, m.alias()))
            + " ("
            + count(rowCount)
            + " groups).";
      }
      if (d.bucket() != null || isTimeLike(d)) {
        TimeBucket b = d.bucket() != null ? d.bucket() : TimeBucket.YEAR;
        List<Object> first = rows.get(0);
        List<Object> last = rows.get(rows.size() - 1);
        List<Object> peak = extreme(columns, rows, m.alias(), true);
        if (rows.size() == 1) {
          return capitalise(mName)
              + " in "
              + value(at(columns, first, d.alias()), b)
              + ": "
              + value(at(columns, first, m.alias()), null)
              + ".";
        }
        return capitalise(mName)
            + " goes from "
            + value(at(columns, first, m.alias()), null)
            + " in "
            + value(at(columns, first, d.alias()), b)
            + " to "
            + value(at(columns, last, m.alias()), null)
            + " in "
            + value(at(columns, last, d.alias()), b)
            + ", highest in "
            + value(at(columns, peak, d.alias()), b)
            + " ("
            + value(at(columns, peak, m.alias()), null)
            + ").";
      }
      if (rows.size() == 1) {
        String label = value(at(columns, rows.get(0), d.alias()), null);
        String v = value(at(columns, rows.get(0), m.alias()), null);
        if (ranked) {
          boolean desc = spec.orderBy().get(0).descending();
          if (m.agg() == Aggregation.COUNT && m.column() == null) {
            return label + " has the " + (desc ? "most" : "fewest") + " rows: " + v + ".";
          }
          String what =
              m.agg() == Aggregation.MIN || m.agg() == Aggregation.MAX
                  ? Text.human(m.column())
                  : mName;
          return label + " has the " + (desc ? "highest " : "lowest ") + what + ": " + v + ".";
        }
        return capitalise(mName) + " for " + label + ": " + v + ".";
      }
      if (ranked) {
        StringBuilder sb =
            new StringBuilder(spec.orderBy().get(0).descending() ? "Highest " : "Lowest ")
                .append(mName)
                .append(": ");
        for (int i = 0; i < rows.size() && i < 5; i++) {
          sb.append(i == 0 ? "" : ", ")
              .append(value(at(columns, rows.get(i), d.alias()), null))
              .append(" (")
              .append(value(at(columns, rows.get(i), m.alias()), null))
              .append(')');
        }
        if (rows.size() > 5) sb.append(" and ").append(rows.size() - 5).append(" more");
        return sb.append('.').toString();
      }
      List<Object> top = extreme(columns, rows, m.alias(), true);
      List<Object> bottom = extreme(columns, rows, m.alias(), false);
      if (m.agg() == Aggregation.COUNT && m.column() == null) {
        double total = 0;
        for (List<Object> r : rows) total += number(at(columns, r, m.alias()));
        return value(at(columns, top, d.alias()), null)
            + " has the most rows: "
            + value(at(columns, top, m.alias()), null)
            + " of "
            + value(total, null)
            + ".";
      }
      return value(at(columns, top, d.alias()), null)
          + " leads with "
          + value(at(columns, top, m.alias()), null)
          + "; "
          + value(at(columns, bottom, d.alias()), null)
          + " is lowest with "
          + value(at(columns, bottom, m.alias()), null)
          + ".";
    }
    if (ms.size() >= 2) {
      return count(rowCount)
          + " "
          + Text.human(d.alias())
          + " values with "
          + measureName(ms.get(0))
          + " and "
          + measureName(ms.get(1))
          + ".";
    }
    List<Object> top = extreme(columns, rows, m.alias(), true);
    StringBuilder sb =
        new StringBuilder(count(rowCount))
            .append(" groups; the highest ")
            .append(mName)
            .append(" is ")
            .append(value(at(columns, top, m.alias()), null))
            .append(" for ");
    for (int i = 0; i < ds.size(); i++) {
      sb.append(i == 0 ? "" : " / ")
          .append(value(at(columns, top, ds.get(i).alias()), ds.get(i).bucket()));
    }
    return sb.append('.').toString();
  }

  /**
   * Listings: ranked rows are named, a series is described end to end, anything else is counted.
   */
  private static String listing(
      PlanSpec spec, List<String> columns, List<List<Object>> rows, long rowCount) {
    String label = labelColumn(spec, columns);
    if (!spec.orderBy().isEmpty() && spec.limit() != null && spec.limit() < SqlBuilder.MAX_LIMIT) {
      PlanSpec.Sort by = spec.orderBy().get(0);
      String what = (by.descending() ? "highest " : "lowest ") + Text.human(by.alias());
      if (rows.size() == 1) {
        String v = value(at(columns, rows.get(0), by.alias()), null);
        return label == null
            ? "The " + what + " is " + v + "."
            : value(at(columns, rows.get(0), label), null) + " has the " + what + ": " + v + ".";
      }
      StringBuilder sb = new StringBuilder(capitalise(what)).append(": ");
      for (int i = 0; i < rows.size() && i < 5; i++) {
        String v = value(at(columns, rows.get(i), by.alias()), null);
        sb.append(i == 0 ? "" : ", ")
            .append(
                label == null ? v : value(at(columns, rows.get(i), label), null) + " (" + v + ")");
      }
      if (rows.size() > 5) sb.append(" and ").append(count(rows.size() - 5L)).append(" more");
      return sb.append('.').toString();
    }
    if (spec.columns().size() == 2
        && spec.orderBy().size() == 1
        && spec.orderBy().get(0).alias().equals(spec.columns().get(0))
        && !spec.orderBy().get(0).descending()) {
      // A series over time: first, last and peak, over every row.
      String x = spec.columns().get(0);
      String y = spec.columns().get(1);
      List<Object> first = rows.get(0);
      List<Object> last = rows.get(rows.size() - 1);
      List<Object> peak = extreme(columns, rows, y, true);
      List<Object> low = extreme(columns, rows, y, false);
      if (rows.size() == 1)
        return capitalise(Text.human(y))
            + " on "
            + plain(at(columns, first, x))
            + ": "
            + value(at(columns, first, y), null)
            + ".";
      return capitalise(Text.human(y))
          + " goes from "
          + value(at(columns, first, y), null)
          + " ("
          + plain(at(columns, first, x))
          + ") to "
          + value(at(columns, last, y), null)
          + " ("
          + plain(at(columns, last, x))
          + "), highest "
          + value(at(columns, peak, y), null)
          + " ("
          + plain(at(columns, peak, x))
          + "), lowest "
          + value(at(columns, low, y), null)
          + " ("
          + plain(at(columns, low, x))
          + "); "
          + count(rowCount)
          + " points.";
    }
    if (spec.columns().size() == 2 && spec.orderBy().isEmpty()) {
      return count(rowCount)
          + " points of "
          + Text.human(spec.columns().get(0))
          + " against "
          + Text.human(spec.columns().get(1))
          + ".";
    }
    return count(rowCount) + (rowCount == 1 ? " row." : " rows.");
  }

  /**
   * The column that names a row in a listing: the first text column, else the first date; null if
   * none.
   */
  private static String labelColumn(PlanSpec spec, List<String> columns) {
    for (String c : spec.columns()) {
      if (columns.contains(c)
          && spec.orderBy().stream().noneMatch(s -> s.alias().equals(c))
          && textLike(c)) return c;
    }
    for (String c : spec.columns()) {
      if (columns.contains(c) && spec.orderBy().stream().noneMatch(s -> s.alias().equals(c)))
        return c;
    }
    return null;
  }

  private static boolean textLike(String column) {
    List<String> w = Text.words(column);
    return w.contains("name")
        || w.contains("title")
        || w.contains("country")
        || w.contains("city")
        || w.contains("state")
        || w.contains("symbol")
        || w.contains("species")
        || w.contains("label");
  }

  private static String plain(Object o) {
    if (o == null) return "(empty)";
    String s = o.toString();
    if (s.length() >= 19
        && s.charAt(4) == '-'
        && s.substring(10).matches("[ T]00:00(:00(\\.0+)?)?Z?")) return s.substring(0, 10);
    return value(o, null);
  }

  static String percent(Object v) {
    double d = number(v);
    if (Double.isNaN(d)) return "(empty)";
    BigDecimal b = BigDecimal.valueOf(d);
    String s =
        b.abs().compareTo(BigDecimal.TEN) >= 0
            ? b.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
            : b.round(new MathContext(3, RoundingMode.HALF_UP))
                .stripTrailingZeros()
                .toPlainString();
    return s + "%";
  }

  private static boolean isTimeLike(Dimension d) {
    return Text.words(d.column()).equals(List.of("year"));
  }

  static String measureName(Measure m) {
    String c = m.column() == null ? "" : Text.human(m.column());
    return switch (m.agg()) {
      case COUNT -> m.column() == null ? "number of rows" : "number of " + c + " values";
      case COUNT_DISTINCT -> "number of different " + c;
      case SUM -> "total " + c;
      case AVG -> "average " + c;
      case MIN -> "lowest " + c;
      case MAX -> "highest " + c;
      case SHARE ->
          (m.column() == null ? "share of rows" : "share of the total " + c)
              + (m.condition().isEmpty()
                  ? ""
                  : " where "
                      + String.join(
                          " and ", m.condition().stream().map(Answers::condition).toList()));
      case RATIO -> c + " per " + Text.human(m.per());
    };
  }

  private static String condition(PlanSpec.Filter f) {
    return Explanations.filter(f).replace('_', ' ');
  }

  private static Object at(List<String> columns, List<Object> row, String alias) {
    int i = columns.indexOf(alias);
    return i < 0 || i >= row.size() ? null : row.get(i);
  }

  private static List<Object> extreme(
      List<String> columns, List<List<Object>> rows, String alias, boolean max) {
    List<Object> best = rows.get(0);
    double bv = number(at(columns, best, alias));
    for (List<Object> r : rows) {
      double v = number(at(columns, r, alias));
      if (Double.isNaN(bv) || (max ? v > bv : v < bv)) {
        best = r;
        bv = v;
      }
    }
    return best;
  }

  private static double number(Object o) {
    if (o instanceof Number n) return n.doubleValue();
    if (o == null) return Double.NaN;
    try {
      return Double.parseDouble(o.toString());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static boolean isOne(Object v) {
    return number(v) == 1.0;
  }

  /**
   * A value for the sentence: numbers grouped and rounded, dates cut to their bucket, text bounded.
   */
  private static final String[] MONTH_NAMES = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };

  private static final String[] DAY_NAMES = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
  };

  static String value(Object o, TimeBucket bucket) {
    if (o == null) return "(empty)";
    if (bucket == TimeBucket.YEAR && o instanceof Number n) return n.toString();
    if (bucket != null && bucket.recurring() && o instanceof Number n) {
      int k = n.intValue();
      if (bucket == TimeBucket.MONTH_OF_YEAR && k >= 1 && k <= 12) return MONTH_NAMES[k - 1];
      if (bucket == TimeBucket.DAY_OF_WEEK && k >= 1 && k <= 7) return DAY_NAMES[k - 1];
      if (bucket == TimeBucket.HOUR_OF_DAY) return String.format(Locale.ROOT, "%02d:00", k);
      return n.toString();
    }
    if (o instanceof Number n) return formatNumber(new BigDecimal(n.toString()));
    String s = o.toString();
    if (bucket != null && s.length() >= 10 && s.charAt(4) == '-') {
      int month = Integer.parseInt(s.substring(5, 7));
      return switch (bucket) {
        case YEAR -> s.substring(0, 4);
        case QUARTER -> s.substring(0, 4) + " Q" + ((month - 1) / 3 + 1);
        case MONTH -> s.substring(0, 7);
        default -> s.substring(0, 10);
      };
    }
    if (s.length() > MAX_VALUE_CHARS) s = s.substring(0, MAX_VALUE_CHARS - 1) + "…";
    return s;
  }

  static String count(long n) {
    return formatNumber(BigDecimal.valueOf(n));
  }

  /** 1461 → "1,461"; 16.4394 → "16.4"; 0.0034215 → "0.00342"; 35361.7 → "35,362". */
  static String formatNumber(BigDecimal v) {
    DecimalFormatSymbols sym = DecimalFormatSymbols.getInstance(Locale.ROOT);
    BigDecimal abs = v.abs();
    String pattern;
    if (v.stripTrailingZeros().scale() <= 0 || abs.compareTo(BigDecimal.valueOf(1000)) >= 0) {
      pattern = "#,##0";
    } else if (abs.compareTo(BigDecimal.ONE) >= 0) {
      pattern = "#,##0.#";
    } else {
      BigDecimal r = v.round(new MathContext(3, RoundingMode.HALF_UP));
      return r.stripTrailingZeros().toPlainString();
    }
    DecimalFormat f = new DecimalFormat(pattern, sym);
    f.setRoundingMode(RoundingMode.HALF_UP);
    return f.format(v);
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
