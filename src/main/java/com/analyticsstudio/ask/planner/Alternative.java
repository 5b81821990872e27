package com.analyticsstudio.ask.planner;

/**
 * Another reading of the question, ready to run: {@code spec} goes back to the planner ({@link
 * Planner#replan}) as it is, so a person picks it with one click.
 *
 * @param label what differs, in a few words ("temp_min instead of temp_max")
 * @param spec the plan of that reading
 */
public record Alternative(String label, PlanSpec spec) {}
