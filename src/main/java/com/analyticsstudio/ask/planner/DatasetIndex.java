package com.analyticsstudio.ask.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the planner matches words against in one dataset: the canonical words of each column's name
 * and label, the dataset's own name, and an index of the real values of text columns under every
 * form a question may use (stems, plural, "NY" for "New York", "Texas" for "TX", "women" for
 * "Female").
 */
final class DatasetIndex {
  /** A real value a key stands for; {@code exact} is false for abbreviations and synonyms. */
  record ValueRef(
      ColumnInfo column, String value, boolean exact, boolean caseSensitive, long rows) {
    ValueRef(ColumnInfo column, String value, boolean exact, boolean caseSensitive) {
      this(column, value, exact, caseSensitive, 0);
    }
  }

  final DatasetInfo dataset;
  final Map<ColumnInfo, Set<String>> columnWords = new HashMap<>();
  final Map<ColumnInfo, Integer> columnNameSize = new HashMap<>();

  /** Initials of multi-word column names ("mpg" for miles_per_gallon), at least three letters. */
  final Map<String, List<ColumnInfo>> initials = new HashMap<>();

  final Set<String> allColumnWords = new HashSet<>();
  final Set<String> datasetWords = new LinkedHashSet<>();
  final Map<String, List<ValueRef>> values = new HashMap<>();
  final ColumnInfo dateColumn;
  final ColumnInfo yearColumn;
  final boolean ambiguousDate;

  DatasetIndex(DatasetInfo d) {
    this.dataset = d;
    for (ColumnInfo c : d.columns()) {
      Set<String> words = new LinkedHashSet<>();
      List<String> nameWords = Text.words(c.name());
      for (String w : nameWords) words.add(Lexicon.canonical(Text.stem(w)));
      for (String w : Text.words(c.label())) words.add(Lexicon.canonical(Text.stem(w)));
      words.removeIf(w -> w.isEmpty() || Character.isDigit(w.charAt(0)));
      columnWords.put(c, words);
      columnNameSize.put(
          c, (int) nameWords.stream().map(w -> Lexicon.canonical(Text.stem(w))).distinct().count());
      allColumnWords.addAll(words);
      if (nameWords.size() >= 3 && nameWords.size() <= 5) {
        StringBuilder ini = new StringBuilder();
        nameWords.forEach(w -> ini.append(w.charAt(0)));
        initials.computeIfAbsent(ini.toString(), k -> new ArrayList<>()).add(c);
      }
      if (c.type() == ColumnType.TEXT) indexValues(c);
    }
    for (String w : Text.words(d.tableName())) datasetWords.add(Text.stem(w));
    for (String w : Text.words(d.name())) datasetWords.add(Text.stem(w));
    datasetWords.removeIf(
        w -> w.length() < 3 || Character.isDigit(w.charAt(0)) || Lexicon.filler(w));
    List<ColumnInfo> dates = d.columns().stream().filter(c -> c.type().temporal()).toList();
    ColumnInfo date = dates.isEmpty() ? null : dates.get(0);
    boolean ambiguous = dates.size() > 1;
    if (ambiguous) {
      // Several date columns: one literally called date/time wins, otherwise it is ambiguous.
      List<ColumnInfo> named =
          dates.stream().filter(c -> c.name().equals("date") || c.name().equals("time")).toList();
      if (named.size() == 1) {
        date = named.get(0);
        ambiguous = false;
      }
    }
    this.dateColumn = date;
    this.ambiguousDate = ambiguous;
    ColumnInfo year = null;
    for (ColumnInfo c : d.columns()) {
      if (c.type() == ColumnType.INTEGER && Text.words(c.name()).equals(List.of("year"))) year = c;
    }
    this.yearColumn = year;
  }

  private void indexValues(ColumnInfo c) {
    for (ValueCount vc : c.values()) {
      String v = vc.value();
      if (v == null || v.isBlank() || v.length() > 120) continue;
      List<String> words = Text.words(v);
      if (words.isEmpty() || words.size() > 6) continue;
      String key = key(words);
      if (key.length() < 2 || Text.number(key) != null) continue;
      boolean grammar =
          Lexicon.filler(key)
              || Lexicon.AGGREGATIONS.containsKey(key)
              || Lexicon.HOSTILE.contains(key)
              || Lexicon.NEGATIONS.contains(key);
      // A value that is also an everyday word ("IN", "OR", "ME") only matches when typed in its own
      // case.
      add(key, new ValueRef(c, v, true, grammar, vc.count()));
      if (words.size() == 1 && !words.get(0).equals(key))
        add(words.get(0), new ValueRef(c, v, true, grammar, vc.count()));
      String lower = String.join(" ", words);
      String state = Lexicon.US_STATES.get(lower);
      if (state != null) add(key(List.of(state.split(" "))), new ValueRef(c, v, false, false));
      String code = Lexicon.US_STATE_CODES.get(lower);
      if (code != null) {
        boolean common = Lexicon.filler(code) || Lexicon.NEGATIONS.contains(code);
        add(code, new ValueRef(c, v, false, common));
      }
      if (words.size() >= 2 && words.size() <= 4) {
        StringBuilder initials = new StringBuilder();
        words.forEach(w -> initials.append(w.charAt(0)));
        String ini = initials.toString();
        if (!Lexicon.filler(ini)) add(ini, new ValueRef(c, v, false, true));
      }
      List<String> synonyms = Lexicon.VALUE_SYNONYMS.get(key);
      if (synonyms != null) synonyms.forEach(s -> add(s, new ValueRef(c, v, false, false)));
    }
  }

  private void add(String key, ValueRef ref) {
    List<ValueRef> refs = values.computeIfAbsent(key, k -> new ArrayList<>(1));
    for (ValueRef r : refs) {
      if (r.column().equals(ref.column()) && r.value().equals(ref.value())) return;
    }
    refs.add(ref);
  }

  /** The lookup key of a word sequence: stems joined by spaces. */
  static String key(List<String> words) {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      if (sb.length() > 0) sb.append(' ');
      sb.append(Text.stem(w.toLowerCase(Locale.ROOT)));
    }
    return sb.toString();
  }

  boolean mentionsColumnWord(String canonicalStem) {
    return allColumnWords.contains(canonicalStem);
  }
}
