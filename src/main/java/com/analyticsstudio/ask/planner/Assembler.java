package com.analyticsstudio.ask.planner;

import com.analyticsstudio.ask.planner.Analysis.ColumnMention;
import com.analyticsstudio.ask.planner.Analysis.Role;
import com.analyticsstudio.ask.planner.Analysis.ValueMention;
import com.analyticsstudio.ask.planner.PlanSpec.Aggregation;
import com.analyticsstudio.ask.planner.PlanSpec.Dimension;
import com.analyticsstudio.ask.planner.PlanSpec.Filter;
import com.analyticsstudio.ask.planner.PlanSpec.Measure;
import com.analyticsstudio.ask.planner.PlanSpec.Operator;
import com.analyticsstudio.ask.planner.PlanSpec.Sort;
import com.analyticsstudio.ask.planner.PlanSpec.TimeBucket;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the intent words left over by {@link Analysis} (aggregations, "how many", superlatives,
 * "top 5", "by", "which") and builds the {@link PlanSpec}. Every decision that would be a guess
 * becomes a {@link #problem} instead.
 */
final class Assembler {
  private static final Set<String> SKIP =
      Set.of("the", "a", "an", "of", "all", "its", "their", "in", "for");
  private static final Set<String> SCATTER_WORDS =
      Set.of(
          "vs",
          "versus",
          "against",
          "relationship",
          "correlation",
          "correlate",
          "correlated",
          "relation");
  private static final Set<String> LIST_VERBS = Set.of("show", "list", "display", "give", "find");

  final Analysis a;
  final List<Token> t;
  final boolean[] used;
  String problem;

  // intents
  final Map<Integer, Aggregation> aggs = new TreeMap<>();
  final Set<Integer> boundAggs = new HashSet<>();
  final Map<Integer, Boolean> superlatives = new TreeMap<>();
  final List<Integer> countAt = new ArrayList<>();
  final List<Integer> sumAt = new ArrayList<>();
  final List<Integer> distinctAt = new ArrayList<>();
  final Set<Integer> groupMarkers = new HashSet<>();
  Integer topN;
  Boolean topDescending;
  int topEnd = -1;
  boolean topWord;
  int whichAt = -1;
  boolean share;
  boolean listVerb;
  boolean scatter;
  boolean percent;
  boolean compare;

  /**
   * The intents the question carries on its own, so a follow-up can tell "and per year?" from a new
   * question.
   */
  boolean ownIntent;

  /**
   * The question names what it measures (a column or a count) and how it groups: a new question,
   * not a refinement.
   */
  boolean ownMeasure;

  boolean ownGrouping;

  /**
   * A column mention that fits several columns (the reason a spec is null), for offering each as a
   * choice.
   */
  ColumnMention ambiguous;

  /**
   * Mentions forced to one column (by start token): the other readings of an ambiguous question.
   */
  private final Map<Integer, ColumnInfo> forced;

  Assembler(Analysis a) {
    this(a, Map.of());
  }

  Assembler(Analysis a, Map<Integer, ColumnInfo> forced) {
    this.a = a;
    this.t = a.tokens;
    this.used = a.used;
    this.forced = forced;
  }

  /** The spec, or null with {@link #problem} set. */
  PlanSpec assemble() {
    if (a.problem != null) return fail(a.problem);
    scanIntents();
    if (problem != null) return null;
    for (ColumnMention m : a.columns) {
      ColumnInfo f = forced.get(m.start);
      if (f != null && m.candidates.contains(f)) m.candidates = List.of(f);
    }
    for (Analysis.ImpliedRank r : a.impliedRanks) {
      // "the hottest day": the adjective is the superlative and names the column it ranks by.
      r.mention().role = Role.MEASURE;
      superlatives.put(r.at(), r.descending());
      ownIntent = true;
    }
    for (ColumnMention m : a.columns) {
      if (m.role == null) assignRole(m);
    }
    // Ambiguous mentions left: an adjacent max/min word may settle them ("highest temperature" →
    // temp_max).
    for (ColumnMention m : a.columns) {
      if (m.ambiguous()) settle(m);
      if (m.ambiguous()) {
        ambiguous = m;
        List<String> names = m.candidates.stream().map(ColumnInfo::name).toList();
        return fail("\"" + a.span(m.start, m.end) + "\" could mean " + String.join(" or ", names));
      }
    }
    for (ColumnMention m : a.columns) {
      if (m.role == null) assignDefault(m);
    }
    List<Integer> freeAggs = aggs.keySet().stream().filter(p -> !boundAggs.contains(p)).toList();
    List<ColumnMention> measures = a.columns.stream().filter(m -> m.role == Role.MEASURE).toList();
    for (Integer p : freeAggs) {
      // "what is the temp max average" / "highest of the year": an aggregation word nothing
      // claimed.
      ColumnMention unqualified =
          measures.stream().filter(m -> m.agg == null).findFirst().orElse(null);
      if (unqualified != null) {
        unqualified.agg = aggs.get(p);
        boundAggs.add(p);
      } else if (!superlatives.containsKey(p) && measures.isEmpty()) {
        return fail("I found \"" + t.get(p).raw() + "\" but not which column to apply it to");
      }
    }
    String unknown = unknownWord();
    if (unknown != null) return fail(unknown);
    return build();
  }

  // ---- intents ----

  private void scanIntents() {
    int n = t.size();
    for (int i = 0; i < n; i++) {
      if (used[i]) continue;
      Token k = t.get(i);
      String w = k.lower();
      String next = i + 1 < n && !used[i + 1] ? t.get(i + 1).lower() : "";
      if (w.equals("how") && (next.equals("many") || next.equals("much"))) {
        used[i] = used[i + 1] = true;
        (next.equals("many") ? countAt : sumAt).add(i + 1);
        ownIntent = true;
        i++;
        continue;
      }
      if (w.equals("total")
          && (next.equals("number") || next.equals("count") || next.equals("amount"))) {
        used[i] = true; // "total number of": the count, not a sum of counts
        continue;
      }
      if ((w.equals("number") || w.equals("count") || w.equals("amount")) && next.equals("of")) {
        used[i] = used[i + 1] = true;
        (w.equals("amount") ? sumAt : countAt).add(i);
        ownIntent = true;
        i++;
        continue;
      }
      if (w.equals("count") || w.equals("counts")) {
        used[i] = true;
        countAt.add(i);
        ownIntent = true;
        continue;
      }
      if ((w.equals("top") || w.equals("bottom"))
          || (topNumber(i) != null
              && i + 1 < n
              && !used[i + 1]
              && Lexicon.SUPERLATIVES.containsKey(t.get(i + 1).lower()))) {
        if (w.equals("top") || w.equals("bottom")) {
          used[i] = true;
          topWord = true;
          topDescending = w.equals("top");
          topEnd = i + 1;
          Integer num = i + 1 < n && !used[i + 1] ? topNumber(i + 1) : null;
          if (num != null) {
            topN = num;
            used[i + 1] = true;
            topEnd = i + 2;
          }
          ownIntent = true;
          continue;
        }
        topN = topNumber(i);
        used[i] = true;
        topDescending = Lexicon.SUPERLATIVES.get(t.get(i + 1).lower());
        superlatives.put(i + 1, topDescending);
        Aggregation agg = Lexicon.AGGREGATIONS.get(t.get(i + 1).lower());
        if (agg != null) aggs.put(i + 1, agg);
        used[i + 1] = true;
        topEnd = i + 2;
        ownIntent = true;
        i++;
        continue;
      }
      if (Lexicon.UNSUPPORTED.contains(w)
          && !a.index.mentionsColumnWord(Lexicon.canonical(k.stem()))) {
        problem =
            "I cannot compute a "
                + w
                + " yet; I can count, sum, average and take the lowest or highest";
        return;
      }
      // "the 3 heaviest cars": a number before a superlative that names its column.
      final int after = i + 1;
      if (topN == null
          && topNumber(i) != null
          && after < n
          && a.impliedRanks.stream().anyMatch(r -> r.at() == after)) {
        topN = topNumber(i);
        used[i] = true;
        continue;
      }
      // "the 3 states with the fewest …": a small whole number in a ranking question is the N.
      if (topN == null && k.isNumber() && topNumber(i) != null && hasSuperlative()) {
        topN = topNumber(i);
        used[i] = true;
        topEnd = i + 1;
        continue;
      }
      // "which location had more rainy days": a comparative in a "which" question ranks.
      if (whichAt >= 0
          && (w.equals("more") || w.equals("fewer") || w.equals("less"))
          && !next.equals("than")) {
        superlatives.put(i, w.equals("more"));
        used[i] = true;
        continue;
      }
      Aggregation agg = Lexicon.AGGREGATIONS.get(w);
      if (agg != null) {
        aggs.put(i, agg);
        used[i] = true;
        ownIntent = true;
      }
      Boolean sup = Lexicon.SUPERLATIVES.get(w);
      if (sup != null) {
        superlatives.put(i, sup);
        used[i] = true;
        ownIntent = true;
      }
      if (agg != null || sup != null) continue;
      if (Lexicon.DISTINCT_WORDS.contains(w)) {
        distinctAt.add(i);
        used[i] = true;
        ownIntent = true;
      } else if (Lexicon.GROUP_MARKERS.contains(w)) {
        groupMarkers.add(i);
        used[i] = true;
      } else if ((w.equals("which") || w.equals("what")) && whichAt < 0) {
        whichAt = i;
        used[i] = true;
      } else if (Lexicon.SHARE_WORDS.contains(w)) {
        share = true;
        percent |= Lexicon.PERCENT_WORDS.contains(w);
        used[i] = true;
        ownIntent = true;
      } else if (Lexicon.COMPARE_WORDS.contains(w)) {
        compare = true;
        scatter |= w.equals("vs") || w.equals("versus");
        used[i] = true;
      } else if (LIST_VERBS.contains(w)) {
        listVerb = true;
        used[i] = true;
      } else if (SCATTER_WORDS.contains(w)) {
        scatter = true;
        used[i] = true;
        ownIntent = true;
      }
    }
  }

  private boolean hasSuperlative() {
    for (int k = 0; k < t.size(); k++) {
      if (!used[k] && Lexicon.SUPERLATIVES.containsKey(t.get(k).lower())) return true;
    }
    return false;
  }

  private Integer topNumber(int i) {
    Token k = t.get(i);
    if (used[i]) return null;
    if (k.isNumber()
        && k.number().scale() <= 0
        && k.number().signum() > 0
        && k.number().compareTo(BigDecimal.valueOf(1000)) <= 0) {
      return k.number().intValue();
    }
    return Lexicon.NUMBER_WORDS.get(k.lower());
  }

  // ---- roles ----

  private int prevMeaningful(int pos) {
    int k = pos - 1;
    while (k >= 0
        && (SKIP.contains(t.get(k).lower())
            || t.get(k).is("each", "every") && !groupMarkers.contains(k))) k--;
    return k;
  }

  private void assignRole(ColumnMention m) {
    int p = prevMeaningful(m.start);
    if (p < 0) return;
    Token k = t.get(p);
    if (topEnd > 0 && p == topEnd - 1 && !m.column().type().numeric()) {
      m.role = Role.SUBJECT; // "the 2 lowest symbols by …", "top 5 countries"
    } else if (groupMarkers.contains(p)) {
      // "top 5 countries by population": a number after "by" in a ranking is what ranks, not a
      // group.
      boolean ranking = topWord || topN != null || !superlatives.isEmpty();
      m.role =
          ranking && m.column().type().numeric() && !isYear(m.column().name())
              ? Role.MEASURE
              : Role.DIMENSION;
    } else if (k.is("and", "or") || (p > 0 && k.is("&"))) {
      ColumnMention before = a.mentionEndingAt(prevMeaningful(p) + 1);
      boolean bucketBefore =
          a.times.stream().anyMatch(x -> x.bucket() != null && x.end() == prevMeaningful(p) + 1);
      if (before != null && before.role == Role.DIMENSION || bucketBefore) {
        m.role = Role.DIMENSION;
      } else if (before != null && before.role == Role.MEASURE) {
        m.role = Role.MEASURE;
        m.agg = before.agg;
      }
    } else if (aggs.containsKey(p) && !boundAggs.contains(p)) {
      m.role = Role.MEASURE;
      m.agg = aggs.get(p);
      boundAggs.add(p);
    } else if (distinctAt.contains(p)) {
      m.role = Role.MEASURE;
      m.agg = Aggregation.COUNT_DISTINCT;
      int q = prevMeaningful(p);
      if (q >= 0 && countAt.contains(q)) countAt.remove(Integer.valueOf(q));
    } else if (countAt.contains(p)) {
      m.role = Role.MEASURE;
      m.agg = m.column().type().numeric() ? Aggregation.SUM : Aggregation.COUNT_DISTINCT;
      countAt.remove(Integer.valueOf(p));
    } else if (sumAt.contains(p)) {
      m.role = Role.MEASURE;
      m.agg = Aggregation.SUM;
      sumAt.remove(Integer.valueOf(p));
    } else if (superlatives.containsKey(p)
        && a.impliedRanks.stream().anyMatch(r -> r.at() == p || r.mention().end - 1 == p)) {
      m.role = Role.DIMENSION; // "the hottest year", "the heaviest species": what is ranked
    } else if (superlatives.containsKey(p)) {
      m.role = Role.MEASURE;
      Aggregation agg = aggs.get(p);
      if (agg != null && !boundAggs.contains(p)) {
        m.agg = agg;
        boundAggs.add(p);
      } else if (m.impliedAgg == null && !freeAggregationWord()) {
        m.agg = m.column().type().numeric() ? Aggregation.SUM : Aggregation.COUNT_DISTINCT;
      }
    } else if (p == whichAt || p == topEnd - 1 && topEnd > 0) {
      m.role = m.column().type().numeric() ? Role.MEASURE : Role.DIMENSION;
      if (m.role == Role.DIMENSION) m.role = Role.SUBJECT;
    }
  }

  /** An aggregation word ("on average") that is not itself a superlative and not yet bound. */
  private boolean freeAggregationWord() {
    for (Map.Entry<Integer, Aggregation> e : aggs.entrySet()) {
      if (!superlatives.containsKey(e.getKey()) && !boundAggs.contains(e.getKey())) return true;
    }
    return false;
  }

  private void assignDefault(ColumnMention m) {
    ColumnInfo c = m.column();
    if (c.type() == ColumnType.TEXT && qualifiesValue(m)) {
      // "the city of Chicago", "weather rain": the column only names the value's column.
      m.role = Role.FILTER;
    } else if (c.type() == ColumnType.TEXT || c.type() == ColumnType.BOOLEAN) {
      // Unmarked, a category is a grouping only when the question ranks or splits ("most common
      // weather", "weather breakdown"); "population of states with …" only names what is summed.
      int p = m.start - 1;
      boolean context = p >= 0 && t.get(p).is("of", "in", "for", "among", "across", "from");
      boolean grouping = whichAt >= 0 || share || !superlatives.isEmpty() || topWord;
      m.role = context && !grouping ? Role.FILTER : Role.DIMENSION;
    } else if (isYear(c.name())) {
      m.role = Role.DIMENSION; // a year is when, never how much
    } else if (c.type().numeric()) {
      m.role = Role.MEASURE;
    } else if (c.type().temporal()) {
      // A date named without "by": a measure only under an aggregation (latest date); else context.
      m.role = null;
    }
  }

  private boolean qualifiesValue(ColumnMention m) {
    for (ValueMention v : a.values) {
      if (!v.column().equals(m.column())) continue;
      boolean after = v.start() >= m.end && v.start() - m.end <= 2;
      boolean before = m.start >= v.end() && m.start - v.end() <= 1;
      if (after || before) return true;
    }
    return false;
  }

  private void settle(ColumnMention m) {
    Aggregation near = null;
    for (int p = m.start - 1; p >= Math.max(0, m.start - 3); p--) {
      Aggregation x = aggs.get(p);
      if (x == Aggregation.MAX || x == Aggregation.MIN) {
        near = x;
        break;
      }
    }
    if (near == null) return;
    String want = near == Aggregation.MAX ? "max" : "min";
    List<ColumnInfo> fit =
        m.candidates.stream().filter(c -> a.index.columnWords.get(c).contains(want)).toList();
    if (fit.size() == 1) m.candidates = fit;
  }

  /** Unknown content words that would change the answer: "in Paris", "how many users". */
  private String unknownWord() {
    for (int i = 0; i < t.size(); i++) {
      if (used[i]) continue;
      Token k = t.get(i);
      if (k.isNumber()) return "I could not tell what the number " + k.raw() + " refers to";
      if (!Character.isLetter(k.lower().charAt(0)) || Analysis.known(k.lower())) continue;
      if (k.lower().length() > 5 && k.lower().endsWith("est") || k.is("best", "worst")) {
        return "I do not know which column \"" + k.raw() + "\" ranks by";
      }
      int p = i - 1;
      while (p >= 0 && t.get(p).is("the", "a", "an")) p--;
      boolean afterPreposition = p >= 0 && Lexicon.FILTER_PREPOSITIONS.contains(t.get(p).lower());
      boolean afterCount =
          p >= 0 && (countAt.contains(p) || distinctAt.contains(p) || sumAt.contains(p));
      boolean afterGroup = p >= 0 && groupMarkers.contains(p);
      if (afterPreposition || afterCount || afterGroup) {
        return "I do not know what \"" + k.raw() + "\" refers to in " + a.index.dataset.name();
      }
    }
    return null;
  }

  // ---- spec ----

  private PlanSpec build() {
    DatasetInfo d = a.index.dataset;
    List<Filter> filters = new ArrayList<>(a.filters);
    filters.addAll(valueFilters());

    // Dimensions in question order: column mentions and time buckets.
    TreeMap<Integer, Dimension> dims = new TreeMap<>();
    for (ColumnMention m : a.columns) {
      if (m.role == Role.DIMENSION || m.role == Role.SUBJECT) {
        dims.put(m.start, new Dimension(m.column().name(), null, alias(m.column().name())));
      }
    }
    for (TimeExpressions.Match x : a.times) {
      if (x.bucket() == null && !x.autoBucket()) continue;
      TimeBucket b = x.autoBucket() ? autoBucket() : x.bucket();
      if (a.index.dateColumn != null) {
        dims.put(x.start(), new Dimension(a.index.dateColumn.name(), b, b.json()));
      } else if (a.index.yearColumn != null) {
        dims.put(
            x.start(),
            new Dimension(a.index.yearColumn.name(), null, alias(a.index.yearColumn.name())));
      }
    }
    List<Dimension> dimensions = dedupe(new ArrayList<>(dims.values()));
    if (compare) {
      // "compare MSFT and IBM", "1931 vs 1932": the named members side by side, not blended.
      List<Dimension> sideBySide = new ArrayList<>();
      for (Filter f : filters) {
        boolean several = f.op() == Operator.IN && f.values().size() >= 2 && f.part() == null;
        ColumnInfo c = d.column(f.column()).orElse(null);
        if (!several
            || c == null
            || dimensions.stream().anyMatch(x -> x.column().equals(c.name()) && x.bucket() == null))
          continue;
        if (c.type() == ColumnType.TEXT || isYear(c.name()))
          sideBySide.add(new Dimension(c.name(), null, alias(c.name())));
      }
      if (a.namedYears.size() >= 2
          && a.index.dateColumn != null
          && dimensions.stream().noneMatch(x -> x.bucket() != null)) {
        sideBySide.add(
            new Dimension(a.index.dateColumn.name(), TimeBucket.YEAR, TimeBucket.YEAR.json()));
      }
      sideBySide.addAll(dimensions);
      dimensions = dedupe(sideBySide);
    }

    List<Measure> measures = new ArrayList<>();
    ColumnMention rankColumn = null;
    for (ColumnMention m : a.columns) {
      if (m.role != Role.MEASURE) continue;
      Aggregation agg =
          m.agg != null ? m.agg : m.impliedAgg != null ? m.impliedAgg : defaultAgg(m.column());
      if ((agg == Aggregation.SUM || agg == Aggregation.AVG) && !m.column().type().numeric()) {
        return fail(
            "cannot take the "
                + (agg == Aggregation.SUM ? "total" : "average")
                + " of "
                + m.column().name()
                + ", it is not a number");
      }
      measures.add(measure(agg, m.column().name()));
      if (rankColumn == null) rankColumn = m;
    }
    // Dates under an aggregation: "latest date", "earliest date".
    for (ColumnMention m : a.columns) {
      if (m.role == null && m.column().type().temporal()) {
        int p = prevMeaningful(m.start);
        Aggregation agg = p >= 0 ? aggs.get(p) : null;
        if (agg == Aggregation.MIN || agg == Aggregation.MAX)
          measures.add(measure(agg, m.column().name()));
      }
    }

    boolean rowsAsked = !a.rowNouns.isEmpty() || !a.datasetNouns.isEmpty();
    boolean whichRow =
        whichAt >= 0
            && (a.rowNouns.stream().anyMatch(r -> r > whichAt && r <= whichAt + 2)
                || a.datasetNouns.stream().anyMatch(r -> r > whichAt && r <= whichAt + 2));
    boolean topRows =
        topEnd > 0 && (a.rowNouns.contains(topEnd) || a.datasetNouns.contains(topEnd));
    boolean anySuperlative = !superlatives.isEmpty() || topWord;

    ownMeasure =
        rankColumn != null || !countAt.isEmpty() || !sumAt.isEmpty() || !distinctAt.isEmpty();
    ownGrouping = !dimensions.isEmpty();
    // "the hottest day", "the 3 heaviest cars": rows ranked by the column the adjective implies.
    boolean impliedRows =
        !a.impliedRanks.isEmpty()
            && dimensions.isEmpty()
            && measures.size() == 1
            && countAt.isEmpty()
            && sumAt.isEmpty()
            && aggs.keySet().stream().allMatch(superlatives::containsKey);
    if (impliedRows) {
      Analysis.ImpliedRank r = a.impliedRanks.get(0);
      boolean plural =
          a.rowNouns.stream()
                  .anyMatch(k -> k == r.mention().end && !t.get(k).lower().equals(t.get(k).stem()))
              || a.datasetNouns.stream()
                  .anyMatch(k -> k == r.mention().end && !t.get(k).lower().equals(t.get(k).stem()));
      int limit = topN != null ? topN : plural ? 10 : 1;
      return listing(
          d, filters, List.of(new Sort(r.mention().column().name(), r.descending())), limit);
    }
    // Row listings: "which day had the highest temp max", "top 5 days by precipitation", "list
    // rainy days".
    if ((whichRow || topRows) && dimensions.isEmpty() && rankColumn != null && anySuperlative) {
      boolean desc = direction();
      int limit = topN != null ? topN : whichRow ? 1 : 10;
      return listing(d, filters, List.of(new Sort(rankColumn.column().name(), desc)), limit);
    }
    // "closing price of AAPL over time": a measure over time with no aggregation word is the series
    // itself.
    boolean overTime = a.times.stream().anyMatch(TimeExpressions.Match::autoBucket);
    ColumnInfo timeColumn = a.index.dateColumn != null ? a.index.dateColumn : a.index.yearColumn;
    if (overTime
        && timeColumn != null
        && aggs.isEmpty()
        && countAt.isEmpty()
        && sumAt.isEmpty()
        && superlatives.isEmpty()
        && !percent
        && measures.size() == 1
        && dimensions.size() == 1
        && rankColumn != null
        && rankColumn.agg == null
        && rankColumn.impliedAgg == null) {
      return new PlanSpec(
          d.id(),
          d.tableName(),
          List.of(),
          List.of(),
          filters,
          List.of(timeColumn.name(), rankColumn.column().name()),
          List.of(new Sort(timeColumn.name(), false)),
          SqlBuilder.MAX_LIMIT);
    }
    if (scatter
        && dimensions.isEmpty()
        && aggs.isEmpty()
        && measures.size() == 2
        && countAt.isEmpty()
        && a.columns.stream()
            .filter(m -> m.role == Role.MEASURE)
            .allMatch(m -> m.agg == null && m.impliedAgg == null)) {
      List<String> cols = List.of(measures.get(0).column(), measures.get(1).column());
      return new PlanSpec(
          d.id(), d.tableName(), List.of(), List.of(), filters, cols, List.of(), 5000);
    }

    if (measures.isEmpty() && !sumAt.isEmpty()) {
      // "how much electricity …": the dataset's one quantity.
      List<ColumnInfo> numeric =
          d.columns().stream()
              .filter(c -> c.type().numeric() && !isYear(c.name()) && !c.name().equals("id"))
              .toList();
      if (numeric.size() != 1) return fail("I could not tell how much of what to add up");
      measures.add(measure(Aggregation.SUM, numeric.get(0).name()));
    }
    boolean countRows = !countAt.isEmpty();
    boolean mostRows =
        superlatives.entrySet().stream()
            .anyMatch(e -> !aggs.containsKey(e.getKey()) && !boundToMention(e.getKey()));
    if (measures.isEmpty()) {
      if (countRows
          || rowsAsked && !filters.isEmpty() && !listVerb
          || mostRows
          || share
          || !dimensions.isEmpty()
              && (rowsAsked || !superlatives.isEmpty() || whichAt >= 0 || listVerb || topWord)) {
        measures.add(new Measure(Aggregation.COUNT, null, "count"));
      } else if (listVerb && rowsAsked) {
        return listing(d, filters, List.of(), 100);
      } else if (!dimensions.isEmpty()) {
        measures.add(new Measure(Aggregation.COUNT, null, "count"));
      } else {
        return fail("I could not find what to count or measure");
      }
    } else if (countRows
        && dimensions.isEmpty()
        && measures.stream().noneMatch(x -> x.agg() == Aggregation.COUNT)) {
      // "how many rainy days … and the average temp?": keep both
      measures.add(0, new Measure(Aggregation.COUNT, null, "count"));
    }
    measures = dedupeMeasures(measures);
    if (percent) {
      // "what share of days had fog": the rows (or the total) that match, as a percent of all in
      // the
      // period asked; "percentage of cars by origin": each group's percent of the whole.
      Measure base = measures.get(0);
      boolean additive =
          base.agg() == Aggregation.SUM || base.agg() == Aggregation.COUNT && base.column() == null;
      if (measures.size() == 1 && additive) {
        List<Filter> condition = new ArrayList<>();
        List<Filter> where = new ArrayList<>();
        for (Filter f : filters) (a.timeFilters.contains(f) ? where : condition).add(f);
        if (condition.isEmpty() && dimensions.isEmpty())
          return fail("I could not tell what to take the share of");
        Measure share =
            new Measure(
                Aggregation.SHARE,
                base.column(),
                alias(base.column() == null ? "pct_rows" : "pct_" + base.column()),
                null,
                condition);
        List<Sort> order = new ArrayList<>();
        if (!dimensions.isEmpty()) {
          boolean time =
              dimensions.stream().anyMatch(x -> x.bucket() != null || isYear(x.column()));
          if (time) dimensions.forEach(x -> order.add(new Sort(x.alias(), false)));
          else order.add(new Sort(share.alias(), true));
        }
        return new PlanSpec(
            d.id(), d.tableName(), List.of(share), dimensions, where, List.of(), order, null);
      }
    }

    List<Sort> order = new ArrayList<>();
    Integer limit = null;
    boolean ranking =
        topN != null
            || topWord
            || whichAt >= 0 && !superlatives.isEmpty()
            || superlatives.keySet().stream()
                .anyMatch(p -> !aggs.containsKey(p) || aggs.size() > 1 || !boundToMention(p));
    if (!dimensions.isEmpty() && ranking && !superlatives.isEmpty()
        || topWord && !dimensions.isEmpty()) {
      Measure target = rankTarget(measures);
      order.add(new Sort(target.alias(), direction()));
      limit = topN != null ? topN : topWord ? 10 : 1;
    } else if (!dimensions.isEmpty()) {
      boolean time = dimensions.stream().anyMatch(x -> x.bucket() != null || isYear(x.column()));
      if (time || dimensions.size() > 1) {
        for (Dimension x : dimensions) order.add(new Sort(x.alias(), false));
      } else {
        order.add(new Sort(measures.get(0).alias(), true));
        order.add(new Sort(dimensions.get(0).alias(), false));
      }
    }
    return new PlanSpec(
        d.id(), d.tableName(), measures, dimensions, filters, List.of(), order, limit);
  }

  private boolean boundToMention(int superlativePos) {
    for (ColumnMention m : a.columns) {
      if (m.role == Role.MEASURE && prevMeaningful(m.start) == superlativePos) return true;
    }
    return false;
  }

  private Measure rankTarget(List<Measure> measures) {
    // The measure named right after the superlative ("the highest average price"), else the first.
    for (Map.Entry<Integer, Boolean> e : superlatives.entrySet()) {
      for (ColumnMention m : a.columns) {
        if (m.role == Role.MEASURE && m.start > e.getKey() && m.start <= e.getKey() + 3) {
          for (Measure x : measures) if (m.column().name().equals(x.column())) return x;
        }
      }
    }
    return measures.get(0);
  }

  private boolean direction() {
    if (topDescending != null) return topDescending;
    return superlatives.isEmpty() || superlatives.values().iterator().next();
  }

  private PlanSpec listing(DatasetInfo d, List<Filter> filters, List<Sort> order, int limit) {
    List<String> cols = d.columns().stream().map(ColumnInfo::name).toList();
    return new PlanSpec(d.id(), d.tableName(), List.of(), List.of(), filters, cols, order, limit);
  }

  private List<Filter> valueFilters() {
    Map<String, List<ValueMention>> byColumn = new LinkedHashMap<>();
    for (ValueMention v : a.values)
      byColumn
          .computeIfAbsent(v.column().name() + (v.negated() ? "!" : ""), k -> new ArrayList<>())
          .add(v);
    List<Filter> out = new ArrayList<>();
    for (List<ValueMention> vs : byColumn.values()) {
      List<String> values = vs.stream().map(ValueMention::value).distinct().toList();
      boolean neg = vs.get(0).negated();
      Operator op =
          values.size() == 1
              ? (neg ? Operator.NE : Operator.EQ)
              : (neg ? Operator.NOT_IN : Operator.IN);
      out.add(new Filter(vs.get(0).column().name(), op, values));
    }
    return out;
  }

  private TimeBucket autoBucket() {
    ColumnInfo c = a.index.dateColumn;
    if (c == null) return TimeBucket.YEAR;
    LocalDate min = TimeExpressions.parseDate(c.min());
    LocalDate max = TimeExpressions.parseDate(c.max());
    if (min == null || max == null) return TimeBucket.MONTH;
    long days = ChronoUnit.DAYS.between(min, max);
    return days > 3 * 366 ? TimeBucket.YEAR : days > 90 ? TimeBucket.MONTH : TimeBucket.DAY;
  }

  private boolean isYear(String column) {
    return a.index.yearColumn != null && a.index.yearColumn.name().equals(column);
  }

  static Aggregation defaultAgg(ColumnInfo c) {
    for (String w : Text.words(c.name())) {
      if (Lexicon.ADDITIVE.contains(Lexicon.canonical(Text.stem(w)))) return Aggregation.SUM;
    }
    return Aggregation.AVG;
  }

  static Measure measure(Aggregation agg, String column) {
    String alias =
        switch (agg) {
          case COUNT -> column == null ? "count" : "count_" + column;
          case COUNT_DISTINCT -> "distinct_" + column;
          case SHARE -> column == null ? "pct_rows" : "pct_" + column;
          default -> agg.json() + "_" + column;
        };
    return new Measure(agg, column, alias(alias));
  }

  /** A safe output alias: lower-case letters, digits and underscores, at most 63 characters. */
  static String alias(String s) {
    String a = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
    if (a.isEmpty() || Character.isDigit(a.charAt(0))) a = "c_" + a;
    return a.length() > 63 ? a.substring(0, 63) : a;
  }

  private static List<Dimension> dedupe(List<Dimension> dims) {
    Map<String, Dimension> out = new LinkedHashMap<>();
    for (Dimension d : dims) out.putIfAbsent(d.alias(), d);
    return new ArrayList<>(out.values());
  }

  private static List<Measure> dedupeMeasures(List<Measure> ms) {
    Map<String, Measure> out = new LinkedHashMap<>();
    for (Measure m : ms) out.putIfAbsent(m.alias(), m);
    return new ArrayList<>(out.values());
  }

  private PlanSpec fail(String why) {
    problem = why;
    return null;
  }
}
