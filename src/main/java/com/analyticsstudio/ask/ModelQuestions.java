package com.analyticsstudio.ask;

import com.analyticsstudio.semantic.Model;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Questions a dataset's semantic model answers on its own: a model measure named by its name, label
 * or synonym ("revenue", "total sales"), optionally grouped by model dimensions ("by region", by
 * name, label or synonym), by a time grain ("by month", "per quarter"), over a period ("last year",
 * "this quarter", "year to date") or compared with an earlier period ("this year vs last year",
 * "month over month") through the model's time transforms. The outcome is a semantic query (the
 * {@code POST …/semantic/query} body), compiled and run by the semantic layer.
 *
 * <p>Every word of the question must be accounted for — a measure, a dimension, a time phrase or a
 * filler word ("what is the", "show me") — or there is no match: a value ("in East"), a number
 * ("top 5") or an unknown word leaves the question to the planner, which reads those. Pure; the day
 * "today" is passed in.
 */
public final class ModelQuestions {

  /**
   * A question the model answers.
   *
   * @param query the semantic query
   * @param usesModel whether the model was needed to read it: a synonym, a measure or dimension
   *     name the dataset's columns do not have, or a comparison or to-date period that only the
   *     model's time transforms compute. A question the planner reads as well (the default {@code
   *     total_x} of a column) does not need the model, and Ask leaves it to the planner.
   * @param explanation what the query computes, for people
   */
  public record Match(JsonObject query, boolean usesModel, String explanation) {}

  /** Rows a model answer asks for (Ask shows the first 1000). */
  static final int LIMIT = 1000;

  private enum Kind {
    MEASURE,
    DIMENSION,
    GRAIN,
    PERIOD,
    COMPARE,
    FILLER
  }

  /** A comparison with an earlier period; {@code grain} null = the query's grain. */
  private enum Compare {
    LAST_YEAR("same_period_last_year", "pct_change_last_year", "the same period last year"),
    PREVIOUS("previous_period", "pct_change_previous_period", "the period before");

    final String transform;
    final String change;
    final String words;

    Compare(String transform, String change, String words) {
      this.transform = transform;
      this.change = change;
      this.words = words;
    }
  }

  /** A period relative to today; the year and quarter follow the model's fiscal year. */
  private enum Period {
    THIS_YEAR("this year"),
    LAST_YEAR("last year"),
    YEAR_TO_DATE("year to date"),
    THIS_QUARTER("this quarter"),
    LAST_QUARTER("last quarter"),
    QUARTER_TO_DATE("quarter to date"),
    THIS_MONTH("this month"),
    LAST_MONTH("last month"),
    MONTH_TO_DATE("month to date"),
    THIS_WEEK("this week"),
    LAST_WEEK("last week");

    final String words;

    Period(String words) {
      this.words = words;
    }

    boolean toDate() {
      return this == YEAR_TO_DATE || this == QUARTER_TO_DATE || this == MONTH_TO_DATE;
    }
  }

  /** One phrase of the vocabulary and what it means. */
  private record Phrase(
      List<String> words,
      Kind kind,
      String member,
      boolean modelWord,
      String grain,
      Period period,
      Compare compare) {}

  /** Words that ask without naming anything. */
  private static final Set<String> FILLERS =
      Set.of(
          "what",
          "whats",
          "s",
          "is",
          "was",
          "were",
          "are",
          "be",
          "the",
          "a",
          "an",
          "of",
          "show",
          "me",
          "us",
          "give",
          "tell",
          "list",
          "display",
          "get",
          "see",
          "our",
          "my",
          "we",
          "please",
          "for",
          "in",
          "by",
          "per",
          "each",
          "every",
          "and",
          "so",
          "far",
          "how",
          "did",
          "do",
          "does",
          "have",
          "has",
          "had",
          "been",
          "total",
          "overall",
          "all",
          "across",
          "broken",
          "down",
          "split",
          "over",
          "time",
          "trend",
          "chart",
          "plot",
          "graph",
          "table",
          "with",
          "its",
          "their",
          "fiscal",
          "compare",
          "compared",
          "to",
          "vs",
          "versus",
          "against");

