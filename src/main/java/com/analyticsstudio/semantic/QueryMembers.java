package com.analyticsstudio.semantic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model members a stored semantic query mentions, each with the part of the query that does
 * ({@code measures}, {@code formula}, {@code dimensions}, {@code time}, {@code filters}, {@code
 * order}); for dependency checks. Reads the document as saved, without compiling it: a member that
 * is gone is still named, so a chart broken earlier (a forced delete) still shows as a user.
 */
public final class QueryMembers {
  private QueryMembers() {}

  /** The dataset the query names (its id or table name), or null. */
  public static String dataset(JsonObject query) {
    return query != null && query.getValue("dataset") instanceof String s ? s : null;
  }

  /** Member name → the first part of the query that names it, in the query's order. */
  public static Map<String, String> of(JsonObject query) {
    Map<String, String> out = new LinkedHashMap<>();
    if (query == null) return out;
    if (query.getValue("measures") instanceof JsonArray ms) {
      for (Object m : ms) {
        if (m instanceof String s) {
          out.putIfAbsent(s, "measures");
        } else if (m instanceof JsonObject o) {
          if (o.getValue("measure") instanceof String s) out.putIfAbsent(s, "measures");
          if (o.getValue("column") instanceof String c) out.putIfAbsent(c, "measures");
          if (o.getValue("formula") instanceof String f) {
            for (String ref : formulaRefs(f)) out.putIfAbsent(ref, "formula");
          }
        }
      }
    }
    if (query.getValue("dimensions") instanceof JsonArray ds) {
      for (Object d : ds) if (d instanceof String s) out.putIfAbsent(s, "dimensions");
    }
    if (query.getValue("time") instanceof JsonObject t
        && t.getValue("dimension") instanceof String s) {
      out.putIfAbsent(s, "time");
    }
    if (query.getValue("filters") instanceof JsonArray fs) {
      for (Object f : fs) {
        if (f instanceof JsonObject o && o.getValue("member") instanceof String s) {
          out.putIfAbsent(withoutGrain(s), "filters");
        }
      }
    }
    if (query.getValue("order") instanceof JsonArray os) {
      for (Object o : os) {
        if (o instanceof JsonObject j && j.getValue("member") instanceof String s) {
          out.putIfAbsent(withoutGrain(s), "order");
        }
      }
    }
    return out;
  }

  /**
   * The qualified members ({@code relationship.member}, not a time grain) the query names, with the
   * part naming each: what it reads through a relationship.
   */
  public static Map<String, String> qualified(JsonObject query) {
    Map<String, String> out = new LinkedHashMap<>();
    of(query)
        .forEach(
            (name, via) -> {
              int dot = name.indexOf('.');
              if (dot > 0 && dot < name.length() - 1) out.put(name, via);
            });
    return out;
  }

  /** The names a formula mentions; none when it does not parse (it cannot run either). */
  static List<String> formulaRefs(String formula) {
    List<String> refs = new ArrayList<>();
    try {
      FormulaRefs.collect(FormulaParser.parse(formula), refs);
    } catch (RuntimeException e) { // FormulaError, or anything the parser refuses
      return List.of();
    }
    return refs;
  }

  /** {@code order_date.month} names the dimension {@code order_date}. */
  private static String withoutGrain(String member) {
    int dot = member.lastIndexOf('.');
    if (dot > 0 && TimeGrain.parse(member.substring(dot + 1)) != null) {
      return member.substring(0, dot);
    }
    return member;
  }
}
