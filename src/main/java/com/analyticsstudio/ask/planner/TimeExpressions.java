package com.analyticsstudio.ask.planner;

import com.analyticsstudio.ask.planner.PlanSpec.TimeBucket;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Time phrases: periods ("in 2014", "March 2013", "Q1 2014", "between 2012 and 2013", "since 2014",
 * "last 30 days", "last quarter") and buckets ("per year", "monthly", "by week", "over time").
 *
 * <p>Relative periods are anchored at {@code anchor}, the dataset's latest date, not today:
 * uploaded data is historical. "Last N days/weeks/months/quarters/years" is the rolling window that
 * ends on the anchor, inclusive; "last month/quarter/year" without a number (and "this …") is the
 * calendar period that contains the anchor, i.e. the latest one in the data.
 */
final class TimeExpressions {
  private TimeExpressions() {}

  /** A half-open date range {@code [from, to)}. */
  record Range(LocalDate from, LocalDate to) {
    boolean wholeYears() {
      return from.getDayOfYear() == 1 && to.getDayOfYear() == 1;
    }

    int firstYear() {
      return from.getYear();
    }

    int lastYear() {
      return to.minusDays(1).getYear();
    }
  }

  /**
   * A time phrase over tokens {@code [start, end)}: a period, a bucket, or an automatic bucket
   * ("over time": the caller picks one from the data's span).
   */
  record Match(
      int start,
      int end,
      Range range,
      TimeBucket bucket,
      boolean autoBucket,
      List<Integer> months) {
    Match {
      months = months == null ? List.of() : List.copyOf(months);
    }

    Match(int start, int end, Range range, TimeBucket bucket, boolean autoBucket) {
      this(start, end, range, bucket, autoBucket, List.of());
    }
  }

  private static final Set<String> YEAR_PREPOSITIONS =
      Set.of(
          "in",
          "during",
          "for",
          "of",
          "about",
          "on",
          "throughout",
          "within",
          "only",
          "year",
          "from",
          "and",
          "or");
  private static final Set<String> RELATIVE =
      Set.of("last", "past", "previous", "recent", "latest", "this", "final");
  private static final Map<String, Integer> UNITS =
      Map.of("day", 1, "week", 7, "month", 30, "quarter", 91, "year", 365);

  /** Finds time phrases among the unused tokens, marking them used. {@code anchor} may be null. */
  static List<Match> find(List<Token> t, boolean[] used, LocalDate anchor) {
    List<Match> out = new ArrayList<>();
    int n = t.size();
    for (int i = 0; i < n; i++) {
      if (used[i]) continue;
      Match m = at(t, used, i, anchor);
      if (m != null) {
        for (int k = m.start(); k < m.end(); k++) used[k] = true;
        out.add(m);
        i = m.end() - 1;
      }
    }
    return out;
  }