  /** Words after which a dimension is a grouping ("by region"). */
  private static final Set<String> GROUPING_CUES = Set.of("by", "per", "each", "every", "across");

  /** Aggregation words a default measure's label adds to a column's name ("Total amount"). */
  private static final Set<String> AGGREGATION_WORDS =
      Set.of("total", "sum", "of", "average", "avg", "mean", "number", "count");

  private static final List<String[]> GRAINS =
      List.of(
          new String[] {"day", "by day", "per day", "each day", "daily", "day by day"},
          new String[] {"week", "by week", "per week", "each week", "weekly", "week by week"},
          new String[] {
            "month", "by month", "per month", "each month", "monthly", "month by month"
          },
          new String[] {"quarter", "by quarter", "per quarter", "each quarter", "quarterly"},
          new String[] {
            "year",
            "by year",
            "per year",
            "each year",
            "yearly",
            "annually",
            "annual",
            "year by year"
          },
          new String[] {"fiscal_quarter", "by fiscal quarter", "per fiscal quarter"},
          new String[] {"fiscal_year", "by fiscal year", "per fiscal year", "each fiscal year"});

  private ModelQuestions() {}

  /**
   * The semantic query for {@code question} over one dataset's model, or empty when the model does
   * not cover every word of it.
   *
   * @param dataset the dataset's id or table name (the query's {@code dataset})
   * @param columns the dataset's column names and labels: the planner's own words, to tell a
   *     question that needs the model from one the planner reads as well
   * @param today the day "this year", "year to date" and "last month" are counted from
   */
  public static Optional<Match> match(
      String question, String dataset, Model model, Collection<String> columns, LocalDate today) {
    List<String> words = words(question);
    if (words.isEmpty()) return Optional.empty();
    Set<String> plannerWords = new HashSet<>();
    for (String c : columns) if (c != null) plannerWords.add(String.join(" ", words(c)));
    List<Phrase> vocabulary = vocabulary(model, plannerWords);

    List<Phrase> found = new ArrayList<>();
    int i = 0;
    while (i < words.size()) {
      Phrase best = null;
      for (Phrase p : vocabulary) {
        if ((best == null || p.words().size() > best.words().size()) && at(words, i, p.words()))
          best = p;
      }
      if (best == null) {
        if (!FILLERS.contains(words.get(i))) return Optional.empty();
        i++;
        continue;
      }
      // A dimension groups only after "by", "per", "each", "across" (or "and" after another
      // grouping): named elsewhere it may be a filter or a comparison the planner reads.
      if (best.kind() == Kind.DIMENSION && !model.dimension(best.member()).time()) {
        String before = i == 0 ? "" : words.get(i - 1);
        boolean grouped =
            GROUPING_CUES.contains(before)
                || before.equals("and")
                    && !found.isEmpty()
                    && found.get(found.size() - 1).kind() == Kind.DIMENSION;
        if (!grouped) return Optional.empty();
      }
      found.add(best);
      i += best.words().size();
    }
    return build(found, dataset, model, today);
  }

