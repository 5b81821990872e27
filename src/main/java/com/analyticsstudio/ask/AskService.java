package com.analyticsstudio.ask;

import com.analyticsstudio.ask.planner.Alternative;
import com.analyticsstudio.ask.planner.Answers;
import com.analyticsstudio.ask.planner.DatasetInfo;
import com.analyticsstudio.ask.planner.Interpretation;
import com.analyticsstudio.ask.planner.NotUnderstood;
import com.analyticsstudio.ask.planner.Plan;
import com.analyticsstudio.ask.planner.PlanSpec;
import com.analyticsstudio.ask.planner.Planner;
import com.analyticsstudio.ask.planner.PlannerContext;
import com.analyticsstudio.ask.planner.PlannerResult;
import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.Paging;
import com.analyticsstudio.common.Replies;
import com.analyticsstudio.llm.DatasetSchema;
import com.analyticsstudio.llm.LlmBus;
import com.analyticsstudio.llm.LlmException;
import com.analyticsstudio.llm.LlmUsage;
import com.analyticsstudio.llm.PlanRequest;
import com.analyticsstudio.llm.RepairRequest;
import com.analyticsstudio.llm.SchemaContext;
import com.analyticsstudio.llm.SummarizeRequest;
import com.analyticsstudio.llm.ThreadTurn;
import com.analyticsstudio.project.ProjectAccess;
import com.analyticsstudio.project.Role;
import com.analyticsstudio.query.QueryCall;
import com.analyticsstudio.query.QueryClient;
import com.analyticsstudio.semantic.ModelService;
import com.analyticsstudio.semantic.SemanticService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A question in plain language becomes SQL — written by the model when one is configured, by the
 * built-in planner otherwise, or when the model fails — and runs through the guarded query path
 * like any other SQL: the guard and PostgreSQL decide what may run, never the model. A failed model
 * SQL is repaired once from the database's error. Every exchange is logged.
 *
 * <p>First, a question in the words of a dataset's semantic model ({@link ModelQuestions}: its
 * measures, dimensions and synonyms, time comparisons, "year to date") is answered by the semantic
 * layer: the semantic query runs through {@link SemanticService} and the answer's SQL is the
 * compiled statement. The model's vocabulary is also part of the LLM's prompt.
 */
public final class AskService {
  private static final Logger LOG = LoggerFactory.getLogger(AskService.class);

  /** Rows an answer carries (the chart and the table); the SQL can be run for more. */
  static final int ANSWER_ROWS = 1000;

  /** Rows kept in the exchange log and given to the model for the answer sentence. */
  static final int LOGGED_ROWS = 50;

  /** Receives the steps of an answer as they happen (the streaming endpoint); no-op otherwise. */
  public interface Listener {
    Listener NONE = (event, data) -> {};

    void on(String event, JsonObject data);
  }

  /**
   * What a caller asks. {@code plan} is an edited interpretation sent back (chips removed or
   * changed): it is checked and run as it is, without planning the text again.
   */
  public record Question(String text, UUID datasetId, UUID threadId, PlanSpec plan) {
    public Question(String text, UUID datasetId, UUID threadId) {
      this(text, datasetId, threadId, null);
    }
  }

  private final Vertx vertx;
  private final Pool pool;
  private final ProjectAccess access;
  private final SchemaLoader schemas;
  private final Planner planner = new Planner();
  private final LlmBus llm;
  private final boolean llmConfigured;
  private final QueryClient queries;
  private final ModelService models;
  private final SemanticService semantic;
  private final Clock clock;

  public AskService(
      Vertx vertx,
      Pool pool,
      ProjectAccess access,
      SchemaLoader schemas,
      LlmBus llm,
      boolean llmConfigured,
      QueryClient queries,
      ModelService models,
      SemanticService semantic,
      Clock clock) {
    this.models = models;
    this.semantic = semantic;
    this.clock = clock;
    this.vertx = vertx;
    this.pool = pool;
    this.access = access;
    this.schemas = schemas;
    this.llm = llm;
    this.llmConfigured = llmConfigured;
    this.queries = queries;
    this.golden =
        new GoldenQuestions(vertx, pool, access, schemas, planner, llm, llmConfigured, queries);
  }

  private final GoldenQuestions golden;

  /** The project's golden questions (saved questions with expected answers) and their runs. */
  public GoldenQuestions golden() {
    return golden;
  }

