package com.analyticsstudio.ask.planner;

import java.util.List;

/**
 * Refuses questions that are commands rather than questions: SQL or shell syntax, requests to
 * change data, attempts to steer the planner ("ignore the rules"). The planner could not emit any
 * of it anyway (it only builds SQL from its grammar); refusing says so clearly instead of answering
 * a nearby question.
 */
final class Hostility {
  private Hostility() {}

  /**
   * Why the question is refused, or null. A hostile word that is a real column or value word
   * passes.
   */
  static String check(String question, List<Token> tokens, List<DatasetIndex> indexes) {
    if (question.indexOf(';') >= 0
        || question.contains("--")
        || question.contains("/*")
        || question.contains("*/")
        || question.indexOf('\\') >= 0
        || question.indexOf('\0') >= 0
        || question.contains("$$")) {
      return "The question contains SQL or code syntax; ask in plain words about your datasets.";
    }
    boolean select = false;
    boolean from = false;
    for (Token t : tokens) {
      select |= t.is("select");
      from |= t.is("from");
      if (Lexicon.HOSTILE.contains(t.lower()) && !datasetWord(t, indexes)) {
        if (t.is("select")) continue;
        return "I only answer read-only questions about this project's datasets; \""
            + t.raw()
            + "\" is not something I can do.";
      }
    }
    if (select && from || question.contains("*")) {
      return "The question looks like SQL; ask in plain words (or use the SQL editor).";
    }
    return null;
  }

  private static boolean datasetWord(Token t, List<DatasetIndex> indexes) {
    String w = Lexicon.canonical(t.stem());
    for (DatasetIndex i : indexes) {
      if (i.allColumnWords.contains(w)
          || i.datasetWords.contains(t.stem())
          || i.values.containsKey(t.stem())) return true;
    }
    return false;
  }
}
