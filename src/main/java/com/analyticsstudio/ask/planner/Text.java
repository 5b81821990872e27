package com.analyticsstudio.ask.planner;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tokenising, light stemming and edit distance. Pure functions. */
final class Text {
  private Text() {}

  /** Questions longer than this are refused before any work. */
  static final int MAX_QUESTION_CHARS = 500;

  private static final Pattern TOKEN =
      Pattern.compile(
          "(?<![\\p{L}\\d])-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?[km]?(?![\\p{L}\\d])" // 1,461 /
              // 1,000.5 / -5
              + "|(?<![\\p{L}\\d])-?\\d+(?:\\.\\d+)?[km]?(?![\\p{L}\\d])" // 60 / 16.4 / 100k / -5
              + "|\\.\\d+" // .5
              + "|[\\p{L}\\d]+" // words (letters and digits)
              + "|>=|<=|<>|!=|[<>=]");

  /** Splits a question into words, numbers and comparison operators; everything else separates. */
  static List<Token> tokenize(String question) {
    List<Token> out = new ArrayList<>();
    String s = question.replace('\u2019', '\'');
    // "what's" / "don't": drop the clitic so it does not become a stray word.
    s = s.replaceAll("(?i)(\\p{L})'(s|t|re|ve|ll|d|m)\\b", "$1");
    Matcher m = TOKEN.matcher(s);
    while (m.find()) {
      String raw = m.group();
      String lower = raw.toLowerCase(Locale.ROOT);
      BigDecimal number = number(lower);
      String stem =
          number != null
              ? number.toPlainString()
              : switch (lower) {
                case "!=" -> "<>";
                default -> Character.isLetterOrDigit(lower.charAt(0)) ? stem(lower) : lower;
              };
      out.add(new Token(raw, lower, stem, number));
    }
    return out;
  }

  /** A number token's value ({@code 1,000} → 1000, {@code 2.5k} → 2500), or null. */
  static BigDecimal number(String lower) {
    if (lower.isEmpty()) return null;
    char first = lower.charAt(0);
    if (!(Character.isDigit(first)
        || first == '.'
        || first == '-' && lower.length() > 1 && Character.isDigit(lower.charAt(1)))) {
      return null;
    }
    String s = lower.replace(",", "");
    BigDecimal factor = BigDecimal.ONE;
    if (s.endsWith("k")) {
      factor = BigDecimal.valueOf(1_000);
      s = s.substring(0, s.length() - 1);
    } else if (s.endsWith("m")) {
      factor = BigDecimal.valueOf(1_000_000);
      s = s.substring(0, s.length() - 1);
    }
    if (s.length() > 18) return null;
    try {
      return new BigDecimal(s).multiply(factor);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * A light English stemmer: plurals, -ing, -ed. Enough to make "symbols", "days" and "cities" meet
   * "symbol", "day" and "city"; deliberately weaker than Porter so short words survive.
   */
  static String stem(String w) {
    if (w.length() <= 3 || !Character.isLetter(w.charAt(0))) return w;
    if (w.endsWith("ies") && w.length() > 4) return w.substring(0, w.length() - 3) + "y";
    if (w.endsWith("sses")) return w.substring(0, w.length() - 2);
    if (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes") || w.endsWith("zes")) {
      return w.substring(0, w.length() - 2);
    }
    if (w.endsWith("s")
        && !w.endsWith("ss")
        && !w.endsWith("us")
        && !w.endsWith("is")
        && !w.endsWith("ys")) {
      return w.substring(0, w.length() - 1);
    }
    if (w.endsWith("ys")) return w.substring(0, w.length() - 1);
    if (w.endsWith("ing") && w.length() > 5) return undouble(w.substring(0, w.length() - 3));
    if (w.endsWith("ed") && w.length() > 4 && !w.endsWith("eed"))
      return undouble(w.substring(0, w.length() - 2));
    return w;
  }

  /**
   * The noun an adjective in -y comes from: rainy → rain, sunny → sun, foggy → fog, snowy → snow;
   * null when the word does not end in -y. Used only as an extra form when matching values.
   */
  static String adjectiveBase(String w) {
    if (w.length() < 4
        || !w.endsWith("y")
        || w.endsWith("ey")
        || w.endsWith("ay")
        || w.endsWith("oy")) return null;
    return undouble(w.substring(0, w.length() - 1));
  }

  private static String undouble(String w) {
    int n = w.length();
    if (n >= 3
        && w.charAt(n - 1) == w.charAt(n - 2)
        && !"aeiouls".contains(String.valueOf(w.charAt(n - 1)))) {
      return w.substring(0, n - 1);
    }
    return w;
  }

  /**
   * Splits a column name or label into lower-case words: {@code temp_max}, {@code TempMax}, {@code
   * Cost Total $}.
   */
  static List<String> words(String name) {
    List<String> out = new ArrayList<>();
    String spaced = name.replaceAll("([a-z])([A-Z])", "$1 $2");
    for (String part : spaced.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!part.isEmpty()) out.add(part);
    }
    return out;
  }

  /**
   * Edit distance with adjacent transpositions (optimal string alignment: "pirce" is one edit from
   * "price"), giving up (returning {@code limit + 1}) once every alignment exceeds {@code limit}.
   */
  static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) > limit) return limit + 1;
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      int rowMin = Integer.MAX_VALUE;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > limit + 1) return limit + 1;
    }
    return Math.min(d[a.length()][b.length()], limit + 1);
  }

  /** The typo allowance for a word: none under 5 letters, 1 up to 7, 2 from 8. */
  static int typoBudget(String word) {
    return word.length() < 5 ? 0 : word.length() < 8 ? 1 : 2;
  }

  /** A display form of a column name: {@code temp_max} → {@code temp max}. */
  static String human(String name) {
    return String.join(" ", words(name));
  }
}
