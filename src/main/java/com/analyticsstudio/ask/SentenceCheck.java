package com.analyticsstudio.ask;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the numbers of a model-written answer sentence against the whole result: a number is
 * supported when it is a value of the result (a cell, at the precision the sentence shows it), a
 * number written inside a cell (a year in a date), the result's row count, a column's total,
 * average, minimum or maximum, a percentage of a column's total, or a number from the question.
 * Anything else the model made up; the caller replaces the sentence.
 */
final class SentenceCheck {
  private static final Pattern NUMBER =
      Pattern.compile("(?<![\\p{L}\\d.])[-−]?\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?(%?)");
  private static final Pattern DIGITS = Pattern.compile("\\d+(?:\\.\\d+)?");

  private SentenceCheck() {}

  /**
   * The numbers of {@code sentence} that nothing in the result supports (empty when all are right).
   */
  static List<String> unsupported(
      String sentence, List<List<Object>> rows, long rowCount, String question) {
    List<String> wrong = new ArrayList<>();
    if (sentence == null || sentence.isBlank()) return wrong;
    Facts facts = Facts.of(rows, rowCount, question);
    Matcher m = NUMBER.matcher(sentence);
    while (m.find()) {
      String raw = m.group();
      boolean pct = raw.endsWith("%");
      String digits =
          (pct ? raw.substring(0, raw.length() - 1) : raw).replace(",", "").replace('−', '-');
      BigDecimal shown;
      try {
        shown = new BigDecimal(digits);
      } catch (NumberFormatException e) {
        continue;
      }
      if (!facts.supports(shown, pct)) wrong.add(raw);
    }
    return wrong;
  }

  /** What the result says, as numbers. */
  private record Facts(List<Double> values, Set<String> inText, List<Double> totals) {
    static Facts of(List<List<Object>> rows, long rowCount, String question) {
      List<Double> values = new ArrayList<>();
      Set<String> inText = new HashSet<>();
      List<Double> totals = new ArrayList<>();
      values.add((double) rowCount);
      values.add((double) rows.size());
      if (question != null) {
        Matcher q = DIGITS.matcher(question);
        while (q.find()) inText.add(strip(q.group()));
      }
      int width = rows.stream().mapToInt(List::size).max().orElse(0);
      for (int c = 0; c < width; c++) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (List<Object> r : rows) {
          Object o = c < r.size() ? r.get(c) : null;
          if (o instanceof Number num) {
            double d = num.doubleValue();
            values.add(d);
            sum += d;
            min = Math.min(min, d);
            max = Math.max(max, d);
            n++;
          } else if (o != null) {
            Matcher dm = DIGITS.matcher(o.toString());
            while (dm.find()) inText.add(strip(dm.group()));
            try {
              values.add(Double.parseDouble(o.toString().trim()));
            } catch (NumberFormatException ignored) {
              // text, not a number
            }
          }
        }
        if (n > 0) {
          values.add(sum);
          values.add(sum / n);
          totals.add(sum);
        }
      }
      return new Facts(values, inText, totals);
    }

    boolean supports(BigDecimal shown, boolean pct) {
      if (inText.contains(strip(shown.abs().toPlainString()))) return true;
      double v = shown.doubleValue();
      // What rounds to the number as shown: 16.4 stands for [16.35, 16.45); 35,362 for 35361.7.
      double tolerance = 0.5 * Math.pow(10, -Math.max(0, shown.scale())) + 1e-9 * Math.abs(v);
      for (double x : values) {
        if (close(x, v, tolerance) || pct && close(x * 100, v, tolerance)) return true;
        // "1.2 million", "3.7k" are not parsed; "12,345" as 12.3 thousand is not claimed either.
      }
      if (pct) {
        for (double total : totals) {
          if (total == 0) continue;
          for (double x : values) if (close(100 * x / total, v, tolerance)) return true;
        }
      }
      return false;
    }

    private static boolean close(double x, double v, double tolerance) {
      return Math.abs(x - v) <= tolerance
          || Math.abs(Math.abs(x) - Math.abs(v)) <= tolerance && v < 0 == x < 0;
    }

    private static String strip(String s) {
      String t = s.replaceFirst("^0+(?=\\d)", "");
      return t.contains(".") ? t.replaceFirst("\\.?0+$", "") : t;
    }
  }
}
