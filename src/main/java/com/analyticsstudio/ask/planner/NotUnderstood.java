package com.analyticsstudio.ask.planner;

import java.util.List;

/**
 * The planner declined: it would rather say so than guess.
 *
 * @param reason what it could not understand, in a sentence
 * @param examples 3 to 5 questions that do plan on these datasets (each was checked by planning it)
 */
public record NotUnderstood(String reason, List<String> examples) implements PlannerResult {
  public NotUnderstood {
    examples = examples == null ? List.of() : List.copyOf(examples);
  }
}
