package com.analyticsstudio.load.persona;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.RawFileBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.analyticsstudio.load.LoadParams;
import com.analyticsstudio.load.Seed;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Uploads a small CSV (a few hundred generated rows, a new dataset each time) and waits until it is
 * queryable; once per run, the big file ({@code load.bigUpload}, by default the 3-million-row
 * flights CSV of ~100 MB) as a raw body, followed until loaded. Uploads go to the seed's
 * second project, so the datasets they pile up never slow the other personas' catalog.
 */
public final class Uploader implements Persona {
  private static final Set<String> DONE = Set.of("ready", "failed");

  @Override
  public String name() {
    return "upload";
  }

  @Override
  public ScenarioBuilder session(Seed.Data seed, LoadParams params) {
    String datasets = "/api/v1/projects/" + seed.uploadProjectId() + "/datasets";
    return scenario("uploader")
        .exec(session -> session.set("csv", smallCsv()).set("file", "load-" + UUID.randomUUID() + ".csv"))
        .exec(http("upload: small csv").post(datasets + "?wait=true&filename=#{file}")
            .header("X-API-Key", seed.apiKey()).header("Content-Type", "text/csv")
            .body(ByteArrayBody(session -> session.<String>get("csv").getBytes(StandardCharsets.UTF_8)))
            .check(status().is(201), jsonPath("$.status").is("ready")));
  }

  @Override
  public List<PopulationBuilder> once(Seed.Data seed, LoadParams params) {
    if (params.bigUpload().isBlank()) {
      return List.of();
    }
    String datasets = "/api/v1/projects/" + seed.uploadProjectId() + "/datasets";
    ScenarioBuilder big = scenario("uploader (big file)")
        .exec(session -> session.set("status", "receiving"))
        .exec(http("upload: big file").post(datasets + "?filename=big.csv")
            .header("X-API-Key", seed.apiKey()).header("Content-Type", "text/csv")
            .body(RawFileBody(Seed.existing(params.bigUpload()).toAbsolutePath().toString()))
            .check(status().is(202), jsonPath("$.id").saveAs("datasetId")))
        .exec(asLongAsDuring(session -> !DONE.contains(session.getString("status")), Duration.ofMinutes(10)).on(
            pause(Duration.ofSeconds(1))
                .exec(http("upload: big file progress").get(datasets + "/#{datasetId}").header("X-API-Key", seed.apiKey())
                    .check(status().is(200), jsonPath("$.status").saveAs("status")))))
        .exec(http("upload: big file loaded").get(datasets + "/#{datasetId}").header("X-API-Key", seed.apiKey())
            .check(status().is(200), jsonPath("$.status").is("ready")));
    return List.of(big.injectOpen(atOnceUsers(1)));
  }

  /** A few hundred rows of mixed types (dates, decimals, text), different each time. */
  static String smallCsv() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    StringBuilder b = new StringBuilder("day,city,amount,units,note\n");
    int rows = r.nextInt(200, 600);
    for (int i = 0; i < rows; i++) {
      b.append("2024-").append(String.format("%02d-%02d", r.nextInt(1, 13), r.nextInt(1, 29))).append(',')
          .append(List.of("Lyon", "Oslo", "Lima", "Pune").get(r.nextInt(4))).append(',')
          .append(r.nextInt(0, 100_000) / 100.0).append(',').append(r.nextInt(1, 50)).append(',')
          .append("row ").append(i).append('\n');
    }
    return b.toString();
  }
}
