package com.analyticsstudio.semantic;

import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.project.Role;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST …/semantic/query}: reads the request, loads the dataset's live model (and those of
 * related datasets), compiles ONE statement and hands it to the guarded query path; answers with
 * the result plus labels, formats and the SQL.
 *
 * <p>A semantic query should cost no more than its SQL sent to {@code POST …/query}
 * (scripts/bench/semantic), so the hot path does no work twice: a compiled statement is kept per
 * request body and model version ({@link #COMPILED_ENTRIES}), and the query path's encoded result
 * is passed on as bytes, with only its small {@code columns} part replaced by the labelled one —
 * the rows are never decoded and encoded again.
 */
public final class SemanticService {
  /** Compiled statements kept (request bodies × model versions); a miss costs one compile. */
  static final int COMPILED_ENTRIES = 10_000;

  /** What a compiled statement depends on: the request and every model it read. */
  private record CompileKey(
      UUID projectId,
      UUID datasetId,
      int datasetVersion,
      int modelVersion,
      Map<String, ModelIndex.Related> related,
      JsonObject body) {}

  private final ModelService models;
  private final SemanticQueryRunner runner;
  private final Cache<CompileKey, QueryCompiler.Compiled> compiled =
      Caffeine.newBuilder().maximumSize(COMPILED_ENTRIES).build();

  public SemanticService(ModelService models, SemanticQueryRunner runner) {
    this.models = models;
    this.runner = runner;
  }

  /**
   * A dataset's relationships by name → the id of the dataset each points at (those that resolve),
   * from the model cache; no access check (for dependency checks of callers that checked).
   */
  public Future<Map<String, UUID>> relationshipTargets(UUID projectId, String dataset) {
    return models
        .prepared(projectId, dataset)
        .map(
            p -> {
              Map<String, UUID> out = new HashMap<>();
              for (Model.Relationship r : p.live().model().relationships()) {
                ModelIndex.Related rel = p.related().get(r.dataset());
                if (rel != null && rel.datasetId() != null) out.put(r.name(), rel.datasetId());
              }
              return out;
            });
  }

  /**
   * The answer as a JSON object (for callers that read it, such as Ask); {@link #queryEncoded} is
   * the same answer as the HTTP route sends it.
   */
  public Future<JsonObject> query(Principal who, UUID projectId, JsonObject body, boolean noCache) {
    return queryEncoded(who, projectId, body, noCache).map(JsonObject::new);
  }

  /**
   * The answer, encoded: {@code {cached, elapsedMs, columns:[{name, type, label, format}], rows,
   * rowCount, truncated, sql, modelVersion}}.
   */
  public Future<Buffer> queryEncoded(
      Principal who, UUID projectId, JsonObject body, boolean noCache) {
    SemanticRequest request = SemanticRequest.fromJson(body);
    return models
        .require(who, projectId, Role.VIEWER)
        .compose(r -> models.prepared(projectId, request.dataset()))
        .compose(
            p -> {
              ModelService.Loaded live = p.live();
              QueryCompiler.Compiled c = compiled(projectId, p, request, body);
              return runner
                  .runEncoded(projectId, who.userId(), c.sql(), request.limit(), noCache)
                  .map(result -> answer(result, c, live));
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
              QueryCompiler.Compiled c = compiled(projectId, p, request, body);
              return new JsonObject()
                  .put("sql", c.sql())
                  .put("columns", columns(c.columns(), null))
                  .put("modelVersion", live.version());
            });
  }

  /**
   * The dataset's own rows that {@code filters} (a query's filters) select, {@code limit} from
   * {@code offset}, through the guarded path: {@code {columns, rows, rowCount, truncated, sql,
   * modelVersion, …}}. What a drill-down into a chart's mark shows.
   */
  public Future<JsonObject> rows(
      Principal who,
      UUID projectId,
      String dataset,
      JsonArray filters,
      int limit,
      long offset,
      boolean noCache) {
    List<SemanticRequest.FilterSpec> specs = SemanticRequest.filters(filters);
    return models
        .require(who, projectId, Role.VIEWER)
        .compose(r -> models.prepared(projectId, dataset))
        .compose(
            p -> {
              ModelService.Loaded live = p.live();
              ModelIndex idx = new ModelIndex(live.model(), live.table(), p.related());
              QueryCompiler.Compiled c =
                  QueryCompiler.rows(specs, idx, limit, offset, "model v" + live.version());
              return runner
                  .runEncoded(projectId, who.userId(), c.sql(), limit, noCache)
                  .map(result -> answer(new JsonObject(result), c, live));
            });
  }

  private QueryCompiler.Compiled compiled(
      UUID projectId, ModelCache.Prepared p, SemanticRequest request, JsonObject body) {
    ModelService.Loaded live = p.live();
    CompileKey key =
        new CompileKey(
            projectId,
            live.datasetId(),
            live.datasetVersion(),
            live.version(),
            p.related(),
            body.copy());
    QueryCompiler.Compiled hit = compiled.getIfPresent(key);
    if (hit != null) return hit;
    // Compiled outside the cache's lock: a bad request throws its 400 to this caller only.
    ModelIndex idx = new ModelIndex(live.model(), live.table(), p.related());
    QueryCompiler.Compiled c = QueryCompiler.compile(request, idx, "model v" + live.version());
    compiled.put(key, c);
    return c;
  }

  /**
   * The query path's result ({@code {"cached":…,"elapsedMs":…,"columns":[…],"rows":…}}, in that
   * order) with labelled columns and the SQL, spliced as bytes.
   */
  static Buffer answer(Buffer result, QueryCompiler.Compiled compiled, ModelService.Loaded live) {
    String text = result.toString(StandardCharsets.UTF_8);
    int colsAt = text.indexOf("\"columns\":");
    // Inside a JSON string a quote is escaped, so ,"rows": only occurs as the next member.
    int rowsAt = colsAt < 0 ? -1 : text.indexOf(",\"rows\":", colsAt);
    if (colsAt < 0 || rowsAt < 0 || !text.endsWith("}")) {
      return answer(new JsonObject(result), compiled, live).toBuffer();
    }
    JsonArray typed = new JsonArray(text.substring(colsAt + "\"columns\":".length(), rowsAt));
    String tail =
        ",\"sql\":" + Json.encode(compiled.sql()) + ",\"modelVersion\":" + live.version() + "}";
    return Buffer.buffer(text.length() + tail.length() + 256)
        .appendString(text.substring(0, colsAt))
        .appendString("\"columns\":")
        .appendString(columns(compiled.columns(), typed).encode())
        .appendString(text.substring(rowsAt, text.length() - 1))
        .appendString(tail);
  }

  /** The slow path of {@link #answer(Buffer, QueryCompiler.Compiled, ModelService.Loaded)}. */
  static JsonObject answer(
      JsonObject result, QueryCompiler.Compiled compiled, ModelService.Loaded live) {
    return result
        .put("columns", columns(compiled.columns(), result.getJsonArray("columns")))
        .put("sql", compiled.sql())
        .put("modelVersion", live.version());
  }

  /**
   * The result's columns ({@code name, type}) with the compiled labels and formats; the compiled
   * ones alone when there is no result yet.
   */
  private static JsonArray columns(List<QueryCompiler.OutColumn> meta, JsonArray typed) {
    JsonArray out = new JsonArray();
    int n = typed == null ? meta.size() : typed.size();
    for (int i = 0; i < n; i++) {
      QueryCompiler.OutColumn m = i < meta.size() ? meta.get(i) : null;
      JsonObject c =
          typed == null ? new JsonObject().put("name", m.name()) : typed.getJsonObject(i).copy();
      c.put("label", m == null ? c.getString("name") : m.label())
          .put("format", m == null ? null : m.format());
      out.add(c);
    }
    return out;
  }
}
