package com.analyticsstudio.llm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The datasets of ONE project: everything the model may know about the data. The caller builds it
 * from that project's dataset metadata only, after its access check; the prompt carries exactly
 * these datasets and nothing else, so another project's tables, columns or values can never reach
 * the model. Every LLM call takes a single {@code SchemaContext}; there is no way to pass two.
 *
 * @param projectId the project the datasets belong to (identifies the context; not sent to the
 *     model)
 * @param datasets the project's datasets the question may use
 */
public record SchemaContext(UUID projectId, List<DatasetSchema> datasets) {

  public SchemaContext {
    if (projectId == null) throw Messages.invalid("the schema needs its projectId");
    datasets = List.copyOf(datasets == null ? List.of() : datasets);
    Set<String> seen = new HashSet<>();
    for (DatasetSchema d : datasets) {
      if (!seen.add(d.tableName()))
        throw Messages.invalid("table '" + d.tableName() + "' is listed twice");
    }
  }

  /** The SQL table names, e.g. for the guarded query path's allow-list. */
  public Set<String> tableNames() {
    Set<String> out = new HashSet<>();
    datasets.forEach(d -> out.add(d.tableName()));
    return Set.copyOf(out);
  }

  public JsonObject toJson() {
    JsonArray ds = new JsonArray();
    datasets.forEach(d -> ds.add(d.toJson()));
    return new JsonObject().put("projectId", projectId.toString()).put("datasets", ds);
  }

  public static SchemaContext fromJson(JsonObject j) {
    if (j == null) throw Messages.invalid("'schema' is required");
    UUID project;
    try {
      project = UUID.fromString(Messages.requiredString(j, "projectId"));
    } catch (IllegalArgumentException e) {
      throw Messages.invalid("'projectId' must be a UUID");
    }
    return new SchemaContext(project, Messages.objects(j, "datasets", DatasetSchema::fromJson));
  }
}
