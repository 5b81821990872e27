package com.analyticsstudio.ask.planner;

import com.analyticsstudio.ask.planner.PlanSpec.Aggregation;
import com.analyticsstudio.ask.planner.PlanSpec.TimeBucket;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The planner's vocabulary: grammar words, synonyms and abbreviations. Kept small and literal on
 * purpose; a word here changes what many questions mean, so each entry must be safe across datasets
 * (temperature → temp yes, price → cost no).
 */
final class Lexicon {
  private Lexicon() {}

  /** Column-word synonyms: question stem → the stem columns use. */
  static final Map<String, String> SYNONYMS =
      Map.ofEntries(
          Map.entry("temperature", "temp"),
          Map.entry("temperatur", "temp"),
          Map.entry("tmp", "temp"),
          Map.entry("maximum", "max"),
          Map.entry("minimum", "min"),
          Map.entry("precip", "precipitation"),
          Map.entry("rainfall", "precipitation"),
          Map.entry("windspeed", "wind"),
          Map.entry("qty", "quantity"),
          Map.entry("amt", "amount"),
          Map.entry("fatality", "death"),
          Map.entry("fatalitie", "death"),
          Map.entry("died", "death"),
          Map.entry("killed", "death"),
          Map.entry("kill", "death"),
          Map.entry("inhabitant", "population"),
          Map.entry("populou", "population"),
          Map.entry("generat", "generation"),
          Map.entry("lat", "latitude"),
          Map.entry("lon", "longitude"),
          Map.entry("lng", "longitude"),
          Map.entry("long", "longitude"),
          Map.entry("nation", "country"),
          Map.entry("ticker", "symbol"));

  /** The canonical stem of a word for column matching. */
  static String canonical(String stem) {
    return SYNONYMS.getOrDefault(stem, stem);
  }

  /** Words that name rows rather than a column: "how many days", "the 5 records with …". */
  static final Set<String> ROW_NOUNS =
      Set.of(
          "row",
          "record",
          "entry",
          "entrie",
          "observation",
          "line",
          "item",
          "day",
          "time",
          "case",
          "reading",
          "data",
          "datapoint",
          "point",
          "sample",
          "event");

  /** Aggregation words (lower case, not stemmed). */
  static final Map<String, Aggregation> AGGREGATIONS =
      Map.ofEntries(
          Map.entry("average", Aggregation.AVG),
          Map.entry("avg", Aggregation.AVG),
          Map.entry("mean", Aggregation.AVG),
          Map.entry("typical", Aggregation.AVG),
          Map.entry("averaged", Aggregation.AVG),
          Map.entry("total", Aggregation.SUM),
          Map.entry("sum", Aggregation.SUM),
          Map.entry("combined", Aggregation.SUM),
          Map.entry("overall", Aggregation.SUM),
          Map.entry("max", Aggregation.MAX),
          Map.entry("maximum", Aggregation.MAX),
          Map.entry("highest", Aggregation.MAX),
          Map.entry("largest", Aggregation.MAX),
          Map.entry("biggest", Aggregation.MAX),
          Map.entry("greatest", Aggregation.MAX),
          Map.entry("peak", Aggregation.MAX),
          Map.entry("latest", Aggregation.MAX),
          Map.entry("hottest", Aggregation.MAX),
          Map.entry("min", Aggregation.MIN),
          Map.entry("minimum", Aggregation.MIN),
          Map.entry("lowest", Aggregation.MIN),
          Map.entry("smallest", Aggregation.MIN),
          Map.entry("earliest", Aggregation.MIN),
          Map.entry("coldest", Aggregation.MIN));

