package com.analyticsstudio.load.persona;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.analyticsstudio.load.LoadParams;
import com.analyticsstudio.load.Seed;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * One query, one request per session: {@code load.sql} (default a small aggregate of the seeded
 * weather data) with the API key, cache bypassed when {@code load.noCache} is true. For measuring a
 * single query's capacity and overload behaviour at an exact arrival rate (scripts/bench/task).
 */
public final class SingleQuery implements Persona {
  static final String DEFAULT_SQL = "SELECT weather, count(*), avg(temp_max) FROM seattle_weather GROUP BY weather";

  @Override
  public String name() {
    return "query";
  }

  @Override
  public ScenarioBuilder session(Seed.Data seed, LoadParams params) {
    String sql = params.sql().isBlank() ? DEFAULT_SQL : params.sql();
    var request = http("query").post("/api/v1/projects/" + seed.projectId() + "/query")
        .header("X-API-Key", seed.apiKey())
        .body(StringBody("{\"sql\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(sql) + "}")).asJson()
        .check(status().is(200), jsonPath("$.rowCount").exists());
    if (params.noCache()) {
      request = request.header("Cache-Control", "no-cache");
    }
    return CoreDsl.scenario("single query").exec(request);
  }
}
