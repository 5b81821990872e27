package com.analyticsstudio.ask;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether two results are the same answer: the same rows (order-insensitive unless the order is
 * part of the answer), numbers equal to 6 significant digits, midnight timestamps equal to their
 * date. The rule of the planner's evaluation, used for a project's golden questions.
 */
final class ResultCompare {
  private ResultCompare() {}

  /** Null when equal; else a short description of the difference. */
  static String difference(
      List<List<Object>> expected, List<List<Object>> actual, boolean ordered) {
    List<String> e = normalise(expected);
    List<String> a = normalise(actual);
    if (!ordered) {
      e.sort(null);
      a.sort(null);
    }
    if (e.equals(a)) return null;
    return "expected " + abbreviate(e) + ", got " + abbreviate(a);
  }

  static List<String> normalise(List<List<Object>> rows) {
    List<String> out = new ArrayList<>();
    for (List<Object> row : rows) {
      List<String> cells = new ArrayList<>();
      for (Object o : row) cells.add(cell(o));
      out.add(String.join("|", cells));
    }
    return out;
  }

  static String cell(Object o) {
    if (o == null) return "null";
    if (o instanceof Number n) {
      BigDecimal d = new BigDecimal(n.toString()).round(new MathContext(6));
      return d.compareTo(BigDecimal.ZERO) == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    String s = o.toString();
    if (s.matches("\\d{4}-\\d{2}-\\d{2}[ T]00:00(:00(\\.0+)?)?Z?")) s = s.substring(0, 10);
    if (s.matches("-?\\d+(\\.\\d+)?")) return cell(new BigDecimal(s));
    return s;
  }

  private static String abbreviate(List<String> rows) {
    String s =
        rows.size() <= 3 ? rows.toString() : rows.subList(0, 3) + "… (" + rows.size() + " rows)";
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