  /** Superlatives that order groups rather than aggregate: "which state has the most airports". */
  static final Map<String, Boolean> SUPERLATIVES =
      Map.ofEntries(
          Map.entry("most", true),
          Map.entry("highest", true),
          Map.entry("largest", true),
          Map.entry("biggest", true),
          Map.entry("greatest", true),
          Map.entry("top", true),
          Map.entry("max", true),
          Map.entry("maximum", true),
          Map.entry("hottest", true),
          Map.entry("warmest", true),
          Map.entry("heaviest", true),
          Map.entry("priciest", true),
          Map.entry("fastest", true),
          Map.entry("longest", true),
          Map.entry("tallest", true),
          Map.entry("oldest", true),
          Map.entry("windiest", true),
          Map.entry("wettest", true),
          Map.entry("rainiest", true),
          Map.entry("deadliest", true),
          Map.entry("richest", true),
          Map.entry("coolest", false),
          Map.entry("lightest", false),
          Map.entry("cheapest", false),
          Map.entry("slowest", false),
          Map.entry("shortest", false),
          Map.entry("youngest", false),
          Map.entry("driest", false),
          Map.entry("poorest", false),
          Map.entry("least", false),
          Map.entry("fewest", false),
          Map.entry("lowest", false),
          Map.entry("smallest", false),
          Map.entry("bottom", false),
          Map.entry("min", false),
          Map.entry("minimum", false),
          Map.entry("coldest", false));

  /**
   * Superlative adjectives that imply the column they rank by: "the hottest day" → a temperature,
   * "the heaviest car" → a weight. Adjective → (stems a column name may contain, most first,
   * descending). Where several columns fit, one whose words say max (descending) or min (ascending)
   * wins, as "hottest" means the highest maximum temperature.
   */
  record Implied(List<String> stems, boolean descending) {}

  static final Map<String, Implied> IMPLYING_SUPERLATIVES =
      Map.ofEntries(
          Map.entry("hottest", new Implied(List.of("temp"), true)),
          Map.entry("warmest", new Implied(List.of("temp"), true)),
          Map.entry("coldest", new Implied(List.of("temp"), false)),
          Map.entry("coolest", new Implied(List.of("temp"), false)),
          Map.entry("heaviest", new Implied(List.of("weight", "mass"), true)),
          Map.entry("lightest", new Implied(List.of("weight", "mass"), false)),
          Map.entry("priciest", new Implied(List.of("price", "cost"), true)),
          Map.entry("cheapest", new Implied(List.of("price", "cost"), false)),
          Map.entry("fastest", new Implied(List.of("speed"), true)),
          Map.entry("slowest", new Implied(List.of("speed"), false)),
          Map.entry("longest", new Implied(List.of("length", "duration"), true)),
          Map.entry("shortest", new Implied(List.of("length", "duration"), false)),
          Map.entry("tallest", new Implied(List.of("height"), true)),
          Map.entry("oldest", new Implied(List.of("age"), true)),
          Map.entry("youngest", new Implied(List.of("age"), false)),
          Map.entry("windiest", new Implied(List.of("wind"), true)),
          Map.entry("wettest", new Implied(List.of("precipitation"), true)),
          Map.entry("rainiest", new Implied(List.of("precipitation"), true)),
          Map.entry("driest", new Implied(List.of("precipitation"), false)),
          Map.entry("deadliest", new Implied(List.of("death"), true)),
          Map.entry("richest", new Implied(List.of("income", "wealth", "gdp"), true)),
          Map.entry("poorest", new Implied(List.of("income", "wealth", "gdp"), false)));

  /**
   * "more expensive", "most populous": two-word forms of the same, keyed by the adjective after
   * more/most.
   */
  static final Map<String, Implied> IMPLYING_ADJECTIVES =
      Map.ofEntries(
          Map.entry("expensive", new Implied(List.of("price", "cost"), true)),
          Map.entry("populous", new Implied(List.of("population", "pop"), true)),
          Map.entry("powerful", new Implied(List.of("horsepower", "power"), true)));

  /** Comparatives that imply their column: "days hotter than 30", "cars heavier than 4000". */
  static final Map<String, Implied> IMPLYING_COMPARATIVES =
      Map.ofEntries(
          Map.entry("hotter", new Implied(List.of("temp"), true)),
          Map.entry("warmer", new Implied(List.of("temp"), true)),
          Map.entry("colder", new Implied(List.of("temp"), false)),
          Map.entry("cooler", new Implied(List.of("temp"), false)),
          Map.entry("heavier", new Implied(List.of("weight", "mass"), true)),
          Map.entry("lighter", new Implied(List.of("weight", "mass"), false)),
          Map.entry("pricier", new Implied(List.of("price", "cost"), true)),
          Map.entry("cheaper", new Implied(List.of("price", "cost"), false)),
          Map.entry("faster", new Implied(List.of("speed"), true)),
          Map.entry("slower", new Implied(List.of("speed"), false)),
          Map.entry("longer", new Implied(List.of("length", "duration"), true)),
          Map.entry("shorter", new Implied(List.of("length", "duration"), false)),
          Map.entry("taller", new Implied(List.of("height"), true)),
          Map.entry("older", new Implied(List.of("age"), true)),
          Map.entry("younger", new Implied(List.of("age"), false)));