  /** Mutable record of one exchange as it is answered, then logged. */
  private static final class Exchange {
    final long started = System.nanoTime();
    final Principal principal;
    final UUID projectId;
    final String question;
    UUID threadId;
    String source;
    String fallbackReason;
    String sql;
    String explanation;
    JsonObject chart;
    PlanSpec spec;
    Plan plan;
    JsonObject semanticQuery;
    JsonObject result;
    String answer;
    long planMs;
    long queryMs;
    String model;
    long promptTokens;
    long completionTokens;
    double costUsd;
    boolean usedModel;

    /**
     * Who wrote the answer sentence: planner (computed from every row), model (numbers checked) or
     * computed.
     */
    String answerSource;

    List<String> correctedNumbers = List.of();
    List<DatasetInfo> datasets = List.of();

    Exchange(Principal principal, UUID projectId, String question) {
      this.principal = principal;
      this.projectId = projectId;
      this.question = question;
    }

    void add(LlmUsage u) {
      if (u == null) return;
      usedModel = true;
      model = u.model();
      promptTokens += u.promptTokens();
      completionTokens += u.completionTokens();
      costUsd += u.costUsd();
    }

    long elapsedMs() {
      return (System.nanoTime() - started) / 1_000_000;
    }
  }

  private record Context(
      List<SchemaLoader.Loaded> datasets,
      List<JsonObject> previous,
      List<ModelService.Loaded> models) {}

  public Future<JsonObject> ask(
      Principal principal, UUID projectId, Question q, Listener listener) {
    String text = q.text() == null ? "" : q.text().trim();
    if (text.isEmpty()) {
      return Future.failedFuture(
          ApiException.badRequest(
              "empty_question", "ask a question, e.g. \"how many rows are there?\""));
    }
    Exchange x = new Exchange(principal, projectId, text);
    return access
        .require(principal, projectId, Role.VIEWER)
        .compose(role -> thread(principal, projectId, q.threadId(), text))
        .compose(
            threadId -> {
              x.threadId = threadId;
              return context(projectId, threadId);
            })
        .compose(ctx -> answer(x, q, ctx, listener))
        .compose(v -> log(x, "answered", null))
        .map(id -> response(x, id))
        .recover(
            e -> {
              Throwable err = Replies.unwrap(e);
              if (x.threadId == null || !(err instanceof ApiException api)) {
                if (x.threadId != null) log(x, "failed", internal());
                return Future.failedFuture(err);
              }
              String status = "not_understood".equals(api.code()) ? "not_understood" : "failed";
              return log(x, status, api)
                  .transform(ignored -> Future.failedFuture(withThread(api, x.threadId)));
            });
  }

  private Future<Void> answer(Exchange x, Question q, Context ctx, Listener listener) {
    if (ctx.datasets().isEmpty()) {
      return Future.failedFuture(
          ApiException.unprocessable(
              "no_datasets",
              "this project has no loaded datasets yet: upload a CSV or Excel file, then ask about it",
              new JsonObject().put("examples", new JsonArray())));
    }
    long planStart = System.nanoTime();
    x.datasets = ctx.datasets().stream().map(SchemaLoader.Loaded::planner).toList();
    // An edited plan is the person's own reading: run it as it is, no model involved.
    Future<Void> planned =
        q.plan() != null
            ? viaPlanner(x, q, ctx, null)
            : viaSemanticModel(x, q, ctx)
                .compose(
                    answered ->
                        answered
                            ? Future.<Void>succeededFuture()
                            : llmConfigured ? viaModel(x, q, ctx) : viaPlanner(x, q, ctx, null));
    return planned
        .compose(
            v -> {
              // A semantic answer has run already; its query time is not planning time.
              x.planMs = (System.nanoTime() - planStart) / 1_000_000 - x.queryMs;
              listener.on(
                  "plan",
                  new JsonObject()
                      .put("source", x.source)
                      .put("explanation", x.explanation)
                      .put("fallbackReason", x.fallbackReason));
              listener.on("sql", new JsonObject().put("sql", x.sql));
              return x.semanticQuery != null
                  ? Future.succeededFuture(x.result)
                  : execute(x, q, ctx);
            })
        .compose(
            result -> {
              x.result = result;
              listener.on(
                  "rows",
                  new JsonObject()
                      .put("columns", result.getJsonArray("columns"))
                      .put("rows", result.getJsonArray("rows"))
                      .put("rowCount", result.getInteger("rowCount"))
                      .put("truncated", result.getBoolean("truncated")));
              x.chart =
                  ChartChooser.checked(
                      x.chart,
                      x.question,
                      result.getJsonArray("columns"),
                      result.getInteger("rowCount"));
              return sentence(x);
            })
        .map(
            sentence -> {
              x.answer = sentence;
              listener.on("answer", response(x, null));
              return null;
            });
  }

