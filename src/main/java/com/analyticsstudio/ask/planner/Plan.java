package com.analyticsstudio.ask.planner;

/**
 * A planned question.
 *
 * @param sql one PostgreSQL {@code SELECT} over the dataset's table, built from {@code spec}
 * @param spec the structured plan (JSON-serialisable; hand it back as the previous plan of a thread)
 * @param chart the suggested chart
 * @param explanation a short description ("Average temp_max by weather")
 */
public record Plan(String sql, PlanSpec spec, Chart chart, String explanation) implements PlannerResult {}
