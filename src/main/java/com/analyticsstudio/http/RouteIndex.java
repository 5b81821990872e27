package com.analyticsstudio.http;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The contract's paths as patterns, for the {@code Allow} header of a 405: which methods a path
 * allows. Only a 405 looks it up.
 */
final class RouteIndex {
  private static final List<String> METHODS =
      List.of("get", "head", "post", "put", "patch", "delete");

  private record Entry(Pattern pattern, Set<String> methods) {}

  private final List<Entry> entries = new ArrayList<>();

  /** From the contract document as written (before {@link Contract#routable} filters it). */
  RouteIndex(JsonObject doc) {
    JsonObject paths = doc.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      Set<String> methods = new LinkedHashSet<>();
      for (String m : METHODS) {
        if (!(item.getValue(m) instanceof JsonObject)) continue;
        methods.add(m.toUpperCase(Locale.ROOT));
        if (m.equals("get")) methods.add("HEAD");
      }
      entries.add(new Entry(pattern(path), methods));
    }
  }

  /** The methods the contract documents for {@code path} (HEAD wherever GET is); empty if none. */
  Set<String> allowed(String path) {
    Entry e = find(path);
    return e == null ? Set.of() : e.methods();
  }

  private Entry find(String path) {
    for (Entry e : entries) {
      if (e.pattern().matcher(path).matches()) return e;
    }
    return null;
  }

  private static Pattern pattern(String template) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        regex.append(Pattern.quote(template.substring(i)));
        break;
      }
      if (open > i) regex.append(Pattern.quote(template.substring(i, open)));
      regex.append("[^/]+");
      i = template.indexOf('}', open) + 1;
    }
    return Pattern.compile(regex.toString());
  }
}