  /**
   * A question the semantic model answers ({@link ModelQuestions}) runs as a semantic query through
   * {@link SemanticService} (the guarded path), and is answered; true when it was. Only questions
   * that need the model (its own names or synonyms, a comparison, a to-date period) are taken: the
   * planner reads the rest as well and explains its reading. When two datasets' models match, the
   * question is not the model's to settle. A failing semantic query falls back too, except when the
   * project is busy or the database is down, which the fallback would meet again.
   */
  private Future<Boolean> viaSemanticModel(Exchange x, Question q, Context ctx) {
    LocalDate today = LocalDate.now(clock);
    ModelService.Loaded chosen = null;
    ModelQuestions.Match match = null;
    for (ModelService.Loaded live : ctx.models()) {
      if (q.datasetId() != null && !q.datasetId().equals(live.datasetId())) continue;
      List<String> words = new ArrayList<>(List.of(live.name(), live.table()));
      ctx.datasets().stream()
          .filter(d -> d.planner().id().equals(live.datasetId().toString()))
          .flatMap(d -> d.planner().columns().stream())
          .forEach(
              c -> {
                words.add(c.name());
                if (c.label() != null) words.add(c.label());
              });
      Optional<ModelQuestions.Match> m =
          ModelQuestions.match(x.question, live.table(), live.model(), words, today);
      if (m.isEmpty() || !m.get().usesModel()) continue;
      if (match != null) return Future.succeededFuture(false);
      chosen = live;
      match = m.get();
    }
    if (match == null) return Future.succeededFuture(false);
    ModelQuestions.Match found = match;
    String dataset = chosen.name();
    long start = System.nanoTime();
    return semantic
        .query(x.principal, x.projectId, found.query(), false)
        .map(
            result -> {
              x.queryMs += (System.nanoTime() - start) / 1_000_000;
              x.source = "semantic";
              x.semanticQuery = found.query();
              x.sql = result.getString("sql");
              x.explanation = found.explanation();
              x.result = result;
              return true;
            })
        .recover(
            e -> {
              Throwable err = Replies.unwrap(e);
              if (err instanceof ApiException api && (api.status() == 429 || api.status() == 503))
                return Future.failedFuture(err);
              LOG.info(
                  "ask: the semantic model of {} could not answer ({}); the planner tries",
                  dataset,
                  err.getMessage());
              return Future.succeededFuture(false);
            });
  }

  /** The model writes the SQL; any failure of the model falls back to the planner, and says so. */
  private Future<Void> viaModel(Exchange x, Question q, Context ctx) {
    PlanRequest request = planRequest(x, ctx);
    return llm.plan(request)
        .compose(
            p -> {
              x.add(p.usage());
              if (!p.output().answerable()) {
                return viaPlanner(
                    x,
                    q,
                    ctx,
                    "the model could not answer from these datasets: " + p.output().explanation());
              }
              x.source = "llm";
              x.sql = p.output().sql();
              x.explanation = p.output().explanation();
              x.chart = p.output().chart() == null ? null : p.output().chart().toJson();
              return Future.<Void>succeededFuture();
            },
            e -> viaPlanner(x, q, ctx, fallbackReason(e)));
  }

  private Future<Void> viaPlanner(Exchange x, Question q, Context ctx, String fallbackReason) {
    x.fallbackReason = fallbackReason;
    x.source = "planner";
    PlanSpec previous = previousSpec(ctx);
    List<DatasetInfo> infos = ctx.datasets().stream().map(SchemaLoader.Loaded::planner).toList();
    PlannerContext pc =
        new PlannerContext(
            infos, previous, q.datasetId() == null ? null : q.datasetId().toString());
    PlannerResult r =
        q.plan() != null ? planner.replan(q.plan(), pc) : planner.plan(x.question, pc);
    if (r instanceof NotUnderstood nu) {
      String reason =
          nu.reason()
              + (fallbackReason == null
                  ? ""
                  : " (the model was not available: " + fallbackReason + ")");
      return Future.failedFuture(
          ApiException.unprocessable(
              "not_understood",
              reason,
              new JsonObject()
                  .put("examples", new JsonArray(new ArrayList<>(nu.examples())))
                  .put("alternatives", alternatives(nu.alternatives()))));
    }
    Plan plan = (Plan) r;
    x.plan = plan;
    x.spec = plan.spec();
    x.sql = plan.sql();
    x.explanation = plan.explanation();
    x.chart = plan.chart() == null ? null : JsonObject.mapFrom(plan.chart());
    return Future.succeededFuture();
  }

