package com.analyticsstudio.load.persona;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The SQL the personas send, over the seeded public datasets (table names as the studio derives them). */
final class Queries {
  private Queries() {}

  /** Small aggregates that repeat (a dashboard's widgets; a script's fixed reports): served from the cache. */
  static final List<String> REPEATED = List.of(
      "SELECT weather, count(*) AS days FROM seattle_weather GROUP BY weather ORDER BY days DESC",
      "SELECT weather, count(*), avg(temp_max) FROM seattle_weather GROUP BY weather",
      "SELECT date_trunc('month', date) AS month, avg(temp_max) AS t FROM seattle_weather GROUP BY 1 ORDER BY 1",
      "SELECT symbol, avg(price) AS avg_price, max(price) AS max_price FROM stocks GROUP BY symbol",
      "SELECT sum(precipitation) AS rain_mm, max(wind) AS max_wind FROM seattle_weather");

  static final List<String> WEATHER = List.of("drizzle", "rain", "sun", "snow", "fog");

  static String repeated() {
    return REPEATED.get(ThreadLocalRandom.current().nextInt(REPEATED.size()));
  }

  /** A small aggregate with a literal that rarely repeats: a cache miss, parsed and planned anew. */
  static String distinct() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "SELECT weather, count(*), avg(wind) FROM seattle_weather WHERE temp_max > "
        + (r.nextInt(-50, 350) / 10.0) + " AND precipitation >= " + (r.nextInt(0, 300) / 10.0) + " GROUP BY weather";
  }

  /** A dashboard filter: one of a few values, so after warm-up these are cached too. */
  static String filtered() {
    String w = WEATHER.get(ThreadLocalRandom.current().nextInt(WEATHER.size()));
    return "SELECT date_trunc('month', date) AS month, count(*) FROM seattle_weather WHERE weather = '" + w + "' GROUP BY 1 ORDER BY 1";
  }

  /** An aggregate over the 3-million-row flights table (only when it was seeded). */
  static String flights() {
    int distance = ThreadLocalRandom.current().nextInt(100, 2000);
    return "SELECT origin, count(*), avg(delay) FROM flights WHERE distance > " + distance + " GROUP BY origin ORDER BY 2 DESC LIMIT 20";
  }
}
