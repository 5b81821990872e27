package com.analyticsstudio.llm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A question to turn into SQL.
 *
 * @param question what the person asked
 * @param schema the one project's datasets the answer may use
 * @param thread earlier turns of the same thread, oldest first (the prompt keeps the last {@value
 *     PromptBuilder#MAX_TURNS})
 */
public record PlanRequest(String question, SchemaContext schema, List<ThreadTurn> thread) {
  public PlanRequest {
    if (question == null || question.isBlank()) throw Messages.invalid("'question' is required");
    if (schema == null) throw Messages.invalid("'schema' is required");
    thread = List.copyOf(thread == null ? List.of() : thread);
  }

  public JsonObject toJson() {
    JsonArray turns = new JsonArray();
    thread.forEach(t -> turns.add(t.toJson()));
    return new JsonObject()
        .put("question", question)
        .put("schema", schema.toJson())
        .put("thread", turns);
  }

  public static PlanRequest fromJson(JsonObject j) {
    return new PlanRequest(
        Messages.requiredString(j, "question"),
        SchemaContext.fromJson(Messages.object(j, "schema")),
        Messages.objects(j, "thread", ThreadTurn::fromJson));
  }
}
