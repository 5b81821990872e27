package com.analyticsstudio.ask;

import com.analyticsstudio.ask.planner.DatasetInfo;
import com.analyticsstudio.ask.planner.NotUnderstood;
import com.analyticsstudio.ask.planner.Plan;
import com.analyticsstudio.ask.planner.Planner;
import com.analyticsstudio.ask.planner.PlannerContext;
import com.analyticsstudio.ask.planner.PlannerResult;
import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.Replies;
import com.analyticsstudio.llm.DatasetSchema;
import com.analyticsstudio.llm.LlmBus;
import com.analyticsstudio.llm.PlanRequest;
import com.analyticsstudio.llm.SchemaContext;
import com.analyticsstudio.project.ProjectAccess;
import com.analyticsstudio.project.Role;
import com.analyticsstudio.query.QueryCall;
import com.analyticsstudio.query.QueryClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A project's golden questions: saved questions with their expected answer (as SQL), and a run that
 * says for each whether today's planner — and the model, when one is configured — still answers it
 * right. Everything runs through the guarded query path, as the project's reader.
 */
public final class GoldenQuestions {
  /** Rows compared per answer: beyond that an answer is judged on its first rows. */
  static final int COMPARED_ROWS = 10_000;

  private final Vertx vertx;
  private final Pool pool;
  private final ProjectAccess access;
  private final SchemaLoader schemas;
  private final Planner planner;
  private final LlmBus llm;
  private final boolean llmConfigured;
  private final QueryClient queries;

  GoldenQuestions(
      Vertx vertx,
      Pool pool,
      ProjectAccess access,
      SchemaLoader schemas,
      Planner planner,
      LlmBus llm,
      boolean llmConfigured,
      QueryClient queries) {
    this.queries = queries;
    this.vertx = vertx;
    this.pool = pool;
    this.access = access;
    this.schemas = schemas;
    this.planner = planner;
    this.llm = llm;
    this.llmConfigured = llmConfigured;
  }

  public Future<JsonObject> list(Principal p, UUID projectId) {
    return access
        .require(p, projectId, Role.VIEWER)
        .compose(role -> pool.preparedQuery(AskSql.GOLDEN_LIST).execute(Tuple.of(projectId)))
        .map(
            rows -> {
              JsonArray items = new JsonArray();
              rows.forEach(r -> items.add(AskSql.golden(r)));
              return new JsonObject().put("items", items);
            });
  }

  /** Saves a question; its expected SQL must run (through the guard) before it is kept. */
  public Future<JsonObject> create(Principal p, UUID projectId, JsonObject body) {
    String question = body.getString("question", "").trim();
    String sql = body.getString("expectedSql", "").trim();
    boolean ordered = body.getBoolean("ordered", false);
    if (question.isEmpty() || sql.isEmpty()) {
      return Future.failedFuture(
          ApiException.badRequest(
              "invalid_request", "a question and its expected SQL are required"));
    }
    return access
        .require(p, projectId, Role.OWNER)
        .compose(
            role ->
                query(projectId, p.userId(), sql)
                    .recover(
                        e ->
                            Future.failedFuture(
                                Replies.unwrap(e) instanceof ApiException api && api.status() < 500
                                    ? ApiException.unprocessable(
                                        "invalid_expected_sql",
                                        "the expected SQL does not run: " + api.getMessage())
                                    : Replies.unwrap(e))))
        .compose(
            ok ->
                pool.preparedQuery(AskSql.GOLDEN_INSERT)
                    .execute(Tuple.of(projectId, question, sql, ordered, p.userId())))
        .map(rows -> AskSql.golden(rows.iterator().next()));
  }

  public Future<Void> delete(Principal p, UUID projectId, long id) {
    return access
        .require(p, projectId, Role.OWNER)
        .compose(role -> pool.preparedQuery(AskSql.GOLDEN_DELETE).execute(Tuple.of(id, projectId)))
        .compose(
            rows ->
                rows.rowCount() == 0
                    ? Future.failedFuture(ApiException.notFound("golden question"))
                    : Future.succeededFuture());
  }

