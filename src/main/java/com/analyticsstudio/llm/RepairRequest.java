package com.analyticsstudio.llm;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A second chance for SQL the database refused: the original question and schema, the SQL, and the
 * database's error text.
 *
 * @param question what the person asked
 * @param schema the one project's datasets the answer may use
 * @param thread earlier turns of the same thread, oldest first
 * @param previousSql the SQL that failed
 * @param databaseError the database's (or the query guard's) error message
 */
public record RepairRequest(
    String question,
    SchemaContext schema,
    List<ThreadTurn> thread,
    String previousSql,
    String databaseError) {
  public RepairRequest {
    if (question == null || question.isBlank()) throw Messages.invalid("'question' is required");
    if (schema == null) throw Messages.invalid("'schema' is required");
    if (previousSql == null || previousSql.isBlank())
      throw Messages.invalid("'previousSql' is required");
    if (databaseError == null || databaseError.isBlank())
      throw Messages.invalid("'databaseError' is required");
    thread = List.copyOf(thread == null ? List.of() : thread);
  }

  public RepairRequest(PlanRequest plan, String previousSql, String databaseError) {
    this(plan.question(), plan.schema(), plan.thread(), previousSql, databaseError);
  }

  public JsonObject toJson() {
    return new PlanRequest(question, schema, thread)
        .toJson()
        .put("previousSql", previousSql)
        .put("databaseError", databaseError);
  }

  public static RepairRequest fromJson(JsonObject j) {
    PlanRequest plan = PlanRequest.fromJson(j);
    return new RepairRequest(
        plan,
        Messages.requiredString(j, "previousSql"),
        Messages.requiredString(j, "databaseError"));
  }
}
