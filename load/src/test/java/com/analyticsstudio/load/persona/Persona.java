package com.analyticsstudio.load.persona;

import com.analyticsstudio.load.LoadParams;
import com.analyticsstudio.load.Seed;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.List;

/**
 * One kind of user of the studio. A virtual user runs {@link #session} once (one session); the
 * simulation injects sessions at this persona's share of {@code load.rate} (open model) or keeps
 * its share of {@code load.users} running (closed model). A new persona is one class implementing
 * this, listed in {@link Personas}.
 */
public interface Persona {
  /** The name used in {@code load.personas} ("api", "dashboard", …). */
  String name();

  /** One session of this persona. */
  ScenarioBuilder session(Seed.Data seed, LoadParams params);

  /** Scenarios run once per test whatever the rate (e.g. the uploader's one 100 MB file); none by default. */
  default List<PopulationBuilder> once(Seed.Data seed, LoadParams params) {
    return List.of();
  }
}
