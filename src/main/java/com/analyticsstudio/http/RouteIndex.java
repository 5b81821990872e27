package com.analyticsstudio.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The contract's paths as patterns, for the conventions the router does not apply by itself: which
 * methods a path allows (the {@code Allow} header of a 405) and which operations take a JSON body
 * (anything else there is 415).
 */
final class RouteIndex {
  private static final List<String> METHODS =
      List.of("get", "head", "post", "put", "patch", "delete");

  private record Entry(Pattern pattern, Set<String> methods, Set<String> jsonBodies) {}

  private final List<Entry> entries = new ArrayList<>();

  /** From the contract document as written (before {@link Contract#routable} filters it). */
  RouteIndex(JsonObject doc) {
    JsonObject paths = doc.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      Set<String> methods = new LinkedHashSet<>();
      Set<String> json = new LinkedHashSet<>();
      for (String m : METHODS) {
        if (!(item.getValue(m) instanceof JsonObject op)) continue;
        methods.add(m.toUpperCase(Locale.ROOT));
        if (m.equals("get")) methods.add("HEAD");
        JsonObject content =
            op.getJsonObject("requestBody", new JsonObject())
                .getJsonObject("content", new JsonObject());
        if (content.size() == 1 && content.containsKey("application/json")) {
          json.add(m.toUpperCase(Locale.ROOT));
        }
      }
      entries.add(new Entry(pattern(path), methods, json));
    }
  }

  /** The methods the contract documents for {@code path} (HEAD wherever GET is); empty if none. */
  Set<String> allowed(String path) {
    Entry e = find(path);
    return e == null ? Set.of() : e.methods();
  }

  /** Whether the operation at {@code method path} takes only a JSON body. */
  boolean takesJson(HttpMethod method, String path) {
    Entry e = find(path);
    return e != null && e.jsonBodies().contains(method.name());
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
