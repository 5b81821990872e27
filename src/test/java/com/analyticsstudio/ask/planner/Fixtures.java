package com.analyticsstudio.ask.planner;

import java.util.List;

/** Small hand-built datasets shaped like the real ones, for unit tests (no database). */
final class Fixtures {
  private Fixtures() {}

  static ValueCount v(String value, long count) {
    return new ValueCount(value, count);
  }

  static final DatasetInfo WEATHER =
      new DatasetInfo(
          "d-weather",
          "seattle_weather",
          "seattle-weather",
          1461,
          List.of(
              new ColumnInfo(
                  "date", "date", ColumnType.DATE, 1461L, "2012-01-01", "2015-12-31", List.of()),
              new ColumnInfo(
                  "precipitation",
                  "precipitation",
                  ColumnType.DECIMAL,
                  111L,
                  "0.0",
                  "55.9",
                  List.of()),
              new ColumnInfo(
                  "temp_max", "temp_max", ColumnType.DECIMAL, 67L, "-1.6", "35.6", List.of()),
              new ColumnInfo(
                  "temp_min", "temp_min", ColumnType.DECIMAL, 55L, "-7.1", "18.3", List.of()),
              new ColumnInfo("wind", "wind", ColumnType.DECIMAL, 79L, "0.4", "9.5", List.of()),
              new ColumnInfo(
                  "weather",
                  "weather",
                  ColumnType.TEXT,
                  5L,
                  "drizzle",
                  "sun",
                  List.of(
                      v("rain", 641),
                      v("sun", 640),
                      v("fog", 101),
                      v("drizzle", 53),
                      v("snow", 26)))));

  static final DatasetInfo STOCKS =
      new DatasetInfo(
          "d-stocks",
          "stocks",
          "stocks",
          560,
          List.of(
              new ColumnInfo(
                  "symbol",
                  "symbol",
                  ColumnType.TEXT,
                  5L,
                  "AAPL",
                  "MSFT",
                  List.of(
                      v("AAPL", 123),
                      v("AMZN", 123),
                      v("IBM", 123),
                      v("MSFT", 123),
                      v("GOOG", 68))),
              new ColumnInfo(
                  "date", "date", ColumnType.DATE, 123L, "2000-01-01", "2010-03-01", List.of()),
              new ColumnInfo(
                  "price", "price", ColumnType.DECIMAL, 540L, "5.97", "707.0", List.of())));

  static final DatasetInfo STATES =
      new DatasetInfo(
          "d-states",
          "population_engineers_hurricanes",
          "population_engineers_hurricanes",
          50,
          List.of(
              new ColumnInfo(
                  "state",
                  "State",
                  ColumnType.TEXT,
                  50L,
                  "Alabama",
                  "Wyoming",
                  List.of(
                      v("Alabama", 1), v("New York", 1), v("Texas", 1), v("O'Brien County", 1))),
              new ColumnInfo(
                  "population",
                  "population",
                  ColumnType.INTEGER,
                  50L,
                  "585501",
                  "39144818",
                  List.of()),
              new ColumnInfo(
                  "hurricanes", "hurricanes", ColumnType.INTEGER, 14L, "0", "110", List.of())));

  static final DatasetInfo DISASTERS =
      new DatasetInfo(
          "d-disasters",
          "disasters",
          "disasters",
          803,
          List.of(
              new ColumnInfo(
                  "entity",
                  "Entity",
                  ColumnType.TEXT,
                  11L,
                  "All natural disasters",
                  "Wildfire",
                  List.of(
                      v("All natural disasters", 117),
                      v("Earthquake", 111),
                      v("Flood", 89),
                      v("Mass movement (dry)", 32))),
              new ColumnInfo("year", "Year", ColumnType.INTEGER, 117L, "1900", "2017", List.of()),
              new ColumnInfo(
                  "deaths", "Deaths", ColumnType.INTEGER, 700L, "1", "3706227", List.of())));

  static PlannerContext all() {
    return PlannerContext.of(List.of(WEATHER, STOCKS, STATES, DISASTERS));
  }

  static Plan plan(String question) {
    return plan(question, all());
  }

  static Plan plan(String question, PlannerContext ctx) {
    PlannerResult r = new Planner().plan(question, ctx);
    if (r instanceof NotUnderstood n)
      throw new AssertionError("not understood: " + question + " — " + n.reason());
    return (Plan) r;
  }

  static NotUnderstood refused(String question) {
    PlannerResult r = new Planner().plan(question, all());
    if (r instanceof Plan p) throw new AssertionError("planned: " + question + " — " + p.sql());
    return (NotUnderstood) r;
  }
}
