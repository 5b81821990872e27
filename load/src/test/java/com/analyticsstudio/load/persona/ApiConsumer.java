package com.analyticsstudio.load.persona;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.bodyLength;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.analyticsstudio.load.LoadParams;
import com.analyticsstudio.load.Seed;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.Set;

/**
 * A program with an API key: repeated queries (cached), distinct ones (cache bypassed), a query
 * job submitted and polled to completion, CSV and NDJSON exports, and an aggregate over the
 * flights table when it was seeded.
 */
public final class ApiConsumer implements Persona {
  private static final Set<String> JOB_DONE = Set.of("succeeded", "failed", "cancelled");

  @Override
  public String name() {
    return "api";
  }

  @Override
  public ScenarioBuilder session(Seed.Data seed, LoadParams params) {
    String query = "/api/v1/projects/" + seed.projectId() + "/query";
    ChainBuilder repeated = exec(session -> session.set("sql", Queries.repeated()))
        .exec(http("api: repeated query").post(query).header("X-API-Key", seed.apiKey())
            .body(StringBody("{\"sql\":#{sql.jsonStringify()}}")).asJson()
            .check(status().is(200), jsonPath("$.rowCount").exists()));
    ChainBuilder distinct = exec(session -> session.set("sql", Queries.distinct()))
        .exec(http("api: distinct query").post(query).header("X-API-Key", seed.apiKey())
            .header("Cache-Control", "no-cache")
            .body(StringBody("{\"sql\":#{sql.jsonStringify()}}")).asJson()
            .check(status().is(200), jsonPath("$.cached").is("false")));
    ChainBuilder job = exec(session -> session.set("sql", Queries.distinct()).set("jobStatus", "queued"))
        .exec(http("api: job submit").post(query + "/jobs").header("X-API-Key", seed.apiKey())
            .body(StringBody("{\"sql\":#{sql.jsonStringify()}}")).asJson()
            .check(status().is(202), jsonPath("$.jobId").saveAs("jobId")))
        .exec(asLongAsDuring(session -> !JOB_DONE.contains(session.getString("jobStatus")), Duration.ofSeconds(60)).on(
            pause(Duration.ofMillis(100))
                .exec(Revalidated.get(
                    http("api: job poll").get(query + "/jobs/#{jobId}").header("X-API-Key", seed.apiKey()),
                    jsonPath("$.status").saveAs("jobStatus")))))
        .exec(Revalidated.get(
            http("api: job result").get(query + "/jobs/#{jobId}/result?limit=100").header("X-API-Key", seed.apiKey()),
            jsonPath("$.rows").exists()));
    String exportTable = seed.has("flights") ? "flights" : "seattle_weather";
    String exportBody = "{\"sql\":\"SELECT * FROM " + exportTable + "\",\"limit\":" + params.exportRows() + "}";
    ChainBuilder csv = exec(http("api: export csv").post(query + "/export?format=csv").header("X-API-Key", seed.apiKey())
        .body(StringBody(exportBody)).asJson()
        .check(status().is(200), header("Content-Type").is("text/csv; charset=utf-8"), bodyLength().gt(100)));
    ChainBuilder ndjson = exec(http("api: export ndjson").post(query + "/export?format=ndjson").header("X-API-Key", seed.apiKey())
        .body(StringBody(exportBody)).asJson()
        .check(status().is(200), header("Content-Type").is("application/x-ndjson"), bodyLength().gt(100)));
    ChainBuilder heavy = seed.has("flights")
        ? exec(session -> session.set("sql", Queries.flights()))
            .exec(http("api: flights aggregate").post(query).header("X-API-Key", seed.apiKey())
                .body(StringBody("{\"sql\":#{sql.jsonStringify()}}")).asJson()
                .check(status().is(200)))
        : repeated;
    return scenario("api consumer").exec(randomSwitch().on(
        percent(55.0).then(repeated),
        percent(25.0).then(distinct),
        percent(8.0).then(job),
        percent(4.0).then(csv),
        percent(4.0).then(ndjson),
        percent(4.0).then(heavy)));
  }
}