  /** Runs through the guarded path; a model's SQL that fails gets one repair round. */
  private Future<JsonObject> execute(Exchange x, Question q, Context ctx) {
    return run(x)
        .recover(
            e -> {
              Throwable err = Replies.unwrap(e);
              if (!"llm".equals(x.source)
                  || !(err instanceof ApiException api)
                  || api.status() >= 500 && api.status() != 503) {
                return Future.failedFuture(err);
              }
              if (api.status() == 503 || api.status() == 429) {
                return Future.failedFuture(err);
              }
              LOG.info("ask: model SQL failed ({}), one repair round", api.code());
              RepairRequest repair =
                  new RepairRequest(planRequest(x, ctx), x.sql, api.getMessage());
              return llm.repair(repair)
                  .compose(
                      p -> {
                        x.add(p.usage());
                        if (!p.output().answerable()) {
                          return Future.failedFuture(err);
                        }
                        x.sql = p.output().sql();
                        x.explanation = p.output().explanation();
                        if (p.output().chart() != null) x.chart = p.output().chart().toJson();
                        return run(x);
                      })
                  .recover(
                      second -> {
                        // The model could not fix it: the planner may still answer; if not, report
                        // the database's error.
                        String reason = "the model's SQL failed twice: " + api.getMessage();
                        return viaPlanner(x, q, ctx, reason)
                            .compose(v -> run(x))
                            .recover(e3 -> Future.failedFuture(err));
                      });
            });
  }

