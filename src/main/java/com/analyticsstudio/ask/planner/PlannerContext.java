package com.analyticsstudio.ask.planner;

import java.util.List;

/**
 * What the planner may use besides the question.
 *
 * @param datasets the project's datasets (the only tables a plan can read)
 * @param previous the previous plan of the thread, for follow-ups ("and per year?"), or null
 * @param preferredDatasetId a dataset to prefer when the question fits several, or null
 */
public record PlannerContext(
    List<DatasetInfo> datasets, PlanSpec previous, String preferredDatasetId) {
  public PlannerContext {
    datasets = datasets == null ? List.of() : List.copyOf(datasets);
  }

  public static PlannerContext of(List<DatasetInfo> datasets) {
    return new PlannerContext(datasets, null, null);
  }

  public PlannerContext followingUp(PlanSpec previousSpec) {
    return new PlannerContext(datasets, previousSpec, preferredDatasetId);
  }
}
