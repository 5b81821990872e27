package com.analyticsstudio.ingest;

import com.analyticsstudio.tenancy.ForbiddenIdentifiers;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns header labels into safe, lower-case PostgreSQL identifiers and decides whether a first row
 * is a header at all.
 *
 * <p>Rules of {@link #normalize(List)}, applied in order:
 *
 * <ol>
 *   <li>Accented letters are transliterated ({@code é -> e}, {@code ß -> ss}, {@code æ -> ae});
 *       other non-ASCII characters are dropped.
 *   <li>{@code %} becomes the word {@code pct}, {@code #} becomes {@code num}, {@code &} becomes
 *       {@code and}; everything that is not a letter or digit separates words with {@code _}. So
 *       {@code Unit Price ($) -> unit_price}, {@code % Growth -> pct_growth}.
 *   <li>A name starting with a digit gets the prefix {@code c_} ({@code 2024 -> c_2024}).
 *   <li>A blank result is {@code column_<n>} with the 1-based position.
 *   <li>PostgreSQL reserved words and system column names get a {@code _} suffix ({@code order ->
 *       order_}, {@code xmin -> xmin_}).
 *   <li>Names are cut to 63 bytes (PostgreSQL's limit).
 *   <li>Duplicates are numbered in order of appearance: {@code name}, {@code name_2}, {@code
 *       name_3}, skipping any suffix already taken by another column.
 * </ol>
 */
public final class ColumnNames {

  /** PostgreSQL's identifier length limit in bytes. */
  public static final int MAX_IDENTIFIER_BYTES = 63;

  private static final Set<String> RESERVED =
      Set.of(
          // PostgreSQL 15 reserved key words
          "all",
          "analyse",
          "analyze",
          "and",
          "any",
          "array",
          "as",
          "asc",
          "asymmetric",
          "both",
          "case",
          "cast",
          "check",
          "collate",
          "column",
          "constraint",
          "create",
          "current_catalog",
          "current_date",
          "current_role",
          "current_time",
          "current_timestamp",
          "current_user",
          "default",
          "deferrable",
          "desc",
          "distinct",
          "do",
          "else",
          "end",
          "except",
          "false",
          "fetch",
          "for",
          "foreign",
          "from",
          "grant",
          "group",
          "having",
          "in",
          "initially",
          "intersect",
          "into",
          "lateral",
          "leading",
          "limit",
          "localtime",
          "localtimestamp",
          "not",
          "null",
          "offset",
          "on",
          "only",
          "or",
          "order",
          "placing",
          "primary",
          "references",
          "returning",
          "select",
          "session_user",
          "some",
          "symmetric",
          "table",
          "then",
          "to",
          "trailing",
          "true",
          "union",
          "unique",
          "user",
          "using",
          "variadic",
          "when",
          "where",
          "window",
          "with",
          // reserved, but allowed as function or type names
          "authorization",
          "binary",
          "collation",
          "concurrently",
          "cross",
          "current_schema",
          "freeze",
          "full",
          "ilike",
          "inner",
          "is",
          "isnull",
          "join",
          "left",
          "like",
          "natural",
          "notnull",
          "outer",
          "overlaps",
          "right",
          "similar",
          "tablesample",
          "verbose",
          // system columns: CREATE TABLE refuses these as column names
          "oid",
          "tableoid",
          "xmin",
          "xmax",
          "cmin",
          "cmax",
          "ctid");

  private ColumnNames() {}

  /** Whether {@code word} is a PostgreSQL reserved word or system column name. */
  public static boolean isReserved(String word) {
    return RESERVED.contains(word);
  }

  /** Normalises all labels of a header row into unique identifiers, in order. */
  public static List<String> normalize(List<String> labels) {
    int n = labels.size();
    List<String> base = new ArrayList<>(n);
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String b = normalize(labels.get(i), i + 1);
      base.add(b);
      taken.add(b);
    }
    Set<String> used = new HashSet<>();
    List<String> out = new ArrayList<>(n);
    for (String b : base) {
      String name = b;
      if (used.contains(name)) {
        for (int k = 2; ; k++) {
          String suffix = "_" + k;
          String candidate = truncate(b, MAX_IDENTIFIER_BYTES - suffix.length()) + suffix;
          if (!used.contains(candidate) && !taken.contains(candidate)) {
            name = candidate;
            break;
          }
        }
      }
      used.add(name);
      out.add(name);
    }
    return out;
  }

  /** Normalises one label; {@code position} is 1-based and names a blank label. */
  public static String normalize(String label, int position) {
    StringBuilder sb = new StringBuilder();
    if (label != null) {
      String s = Normalizer.normalize(label.strip(), Normalizer.Form.NFKD);
      boolean sep = false;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        String word = null;
        if (c >= 'A' && c <= 'Z') {
          c = (char) (c + 32);
        }
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
          if (sep && sb.length() > 0) {
            sb.append('_');
          }
          sep = false;
          sb.append(c);
          continue;
        }
        switch (c) {
          case '%':
            word = "pct";
            break;
          case '#':
            word = "num";
            break;
          case '&':
            word = "and";
            break;
          case 'ß':
            word = "ss";
            break;
          case 'æ':
          case 'Æ':
            word = "ae";
            break;
          case 'œ':
          case 'Œ':
            word = "oe";
            break;
          case 'ø':
          case 'Ø':
            word = "o";
            break;
          case 'ł':
          case 'Ł':
            word = "l";
            break;
          case 'đ':
          case 'Đ':
            word = "d";
            break;
          case 'þ':
          case 'Þ':
            word = "th";
            break;
          case 'ı':
            word = "i";
            break;
          default:
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
              continue; // accents stripped by NFKD decomposition
            }
            sep = true;
            continue;
        }
        boolean letterWord =
            c == 'ß' || c == 'æ' || c == 'Æ' || c == 'œ' || c == 'Œ' || c == 'ø' || c == 'Ø'
                || c == 'ł' || c == 'Ł' || c == 'đ' || c == 'Đ' || c == 'þ' || c == 'Þ' || c == 'ı';
        if (letterWord) {
          if (sep && sb.length() > 0) {
            sb.append('_');
          }
          sep = false;
          sb.append(word);
        } else {
          if (sb.length() > 0) {
            sb.append('_');
          }
          sb.append(word);
          sep = true;
        }
      }
    }
    String name = sb.toString();
    if (name.isEmpty()) {
      return "column_" + position;
    }
    if (name.charAt(0) >= '0' && name.charAt(0) <= '9') {
      name = "c_" + name;
    }
    if (RESERVED.contains(name)) {
      name = name + "_";
    }
    if (ForbiddenIdentifiers.isForbiddenIdentifier(name)) {
      // The query guard refuses names like pg_*, lo_* or current_user even quoted: keep columns
      // queryable.
      name = "c_" + name;
    }
    return truncate(name, MAX_IDENTIFIER_BYTES);
  }

  private static String truncate(String s, int maxBytes) {
    // names are ASCII here, so bytes == chars
    if (s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return s;
    }
    String t = s.substring(0, maxBytes);
    while (t.endsWith("_") && t.length() > 1) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  /** Labels {@code column_1 .. column_n} for a file without a header row. */
  public static List<String> generated(int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      out.add("column_" + i);
    }
    return out;
  }

  /**
   * Whether a first row looks like a header. It is taken as data when every non-blank cell is a
   * number, date, timestamp or boolean word (as {@link TypeInferrer} reads them) and at least one
   * cell is non-blank; otherwise it is a header. A header of years ({@code 2019,2020}) therefore
   * needs {@link SourceOptions#withHeader(Boolean)}.
   */
  public static boolean looksLikeHeader(String[] firstRow) {
    boolean any = false;
    for (String cell : firstRow) {
      if (TypeInferrer.isNullToken(cell)) {
        continue;
      }
      any = true;
      if (!TypeInferrer.isTypedValue(cell)) {
        return true;
      }
    }
    return !any;
  }
}