  /**
   * Runs every golden question, one after another (a project's run never floods the query pool).
   */
  public Future<JsonObject> run(Principal p, UUID projectId) {
    return access
        .require(p, projectId, Role.VIEWER)
        .compose(role -> pool.preparedQuery(AskSql.GOLDEN_LIST).execute(Tuple.of(projectId)))
        .compose(
            rows ->
                schemas
                    .load(projectId)
                    .compose(
                        loaded -> {
                          List<Row> golden = new ArrayList<>();
                          rows.forEach(golden::add);
                          List<DatasetInfo> infos =
                              loaded.stream().map(SchemaLoader.Loaded::planner).toList();
                          List<DatasetSchema> schema =
                              loaded.stream().map(SchemaLoader.Loaded::llm).toList();
                          JsonArray items = new JsonArray();
                          Future<Void> chain = Future.succeededFuture();
                          for (Row r : golden) {
                            chain =
                                chain.compose(
                                    v ->
                                        one(p, projectId, r, infos, schema)
                                            .map(items::add)
                                            .mapEmpty());
                          }
                          return chain.map(v -> summary(items));
                        }));
  }

  private static JsonObject summary(JsonArray items) {
    int planner = 0;
    int model = 0;
    boolean anyModel = false;
    for (int i = 0; i < items.size(); i++) {
      JsonObject it = items.getJsonObject(i);
      if ("pass".equals(it.getJsonObject("planner").getString("status"))) planner++;
      JsonObject m = it.getJsonObject("model");
      if (m != null) {
        anyModel = true;
        if ("pass".equals(m.getString("status"))) model++;
      }
    }
    return new JsonObject()
        .put("items", items)
        .put("total", items.size())
        .put("plannerPassed", planner)
        .put("modelPassed", anyModel ? model : null);
  }

  private Future<JsonObject> one(
      Principal p, UUID projectId, Row r, List<DatasetInfo> infos, List<DatasetSchema> schema) {
    JsonObject g = AskSql.golden(r);
    String question = g.getString("question");
    boolean ordered = g.getBoolean("ordered");
    return query(projectId, p.userId(), g.getString("expectedSql"))
        .compose(
            expected -> {
              PlannerResult planned = planner.plan(question, PlannerContext.of(infos));
              Future<JsonObject> byPlanner =
                  planned instanceof Plan plan
                      ? judge(projectId, p.userId(), plan.sql(), expected, ordered)
                      : Future.succeededFuture(
                          new JsonObject()
                              .put("status", "refused")
                              .put("detail", ((NotUnderstood) planned).reason()));
              Future<JsonObject> byModel =
                  !llmConfigured
                      ? Future.succeededFuture(null)
                      : llm.plan(
                              new PlanRequest(
                                  question, new SchemaContext(projectId, schema), List.of()))
                          .compose(
                              m ->
                                  m.output().answerable()
                                      ? judge(
                                          projectId,
                                          p.userId(),
                                          m.output().sql(),
                                          expected,
                                          ordered)
                                      : Future.succeededFuture(
                                          new JsonObject()
                                              .put("status", "refused")
                                              .put("detail", m.output().explanation())))
                          .otherwise(
                              e ->
                                  new JsonObject()
                                      .put("status", "error")
                                      .put("detail", Replies.unwrap(e).getMessage()));
              return byPlanner.compose(
                  pl -> byModel.map(mo -> g.put("planner", pl).put("model", mo)));
            },
            e ->
                Future.succeededFuture(
                    g.put(
                            "planner",
                            new JsonObject()
                                .put("status", "error")
                                .put(
                                    "detail",
                                    "the expected SQL failed: " + Replies.unwrap(e).getMessage()))
                        .put("model", (Object) null)));
  }

  private Future<JsonObject> judge(
      UUID projectId, UUID userId, String sql, JsonObject expected, boolean ordered) {
    return query(projectId, userId, sql)
        .map(
            actual -> {
              String diff = ResultCompare.difference(rows(expected), rows(actual), ordered);
              return new JsonObject()
                  .put("status", diff == null ? "pass" : "fail")
                  .put("sql", sql)
                  .put("detail", diff);
            })
        .otherwise(
            e ->
                new JsonObject()
                    .put("status", "error")
                    .put("sql", sql)
                    .put("detail", Replies.unwrap(e).getMessage()));
  }

  private Future<JsonObject> query(UUID projectId, UUID userId, String sql) {
    QueryCall call = new QueryCall(projectId, userId, sql, COMPARED_ROWS, null, false, "ask");
    return queries.run(call).map(JsonObject::new);
  }

  private static List<List<Object>> rows(JsonObject result) {
    List<List<Object>> out = new ArrayList<>();
    JsonArray rows = result.getJsonArray("rows");
    for (int i = 0; i < rows.size(); i++) out.add(rows.getJsonArray(i).getList());
    return out;
  }
}
