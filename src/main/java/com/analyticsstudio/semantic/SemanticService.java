package com.analyticsstudio.semantic;

import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.project.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * {@code POST …/semantic/query}: reads the request, loads the dataset's live model (and those of
 * related datasets), compiles ONE statement and hands it to the guarded query path; answers with
 * the result plus labels, formats and the SQL.
 */
public final class SemanticService {
  private final ModelService models;
  private final SemanticQueryRunner runner;

  public SemanticService(ModelService models, SemanticQueryRunner runner) {
    this.models = models;
    this.runner = runner;
  }

  public Future<JsonObject> query(Principal who, UUID projectId, JsonObject body, boolean noCache) {
    SemanticRequest request = SemanticRequest.fromJson(body);
    return models
        .require(who, projectId, Role.VIEWER)
        .compose(r -> models.prepared(projectId, request.dataset()))
        .compose(
            p -> {
              ModelIndex idx = new ModelIndex(p.live().model(), p.live().table(), p.related());
              QueryCompiler.Compiled compiled =
                  QueryCompiler.compile(request, idx, "model v" + p.live().version());
              return runner
                  .run(projectId, who.userId(), compiled.sql(), request.limit(), noCache)
                  .map(result -> answer(result, compiled, p.live()));
            });
  }

  /** Compiles without running: the SQL and the columns it will have (the builder's "show SQL"). */
  public Future<JsonObject> compile(Principal who, UUID projectId, JsonObject body) {
    SemanticRequest request = SemanticRequest.fromJson(body);
    return models
        .require(who, projectId, Role.VIEWER)
        .compose(r -> models.prepared(projectId, request.dataset()))
        .map(
            p -> {
              ModelService.Loaded live = p.live();
              ModelIndex idx = new ModelIndex(live.model(), live.table(), p.related());
              QueryCompiler.Compiled c =
                  QueryCompiler.compile(request, idx, "model v" + live.version());
              JsonArray columns = new JsonArray();
              c.columns()
                  .forEach(
                      col ->
                          columns.add(
                              new JsonObject()
                                  .put("name", col.name())
                                  .put("label", col.label())
                                  .put("format", col.format())));
              return new JsonObject()
                  .put("sql", c.sql())
                  .put("columns", columns)
                  .put("modelVersion", live.version());
            });
  }

  private static JsonObject answer(
      JsonObject result, QueryCompiler.Compiled compiled, ModelService.Loaded live) {
    JsonArray columns = result.getJsonArray("columns");
    JsonArray out = new JsonArray();
    for (int i = 0; i < columns.size(); i++) {
      JsonObject c = columns.getJsonObject(i).copy();
      QueryCompiler.OutColumn meta =
          i < compiled.columns().size() ? compiled.columns().get(i) : null;
      c.put("label", meta == null ? c.getString("name") : meta.label())
          .put("format", meta == null ? null : meta.format());
      out.add(c);
    }
    return result
        .put("columns", out)
        .put("sql", compiled.sql())
        .put("modelVersion", live.version());
  }
}