  private static Optional<Match> build(
      List<Phrase> found, String dataset, Model model, LocalDate today) {
    Set<String> measures = new LinkedHashSet<>();
    Set<String> dimensions = new LinkedHashSet<>();
    String timeDimension = null;
    String grain = null;
    Period period = null;
    Compare compare = null;
    String compareGrain = null;
    boolean usesModel = false;
    for (Phrase p : found) {
      switch (p.kind()) {
        case MEASURE -> {
          measures.add(p.member());
          usesModel |= p.modelWord();
        }
        case DIMENSION -> {
          usesModel |= p.modelWord();
          if (model.dimension(p.member()).time()) {
            if (timeDimension != null && !timeDimension.equals(p.member())) return Optional.empty();
            timeDimension = p.member();
          } else {
            dimensions.add(p.member());
          }
        }
        case GRAIN -> {
          if (grain != null && !grain.equals(p.grain())) return Optional.empty();
          grain = p.grain();
        }
        case PERIOD -> {
          if (period != null && period != p.period()) return Optional.empty();
          period = p.period();
          usesModel |= period.toDate();
        }
        case COMPARE -> {
          if (compare != null && compare != p.compare()) return Optional.empty();
          compare = p.compare();
          compareGrain = p.grain();
          usesModel = true;
        }
        default -> {}
      }
    }
    if (measures.isEmpty()) return Optional.empty();
    boolean fiscal = model.fiscalYearStartMonth() != 1;
    if (compare != null && grain == null) {
      grain = compareGrain != null ? compareGrain : periodGrain(period, fiscal);
    }
    if (grain == null && timeDimension != null && period == null) grain = "day";
    boolean needsTime = grain != null || period != null;
    if (needsTime && timeDimension == null) {
      timeDimension = onlyTimeDimension(model);
      if (timeDimension == null) return Optional.empty();
    }

    JsonArray ms = new JsonArray();
    for (String m : measures) {
      ms.add(m);
      if (compare != null) {
        ms.add(new JsonObject().put("measure", m).put("time", compare.transform));
        ms.add(new JsonObject().put("measure", m).put("time", compare.change));
      }
    }
    JsonObject q = new JsonObject().put("dataset", dataset).put("measures", ms);
    if (!dimensions.isEmpty()) q.put("dimensions", new JsonArray(new ArrayList<>(dimensions)));
    if (needsTime) {
      JsonObject time = new JsonObject().put("dimension", timeDimension);
      if (grain != null) time.put("granularity", grain);
      if (period != null) {
        LocalDate[] range = range(period, today, model.fiscalYearStartMonth());
        time.put("dateRange", new JsonArray().add(range[0].toString()).add(range[1].toString()));
      }
      q.put("time", time);
    }
    q.put("limit", LIMIT);
    return Optional.of(
        new Match(q, usesModel, explanation(model, measures, dimensions, grain, period, compare)));
  }

  /** The grain of a comparison given without one: that of its period, else the (fiscal) year. */
  private static String periodGrain(Period period, boolean fiscal) {
    String year = fiscal ? "fiscal_year" : "year";
    String quarter = fiscal ? "fiscal_quarter" : "quarter";
    if (period == null) return year;
    return switch (period) {
      case THIS_YEAR, LAST_YEAR, YEAR_TO_DATE -> year;
      case THIS_QUARTER, LAST_QUARTER, QUARTER_TO_DATE -> quarter;
      case THIS_MONTH, LAST_MONTH, MONTH_TO_DATE -> "month";
      case THIS_WEEK, LAST_WEEK -> "week";
    };
  }

  /**
   * {@code [from, to]} (both included) of a period: "this" and "to date" periods end today; years
   * and quarters start in the fiscal year's first month.
   */
  private static LocalDate[] range(Period period, LocalDate today, int fiscalStartMonth) {
    LocalDate yearStart = today.withDayOfMonth(1).withMonth(fiscalStartMonth);
    if (yearStart.isAfter(today)) yearStart = yearStart.minusYears(1);
    LocalDate quarterStart = yearStart;
    while (!quarterStart.plusMonths(3).isAfter(today)) quarterStart = quarterStart.plusMonths(3);
    LocalDate monthStart = today.withDayOfMonth(1);
    LocalDate weekStart = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return switch (period) {
      case THIS_YEAR, YEAR_TO_DATE -> new LocalDate[] {yearStart, today};
      case LAST_YEAR -> new LocalDate[] {yearStart.minusYears(1), yearStart.minusDays(1)};
      case THIS_QUARTER, QUARTER_TO_DATE -> new LocalDate[] {quarterStart, today};
      case LAST_QUARTER -> new LocalDate[] {quarterStart.minusMonths(3), quarterStart.minusDays(1)};
      case THIS_MONTH, MONTH_TO_DATE -> new LocalDate[] {monthStart, today};
      case LAST_MONTH -> new LocalDate[] {monthStart.minusMonths(1), monthStart.minusDays(1)};
      case THIS_WEEK -> new LocalDate[] {weekStart, today};
      case LAST_WEEK -> new LocalDate[] {weekStart.minusDays(7), weekStart.minusDays(1)};
    };
  }

