package com.analyticsstudio.load;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every knob of a run. Each is read from a system property {@code load.<name>} (e.g.
 * {@code mvn gatling:test -Dload.rate=20}) or, failing that, the environment variable
 * {@code LOAD_<NAME>} (e.g. {@code LOAD_RATE=20}); the defaults make a short, gentle run against a
 * local studio. load/README.md lists them.
 */
public record LoadParams(
    String baseUrl,
    Map<String, Integer> personas,
    String model,
    double rate,
    int users,
    int rampSeconds,
    int steadySeconds,
    int p95Ms,
    int p99Ms,
    double maxErrorPct,
    String email,
    String password,
    String projectId,
    int dashboardAccounts,
    int thinkMs,
    String flightsCsv,
    String bigUpload,
    int exportRows,
    String sql,
    boolean noCache,
    boolean shareConnections,
    int maxConnections) {

  public static LoadParams fromSystem() {
    String flights = text("flightsCsv", "");
    LoadParams p = new LoadParams(
        stripSlash(text("baseUrl", "http://localhost:8000")),
        personas(text("personas", "api:6,dashboard:2,ask:1,upload:1")),
        text("model", "open").toLowerCase(Locale.ROOT),
        decimal("rate", 5),
        integer("users", 10),
        integer("rampSeconds", 10),
        integer("steadySeconds", 60),
        integer("p95Ms", 500),
        integer("p99Ms", 1000),
        decimal("maxErrorPct", 1.0),
        text("email", ""),
        text("password", "load-test-pass-2024"),
        text("projectId", ""),
        integer("dashboardAccounts", 5),
        integer("thinkMs", 0),
        flights,
        text("bigUpload", flights),
        integer("exportRows", 10_000),
        text("sql", ""),
        Boolean.parseBoolean(text("noCache", "false")),
        Boolean.parseBoolean(text("shareConnections", "false")),
        integer("maxConnections", 256));
    if (!p.model.equals("open") && !p.model.equals("closed")) {
      throw new IllegalArgumentException("load.model must be open or closed (was " + p.model + ")");
    }
    return p;
  }

  /** The weight of each persona, in the order given: "api:6,dashboard:2" → {api=6, dashboard=2}. */
  static Map<String, Integer> personas(String spec) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String s = part.trim();
      if (s.isEmpty()) continue;
      String[] nameWeight = s.split(":");
      int weight = nameWeight.length > 1 ? Integer.parseInt(nameWeight[1].trim()) : 1;
      if (weight > 0) out.put(nameWeight[0].trim().toLowerCase(Locale.ROOT), weight);
    }
    if (out.isEmpty()) throw new IllegalArgumentException("load.personas names no persona");
    return out;
  }

  /** This persona's share of the total rate or users. */
  public double share(String persona) {
    int sum = personas.values().stream().mapToInt(Integer::intValue).sum();
    return personas.getOrDefault(persona, 0) / (double) sum;
  }

  private static String text(String name, String fallback) {
    String v = System.getProperty("load." + name);
    if (v == null || v.isBlank()) {
      v = System.getenv("LOAD_" + name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
    }
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private static int integer(String name, int fallback) {
    String v = text(name, String.valueOf(fallback));
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("load." + name + " must be a whole number (was " + v + ")");
    }
  }

  private static double decimal(String name, double fallback) {
    String v = text(name, String.valueOf(fallback));
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("load." + name + " must be a number (was " + v + ")");
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
