package com.analyticsstudio.ask.planner;

import com.analyticsstudio.ask.planner.PlanSpec.Dimension;
import com.analyticsstudio.ask.planner.PlanSpec.Filter;
import com.analyticsstudio.ask.planner.PlanSpec.Measure;
import com.analyticsstudio.ask.planner.PlanSpec.Sort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in question planner; {@link #plan} is a pure function of its arguments.
 *
 * <p>Thread-safe: the only state is a bounded cache of dataset indexes.
 *
 * <p>How a question is read, per dataset: time phrases first ("in 2014", "per month"), then real
 * values of text columns ("rainy" → {@code weather = 'rain'}), then column names (stems, synonyms,
 * one or two typos), the dataset's own name and row nouns ("days", "rows"), numeric comparisons
 * ("wind above 5"), and last the intent words (aggregations, "how many", "top 5", "by", "which").
 * The dataset whose words explain most of the question wins. Anything that would be a guess — an
 * ambiguous column, a word after "in" that matches nothing, a number with no column — is a {@link
 * NotUnderstood}, with examples that do work.
 */
public final class Planner {
  /** Comparison words, so they are never mistaken for typos of column names. */
  static final Set<String> COMPARISON_WORDS =
      Set.of(
          "greater",
          "higher",
          "larger",
          "bigger",
          "lower",
          "smaller",
          "above",
          "below",
          "under",
          "exceeds",
          "exceeding",
          "exceed",
          "equal",
          "equals",
          "least",
          "than");

  private static final Set<String> FOLLOW_UP_STARTS =
      Set.of(
          "and",
          "what",
          "how",
          "only",
          "just",
          "now",
          "but",
          "also",
          "then",
          "instead",
          "same",
          "for",
          "in",
          "by",
          "per",
          "except",
          "excluding",
          "without",
          "exclude");

  /**
   * Indexes of recently seen datasets, by identity: a {@link DatasetInfo} is immutable, so a caller
   * that keeps its instances (as the Ask wiring can, per dataset version) skips re-indexing its
   * values. Bounded; cleared when full.
   */
  private final Map<DatasetInfo, DatasetIndex> indexes = new IdentityHashMap<>();

  private static final int MAX_CACHED_INDEXES = 256;

  private DatasetIndex index(DatasetInfo d) {
    synchronized (indexes) {
      DatasetIndex i = indexes.get(d);
      if (i != null) return i;
    }
    DatasetIndex built = new DatasetIndex(d);
    synchronized (indexes) {
      if (indexes.size() >= MAX_CACHED_INDEXES) indexes.clear();
      indexes.put(d, built);
    }
    return built;
  }

  /** Plans a question, or explains why not. Never throws on any input. */
  public PlannerResult plan(String question, PlannerContext context) {
    return plan(question, context, true);
  }

  PlannerResult plan(String question, PlannerContext context, boolean withExamples) {
    try {
      return planOrRefuse(question, context, withExamples);
    } catch (RuntimeException e) {
      // A bug must not become a wrong answer or a 500: decline.
      return refuse("I could not plan this question", context, null, withExamples);
    }
  }

  /** "start over", "new question:" at the start of a question: what follows is asked afresh. */
  private static final Pattern RESET =
      Pattern.compile(
          "^\\s*(?:let'?s\\s+)?(?:start\\s+(?:over|again|fresh)|new\\s+question|from\\s+scratch|reset|forget\\s+(?:that|it|this)|fresh\\s+start)\\b[\\s:;,.!-]*",
          Pattern.CASE_INSENSITIVE);

  /** The question without a leading "start over", or null when it does not start with one. */
  static String afterReset(String question) {
    if (question == null) return null;
    Matcher m = RESET.matcher(question);
    return m.find() ? question.substring(m.end()) : null;
  }

  private PlannerResult planOrRefuse(
      String question, PlannerContext context, boolean withExamples) {
    if (context == null || context.datasets().isEmpty()) {
      return new NotUnderstood("There are no datasets to answer from yet.", List.of());
    }
    String fresh = afterReset(question);
    if (fresh != null) {
      // "start over" always works: the previous turn is forgotten, whatever follows.
      PlannerContext reset =
          new PlannerContext(context.datasets(), null, context.preferredDatasetId());
      if (fresh.isBlank()) {
        return new NotUnderstood(
            "Starting over: ask a new question.",
            withExamples ? Examples.forContext(this, reset, null) : List.of());
      }
      return planOrRefuse(fresh, reset, withExamples);
    }
    if (question == null || question.isBlank())
      return refuse("The question is empty.", context, null, withExamples);
    if (question.length() > Text.MAX_QUESTION_CHARS) {
      return refuse(
          "The question is longer than " + Text.MAX_QUESTION_CHARS + " characters.",
          context,
          null,
          withExamples);
    }
    List<Token> tokens = Text.tokenize(question);
    List<DatasetIndex> indexes = context.datasets().stream().map(this::index).toList();
    String hostile = Hostility.check(question, tokens, indexes);
    if (hostile != null) return refuse(hostile, context, null, withExamples);
    if (tokens.isEmpty())
      return refuse("The question has no words I can read.", context, null, withExamples);

    PlanSpec previous = context.previous();
    DatasetIndex previousIndex =
        previous == null
            ? null
            : indexes.stream()
                .filter(i -> i.dataset.tableName().equals(previous.tableName()))
                .findFirst()
                .orElse(null);

    List<Candidate> candidates = new ArrayList<>();
    for (DatasetIndex idx : indexes) {
      Analysis an = new Analysis(idx, tokens).run();
      Assembler as = new Assembler(an);
      PlanSpec spec = as.assemble();
      double score = an.score;
      if (idx.dataset.id() != null && idx.dataset.id().equals(context.preferredDatasetId()))
        score += 0.5;
      if (idx == previousIndex) score += 1.0;
      candidates.add(new Candidate(idx, an, as, spec, score));
    }
    candidates.sort(
        Comparator.comparingDouble((Candidate c) -> -c.score).thenComparing(c -> c.spec == null));
    Candidate best = candidates.get(0);

    if (previousIndex != null && isFollowUp(tokens, best, previousIndex)) {
      Candidate on =
          candidates.stream().filter(c -> c.index == previousIndex).findFirst().orElseThrow();
      return followUp(on, previous, context, withExamples);
    }
    if (candidates.size() > 1) {
      Candidate second = candidates.get(1);
      if (best.score <= 0 && context.preferredDatasetId() == null) {
        return refuse(
            "I could not tell which dataset the question is about.", context, null, withExamples);
      }
      if (Math.abs(best.score - second.score) < 1e-9 && best.spec != null && second.spec != null) {
        return refuse(
            "The question fits both "
                + best.index.dataset.name()
                + " and "
                + second.index.dataset.name()
                + "; name the dataset.",
            context,
            null,
            withExamples);
      }
    }
    if (best.spec == null) {
      NotUnderstood n = refuse(sentence(best.assembler.problem), context, best.index, withExamples);
      List<Alternative> choices = readings(tokens, best);
      return choices.isEmpty()
          ? n
          : new NotUnderstood(n.reason() + " Pick one:", n.examples(), choices);
    }
    return finish(best.spec, best.index, best.assembler, best.analysis, List.of());
  }

  /**
   * A word that fits several columns: the question planned once per column, each a one-click
   * choice.
   */
  private List<Alternative> readings(List<Token> tokens, Candidate c) {
    Analysis.ColumnMention m = c.assembler.ambiguous;
    if (m == null) return List.of();
    List<Alternative> out = new ArrayList<>();
    for (ColumnInfo col : m.candidates) {
      Analysis an = new Analysis(c.index, tokens).run();
      PlanSpec spec = new Assembler(an, Map.of(m.start, col)).assemble();
      if (spec != null) out.add(new Alternative(col.name(), spec));
    }
    return out.size() >= 2 ? out : List.of();
  }

  private record Candidate(
      DatasetIndex index, Analysis analysis, Assembler assembler, PlanSpec spec, double score) {}

  /**
   * The follow-up rule. A refinement keeps the previous turn's context: it starts with a follow-up
   * word ("and per year?", "only 2015", "what about Japan?") or carries no intent of its own
   * ("rainy days"). A question that names its own measure and its own grouping ("trend of
   * precipitation per year") starts fresh unless it starts with such a word; so does one about
   * another dataset.
   */
  private boolean isFollowUp(List<Token> tokens, Candidate best, DatasetIndex previousIndex) {
    boolean marker =
        FOLLOW_UP_STARTS.contains(tokens.get(0).lower())
            && !(tokens.get(0).is("what", "how")
                && tokens.size() > 1
                && !tokens.get(1).is("about", "if"));
    if (best.index != previousIndex && best.score > 0 && !marker) return false;
    if (!marker && best.spec != null && best.assembler.ownMeasure && best.assembler.ownGrouping)
      return false;
    return marker || !best.assembler.ownIntent;
  }

  /**
   * Applies a follow-up ("and per year?", "only rainy days", "what about 2015?") to the previous
   * plan.
   */
  private PlannerResult followUp(
      Candidate c, PlanSpec previous, PlannerContext context, boolean withExamples) {
    DatasetInfo d = c.index.dataset;
    if (c.analysis.problem != null)
      return refuse(sentence(c.analysis.problem), context, c.index, withExamples);
    if (c.assembler.problem != null && c.assembler.ambiguous != null) {
      return refuse(sentence(c.assembler.problem), context, c.index, withExamples);
    }
    PlanSpec fresh = c.spec;
    if (fresh == null) {
      // Nothing to measure on its own is expected: "only rainy days" has filters and nothing else.
      if (c.assembler.problem != null && !c.assembler.problem.startsWith("I could not find what")) {
        return refuse(sentence(c.assembler.problem), context, c.index, withExamples);
      }
    }
    List<Filter> filters = new ArrayList<>(previous.filters());
    List<Filter> added = fresh != null ? fresh.filters() : new ArrayList<>(c.analysis.filters);
    if (fresh == null) {
      for (Analysis.ValueMention v : c.analysis.values) {
        added = new ArrayList<>(added);
        added.add(
            new Filter(
                v.column().name(),
                v.negated() ? PlanSpec.Operator.NE : PlanSpec.Operator.EQ,
                List.of(v.value())));
      }
    }
    for (Filter f : added) {
      filters.removeIf(old -> old.column().equals(f.column()));
    }
    filters.addAll(added);
    List<Dimension> dims = new ArrayList<>(previous.dimensions());
    List<Measure> measures = new ArrayList<>(previous.measures());
    List<Sort> order = previous.orderBy();
    Integer limit = previous.limit();
    boolean replace = c.analysis.tokens.stream().anyMatch(t -> t.is("instead", "rather"));
    if (fresh != null && !fresh.listing()) {
      boolean freshCountOnly =
          fresh.measures().size() == 1
              && fresh.measures().get(0).column() == null
              && !c.assembler.ownIntent;
      if (!freshCountOnly) measures = new ArrayList<>(fresh.measures());
      if (!fresh.dimensions().isEmpty()) {
        if (replace) dims.clear();
        for (Dimension nd : fresh.dimensions()) {
          if (nd.bucket() != null) dims.removeIf(old -> old.bucket() != null);
          dims.removeIf(old -> old.alias().equals(nd.alias()));
          dims.add(nd);
        }
        while (dims.size() > 2) dims.remove(0);
        order = fresh.limit() != null ? fresh.orderBy() : defaultOrder(dims, measures, c.index);
        limit = fresh.limit();
      } else if (fresh.limit() != null) {
        order = fresh.orderBy();
        limit = fresh.limit();
      }
    }
    PlanSpec merged =
        previous.listing()
            ? new PlanSpec(
                d.id(),
                d.tableName(),
                List.of(),
                List.of(),
                filters,
                previous.columns(),
                previous.orderBy(),
                previous.limit())
            : new PlanSpec(d.id(), d.tableName(), measures, dims, filters, List.of(), order, limit);
    if (merged.equals(previous) && added.isEmpty()) {
      return refuse(
          "I could not tell what to change in the previous answer.",
          context,
          c.index,
          withExamples);
    }
    return finish(merged, c.index, c.assembler, c.analysis, carried(merged, previous, added));
  }

  /**
   * Keys of the parts of {@code merged} that came from the previous turn rather than this question.
   */
  static List<String> carried(PlanSpec merged, PlanSpec previous, List<Filter> added) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < merged.measures().size(); i++) {
      if (previous.measures().contains(merged.measures().get(i))) out.add("measure:" + i);
    }
    for (int i = 0; i < merged.dimensions().size(); i++) {
      if (previous.dimensions().contains(merged.dimensions().get(i))) out.add("dimension:" + i);
    }
    for (int i = 0; i < merged.filters().size(); i++) {
      Filter f = merged.filters().get(i);
      if (previous.filters().contains(f) && !added.contains(f)) out.add("filter:" + i);
    }
    if (!merged.orderBy().isEmpty() && merged.orderBy().equals(previous.orderBy())) out.add("sort");
    if (merged.limit() != null && merged.limit().equals(previous.limit())) out.add("limit");
    return out;
  }

  private static List<Sort> defaultOrder(
      List<Dimension> dims, List<Measure> measures, DatasetIndex idx) {
    List<Sort> order = new ArrayList<>();
    boolean time =
        dims.stream()
            .anyMatch(
                x ->
                    x.bucket() != null
                        || idx.yearColumn != null && idx.yearColumn.name().equals(x.column()));
    if (dims.isEmpty()) return order;
    if (time || dims.size() > 1) {
      dims.forEach(x -> order.add(new Sort(x.alias(), false)));
    } else {
      order.add(new Sort(measures.get(0).alias(), true));
      order.add(new Sort(dims.get(0).alias(), false));
    }
    return order;
  }

  private PlannerResult finish(
      PlanSpec spec, DatasetIndex idx, Assembler as, Analysis an, List<String> carried) {
    String sql;
    try {
      sql = SqlBuilder.build(spec, idx.dataset);
    } catch (IllegalArgumentException e) {
      return new NotUnderstood("I could not build a query for this question.", List.of());
    }
    Chart chart = Charts.choose(spec, idx.dataset, as != null && as.share);
    List<ValueChoice> choices = an == null ? List.of() : List.copyOf(an.valueChoices);
    return new Plan(
        sql,
        spec,
        chart,
        Explanations.describe(spec, idx.dataset),
        carried,
        valueAlternatives(spec, choices, idx),
        choices);
  }

  /**
   * The same plan with a value read from another column that holds it ("Georgia" the state, not the
   * country).
   */
  private static List<Alternative> valueAlternatives(
      PlanSpec spec, List<ValueChoice> choices, DatasetIndex idx) {
    List<Alternative> out = new ArrayList<>();
    for (ValueChoice vc : choices) {
      for (String other : vc.otherColumns()) {
        List<Filter> fs = new ArrayList<>();
        for (Filter f : spec.filters()) {
          fs.add(
              f.column().equals(vc.column()) && f.values().contains(vc.value())
                  ? new Filter(other, f.op(), f.values(), f.part())
                  : f);
        }
        PlanSpec alt =
            new PlanSpec(
                spec.datasetId(),
                spec.tableName(),
                spec.measures(),
                spec.dimensions(),
                fs,
                spec.columns(),
                spec.orderBy(),
                spec.limit());
        try {
          SqlBuilder.build(alt, idx.dataset);
          out.add(
              new Alternative(
                  "\"" + vc.value() + "\" as " + other + " instead of " + vc.column(), alt));
        } catch (IllegalArgumentException e) {
          // that reading does not fit (another type): not offered
        }
      }
    }
    return out;
  }

  /**
   * Plans an edited or stored spec again (e.g. a follow-up's previous plan), checking it against
   * the dataset.
   */
  public PlannerResult replan(PlanSpec spec, PlannerContext context) {
    for (DatasetInfo d : context.datasets()) {
      if (d.tableName().equals(spec.tableName())) {
        try {
          String sql = SqlBuilder.build(spec, d);
          boolean share =
              spec.measures().stream().anyMatch(m -> m.agg() == PlanSpec.Aggregation.SHARE);
          return new Plan(sql, spec, Charts.choose(spec, d, share), Explanations.describe(spec, d));
        } catch (IllegalArgumentException e) {
          return refuse(
              "The plan does not fit " + d.name() + ": " + e.getMessage(), context, null, true);
        }
      }
    }
    return refuse("The plan reads a table that is not in this project.", context, null, true);
  }

  /**
   * Suggestions come from the datasets at hand: the one in question, else the one the thread is
   * about.
   */
  private NotUnderstood refuse(
      String reason, PlannerContext context, DatasetIndex focus, boolean withExamples) {
    DatasetInfo about = focus != null ? focus.dataset : null;
    if (about == null && context.previous() != null) {
      about =
          context.datasets().stream()
              .filter(d -> d.tableName().equals(context.previous().tableName()))
              .findFirst()
              .orElse(null);
    }
    List<String> examples = withExamples ? Examples.forContext(this, context, about) : List.of();
    return new NotUnderstood(reason, examples);
  }

  private static String sentence(String s) {
    if (s == null || s.isEmpty()) return "I did not understand the question.";
    String out = Character.toUpperCase(s.charAt(0)) + s.substring(1);
    return out.endsWith(".") ? out : out + ".";
  }
}