  /** Words asking for a side-by-side comparison of named members: "compare MSFT and IBM". */
  static final Set<String> COMPARE_WORDS =
      Set.of("compare", "compared", "comparing", "comparison", "versus", "vs");

  /** Words asking for a percentage (rather than a breakdown of counts). */
  static final Set<String> PERCENT_WORDS =
      Set.of("share", "percentage", "percent", "proportion", "fraction", "%", "pct");

  /** Words that reset a thread's context: "start over", "new question". */
  static final Set<String> RESET_PHRASES =
      Set.of(
          "start over",
          "start again",
          "new question",
          "from scratch",
          "reset",
          "forget that",
          "forget it",
          "start fresh",
          "fresh start");

  /** Seasons (meteorological, northern hemisphere): first month and the three months. */
  static final Map<String, List<Integer>> SEASONS =
      Map.of(
          "spring",
          List.of(3, 4, 5),
          "summer",
          List.of(6, 7, 8),
          "autumn",
          List.of(9, 10, 11),
          "fall",
          List.of(9, 10, 11),
          "winter",
          List.of(12, 1, 2));

  static final Set<String> DISTINCT_WORDS = Set.of("different", "distinct", "unique");

  /** Words that introduce a grouping: "by region", "per year", "for each symbol". */
  static final Set<String> GROUP_MARKERS = Set.of("by", "per", "each", "every", "across");

  /** Words asking for a share of a whole (pie chart when few categories). */
  static final Set<String> SHARE_WORDS =
      Set.of(
          "share",
          "percentage",
          "percent",
          "proportion",
          "breakdown",
          "distribution",
          "composition",
          "fraction",
          "split",
          "mix");

  static final Map<String, TimeBucket> BUCKET_ADVERBS =
      Map.ofEntries(
          Map.entry("yearly", TimeBucket.YEAR),
          Map.entry("annually", TimeBucket.YEAR),
          Map.entry("annual", TimeBucket.YEAR),
          Map.entry("quarterly", TimeBucket.QUARTER),
          Map.entry("monthly", TimeBucket.MONTH),
          Map.entry("weekly", TimeBucket.WEEK),
          Map.entry("daily", TimeBucket.DAY));

  static final Map<String, TimeBucket> BUCKET_NOUNS =
      Map.ofEntries(
          Map.entry("year", TimeBucket.YEAR),
          Map.entry("quarter", TimeBucket.QUARTER),
          Map.entry("month", TimeBucket.MONTH),
          Map.entry("week", TimeBucket.WEEK),
          Map.entry("day", TimeBucket.DAY),
          Map.entry("date", TimeBucket.DAY));

  static final Map<String, Integer> MONTHS = new HashMap<>();

  static {
    String[] names = {
      "january",
      "february",
      "march",
      "april",
      "may",
      "june",
      "july",
      "august",
      "september",
      "october",
      "november",
      "december"
    };
    for (int i = 0; i < names.length; i++) {
      MONTHS.put(names[i], i + 1);
      if (!names[i].equals("may")) MONTHS.put(names[i].substring(0, 3), i + 1);
    }
    MONTHS.put("sept", 9);
  }