  /** The one usable time dimension of the model, or null when there are none or several. */
  private static String onlyTimeDimension(Model model) {
    String only = null;
    for (Model.Dimension d : model.dimensions()) {
      if (!d.time() || d.hidden() || d.broken() != null) continue;
      if (only != null) return null;
      only = d.name();
    }
    return only;
  }

  private static String explanation(
      Model model,
      Set<String> measures,
      Set<String> dimensions,
      String grain,
      Period period,
      Compare compare) {
    List<String> labels = new ArrayList<>();
    for (String m : measures) labels.add(model.measure(m).label());
    StringBuilder out =
        new StringBuilder("From the semantic model: ").append(String.join(", ", labels));
    List<String> by = new ArrayList<>();
    for (String d : dimensions) by.add(model.dimension(d).label());
    if (grain != null) by.add(grain.replace('_', ' '));
    if (!by.isEmpty()) out.append(" by ").append(String.join(" and ", by));
    if (period != null) out.append(", ").append(period.words);
    if (compare != null)
      out.append(", compared with ").append(compare.words).append(" (and the change in %)");
    boolean yearly =
        period != null && !period.name().contains("MONTH") && !period.name().contains("WEEK");
    if (model.fiscalYearStartMonth() != 1 && yearly) {
      out.append("; the fiscal year starts in month ").append(model.fiscalYearStartMonth());
    }
    return out.append('.').toString();
  }

  // ---------------------------------------------------------------------------------------------
  // vocabulary

  private static List<Phrase> vocabulary(Model model, Set<String> plannerWords) {
    List<Phrase> out = new ArrayList<>();
    for (Model.Measure m : model.measures()) {
      if (m.hidden() || m.broken() != null) continue;
      add(out, m.name(), Kind.MEASURE, m.name(), !plannerKnowsMeasure(m.name(), plannerWords));
      add(out, m.label(), Kind.MEASURE, m.name(), !plannerKnowsMeasure(m.label(), plannerWords));
      for (String s : m.synonyms()) add(out, s, Kind.MEASURE, m.name(), true);
    }
    for (Model.Dimension d : model.dimensions()) {
      if (d.hidden() || d.broken() != null) continue;
      add(out, d.name(), Kind.DIMENSION, d.name(), !plannerKnows(d.name(), plannerWords));
      add(out, d.label(), Kind.DIMENSION, d.name(), !plannerKnows(d.label(), plannerWords));
      for (String s : d.synonyms()) add(out, s, Kind.DIMENSION, d.name(), true);
    }
    for (String[] g : GRAINS) {
      for (int i = 1; i < g.length; i++)
        out.add(new Phrase(words(g[i]), Kind.GRAIN, null, false, g[0], null, null));
    }
    for (Period p : Period.values()) out.add(period(p.words, p));
    out.add(period("ytd", Period.YEAR_TO_DATE));
    out.add(period("qtd", Period.QUARTER_TO_DATE));
    out.add(period("mtd", Period.MONTH_TO_DATE));
    out.add(period("previous year", Period.LAST_YEAR));
    out.add(period("previous quarter", Period.LAST_QUARTER));
    out.add(period("previous month", Period.LAST_MONTH));
    out.add(period("previous week", Period.LAST_WEEK));
    out.add(period("so far this year", Period.YEAR_TO_DATE));
    // Comparisons: "vs last year", "compared to the previous month", "year over year", "mom".
    List<String> connectors = List.of("vs", "versus", "compared to", "compared with", "against");
    List<String> earlier =
        List.of("last", "previous", "prior", "the previous", "the last", "the prior");
    String[][] units = {
      {"year", null},
      {"quarter", "quarter"},
      {"month", "month"},
      {"week", "week"},
      {"day", "day"},
      {"period", null}
    };
    for (String c : connectors) {
      for (String e : earlier) {
        for (String[] u : units) {
          Compare kind = u[0].equals("year") ? Compare.LAST_YEAR : Compare.PREVIOUS;
          out.add(compare(c + " " + e + " " + u[0], kind, u[1]));
        }
      }
      out.add(compare(c + " the same period last year", Compare.LAST_YEAR, null));
      out.add(compare(c + " same period last year", Compare.LAST_YEAR, null));
      out.add(compare(c + " a year ago", Compare.LAST_YEAR, null));
      out.add(compare(c + " a year earlier", Compare.LAST_YEAR, null));
    }
    out.add(compare("same period last year", Compare.LAST_YEAR, null));
    out.add(compare("year over year", Compare.LAST_YEAR, null));
    out.add(compare("year on year", Compare.LAST_YEAR, null));
    out.add(compare("yoy", Compare.LAST_YEAR, null));
    out.add(compare("quarter over quarter", Compare.PREVIOUS, "quarter"));
    out.add(compare("quarter on quarter", Compare.PREVIOUS, "quarter"));
    out.add(compare("qoq", Compare.PREVIOUS, "quarter"));
    out.add(compare("month over month", Compare.PREVIOUS, "month"));
    out.add(compare("month on month", Compare.PREVIOUS, "month"));
    out.add(compare("mom", Compare.PREVIOUS, "month"));
    out.add(compare("week over week", Compare.PREVIOUS, "week"));
    out.add(compare("week on week", Compare.PREVIOUS, "week"));
    out.add(compare("wow", Compare.PREVIOUS, "week"));
    out.add(compare("day over day", Compare.PREVIOUS, "day"));
    return out;
  }

