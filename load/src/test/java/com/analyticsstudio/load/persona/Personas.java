package com.analyticsstudio.load.persona;

import java.util.List;
import java.util.Optional;

/**
 * The personas of the kit. Saved charts and dashboards do not exist in the studio yet; when they
 * land, their users are one class each here (e.g. a {@code ChartViewer} opening a saved chart's
 * data, a {@code DashboardViewer} opening a dashboard's widgets, changing its filters and
 * cross-filtering), and {@link DashboardUser} gains the dashboard's own requests.
 */
public final class Personas {
  public static final List<Persona> ALL = List.of(
      new ApiConsumer(), new DashboardUser(), new Asker(), new Uploader(), new SingleQuery());

  private Personas() {}

  public static Optional<Persona> named(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