  /** Number words for "top five", "the three lowest". */
  static final Map<String, Integer> NUMBER_WORDS =
      Map.ofEntries(
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9),
          Map.entry("ten", 10),
          Map.entry("twenty", 20),
          Map.entry("dozen", 12));

  /**
   * Words that carry no meaning for the plan. Anything not here and not understood is an unknown
   * word: harmless on its own, but an unknown word after a filter preposition ("in Paris") makes
   * the planner decline rather than silently drop the condition.
   */
  static final Set<String> FILLER =
      Set.copyOf(
          List.of(
              "a",
              "an",
              "the",
              "of",
              "in",
              "on",
              "at",
              "for",
              "to",
              "from",
              "with",
              "and",
              "or",
              "is",
              "are",
              "was",
              "were",
              "be",
              "been",
              "has",
              "have",
              "had",
              "do",
              "does",
              "did",
              "what",
              "which",
              "who",
              "whose",
              "how",
              "many",
              "much",
              "me",
              "my",
              "our",
              "we",
              "i",
              "you",
              "your",
              "us",
              "it",
              "its",
              "this",
              "that",
              "these",
              "those",
              "there",
              "their",
              "show",
              "give",
              "tell",
              "list",
              "display",
              "find",
              "get",
              "compute",
              "calculate",
              "return",
              "plot",
              "chart",
              "graph",
              "draw",
              "see",
              "know",
              "want",
              "like",
              "need",
              "please",
              "can",
              "could",
              "would",
              "will",
              "should",
              "let",
              "s",
              "all",
              "any",
              "some",
              "value",
              "values",
              "number",
              "count",
              "amount",
              "level",
              "figure",
              "figures",
              "here",
              "now",
              "so",
              "far",
              "then",
              "also",
              "just",
              "only",
              "about",
              "over",
              "as",
              "when",
              "where",
              "whose",
              "did",
              "happen",
              "happened",
              "recorded",
              "record",
              "records",
              "observed",
              "measured",
              "reported",
              "seen",
              "get",
              "got",
              "got",
              "data",
              "dataset",
              "table",
              "rows",
              "row",
              "overall",
              "altogether",
              "together",
              "across",
              "each",
              "every",
              "per",
              "by",
              "group",
              "grouped",
              "broken",
              "down",
              "split",
              "out",
              "up",
              "versus",
              "vs",
              "compare",
              "comparison",
              "between",
              "during",
              "within",
              "than",
              "more",
              "less",
              "fewer",
              "most",
              "least",
              "fewest",
              "top",
              "bottom",
              "first",
              "last",
              "past",
              "previous",
              "recent",
              "summary",
              "summarize",
              "summarise",
              "stats",
              "statistics",
              "trend",
              "trends",
              "time",
              "over",
              "look",
              "looks",
              "looked",
              "along",
              "sorted",
              "order",
              "ordered",
              "rank",
              "ranked",
              "ranking",
              "descending",
              "ascending",
              "if",
              "what's",
              "whats",
              "give",
              "gimme",
              "show",
              "kind",
              "type",
              "types",
              "sort",
              "category",
              "categories",
              "breakdown",
              "been",
              "being",
              "ever",
              "exactly",
              "hey",
              "hi",
              "thanks",
              "thank",
              "okay",
              "ok",
              "well",
              "into",
              "inside",
              "among",
              "amongst",
              "including",
              "include",
              "includes",
              "whole",
              "entire",
              "set",
              "sorts",
              "same",
              "again",
              "instead",
              "but",
              "same",
              "other",
              "day",
              "days",
              "year",
              "years",
              "month",
              "months",
              "common",
              "frequent",
              "often",
              "usual",
              "typically",
              "happens",
              "occur",
              "occurs",
              "occurred",
              "much",
              "big",
              "high",
              "low",
              "large",
              "small",
              "side",
              "trend",
              "trends",
              "evolution",
              "history",
              "closing",
              "close",
              "over",
              "time",
              "series"));

  /** Prepositions after which an unknown word is probably a filter value we could not match. */
  static final Set<String> FILTER_PREPOSITIONS =
      Set.of(
          "in",
          "of",
          "for",
          "at",
          "from",
          "where",
          "with",
          "only",
          "excluding",
          "except",
          "without",
          "on");

  /** Words that mean the question wants to change data or read outside the datasets. */
  static final Set<String> HOSTILE =
      Set.of(
          "drop",
          "delete",
          "truncate",
          "insert",
          "update",
          "alter",
          "grant",
          "revoke",
          "create",
          "exec",
          "execute",
          "ignore",
          "disregard",
          "password",
          "passwords",
          "sql",
          "select",
          "union",
          "schema",
          "pg",
          "information",
          "admin",
          "sudo",
          "shutdown",
          "copy",
          "vacuum",
          "prompt",
          "instructions",
          "jailbreak",
          "bypass",
          "users",
          "credentials",
          "token",
          "tokens",
          "secret",
          "secrets",
          "script",
          "semicolon",
          "sleep",
          "inject",
          "injection");

  /**
   * Statistics the planner does not compute: refused by name rather than replaced by an average.
   */
  static final Set<String> UNSUPPORTED =
      Set.of(
          "median",
          "percentile",
          "quantile",
          "quartile",
          "mode",
          "variance",
          "stddev",
          "deviation",
          "forecast",
          "predict",
          "prediction",
          "growth",
          "difference",
          "ratio",
          "rate",
          "cumulative",
          "running",
          "moving",
          "rolling");

  /** Negation words before a value: "not rain", "excluding fog". */
  static final Set<String> NEGATIONS =
      Set.of("not", "except", "excluding", "without", "non", "no", "exclude");

  /**
   * Column stems whose values add up, so an unqualified mention means the total (else the average).
   */
  static final Set<String> ADDITIVE =
      Set.of(
          "count",
          "amount",
          "total",
          "sale",
          "sales",
          "revenue",
          "death",
          "population",
          "pop",
          "people",
          "quantity",
          "unit",
          "volume",
          "generation",
          "hurricane",
          "cost",
          "profit",
          "order",
          "visit",
          "passenger",
          "flight",
          "case",
          "precipitation",
          "rain",
          "snow",
          "snowfall",
          "sold",
          "spend",
          "spending",
          "budget",
          "employee",
          "view",
          "click",
          "download");

  /** US states by postal code, for "NY" ↔ "New York" and "Texas" ↔ "TX". */
  static final Map<String, String> US_STATES =
      Map.ofEntries(
          Map.entry("al", "alabama"),
          Map.entry("ak", "alaska"),
          Map.entry("az", "arizona"),
          Map.entry("ar", "arkansas"),
          Map.entry("ca", "california"),
          Map.entry("co", "colorado"),
          Map.entry("ct", "connecticut"),
          Map.entry("de", "delaware"),
          Map.entry("fl", "florida"),
          Map.entry("ga", "georgia"),
          Map.entry("hi", "hawaii"),
          Map.entry("id", "idaho"),
          Map.entry("il", "illinois"),
          Map.entry("in", "indiana"),
          Map.entry("ia", "iowa"),
          Map.entry("ks", "kansas"),
          Map.entry("ky", "kentucky"),
          Map.entry("la", "louisiana"),
          Map.entry("me", "maine"),
          Map.entry("md", "maryland"),
          Map.entry("ma", "massachusetts"),
          Map.entry("mi", "michigan"),
          Map.entry("mn", "minnesota"),
          Map.entry("ms", "mississippi"),
          Map.entry("mo", "missouri"),
          Map.entry("mt", "montana"),
          Map.entry("ne", "nebraska"),
          Map.entry("nv", "nevada"),
          Map.entry("nh", "new hampshire"),
          Map.entry("nj", "new jersey"),
          Map.entry("nm", "new mexico"),
          Map.entry("ny", "new york"),
          Map.entry("nc", "north carolina"),
          Map.entry("nd", "north dakota"),
          Map.entry("oh", "ohio"),
          Map.entry("ok", "oklahoma"),
          Map.entry("or", "oregon"),
          Map.entry("pa", "pennsylvania"),
          Map.entry("ri", "rhode island"),
          Map.entry("sc", "south carolina"),
          Map.entry("sd", "south dakota"),
          Map.entry("tn", "tennessee"),
          Map.entry("tx", "texas"),
          Map.entry("ut", "utah"),
          Map.entry("vt", "vermont"),
          Map.entry("va", "virginia"),
          Map.entry("wa", "washington"),
          Map.entry("wv", "west virginia"),
          Map.entry("wi", "wisconsin"),
          Map.entry("wy", "wyoming"),
          Map.entry("dc", "district of columbia"));

  /** {@link #US_STATES} the other way round: state name → postal code. */
  static final Map<String, String> US_STATE_CODES = new HashMap<>();

  static {
    US_STATES.forEach((code, name) -> US_STATE_CODES.put(name, code));
  }

  /** Everyday words for values: "women" → female. Both sides are stems. */
  static final Map<String, List<String>> VALUE_SYNONYMS =
      Map.ofEntries(
          Map.entry("female", List.of("women", "woman", "girl", "ladie", "lady")),
          Map.entry("male", List.of("men", "man", "boy", "gentlemen")),
          Map.entry("sun", List.of("sunshine")),
          Map.entry("usa", List.of("america", "united state")),
          Map.entry("united state", List.of("usa", "america")));

  static boolean filler(String lower) {
    return FILLER.contains(lower);
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