  private Future<JsonObject> run(Exchange x) {
    long start = System.nanoTime();
    QueryCall call =
        new QueryCall(x.projectId, x.principal.userId(), x.sql, ANSWER_ROWS, null, false, "ask");
    return queries
        .run(call)
        .map(JsonObject::new)
        .onComplete(ar -> x.queryMs += (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * The answer sentence, always from the whole result the answer carries (every row, its count and
   * whether it was cut): the planner's wording, or the model's with every number checked against
   * the rows — a sentence with a number the result does not hold is replaced by a computed one.
   */
  private Future<String> sentence(Exchange x) {
    JsonObject r = x.result;
    List<String> columns = new ArrayList<>();
    r.getJsonArray("columns").forEach(c -> columns.add(((JsonObject) c).getString("name")));
    List<List<Object>> rows = rows(r.getJsonArray("rows"), ANSWER_ROWS);
    long rowCount = r.getInteger("rowCount");
    boolean truncated = r.getBoolean("truncated", false);
    if (x.plan != null) {
      x.answerSource = "planner";
      return Future.succeededFuture(Answers.sentence(x.plan, columns, rows, rowCount, truncated));
    }
    x.answerSource = "computed";
    if (x.semanticQuery != null) {
      return Future.succeededFuture(semanticSentence(r));
    }
    if (!llmConfigured) {
      return Future.succeededFuture(generic(r));
    }
    return llm.summarize(
            new SummarizeRequest(x.question, x.sql, columns, rows, rowCount, truncated))
        .map(
            s -> {
              x.add(s.usage());
              List<String> wrong = SentenceCheck.unsupported(s.text(), rows, rowCount, x.question);
              if (!wrong.isEmpty()) {
                LOG.info(
                    "ask: the model's sentence had numbers the result does not hold ({}); replaced",
                    wrong);
                x.correctedNumbers = wrong;
                return generic(r);
              }
              x.answerSource = "model";
              return s.text();
            })
        .otherwise(e -> generic(r));
  }

  private static JsonObject interpretation(Exchange x) {
    if (x.plan == null) return null;
    DatasetInfo d =
        x.datasets.stream()
            .filter(i -> i.tableName().equals(x.plan.spec().tableName()))
            .findFirst()
            .orElse(null);
    return d == null ? null : JsonObject.mapFrom(Interpretation.of(x.plan, d));
  }

  private static JsonArray alternatives(List<Alternative> alternatives) {
    JsonArray out = new JsonArray();
    for (Alternative a : alternatives)
      out.add(new JsonObject().put("label", a.label()).put("plan", JsonObject.mapFrom(a.spec())));
    return out;
  }

  /**
   * One row: each column's label and value ("Revenue: 1,250.50; Revenue (same period last year):
   * 980"), percents as percents; more rows: how many.
   */
  static String semanticSentence(JsonObject r) {
    if (r.getInteger("rowCount") != 1) return generic(r);
    JsonArray columns = r.getJsonArray("columns");
    JsonArray row = r.getJsonArray("rows").getJsonArray(0);
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < columns.size() && i < row.size(); i++) {
      JsonObject c = columns.getJsonObject(i);
      String label = c.getString("label", c.getString("name"));
      parts.add(label + ": " + formatted(row.getValue(i), c.getJsonObject("format")));
    }
    return String.join("; ", parts) + ".";
  }

  private static String formatted(Object v, JsonObject format) {
    if (v == null) return "no data";
    if (!(v instanceof Number n)) return v.toString();
    BigDecimal d = new BigDecimal(n.toString());
    String type = format == null ? "number" : format.getString("type", "number");
    Integer decimals = format == null ? null : format.getInteger("decimals");
    if (type.equals("percent")) {
      d = d.movePointRight(2);
      decimals = decimals == null ? 1 : decimals;
    }
    if (decimals == null) decimals = d.scale() <= 0 ? 0 : 2;
    DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    f.setMinimumFractionDigits(decimals);
    f.setMaximumFractionDigits(decimals);
    f.setRoundingMode(RoundingMode.HALF_UP);
    String text = f.format(d);
    if (type.equals("percent")) return text + "%";
    if (type.equals("currency") && format.getString("currency") != null)
      return text + " " + format.getString("currency");
    return text;
  }

  private static String generic(JsonObject r) {
    int n = r.getInteger("rowCount");
    return n == 0
        ? "No rows match."
        : n == 1
            ? "Here is the result."
            : r.getBoolean("truncated")
                ? "Here are the first " + n + " rows; the result was cut at that limit."
                : "Here are the " + n + " rows.";
  }

  private PlanRequest planRequest(Exchange x, Context ctx) {
    List<DatasetSchema> schema = new ArrayList<>();
    for (SchemaLoader.Loaded d : ctx.datasets()) {
      ModelService.Loaded live =
          ctx.models().stream()
              .filter(m -> m.datasetId().toString().equals(d.planner().id()))
              .findFirst()
              .orElse(null);
      schema.add(live == null ? d.llm() : ModelVocabulary.withModel(d.llm(), live.model()));
    }
    List<ThreadTurn> turns = new ArrayList<>();
    for (JsonObject p : ctx.previous()) {
      if (!"answered".equals(p.getString("status")))
        break; // a refusal or "start over" ends the context
      if (p.getString("sql") != null)
        turns.add(new ThreadTurn(p.getString("question"), p.getString("sql")));
    }
    Collections.reverse(turns);
    return new PlanRequest(x.question, new SchemaContext(x.projectId, schema), turns);
  }

  /**
   * The plan a follow-up builds on: the latest turn's only. A turn without one (a refusal, a "start
   * over", a model's SQL) leaves nothing to carry over, so context never leaks from older turns.
   */
  private static PlanSpec previousSpec(Context ctx) {
    if (ctx.previous().isEmpty() || !"answered".equals(ctx.previous().get(0).getString("status")))
      return null;
    JsonObject plan = ctx.previous().get(0).getJsonObject("plan");
    if (plan == null) return null;
    try {
      return plan.mapTo(PlanSpec.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String fallbackReason(Throwable e) {
    Throwable err = Replies.unwrap(e);
    if (err instanceof LlmException le) {
      return le.code() + ": " + le.getMessage();
    }
    return err instanceof ApiException a ? a.code() + ": " + a.getMessage() : "the model failed";
  }

  private Future<UUID> thread(Principal p, UUID projectId, UUID threadId, String question) {
    if (threadId != null) {
      return pool.preparedQuery(AskSql.THREAD_OF_USER)
          .execute(Tuple.of(threadId, projectId, p.userId()))
          .map(
              rows -> {
                if (rows.size() == 0) throw ApiException.notFound("thread");
                return threadId;
              });
    }
    String title = question.length() > 80 ? question.substring(0, 77) + "..." : question;
    return pool.preparedQuery(AskSql.INSERT_THREAD)
        .execute(Tuple.of(projectId, p.userId(), title))
        .map(rows -> rows.iterator().next().getUUID(0));
  }

  private Future<Context> context(UUID projectId, UUID threadId) {
    Future<List<JsonObject>> previous =
        pool.preparedQuery(AskSql.PREVIOUS)
            .execute(Tuple.of(threadId))
            .map(
                rows -> {
                  List<JsonObject> out = new ArrayList<>();
                  for (Row r : rows) {
                    out.add(
                        new JsonObject()
                            .put("question", r.getString("question"))
                            .put("sql", r.getString("sql"))
                            .put("plan", r.getJsonObject("plan"))
                            .put("status", r.getString("status")));
                  }
                  return out;
                });
    return schemas
        .load(projectId)
        .compose(d -> models(projectId, d).compose(m -> previous.map(p -> new Context(d, p, m))));
  }

  /**
   * The live semantic model of each dataset (kept a second by the model cache); a dataset whose
   * model cannot be read is left out, and Ask answers it without the model.
   */
  private Future<List<ModelService.Loaded>> models(UUID projectId, List<SchemaLoader.Loaded> ds) {
    List<ModelService.Loaded> out = new ArrayList<>();
    Future<Void> all = Future.succeededFuture();
    for (SchemaLoader.Loaded d : ds) {
      String id = d.planner().id();
      all =
          all.compose(
              v ->
                  models
                      .prepared(projectId, id)
                      .map(
                          p -> {
                            out.add(p.live());
                            return (Void) null;
                          })
                      .recover(
                          e -> {
                            LOG.info(
                                "ask: no semantic model for dataset {}: {}", id, e.getMessage());
                            return Future.succeededFuture();
                          }));
    }
    return all.map(v -> out);
  }

  private Future<Long> log(Exchange x, String status, ApiException error) {
    JsonObject r = x.result;
    JsonArray rowsPreview =
        r == null
            ? null
            : new JsonArray(
                rows(r.getJsonArray("rows"), LOGGED_ROWS).stream()
                    .map(l -> (Object) new JsonArray(l))
                    .toList());
    JsonObject err =
        error == null
            ? null
            : new JsonObject()
                .put("code", error.code())
                .put("message", error.getMessage())
                .put("details", error.details());
    Tuple t =
        Tuple.tuple()
            .addValue(x.threadId)
            .addValue(x.projectId)
            .addValue(x.principal.userId())
            .addValue(x.question)
            .addValue(status)
            .addValue(x.source)
            .addValue(x.fallbackReason)
            .addValue(x.sql)
            .addValue(x.answer)
            .addValue(x.explanation)
            .addValue(x.chart)
            .addValue(x.spec == null ? null : JsonObject.mapFrom(x.spec))
            .addValue(r == null ? null : r.getJsonArray("columns"))
            .addValue(rowsPreview)
            .addValue(r == null ? null : r.getInteger("rowCount"))
            .addValue(err)
            .addValue((int) x.planMs)
            .addValue((int) x.queryMs)
            .addValue((int) x.elapsedMs())
            .addValue(x.model)
            .addValue(x.usedModel ? (int) x.promptTokens : null)
            .addValue(x.usedModel ? (int) x.completionTokens : null)
            .addValue(x.usedModel ? BigDecimal.valueOf(x.costUsd) : null)
            .addValue(interpretation(x))
            .addValue(x.plan == null ? null : alternatives(x.plan.alternatives()))
            .addValue(x.semanticQuery);
    return pool.preparedQuery(AskSql.INSERT_EXCHANGE)
        .execute(t)
        .compose(
            rows ->
                pool.preparedQuery(AskSql.TOUCH_THREAD)
                    .execute(Tuple.of(x.threadId))
                    .map(v -> rows.iterator().next().getLong(0)))
        .onFailure(e -> LOG.warn("could not log an ask exchange: {}", e.getMessage()));
  }

  private JsonObject response(Exchange x, Long exchangeId) {
    JsonObject r = x.result;
    JsonObject out =
        new JsonObject()
            .put("answer", x.answer)
            .put("sql", x.sql)
            .put("explanation", x.explanation)
            .put("columns", r.getJsonArray("columns"))
            .put("rows", r.getJsonArray("rows"))
            .put("rowCount", r.getInteger("rowCount"))
            .put("truncated", r.getBoolean("truncated"))
            .put("chart", x.chart)
            .put("source", x.source)
            .put("threadId", x.threadId.toString())
            .put(
                "timings",
                new JsonObject()
                    .put("planMs", x.planMs)
                    .put("queryMs", x.queryMs)
                    .put("totalMs", x.elapsedMs()));
    if (exchangeId != null) out.put("exchangeId", exchangeId);
    out.put("answerSource", x.answerSource);
    if (!x.correctedNumbers.isEmpty())
      out.put("correctedNumbers", new JsonArray(new ArrayList<>(x.correctedNumbers)));
    if (x.plan != null) {
      out.put("plan", JsonObject.mapFrom(x.plan.spec()));
      JsonObject interpretation = interpretation(x);
      if (interpretation != null) out.put("interpretation", interpretation);
      out.put("alternatives", alternatives(x.plan.alternatives()));
    }
    if (x.semanticQuery != null) out.put("semanticQuery", x.semanticQuery);
    if (x.fallbackReason != null) out.put("fallbackReason", x.fallbackReason);
    if (x.usedModel) {
      out.put(
          "usage",
          new JsonObject()
              .put("model", x.model)
              .put("promptTokens", x.promptTokens)
              .put("completionTokens", x.completionTokens)
              .put("costUsd", x.costUsd));
    }
    return out;
  }

  /** A page of the caller's threads in the project, most recently active first. */
  public Future<JsonObject> threads(Principal p, UUID projectId, Paging.Page page) {
    long offset = Paging.offset(page);
    return access
        .require(p, projectId, Role.VIEWER)
        .compose(
            role ->
                pool.preparedQuery(AskSql.THREADS_COUNT).execute(Tuple.of(projectId, p.userId())))
        .compose(
            count ->
                pool.preparedQuery(AskSql.THREADS)
                    .execute(Tuple.of(projectId, p.userId(), page.fetch(), offset))
                    .map(
                        rows -> {
                          JsonArray items = new JsonArray();
                          rows.forEach(
                              r ->
                                  items.add(
                                      AskSql.thread(r).put("exchanges", r.getLong("exchanges"))));
                          return Paging.answerAt(page, items, count.iterator().next().getLong(0));
                        }));
  }

  public Future<JsonObject> thread(Principal p, UUID projectId, UUID threadId) {
    return access
        .require(p, projectId, Role.VIEWER)
        .compose(
            role ->
                pool.preparedQuery(AskSql.THREAD)
                    .execute(Tuple.of(threadId, projectId, p.userId())))
        .compose(
            rows -> {
              if (rows.size() == 0) return Future.failedFuture(ApiException.notFound("thread"));
              JsonObject thread = AskSql.thread(rows.iterator().next());
              return pool.preparedQuery(AskSql.THREAD_EXCHANGES)
                  .execute(Tuple.of(threadId))
                  .map(
                      ex -> {
                        JsonArray items = new JsonArray();
                        ex.forEach(r -> items.add(AskSql.exchange(r)));
                        return thread.put("exchanges", items);
                      });
            });
  }

  public Future<JsonObject> log(Principal p, UUID projectId, int limit, int offset) {
    return access
        .require(p, projectId, Role.OWNER)
        .compose(role -> pool.preparedQuery(AskSql.LOG_COUNT).execute(Tuple.of(projectId)))
        .compose(
            count ->
                pool.preparedQuery(AskSql.LOG)
                    .execute(Tuple.of(projectId, limit, offset))
                    .map(
                        rows -> {
                          JsonArray items = new JsonArray();
                          rows.forEach(r -> items.add(AskSql.exchange(r)));
                          return new JsonObject()
                              .put("items", items)
                              .put("total", count.iterator().next().getLong(0))
                              .put("limit", limit)
                              .put("offset", offset);
                        }));
  }

  private static List<List<Object>> rows(JsonArray rows, int max) {
    List<List<Object>> out = new ArrayList<>();
    for (int i = 0; i < rows.size() && i < max; i++) {
      out.add(rows.getJsonArray(i).getList());
    }
    return out;
  }

  private static ApiException withThread(ApiException e, UUID threadId) {
    JsonObject details = e.details().copy().put("threadId", threadId.toString());
    return new ApiException(
        e.status(), e.code(), e.getMessage(), details, e.retryAfterSeconds(), null);
  }

  private static ApiException internal() {
    return new ApiException(
        500, "internal_error", "something went wrong on our side; it has been logged");
  }
}
