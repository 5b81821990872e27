package com.analyticsstudio.load.persona;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.analyticsstudio.load.LoadParams;
import com.analyticsstudio.load.Seed;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A person in the browser: signs in (one of the seeded viewer accounts), opens the project's
 * datasets, a dataset's page (metadata, preview rows, profile) and the queries a dashboard of that
 * dataset would run (its widgets, then one filter change). Saved charts and dashboards do not exist
 * yet: when they do, this persona opens them instead of these stand-in queries (see {@link Personas}).
 *
 * <p>Every session signs in (bcrypt on the server): the studio under test needs login throttling
 * raised above the test's sign-ins ({@code LOGIN_ATTEMPTS_PER_ACCOUNT}, {@code LOGIN_ATTEMPTS_PER_ADDRESS}),
 * or those answer 429 as they should.
 */
public final class DashboardUser implements Persona {
  /** Times a session opens the dashboard after signing in. */
  static final int OPENS = 3;

  @Override
  public String name() {
    return "dashboard";
  }

  @Override
  public ScenarioBuilder session(Seed.Data seed, LoadParams params) {
    if (seed.viewerEmails().isEmpty()) {
      throw new IllegalArgumentException("the dashboard persona needs load.dashboardAccounts > 0");
    }
    String project = "/api/v1/projects/" + seed.projectId();
    String weather = project + "/datasets/" + seed.dataset("seattle_weather").id();
    Iterator<Map<String, Object>> accounts = Stream.generate(() -> seed.viewerEmails()).flatMap(l -> l.stream())
        .map(e -> Map.<String, Object>of("email", e)).iterator();
    ChainBuilder widgets = exec(session -> session.set("widgets", Queries.REPEATED))
        .foreach("#{widgets}", "sql").on(widget(project));
    ChainBuilder open = exec(Revalidated.get(
            http("dashboard: datasets").get(project + "/datasets").header("Authorization", "Bearer #{token}")))
        .exec(Revalidated.get(http("dashboard: dataset").get(weather).header("Authorization", "Bearer #{token}")))
        .exec(Revalidated.get(
            http("dashboard: preview rows").get(weather + "/rows?limit=100").header("Authorization", "Bearer #{token}"),
            jsonPath("$.rows").exists()))
        .exec(Revalidated.get(
            http("dashboard: profile").get(weather + "/profile").header("Authorization", "Bearer #{token}")))
        .exec(widgets)
        .exec(session -> session.set("sql", Queries.filtered()))
        .exec(widget(project));
    return scenario("dashboard user")
        .feed(accounts)
        .exec(http("dashboard: sign in").post("/api/v1/auth/login")
            .body(StringBody("{\"email\":\"#{email}\",\"password\":\"" + seed.password() + "\"}")).asJson()
            .check(status().is(200), jsonPath("$.accessToken").saveAs("token")))
        .exec(Revalidated.get(
            http("dashboard: projects").get("/api/v1/projects").header("Authorization", "Bearer #{token}")))
        .exec(repeat(OPENS).on(open.exec(pause(Duration.ofMillis(params.thinkMs())))));
  }

  private static ChainBuilder widget(String project) {
    return exec(http("dashboard: widget query").post(project + "/query").header("Authorization", "Bearer #{token}")
        .body(StringBody("{\"sql\":#{sql.jsonStringify()},\"limit\":500}")).asJson()
        .check(status().is(200), jsonPath("$.rowCount").exists()));
  }
}