  private static void add(List<Phrase> out, String text, Kind kind, String member, boolean model) {
    if (text == null) return;
    List<String> w = words(text);
    if (w.isEmpty()) return;
    out.add(new Phrase(w, kind, member, model, null, null, null));
  }

  private static Phrase period(String text, Period p) {
    return new Phrase(words(text), Kind.PERIOD, null, false, null, p, null);
  }

  private static Phrase compare(String text, Compare c, String grain) {
    return new Phrase(words(text), Kind.COMPARE, null, true, grain, null, c);
  }

  /** The planner reads a measure phrase too when, without its aggregation words, it is a column. */
  private static boolean plannerKnowsMeasure(String phrase, Set<String> plannerWords) {
    List<String> w = new ArrayList<>(words(phrase));
    while (!w.isEmpty() && AGGREGATION_WORDS.contains(w.get(0))) w.remove(0);
    return w.isEmpty() || plannerWords.contains(String.join(" ", w));
  }

  private static boolean plannerKnows(String phrase, Set<String> plannerWords) {
    return plannerWords.contains(String.join(" ", words(phrase)));
  }

  /** Whether {@code phrase} starts at word {@code i}; a plural "s" on either side is ignored. */
  private static boolean at(List<String> words, int i, List<String> phrase) {
    if (i + phrase.size() > words.size()) return false;
    for (int k = 0; k < phrase.size(); k++) {
      if (!same(words.get(i + k), phrase.get(k))) return false;
    }
    return true;
  }

  private static boolean same(String a, String b) {
    if (a.equals(b)) return true;
    return a.length() > 3 && b.length() > 3 && (a.equals(b + "s") || b.equals(a + "s"));
  }

  /** Lower-case words: letters and digits; {@code _}, punctuation and {@code %} split words. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) return out;
    String t = text.toLowerCase(Locale.ROOT).replace("y/y", "yoy").replace("m/m", "mom");
    for (String w : t.split("[^\\p{L}\\p{N}]+")) if (!w.isEmpty()) out.add(w);
    return out;
  }
}
