package com.analyticsstudio.ask.planner;

import com.analyticsstudio.ask.planner.DatasetIndex.ValueRef;
import com.analyticsstudio.ask.planner.PlanSpec.Aggregation;
import com.analyticsstudio.ask.planner.PlanSpec.Filter;
import com.analyticsstudio.ask.planner.PlanSpec.Operator;
import com.analyticsstudio.ask.planner.PlanSpec.TimeBucket;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One question read against one dataset: which tokens are time phrases, values, columns,
 * comparisons and intent words. {@link Assembler} turns it into a spec; {@link #score} says how
 * well the question fits this dataset.
 */
final class Analysis {
  /**
   * A column named by tokens {@code [start, end)}; several candidates when the words fit more than
   * one.
   */
  static final class ColumnMention {
    final int start;
    final int end;
    List<ColumnInfo> candidates;
    final Aggregation impliedAgg;
    final double coverage;
    Role role;
    Aggregation agg;

    ColumnMention(
        int start, int end, List<ColumnInfo> candidates, Aggregation impliedAgg, double coverage) {
      this.start = start;
      this.end = end;
      this.candidates = candidates;
      this.impliedAgg = impliedAgg;
      this.coverage = coverage;
    }

    ColumnInfo column() {
      return candidates.get(0);
    }

    boolean ambiguous() {
      return candidates.size() > 1;
    }
  }

  enum Role {
    DIMENSION,
    MEASURE,
    FILTER,
    SUBJECT
  }

  /** A real value named by tokens {@code [start, end)}. */
  record ValueMention(int start, int end, ColumnInfo column, String value, boolean negated) {}

  /** A superlative adjective bound to the column it implies ("hottest" → temp_max). */
  record ImpliedRank(int at, ColumnMention mention, boolean descending) {}

  final DatasetIndex index;
  final List<Token> tokens;
  final boolean[] used;
  final List<ColumnMention> columns = new ArrayList<>();
  final List<ValueMention> values = new ArrayList<>();
  final List<Filter> filters = new ArrayList<>();
  final List<TimeExpressions.Match> times = new ArrayList<>();
  final List<Integer> datasetNouns = new ArrayList<>();
  final List<Integer> rowNouns = new ArrayList<>();
  final List<ValueChoice> valueChoices = new ArrayList<>();
  final List<ImpliedRank> impliedRanks = new ArrayList<>();

  /**
   * Comparisons whose column an adjective implied ("hotter than 30"): evidence the question fits
   * this dataset.
   */
  int impliedFilters;

  /** Filters that come from time phrases (they stay in WHERE of a share; the others define it). */
  final List<Filter> timeFilters = new ArrayList<>();

  /**
   * Whole years named separately ("1931 and 1932", "2014 vs 2015"): compared side by side on
   * request.
   */
  final List<Integer> namedYears = new ArrayList<>();

  /** Why this dataset cannot answer, or null. */
  String problem;

  double score;

  Analysis(DatasetIndex index, List<Token> tokens) {
    this.index = index;
    this.tokens = tokens;
    this.used = new boolean[tokens.size()];
  }

  Analysis run() {
    findDatasetName();
    findTime();
    findValues();
    findColumns();
    findImpliedRanks();
    findDatasetAndRowNouns();
    findOrMore();
    findComparisons();
    findNumbersOfColumns();
    score =
        3.0 * values.size()
            + 2.0 * datasetNouns.size()
            + 1.5 * (impliedRanks.size() + impliedFilters);
    for (ColumnMention m : columns) score += 2.0 * m.coverage;
    for (TimeExpressions.Match t : times) score += 0.5;
    return this;
  }

  // ---- the dataset's own name ----

  /** "in seattle weather": the dataset's whole name, before its words are taken for columns. */
  private void findDatasetName() {
    List<String> name = new ArrayList<>();
    for (String w : Text.words(index.dataset.tableName())) name.add(Text.stem(w));
    if (name.size() < 2) return;
    for (int i = 0; i + name.size() <= tokens.size(); i++) {
      boolean all = true;
      for (int k = 0; k < name.size() && all; k++)
        all = tokens.get(i + k).stem().equals(name.get(k));
      if (all && free(i, name.size())) {
        for (int k = i; k < i + name.size(); k++) {
          used[k] = true;
          datasetNouns.add(k);
        }
      }
    }
  }

  // ---- time ----

  private void findTime() {
    LocalDate anchor = null;
    if (index.dateColumn != null) anchor = TimeExpressions.parseDate(index.dateColumn.max());
    else if (index.yearColumn != null && index.yearColumn.max() != null) {
      try {
        anchor = LocalDate.of(Integer.parseInt(index.yearColumn.max().trim()), 12, 31);
      } catch (RuntimeException e) {
        anchor = null;
      }
    }
    boolean[] probe = used.clone();
    List<TimeExpressions.Match> found = TimeExpressions.find(tokens, probe, anchor);
    if (found.isEmpty()) return;
    if (index.dateColumn == null && index.yearColumn == null) return; // leave the words unexplained
    if (index.ambiguousDate) {
      problem =
          "the question has a time phrase but "
              + index.dataset.name()
              + " has several date columns";
      return;
    }
    List<TimeExpressions.Range> singleYears = new ArrayList<>();
    for (TimeExpressions.Match m : found) {
      if (index.dateColumn == null) {
        // A whole-number year column: only whole years and yearly buckets make sense.
        if (m.range() != null && !m.range().wholeYears()) continue;
        if (m.bucket() != null && m.bucket() != TimeBucket.YEAR) continue;
        if (!m.months().isEmpty()) continue;
      }
      for (int k = m.start(); k < m.end(); k++) used[k] = true;
      times.add(m);
      if (m.range() != null
          && m.range().wholeYears()
          && m.range().firstYear() == m.range().lastYear()) {
        singleYears.add(m.range());
      } else if (m.range() != null) {
        add(timeFilter(m.range()));
      }
      if (!m.months().isEmpty()) {
        add(
            new Filter(
                index.dateColumn.name(),
                Operator.IN,
                m.months().stream().map(String::valueOf).toList(),
                TimeBucket.MONTH_OF_YEAR));
      }
    }
    if (singleYears.size() == 1) {
      add(timeFilter(singleYears.get(0)));
    } else if (singleYears.size() > 1) {
      // "in 2014 and 2015": both years, never an impossible AND of the two.
      for (TimeExpressions.Range r : singleYears) namedYears.add(r.firstYear());
      namedYears.sort(null);
      int first = namedYears.get(0);
      int last = namedYears.get(namedYears.size() - 1);
      boolean contiguous = last - first == namedYears.size() - 1;
      if (index.dateColumn == null) {
        add(
            new Filter(
                index.yearColumn.name(),
                Operator.IN,
                namedYears.stream().map(String::valueOf).toList()));
      } else if (contiguous) {
        add(
            timeFilter(
                new TimeExpressions.Range(
                    LocalDate.of(first, 1, 1), LocalDate.of(last + 1, 1, 1))));
      } else {
        add(
            new Filter(
                index.dateColumn.name(),
                Operator.IN,
                namedYears.stream().map(String::valueOf).toList(),
                TimeBucket.YEAR));
      }
    }
  }

  private void add(Filter f) {
    if (f == null) return;
    filters.add(f);
    timeFilters.add(f);
  }

  private Filter timeFilter(TimeExpressions.Range r) {
    boolean openStart = r.from().getYear() <= 1;
    boolean openEnd = r.to().getYear() >= 10000;
    if (index.dateColumn != null) {
      String c = index.dateColumn.name();
      if (openStart) return new Filter(c, Operator.LT, List.of(r.to().toString()));
      if (openEnd) return new Filter(c, Operator.GE, List.of(r.from().toString()));
      return new Filter(c, Operator.RANGE, List.of(r.from().toString(), r.to().toString()));
    }
    String c = index.yearColumn.name();
    if (openStart) return new Filter(c, Operator.LT, List.of(String.valueOf(r.to().getYear())));
    if (openEnd) return new Filter(c, Operator.GE, List.of(String.valueOf(r.firstYear())));
    if (r.firstYear() == r.lastYear())
      return new Filter(c, Operator.EQ, List.of(String.valueOf(r.firstYear())));
    return new Filter(
        c, Operator.BETWEEN, List.of(String.valueOf(r.firstYear()), String.valueOf(r.lastYear())));
  }

  // ---- values ----

  private void findValues() {
    int n = tokens.size();
    for (int i = 0; i < n; i++) {
      if (used[i] || tokens.get(i).isNumber()) continue;
      for (int len = Math.min(6, n - i); len >= 1; len--) {
        if (!free(i, len)) continue;
        List<ValueRef> refs = lookupValue(i, len);
        if (refs.isEmpty()) continue;
        ValueRef pick = choose(refs, i, len);
        if (pick == null) return; // problem set
        boolean negated = negatedAt(i);
        for (int k = i; k < i + len; k++) used[k] = true;
        values.add(new ValueMention(i, i + len, pick.column(), pick.value(), negated));
        i += len - 1;
        break;
      }
    }
  }

  private List<ValueRef> lookupValue(int i, int len) {
    List<String> words = new ArrayList<>(len);
    StringBuilder raw = new StringBuilder();
    for (int k = i; k < i + len; k++) {
      Token t = tokens.get(k);
      if (t.isNumber() && len == 1) return List.of();
      if (!Character.isLetterOrDigit(t.lower().charAt(0))) return List.of();
      words.add(t.lower());
      raw.append(t.raw());
    }
    boolean upper = raw.toString().equals(raw.toString().toUpperCase(Locale.ROOT));
    List<ValueRef> out = new ArrayList<>();
    collect(out, index.values.get(DatasetIndex.key(words)), upper);
    if (len == 1) {
      String w = words.get(0);
      if (Lexicon.filler(w) && !upper) return out;
      collect(out, index.values.get(w), upper);
      String base = Text.adjectiveBase(w);
      if (base != null) collect(out, index.values.get(base), upper);
      if (out.isEmpty() && Text.typoBudget(w) > 0 && !known(w)) {
        // One typo in a long word: "Seatle", "Earthqake". Only when exactly one value is that
        // close.
        List<ValueRef> close = new ArrayList<>();
        for (Map.Entry<String, List<ValueRef>> e : index.values.entrySet()) {
          String k = e.getKey();
          if (k.indexOf(' ') < 0 && k.length() >= 5 && Text.distance(Text.stem(w), k, 1) <= 1) {
            for (ValueRef r : e.getValue()) if (r.exact()) close.add(r);
          }
        }
        if (close.size() == 1) out.addAll(close);
      }
    }
    return out;
  }

  private static void collect(List<ValueRef> out, List<ValueRef> refs, boolean upper) {
    if (refs == null) return;
    for (ValueRef r : refs) {
      if (r.caseSensitive() && !upper) continue;
      if (!out.contains(r)) out.add(r);
    }
  }

  /** One value for a span: exact beats abbreviation; a column named in the question breaks ties. */
  private ValueRef choose(List<ValueRef> refs, int start, int len) {
    List<ValueRef> exact = refs.stream().filter(ValueRef::exact).toList();
    List<ValueRef> pool = exact.isEmpty() ? refs : exact;
    Map<ColumnInfo, ValueRef> byColumn = new LinkedHashMap<>();
    for (ValueRef r : pool) byColumn.putIfAbsent(r.column(), r);
    if (byColumn.size() == 1) return byColumn.values().iterator().next();
    List<ValueRef> named = new ArrayList<>();
    for (ValueRef r : byColumn.values()) {
      for (int k = 0; k < tokens.size(); k++) {
        if ((k < start || k >= start + len)
            && index
                .columnWords
                .get(r.column())
                .contains(Lexicon.canonical(tokens.get(k).stem()))) {
          named.add(r);
          break;
        }
      }
    }
    if (named.size() == 1) return named.get(0);
    // Still several: the column where the value is most common is the likeliest reading; the
    // others are kept so the answer can show the choice and offer them.
    List<ValueRef> ranked = new ArrayList<>(byColumn.values());
    ranked.sort((x, y) -> Long.compare(y.rows(), x.rows()));
    List<String> others = new ArrayList<>();
    for (int k = 1; k < ranked.size(); k++) others.add(ranked.get(k).column().name());
    valueChoices.add(new ValueChoice(ranked.get(0).column().name(), ranked.get(0).value(), others));
    return ranked.get(0);
  }

  private boolean negatedAt(int i) {
    int j = i - 1;
    while (j >= 0 && tokens.get(j).is("the", "a", "any", "on")) j--;
    if (j < 0 || used[j]) return false;
    Token t = tokens.get(j);
    if (Lexicon.NEGATIONS.contains(t.lower())) {
      used[j] = true;
      return true;
    }
    if (t.is("than") && j > 0 && tokens.get(j - 1).is("other") && !used[j - 1]) {
      used[j] = true;
      used[j - 1] = true;
      return true;
    }
    return false;
  }

  // ---- columns ----

  private void findColumns() {
    int n = tokens.size();
    for (int i = 0; i < n; i++) {
      if (used[i]) continue;
      for (int len = Math.min(4, n - i); len >= 1; len--) {
        if (!free(i, len)) continue;
        ColumnMention m = matchColumn(i, len);
        if (m != null) {
          for (int k = i; k < i + len; k++) used[k] = true;
          columns.add(m);
          i += len - 1;
          break;
        }
      }
    }
  }

  private ColumnMention matchColumn(int start, int len) {
    List<String> words = new ArrayList<>(len);
    Aggregation implied = null;
    for (int k = start; k < start + len; k++) {
      Token t = tokens.get(k);
      if (t.isNumber() || !Character.isLetter(t.lower().charAt(0))) return null;
      if ((len > 1
          && (k == start || k == start + len - 1)
          && Lexicon.filler(t.lower())
          && !t.is("max", "min"))) return null;
      String w = Lexicon.canonical(t.stem());
      Aggregation a = Lexicon.AGGREGATIONS.get(t.lower());
      if (a != null && (a == Aggregation.MAX || a == Aggregation.MIN)) implied = a;
      words.add(w);
    }
    if (len == 1) {
      Token t = tokens.get(start);
      // Grammar words name a column only if a column is called exactly that.
      boolean grammar =
          Lexicon.AGGREGATIONS.containsKey(t.lower())
              || Lexicon.filler(t.lower())
              || Lexicon.SUPERLATIVES.containsKey(t.lower())
              || Lexicon.GROUP_MARKERS.contains(t.lower())
              || Lexicon.NEGATIONS.contains(t.lower());
      if (grammar) {
        for (ColumnInfo c : index.dataset.columns()) {
          if (c.name().equals(t.lower()) && !Lexicon.AGGREGATIONS.containsKey(t.lower())) {
            return new ColumnMention(start, start + 1, List.of(c), null, 1.0);
          }
        }
        return null;
      }
    }
    if (len == 1) {
      List<ColumnInfo> byInitials = index.initials.get(tokens.get(start).lower());
      if (byInitials != null && !known(tokens.get(start).lower())) {
        return new ColumnMention(start, start + 1, byInitials, null, 1.0);
      }
    }
    double best = 0;
    List<ColumnInfo> bestCols = new ArrayList<>();
    for (ColumnInfo c : index.dataset.columns()) {
      Set<String> cw = index.columnWords.get(c);
      int matched = 0;
      for (String w : words) {
        if (cw.contains(w) || fuzzy(w, cw) || abbreviated(w, cw)) matched++;
      }
      if (matched < words.size()) continue;
      double coverage =
          Math.min(
              1.0,
              (double) words.stream().distinct().count()
                  / Math.max(1, index.columnNameSize.get(c)));
      if (coverage > best + 1e-9) {
        best = coverage;
        bestCols = new ArrayList<>(List.of(c));
      } else if (Math.abs(coverage - best) < 1e-9) {
        bestCols.add(c);
      }
    }
    if (bestCols.isEmpty()) return null;
    // "max" alone inside a two-word column ("temp max") is the aggregation, not the column.
    if (len == 1 && implied != null) return null;
    return new ColumnMention(start, start + len, bestCols, len > 1 ? implied : null, best);
  }

  /**
   * A column word that abbreviates the question's word: "pop" for population, "expect" for
   * expectancy. Short abbreviations (3–4 letters) or long stems (6+); five-letter words are left
   * out because they are often whole words of their own ("count" is not "country").
   */
  private static boolean abbreviated(String w, Set<String> columnWords) {
    if (known(w)) return false;
    for (String c : columnWords) {
      int n = c.length();
      if ((n >= 3 && n <= 4 || n >= 6)
          && w.length() >= n + 2
          && w.startsWith(c)
          && !Lexicon.AGGREGATIONS.containsKey(c)
          && !Lexicon.filler(c)) {
        return true;
      }
    }
    return false;
  }

  private boolean fuzzy(String w, Set<String> columnWords) {
    Set<String> near = fuzzyHits.computeIfAbsent(w, this::nearColumnWords);
    if (near.isEmpty()) return false;
    for (String n : near) if (columnWords.contains(n)) return true;
    return false;
  }

  /** Per word, the dataset's column words one or two typos away (computed once per question). */
  private final Map<String, Set<String>> fuzzyHits = new HashMap<>();

  private Set<String> nearColumnWords(String w) {
    int budget = Text.typoBudget(w);
    if (budget == 0 || known(w)) return Set.of();
    Set<String> out = new HashSet<>();
    for (String c : index.allColumnWords) {
      if (c.length() >= 4 && Text.distance(w, c, budget) <= budget) out.add(c);
    }
    for (Map.Entry<String, String> e : Lexicon.SYNONYMS.entrySet()) {
      if (index.allColumnWords.contains(e.getValue())
          && e.getKey().length() >= 5
          && Text.distance(w, e.getKey(), budget) <= budget) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  /** A word the planner already gives a meaning: never "corrected" into a column or value. */
  static boolean known(String w) {
    return Lexicon.filler(w)
        || Lexicon.AGGREGATIONS.containsKey(w)
        || Lexicon.SUPERLATIVES.containsKey(w)
        || Lexicon.GROUP_MARKERS.contains(w)
        || Lexicon.SHARE_WORDS.contains(w)
        || Lexicon.MONTHS.containsKey(w)
        || Lexicon.BUCKET_ADVERBS.containsKey(w)
        || Lexicon.ROW_NOUNS.contains(Text.stem(w))
        || Lexicon.NEGATIONS.contains(w)
        || Lexicon.DISTINCT_WORDS.contains(w)
        || Lexicon.HOSTILE.contains(w)
        || Planner.COMPARISON_WORDS.contains(w);
  }

  // ---- superlatives that imply their column ----

  /** "the hottest day", "the most expensive car": the adjective names the column it ranks by. */
  private void findImpliedRanks() {
    for (int i = 0; i < tokens.size(); i++) {
      if (used[i]) continue;
      Lexicon.Implied implied = Lexicon.IMPLYING_SUPERLATIVES.get(tokens.get(i).lower());
      int start = i;
      if (implied == null
          && tokens.get(i).is("most", "least")
          && i + 1 < tokens.size()
          && !used[i + 1]) {
        Lexicon.Implied two = Lexicon.IMPLYING_ADJECTIVES.get(tokens.get(i + 1).lower());
        if (two != null) {
          implied = new Lexicon.Implied(two.stems(), tokens.get(i).is("most") == two.descending());
          i++;
        }
      }
      if (implied == null) continue;
      // "the hottest temperature": a column named right after is what ranks; the adjective is then
      // a plain superlative.
      ColumnMention next = mentionStartingAt(i + 1);
      boolean nextIsWhen =
          next != null && index.yearColumn != null && next.candidates.contains(index.yearColumn);
      if (next != null && next.column().type().numeric() && !nextIsWhen) {
        i = start;
        continue;
      }
      List<ColumnInfo> fit = impliedColumns(implied);
      if (fit.isEmpty()) {
        i = start;
        continue;
      }
      Aggregation agg = implied.descending() ? Aggregation.MAX : Aggregation.MIN;
      ColumnMention m = new ColumnMention(start, i + 1, fit, agg, 0.75);
      for (int k = start; k <= i; k++) used[k] = true;
      columns.add(m);
      impliedRanks.add(new ImpliedRank(start, m, implied.descending()));
    }
  }

  /**
   * Numeric columns a superlative or comparative implies; of several, the one whose words say
   * max/min for its direction.
   */
  List<ColumnInfo> impliedColumns(Lexicon.Implied implied) {
    for (String stem : implied.stems()) {
      List<ColumnInfo> fit = new ArrayList<>();
      for (ColumnInfo c : index.dataset.columns()) {
        if (!c.type().numeric()) continue;
        for (String w : index.columnWords.get(c)) {
          if (w.equals(stem) || w.startsWith(stem) && stem.length() >= 4) {
            fit.add(c);
            break;
          }
        }
      }
      if (fit.size() > 1) {
        String want = implied.descending() ? "max" : "min";
        List<ColumnInfo> directed =
            fit.stream().filter(c -> index.columnWords.get(c).contains(want)).toList();
        if (directed.size() == 1) return directed;
      }
      if (!fit.isEmpty()) return fit;
    }
    return List.of();
  }

  // ---- numbers that name a value of a numeric column ----

  /**
   * "cars with 8 cylinders", "4 cylinder cars", "only age 20": a number next to a numeric column is
   * its value.
   */
  private void findNumbersOfColumns() {
    for (int j = 0; j < tokens.size(); j++) {
      Token t = tokens.get(j);
      if (used[j] || !t.isNumber()) continue;
      if (j > 0
          && tokens.get(j - 1).is("top", "bottom", "first", "last", "the", "past", "previous"))
        continue;
      ColumnMention after = mentionStartingAt(j + 1);
      ColumnMention before = mentionEndingAt(j);
      ColumnMention c = null;
      if (after != null
          && after.role == null
          && !after.ambiguous()
          && after.column().type().numeric()) c = after;
      else if (before != null
          && before.role == null
          && !before.ambiguous()
          && before.column().type().numeric()) c = before;
      if (c == null) continue;
      c.role = Role.FILTER;
      used[j] = true;
      Operator op = Operator.EQ;
      // "6 cylinders or more", "20 hurricanes or fewer"
      int k = Math.max(c.end, j + 1);
      if (k + 1 < tokens.size() && tokens.get(k).is("or") && !used[k] && !used[k + 1]) {
        Token w = tokens.get(k + 1);
        op =
            w.is("more", "above", "higher", "greater", "over")
                ? Operator.GE
                : w.is("less", "fewer", "below", "under", "lower") ? Operator.LE : Operator.EQ;
        if (op != Operator.EQ) used[k] = used[k + 1] = true;
      }
      filters.add(new Filter(c.column().name(), op, List.of(t.number().toPlainString())));
    }
  }

  /** "90 or older", "5000 or more": an inclusive bound. */
  private void findOrMore() {
    for (int j = 0; j + 2 < tokens.size(); j++) {
      if (used[j] || !tokens.get(j).isNumber() || !tokens.get(j + 1).is("or") || used[j + 2])
        continue;
      Token w = tokens.get(j + 2);
      Lexicon.Implied implied = Lexicon.IMPLYING_COMPARATIVES.get(w.lower());
      String column = null;
      boolean up;
      if (implied != null) {
        List<ColumnInfo> fit = impliedColumns(implied);
        if (!fit.isEmpty()) column = fit.get(0).name();
        up = implied.descending();
      } else if (w.is("more", "above", "higher", "greater", "over", "later")) {
        up = true;
      } else if (w.is("less", "below", "fewer", "under", "lower", "earlier")) {
        up = false;
      } else {
        continue;
      }
      if (column == null) {
        ColumnMention c = comparedColumn(j, j + 3);
        if (c == null) continue;
        column = c.column().name();
      }
      filters.add(
          new Filter(
              column,
              up ? Operator.GE : Operator.LE,
              List.of(tokens.get(j).number().toPlainString())));
      for (int k = j; k <= j + 2; k++) used[k] = true;
    }
  }

  // ---- dataset and row nouns ----

  private void findDatasetAndRowNouns() {
    for (int i = 0; i < tokens.size(); i++) {
      if (used[i]) continue;
      Token t = tokens.get(i);
      if (index.datasetWords.contains(t.stem())) {
        used[i] = true;
        datasetNouns.add(i);
      } else if (Lexicon.ROW_NOUNS.contains(t.stem()) && !t.is("time", "data")) {
        used[i] = true;
        rowNouns.add(i);
      }
    }
  }

  // ---- comparisons ----

  private void findComparisons() {
    int n = tokens.size();
    for (int i = 0; i < n; i++) {
      if (used[i]) continue;
      int[] opEnd = new int[1];
      Lexicon.Implied comparative = Lexicon.IMPLYING_COMPARATIVES.get(tokens.get(i).lower());
      if (comparative == null && tokens.get(i).is("more", "less") && i + 1 < n) {
        Lexicon.Implied two = Lexicon.IMPLYING_ADJECTIVES.get(tokens.get(i + 1).lower());
        if (two != null && i + 3 < n && tokens.get(i + 2).is("than")) {
          comparative =
              new Lexicon.Implied(two.stems(), tokens.get(i).is("more") == two.descending());
          used[i] = true;
          i++;
        }
      }
      if (comparative != null
          && i + 2 < n
          && tokens.get(i + 1).is("than")
          && tokens.get(i + 2).isNumber()
          && !used[i + 2]) {
        List<ColumnInfo> fit = impliedColumns(comparative);
        if (fit.size() >= 1) {
          filters.add(
              new Filter(
                  fit.get(0).name(),
                  comparative.descending() ? Operator.GT : Operator.LT,
                  List.of(tokens.get(i + 2).number().toPlainString())));
          impliedFilters++;
          for (int k = i; k <= i + 2; k++) used[k] = true;
          i += 2;
          continue;
        }
      }
      Operator op = operatorAt(i, opEnd);
      if (op == null) continue;
      int j = opEnd[0];
      if (op == Operator.BETWEEN) {
        if (j + 2 < n
            && tokens.get(j).isNumber()
            && tokens.get(j + 1).is("and")
            && tokens.get(j + 2).isNumber()
            && !used[j]
            && !used[j + 1]
            && !used[j + 2]) {
          ColumnMention c = comparedColumn(i, j + 3);
          if (c == null) continue;
          BigDecimal a = tokens.get(j).number();
          BigDecimal b = tokens.get(j + 2).number();
          filters.add(
              new Filter(
                  c.column().name(),
                  Operator.BETWEEN,
                  List.of(a.min(b).toPlainString(), a.max(b).toPlainString())));
          for (int k = i; k < j + 3; k++) used[k] = true;
        }
        continue;
      }
      if (j >= n || used[j] || !tokens.get(j).isNumber()) continue;
      ColumnMention c = comparedColumn(i, j + 1);
      if (c == null) {
        if (problem == null)
          problem = "I could not tell which column \"" + span(i, j + 1) + "\" is about";
        continue;
      }
      filters.add(
          new Filter(c.column().name(), op, List.of(tokens.get(j).number().toPlainString())));
      for (int k = i; k <= j; k++) used[k] = true;
      i = j;
    }
  }

  /**
   * The numeric column compared: named just before the operator, or just after the number ("over
   * 1000 deaths").
   */
  private ColumnMention comparedColumn(int opStart, int afterNumber) {
    int k = opStart - 1;
    while (k >= 0
        && !used[k]
        && tokens
            .get(k)
            .is(
                "is", "are", "was", "were", "the", "with", "has", "have", "had", "a", "its",
                "where", "whose", "of", "when", "that")) k--;
    ColumnMention before = k >= 0 ? mentionEndingAt(k + 1) : null;
    ColumnMention after = afterNumber < tokens.size() ? mentionStartingAt(afterNumber) : null;
    for (ColumnMention c : new ColumnMention[] {before, after}) {
      if (c != null && c.role == null && !c.ambiguous() && c.column().type().numeric()) {
        c.role = Role.FILTER;
        return c;
      }
    }
    return null;
  }

  ColumnMention mentionEndingAt(int end) {
    for (ColumnMention m : columns) if (m.end == end) return m;
    return null;
  }

  ColumnMention mentionStartingAt(int start) {
    for (ColumnMention m : columns) if (m.start == start) return m;
    return null;
  }

  private Operator operatorAt(int i, int[] end) {
    Token t = tokens.get(i);
    String next = i + 1 < tokens.size() ? tokens.get(i + 1).lower() : "";
    String next2 = i + 2 < tokens.size() ? tokens.get(i + 2).lower() : "";
    end[0] = i + 1;
    switch (t.lower()) {
      case ">":
        return Operator.GT;
      case ">=":
        return Operator.GE;
      case "<":
        return Operator.LT;
      case "<=":
        return Operator.LE;
      case "=":
        return Operator.EQ;
      case "<>", "!=":
        return Operator.NE;
      case "over", "above", "exceeds", "exceeding", "exceed":
        return Operator.GT;
      case "under", "below":
        return Operator.LT;
      case "between":
        return Operator.BETWEEN;
      case "equals":
        return Operator.EQ;
      default:
        break;
    }
    if (next.equals("than")) {
      end[0] = i + 2;
      switch (t.lower()) {
        case "greater", "more", "higher", "larger", "bigger", "above", "over":
          return Operator.GT;
        case "less", "fewer", "lower", "smaller", "below", "under":
          return Operator.LT;
        default:
          end[0] = i + 1;
      }
    }
    if (t.is("at") && (next.equals("least") || next.equals("most"))) {
      end[0] = i + 2;
      return next.equals("least") ? Operator.GE : Operator.LE;
    }
    if ((t.is("no") || t.is("not")) && next2.equals("than")) {
      end[0] = i + 3;
      if (next.equals("more") || next.equals("greater") || next.equals("higher"))
        return Operator.LE;
      if (next.equals("less") || next.equals("fewer") || next.equals("lower")) return Operator.GE;
    }
    if (t.is("equal") && next.equals("to")) {
      end[0] = i + 2;
      return Operator.EQ;
    }
    ColumnMention ofNumber = i + 2 < tokens.size() ? mentionStartingAt(i + 2) : null;
    boolean numberNamesNext =
        ofNumber != null && ofNumber.column().type().numeric(); // "of 4 cylinder cars"
    if (t.is("is", "of")
        && i + 1 < tokens.size()
        && tokens.get(i + 1).isNumber()
        && i > 0
        && mentionEndingAt(i) != null
        && mentionEndingAt(i).column().type().numeric()
        && !numberNamesNext) {
      return Operator.EQ;
    }
    return null;
  }

  // ---- helpers ----

  boolean free(int from, int len) {
    for (int k = from; k < from + len; k++) {
      if (k >= used.length || used[k]) return false;
    }
    return true;
  }

  String span(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int k = from; k < to && k < tokens.size(); k++)
      sb.append(k == from ? "" : " ").append(tokens.get(k).raw());
    return sb.toString();
  }
}
