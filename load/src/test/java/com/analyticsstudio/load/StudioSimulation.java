package com.analyticsstudio.load;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.http.HttpDsl.http;

import com.analyticsstudio.load.persona.Persona;
import com.analyticsstudio.load.persona.Personas;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one simulation of the kit: seeds through the API, then runs the chosen personas (weights in
 * {@code load.personas}) in the open model (sessions arriving at {@code load.rate} per second, ramped
 * over {@code load.rampSeconds}, held {@code load.steadySeconds}) or the closed model
 * ({@code load.users} sessions running at once). The run fails when p95, p99 or the error rate
 * exceed {@code load.p95Ms}, {@code load.p99Ms}, {@code load.maxErrorPct}.
 */
public class StudioSimulation extends Simulation {
  private final LoadParams params = LoadParams.fromSystem();
  private final Seed.Data seed = new Seed(params).run();

  {
    HttpProtocolBuilder protocol = http.baseUrl(params.baseUrl())
        .acceptHeader("application/json")
        .userAgentHeader("analytics-studio-load/0.1");
    if (params.shareConnections()) {
      // One keep-alive pool for all sessions, like a service's HTTP client; otherwise each session
      // opens its own connections, like a browser or a short-lived script.
      protocol = protocol.shareConnections().maxConnectionsPerHost(params.maxConnections());
    }
    List<PopulationBuilder> populations = new ArrayList<>();
    for (Map.Entry<String, Integer> e : params.personas().entrySet()) {
      Persona persona = Personas.named(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
          "unknown persona '" + e.getKey() + "' in load.personas (known: "
              + Personas.ALL.stream().map(Persona::name).toList() + ")"));
      populations.add(inject(persona.session(seed, params), params.share(persona.name())));
      populations.addAll(persona.once(seed, params));
    }
    Seed.log(String.format("%s model, %s, ramp %d s, steady %d s against %s", params.model(),
        params.model().equals("open") ? params.rate() + " sessions/s" : params.users() + " concurrent sessions",
        params.rampSeconds(), params.steadySeconds(), params.baseUrl()));
    setUp(populations)
        .protocols(protocol)
        .assertions(
            global().responseTime().percentile(95.0).lt(params.p95Ms()),
            global().responseTime().percentile(99.0).lt(params.p99Ms()),
            global().failedRequests().percent().lte(params.maxErrorPct()));
  }

  private PopulationBuilder inject(ScenarioBuilder scenario, double share) {
    Duration ramp = Duration.ofSeconds(params.rampSeconds());
    Duration steady = Duration.ofSeconds(params.steadySeconds());
    if (params.model().equals("open")) {
      double rate = params.rate() * share;
      return scenario.injectOpen(rampUsersPerSec(0).to(rate).during(ramp), constantUsersPerSec(rate).during(steady));
    }
    int users = Math.max(1, (int) Math.round(params.users() * share));
    return scenario.injectClosed(rampConcurrentUsers(0).to(users).during(ramp), constantConcurrentUsers(users).during(steady));
  }
}
