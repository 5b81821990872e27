package com.analyticsstudio.semantic;

import com.analyticsstudio.common.ApiException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place compiled SQL gets names and literals: every identifier double-quoted, every string
 * a standard SQL literal with its quotes doubled (the query path's connections run with {@code
 * standard_conforming_strings = on}, so a backslash is an ordinary character). Saved charts'
 * filters ({@code chart.ChartFilters}) build their SQL with it too.
 */
public final class SqlText {
  private SqlText() {}

  /** A double-quoted identifier, its quotes doubled. */
  public static String ident(String name) {
    if (name.indexOf('\u0000') >= 0) throw new IllegalArgumentException("NUL in a name");
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String column(String alias, String name) {
    return ident(alias) + "." + ident(name);
  }

  /** A standard SQL string literal, its quotes doubled (a NUL is a 400). */
  public static String literal(String value) {
    if (value.indexOf('\u0000') >= 0) {
      throw new ApiException(400, "invalid_value", "a text value cannot contain a NUL character");
    }
    return "'" + value.replace("'", "''") + "'";
  }

  /** A date literal. */
  public static String date(LocalDate d) {
    return "CAST('" + d + "' AS date)";
  }

  /**
   * The condition of a text filter ({@code contains}, {@code notContains}, {@code startsWith},
   * {@code endsWith}) over {@code column}, case-insensitively, true when any value matches ({@code
   * notContains}: none does, or the column is NULL). {@code lowered} is the column lower-cased as
   * text.
   */
  public static String textMatch(String op, String column, String lowered, List<?> values) {
    List<String> any = new ArrayList<>();
    for (Object v : values) {
      String lit = "lower(" + literal(String.valueOf(v)) + ")";
      any.add(
          switch (op) {
            case "startsWith" -> "starts_with(" + lowered + ", " + lit + ")";
            case "endsWith" -> "right(" + lowered + ", length(" + lit + ")) = " + lit;
            default -> "strpos(" + lowered + ", " + lit + ") > 0";
          });
    }
    String anyOf = "(" + String.join(" OR ", any) + ")";
    return op.equals("notContains") ? "(" + column + " IS NULL OR NOT " + anyOf + ")" : anyOf;
  }

  /** The operator of a {@code gt}, {@code gte}, {@code lt} or {@code lte} filter. */
  public static String comparison(String op) {
    return switch (op) {
      case "gt" -> ">";
      case "gte" -> ">=";
      case "lt" -> "<";
      default -> "<=";
    };
  }
}
