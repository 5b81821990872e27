package com.analyticsstudio.ask.planner;

import java.util.List;

/**
 * The planner declined: it would rather say so than guess.
 *
 * @param reason what it could not understand, in a sentence
 * @param examples 3 to 5 questions that do plan on these datasets (each was checked by planning it)
 * @param alternatives when the question has several readings (a word that fits two columns): each
 *     reading as a ready plan, so the answer is one click away rather than a retyped question
 */
public record NotUnderstood(String reason, List<String> examples, List<Alternative> alternatives)
    implements PlannerResult {
  public NotUnderstood {
    examples = examples == null ? List.of() : List.copyOf(examples);
    alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
  }

  public NotUnderstood(String reason, List<String> examples) {
    this(reason, examples, List.of());
  }
}