  private static Match at(List<Token> t, boolean[] used, int i, LocalDate anchor) {
    Token a = t.get(i);
    String w = a.lower();
    // between 2012 and 2013 / from 2012 to 2013 / 2012 to 2015 / 2012 through 2015
    if ((w.equals("between") || w.equals("from"))
        && free(used, i + 1, 3)
        && year(t, i + 1)
        && year(t, i + 3)
        && t.get(i + 2).is("and", "to", "through", "until", "till")) {
      return period(i, i + 4, yearRange(t, i + 1, i + 3));
    }
    if (year(t, i)
        && free(used, i, 3)
        && year(t, i + 2)
        && t.get(i + 1).is("to", "through", "until", "till")) {
      return period(i, i + 3, yearRange(t, i, i + 2));
    }
    // summer 2013 / summer of 2013 / in winter (meteorological seasons; winter 2013 = Dec 2013 –
    // Feb 2014)
    List<Integer> season = Lexicon.SEASONS.get(a.stem());
    if (season != null) {
      int y =
          t.size() > i + 1 && year(t, i + 1)
              ? i + 1
              : t.size() > i + 2 && t.get(i + 1).is("of") && year(t, i + 2) ? i + 2 : -1;
      if (y > 0 && free(used, i, y - i + 1)) {
        LocalDate from = LocalDate.of(yearOf(t, y), season.get(0), 1);
        return period(i, y + 1, new Range(from, from.plusMonths(3)));
      }
      return new Match(i, i + 1, null, null, false, season);
    }
    // by month of year / by day of week / by weekday / by hour (of day): recurring parts
    if (w.equals("per") || w.equals("by") || w.equals("each") || w.equals("every")) {
      int j = i + 1;
      if (j < t.size() && !used[j] && t.get(j).is("the", "each", "every")) j++;
      int end = recurringEnd(t, used, j);
      if (end > 0) return new Match(i, end, null, recurring(t, j), false);
    }
    if (w.length() == 2 && w.charAt(0) == 'q' && w.charAt(1) >= '1' && w.charAt(1) <= '4') {
      int y =
          t.size() > i + 1 && year(t, i + 1)
              ? i + 1
              : t.size() > i + 2 && t.get(i + 1).is("of") && year(t, i + 2) ? i + 2 : -1;
      if (y > 0 && free(used, i, y - i + 1)) {
        LocalDate from = LocalDate.of(yearOf(t, y), (w.charAt(1) - '1') * 3 + 1, 1);
        return period(i, y + 1, new Range(from, from.plusMonths(3)));
      }
    }
    // March 2013 / March of 2013 / Mar 2013
    Integer month = Lexicon.MONTHS.get(w);
    if (month != null) {
      int y =
          t.size() > i + 1 && year(t, i + 1)
              ? i + 1
              : t.size() > i + 2 && t.get(i + 1).is("of") && year(t, i + 2) ? i + 2 : -1;
      if (y > 0 && free(used, i, y - i + 1)) {
        LocalDate from = LocalDate.of(yearOf(t, y), month, 1);
        return period(i, y + 1, new Range(from, from.plusMonths(1)));
      }
    }
    // since / after / before / until 2014
    if (w.equals("since")
        || w.equals("after")
        || w.equals("before")
        || w.equals("until")
        || w.equals("till")
        || w.equals("from")
        || w.equals("through")) {
      if (t.size() > i + 1 && year(t, i + 1) && free(used, i, 2)) {
        int y = yearOf(t, i + 1);
        Range r =
            switch (w) {
              case "since", "from" -> new Range(LocalDate.of(y, 1, 1), LocalDate.of(10000, 1, 1));
              case "after" -> new Range(LocalDate.of(y + 1, 1, 1), LocalDate.of(10000, 1, 1));
              case "before" -> new Range(LocalDate.of(1, 1, 1), LocalDate.of(y, 1, 1));
              default -> new Range(LocalDate.of(1, 1, 1), LocalDate.of(y + 1, 1, 1));
            };
        return period(i, i + 2, r);
      }
    }
    // last 30 days / past 3 months / last quarter / this year
    if (RELATIVE.contains(w)) {
      int j = i + 1;
      Integer count = null;
      if (j < t.size()
          && !used[j]
          && t.get(j).isNumber()
          && t.get(j).number().scale() <= 0
          && t.get(j).number().signum() > 0
          && t.get(j).number().intValue() <= 1000) {
        count = t.get(j).number().intValue();
        j++;
      } else if (j < t.size() && !used[j] && Lexicon.NUMBER_WORDS.containsKey(t.get(j).lower())) {
        count = Lexicon.NUMBER_WORDS.get(t.get(j).lower());
        j++;
      }
      if (j < t.size()
          && !used[j]
          && UNITS.containsKey(t.get(j).stem())
          && !t.get(j).lower().equals("date")) {
        if (anchor == null) return null;
        String unit = t.get(j).stem();
        boolean plural = !t.get(j).lower().equals(unit);
        if (count == null && plural) return null; // "last days": no number, not a period
        Range r = count == null ? calendar(unit, anchor) : rolling(unit, count, anchor);
        return period(i, j + 1, r);
      }
    }
    // per year / by month / each quarter / for every week / over the years / over time
    if (w.equals("per")
        || w.equals("by")
        || w.equals("each")
        || w.equals("every")
        || w.equals("a")
        || w.equals("over")) {
      int j = i + 1;
      if (j < t.size() && !used[j] && t.get(j).is("the", "each", "every")) j++;
      if (j < t.size() && !used[j]) {
        Token u = t.get(j);
        if (w.equals("over") && u.is("time")) return new Match(i, j + 1, null, null, true);
        if (w.equals("over") && u.stem().equals("year") && !u.lower().equals("year")) {
          return new Match(i, j + 1, null, TimeBucket.YEAR, false);
        }
        TimeBucket b = Lexicon.BUCKET_NOUNS.get(u.stem());
        if (b != null
            && !w.equals("over")
            && !(w.equals("a") && b == TimeBucket.DAY && u.lower().equals("date"))) {
          return new Match(i, j + 1, null, b, false);
        }
      }
    }
    // "by weather and year": a bucket chained to an earlier grouping
    if (w.equals("and") && i + 1 < t.size() && !used[i + 1] && groupedBefore(t, i)) {
      TimeBucket b = Lexicon.BUCKET_NOUNS.get(t.get(i + 1).lower());
      if (b != null && b != TimeBucket.DAY) return new Match(i, i + 2, null, b, false);
    }
    // "which month had …", "what year saw …": the period is what is asked for
    if ((w.equals("which") || w.equals("what")) && i + 1 < t.size() && !used[i + 1]) {
      TimeBucket b = Lexicon.BUCKET_NOUNS.get(t.get(i + 1).lower());
      if (b != null && b != TimeBucket.DAY) return new Match(i + 1, i + 2, null, b, false);
    }
    TimeBucket adverb = Lexicon.BUCKET_ADVERBS.get(w);
    if (adverb != null) return new Match(i, i + 1, null, adverb, false);
    // a bare year: "in 2014", "2014 only", "what about 2015"
    if (a.isYear()) {
      boolean prepositioned = i > 0 && YEAR_PREPOSITIONS.contains(t.get(i - 1).lower());
      boolean last = i == t.size() - 1 || t.get(i + 1).is("only");
      boolean comparison =
          i > 0
              && (t.get(i - 1)
                  .is(
                      ">",
                      "<",
                      ">=",
                      "<=",
                      "=",
                      "<>",
                      "than",
                      "least",
                      "most",
                      "over",
                      "above",
                      "under",
                      "below",
                      "top",
                      "bottom",
                      "exceeds",
                      "exceeding",
                      "equals",
                      "to",
                      "is"));
      if (!comparison && (prepositioned || last)) {
        int y = a.number().intValue();
        return period(i, i + 1, new Range(LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1)));
      }
    }
    return null;
  }

  /**
   * The end of "month of (the) year", "day of (the) week", "weekday", "hour (of day)" starting at
   * j, or -1.
   */
  private static int recurringEnd(List<Token> t, boolean[] used, int j) {
    if (j >= t.size() || used[j]) return -1;
    Token u = t.get(j);
    if (u.is("weekday", "weekdays")) return j + 1;
    if (u.is("hour", "hours")) {
      if (j + 2 < t.size() && t.get(j + 1).is("of") && t.get(j + 2).is("day")) return j + 3;
      if (j + 3 < t.size()
          && t.get(j + 1).is("of")
          && t.get(j + 2).is("the")
          && t.get(j + 3).is("day")) return j + 4;
      return j + 1;
    }
    if (u.is("calendar") && j + 1 < t.size() && t.get(j + 1).is("month", "months")) return j + 2;
    String unit = u.is("month", "months") ? "year" : u.is("day", "days") ? "week" : null;
    if (unit == null || j + 2 >= t.size() || !t.get(j + 1).is("of")) return -1;
    if (t.get(j + 2).is(unit)) return j + 3;
    if (j + 3 < t.size() && t.get(j + 2).is("the") && t.get(j + 3).is(unit)) return j + 4;
    return -1;
  }

  private static TimeBucket recurring(List<Token> t, int j) {
    Token u = t.get(j);
    if (u.is("hour", "hours")) return TimeBucket.HOUR_OF_DAY;
    if (u.is("month", "months", "calendar")) return TimeBucket.MONTH_OF_YEAR;
    return TimeBucket.DAY_OF_WEEK;
  }

  private static boolean groupedBefore(List<Token> t, int i) {
    for (int k = 0; k < i; k++) {
      if (t.get(k).is("by", "per", "each", "every")) return true;
    }
    return false;
  }

  /** The calendar period (month, quarter, year, week, day) that contains the anchor. */
  static Range calendar(String unit, LocalDate anchor) {
    return switch (unit) {
      case "day" -> new Range(anchor, anchor.plusDays(1));
      case "week" -> {
        LocalDate monday = anchor.minusDays(anchor.getDayOfWeek().getValue() - 1L);
        yield new Range(monday, monday.plusWeeks(1));
      }
      case "month" -> new Range(anchor.withDayOfMonth(1), anchor.withDayOfMonth(1).plusMonths(1));
      case "quarter" -> {
        LocalDate q =
            LocalDate.of(anchor.getYear(), (anchor.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1, 1);
        yield new Range(q, q.plusMonths(3));
      }
      default ->
          new Range(LocalDate.of(anchor.getYear(), 1, 1), LocalDate.of(anchor.getYear() + 1, 1, 1));
    };
  }

  /** The {@code count} units that end on the anchor, inclusive. */
  static Range rolling(String unit, int count, LocalDate anchor) {
    LocalDate end = anchor.plusDays(1);
    LocalDate from =
        switch (unit) {
          case "day" -> end.minusDays(count);
          case "week" -> end.minusWeeks(count);
          case "month" -> end.minusMonths(count);
          case "quarter" -> end.minusMonths(3L * count);
          default -> end.minusYears(count);
        };
    return new Range(from, end);
  }

  private static Match period(int start, int end, Range r) {
    return new Match(start, end, r, null, false);
  }

  private static Range yearRange(List<Token> t, int a, int b) {
    int y1 = yearOf(t, a);
    int y2 = yearOf(t, b);
    return new Range(
        LocalDate.of(Math.min(y1, y2), 1, 1), LocalDate.of(Math.max(y1, y2) + 1, 1, 1));
  }

  private static boolean year(List<Token> t, int i) {
    return i < t.size() && t.get(i).isYear();
  }

  private static int yearOf(List<Token> t, int i) {
    return t.get(i).number().intValue();
  }

  private static boolean free(boolean[] used, int from, int count) {
    for (int k = from; k < from + count; k++) {
      if (k >= used.length || used[k]) return false;
    }
    return true;
  }

  /** Parses the date part of a profile min/max ("2015-12-31", "2015-12-31 23:00:00"), or null. */
  static LocalDate parseDate(String s) {
    if (s == null || s.length() < 10) return null;
    try {
      return LocalDate.parse(s.substring(0, 10));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
