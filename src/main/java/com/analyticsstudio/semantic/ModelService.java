package com.analyticsstudio.semantic;

import com.analyticsstudio.audit.AuditLog;
import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.EditedVersion;
import com.analyticsstudio.common.Json;
import com.analyticsstudio.common.UsedBy;
import com.analyticsstudio.project.ProjectAccess;
import com.analyticsstudio.project.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Semantic models: read (created or reconciled on the way), written with optimistic concurrency,
 * versioned, restored, validated. Every change is audited with a readable diff.
 *
 * <p>A model is created, and kept in step with new dataset versions, <b>lazily on read</b>: every
 * path that uses a model ({@link #current}) compares the dataset version the model was reconciled
 * with to the dataset's live version and reconciles first when they differ. That is always correct
 * whichever process (or instance) loaded the version and however it ended, needs no hook in the
 * ingest transaction, and costs nothing extra: the model is read with the dataset row in one query.
 */
public final class ModelService {
  /** A dataset's live model. */
  public record Loaded(
      UUID datasetId,
      String name,
      String table,
      int datasetVersion,
      int version,
      Model model,
      OffsetDateTime updatedAt) {}

  private final Pool pool;
  private final ProjectAccess access;
  private final AuditLog audit;
  private final ModelCache cache;
  private UsedBy.Registry uses = new UsedBy.Registry();

  public ModelService(Pool pool, ProjectAccess access, AuditLog audit, ModelCache cache) {
    this.pool = pool;
    this.access = access;
    this.audit = audit;
    this.cache = cache;
  }

  // ---------------------------------------------------------------------------------------------
  // operations

  public Future<JsonObject> get(Principal who, UUID projectId, UUID datasetId) {
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> current(projectId, datasetId.toString()))
        .map(ModelService::toJson);
  }

  /** Where removing a measure asks what uses it (charts, dashboards); set by the wiring. */
  public void usedBy(UsedBy.Registry registry) {
    this.uses = registry;
  }

  /**
   * Replaces the document; {@code expected} (body {@code version} or If-Match) must be the live
   * version. Removing (or renaming) a measure a chart uses is 409 {@code in_use} (details {@code
   * usedBy}, {@code members}) unless {@code force}.
   */
  public Future<JsonObject> put(
      Principal who,
      UUID projectId,
      UUID datasetId,
      JsonObject body,
      String ifMatch,
      boolean force) {
    int expected = EditedVersion.of(body, ifMatch, "model");
    Model draft = Model.fromJson(body);
    return access
        .require(who, projectId, Role.EDITOR)
        .compose(r -> current(projectId, datasetId.toString()))
        .compose(
            live -> {
              if (live.version() != expected)
                throw EditedVersion.stale("model", live.version(), expected);
              Model next = draft.reconcile(columnsOf(live));
              return requireValid(projectId, live, next)
                  .compose(
                      v -> force ? Future.succeededFuture() : requireUnused(projectId, live, next))
                  .compose(
                      v -> write(who.userId(), projectId, live, next, "edited", "model.update"));
            })
        .map(ModelService::toJson);
  }

  /** {@code GET …/model/members/{member}/used-by}: the charts and dashboards using a member. */
  public Future<JsonObject> usedBy(Principal who, UUID projectId, UUID datasetId, String member) {
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> current(projectId, datasetId.toString()))
        .compose(
            live -> {
              if (live.model().measure(member) == null && live.model().dimension(member) == null) {
                throw ApiException.notFound("member \"" + member + "\"");
              }
              return uses.of(subject(projectId, live, member));
            })
        .map(UsedBy::answer);
  }

  private static UsedBy.Member subject(UUID projectId, Loaded live, String member) {
    return new UsedBy.Member(projectId, live.datasetId(), live.table(), live.name(), member);
  }

  /** The measures {@code next} drops that something uses: 409 listing them. */
  private Future<Void> requireUnused(UUID projectId, Loaded live, Model next) {
    List<String> removed = new ArrayList<>();
    for (Model.Measure m : live.model().measures()) {
      if (next.measure(m.name()) == null) removed.add(m.name());
    }
    if (removed.isEmpty()) return Future.succeededFuture();
    List<UsedBy.Use> all = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (String name : removed) {
      chain =
          chain.compose(
              v ->
                  uses.of(subject(projectId, live, name))
                      .map(
                          found -> {
                            found.forEach(u -> all.add(u.withMember(name)));
                            return (Void) null;
                          }));
    }
    return chain.map(
        v -> {
          if (all.isEmpty()) return null;
          JsonArray members = new JsonArray();
          all.stream().map(UsedBy.Use::member).distinct().forEach(members::add);
          throw UsedBy.inUse(
              members.size() == 1
                  ? "measure \"" + members.getString(0) + "\""
                  : "measures " + members.encode(),
              all,
              new JsonObject().put("members", members));
        });
  }

  public Future<JsonObject> versions(Principal who, UUID projectId, UUID datasetId) {
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> current(projectId, datasetId.toString()))
        .compose(
            live ->
                pool.preparedQuery(ModelSql.VERSIONS)
                    .execute(Tuple.of(live.datasetId()))
                    .map(
                        rows -> {
                          JsonArray items = new JsonArray();
                          for (Row row : rows) {
                            UUID by = row.getUUID("created_by");
                            items.add(
                                new JsonObject()
                                    .put("version", row.getInteger("version"))
                                    .put("change", row.getString("change"))
                                    .put("createdAt", Json.iso(row.getOffsetDateTime("created_at")))
                                    .put("createdBy", by == null ? null : by.toString())
                                    .put("createdByEmail", row.getString("email")));
                          }
                          return new JsonObject()
                              .put("currentVersion", live.version())
                              .put("items", items);
                        }));
  }

  /**
   * Makes an older version's document live again, as a new version (reconciled with the dataset's
   * columns).
   */
  public Future<JsonObject> restore(Principal who, UUID projectId, UUID datasetId, int version) {
    return access
        .require(who, projectId, Role.EDITOR)
        .compose(r -> current(projectId, datasetId.toString()))
        .compose(
            live ->
                pool.preparedQuery(ModelSql.VERSION)
                    .execute(Tuple.of(live.datasetId(), version))
                    .compose(
                        rows -> {
                          if (rows.size() == 0)
                            throw ApiException.notFound("model version " + version);
                          Model old =
                              Model.fromJson(rows.iterator().next().getJsonObject("document"))
                                  .reconcile(columnsOf(live));
                          return write(
                              who.userId(), projectId, live, old, "restored", "model.restore");
                        }))
        .map(ModelService::toJson);
  }

  /**
   * Checks a draft for the editor. {@code {model}}: a whole document → its problems; {@code
   * {formula}} (and/or {@code {filter}}): one measure formula against the draft, or the live model
   * → its type or its error with position. Always 200 with {@code valid}.
   */
  public Future<JsonObject> validate(
      Principal who, UUID projectId, UUID datasetId, JsonObject body) {
    return access
        .require(who, projectId, Role.VIEWER)
        .compose(r -> current(projectId, datasetId.toString()))
        .compose(
            live -> {
              Model model;
              JsonArray problems = new JsonArray();
              try {
                model =
                    body.getJsonObject("model") == null
                        ? live.model()
                        : Model.fromJson(body.getJsonObject("model")).reconcile(columnsOf(live));
              } catch (ApiException e) {
                problems.add(
                    new JsonObject()
                        .put("path", e.details().getString("member"))
                        .put("message", e.getMessage()));
                return Future.succeededFuture(
                    new JsonObject().put("valid", false).put("problems", problems));
              }
              return index(projectId, live, model)
                  .compose(
                      idx ->
                          tableNames(projectId)
                              .map(
                                  tables -> {
                                    JsonObject out = new JsonObject();
                                    if (body.getJsonObject("model") != null)
                                      problems.addAll(idx.problems(tables));
                                    String formula =
                                        body.getValue("formula") instanceof String s ? s : null;
                                    String filter =
                                        body.getValue("filter") instanceof String s ? s : null;
                                    FormulaChecker checker = new FormulaChecker(idx);
                                    if (filter != null) {
                                      try {
                                        checker.filter(FormulaParser.parse(filter));
                                      } catch (FormulaError e) {
                                        problems.add(e.toJson().put("path", "filter"));
                                      }
                                    }
                                    if (formula != null) {
                                      try {
                                        out.put(
                                            "type",
                                            checker
                                                .measure(FormulaParser.parse(formula))
                                                .type()
                                                .wire());
                                      } catch (FormulaError e) {
                                        problems.add(e.toJson().put("path", "formula"));
                                      }
                                    }
                                    return out.put("valid", problems.isEmpty())
                                        .put("problems", problems);
                                  }));
            });
  }

  // ---------------------------------------------------------------------------------------------
  // for the semantic query and other features (no access check: callers check)

  /**
   * The live model of a loaded dataset (by id or table name), created or reconciled first if
   * needed.
   */
  public Future<Loaded> current(UUID projectId, String dataset) {
    return pool.preparedQuery(ModelSql.DATASET_WITH_MODEL)
        .execute(Tuple.of(projectId, dataset))
        .compose(
            rows -> {
              if (rows.size() == 0) throw ApiException.notFound("dataset \"" + dataset + "\"");
              Row r = rows.iterator().next();
              UUID id = r.getUUID("id");
              int datasetVersion = r.getInteger("dataset_version");
              if (datasetVersion == 0) {
                throw ApiException.conflict(
                    "dataset_not_ready",
                    "dataset \""
                        + r.getString("name")
                        + "\" has not finished loading; its model exists once it has");
              }
              List<Model.Column> columns = columns(r.getValue("columns"));
              Integer version = r.getInteger("model_version");
              if (version == null) {
                Model model = Model.defaults(r.getString("name"), columns);
                return pool.withTransaction(
                        conn ->
                            conn.preparedQuery(ModelSql.INSERT)
                                .execute(Tuple.of(id, projectId, datasetVersion, model.toJson()))
                                .compose(
                                    ins ->
                                        ins.rowCount() == 0
                                            ? Future.succeededFuture()
                                            : conn.preparedQuery(ModelSql.INSERT_VERSION)
                                                .execute(
                                                    Tuple.of(
                                                        id, 1, "created", model.toJson(), null))
                                                .compose(
                                                    v ->
                                                        audit.record(
                                                            conn,
                                                            projectId,
                                                            null,
                                                            "model.create",
                                                            "semantic_model",
                                                            id.toString(),
                                                            null,
                                                            new JsonObject()
                                                                .put("version", 1)
                                                                .put(
                                                                    "measures",
                                                                    model.measures().size())
                                                                .put(
                                                                    "dimensions",
                                                                    model.dimensions().size())))))
                    .compose(v -> current(projectId, id.toString()));
              }
              Loaded live =
                  new Loaded(
                      id,
                      r.getString("name"),
                      r.getString("table_name"),
                      datasetVersion,
                      version,
                      Model.fromJson(r.getJsonObject("document")),
                      r.getOffsetDateTime("updated_at"));
              if (r.getInteger("model_dataset_version") == datasetVersion)
                return Future.succeededFuture(live);
              Model next = live.model().reconcile(columns);
              return write(null, projectId, live, next, "reconciled", "model.reconcile")
                  .recover(
                      e ->
                          e instanceof ApiException a && a.status() == 409
                              ? current(projectId, id.toString())
                              : Future.failedFuture(e));
            });
  }

  /** The model ready to compile: with the models of the datasets its relationships point at. */
  public Future<ModelIndex> index(UUID projectId, Loaded live) {
    return index(projectId, live, live.model());
  }

  /**
   * The live model and its related models, remembered for a second ({@link ModelCache}); no access
   * check.
   */
  public Future<ModelCache.Prepared> prepared(UUID projectId, String dataset) {
    return cache.model(
        projectId,
        dataset,
        () ->
            current(projectId, dataset)
                .compose(
                    live ->
                        related(projectId, live.model())
                            .map(rel -> new ModelCache.Prepared(live, rel))));
  }

  /**
   * The caller's role (at least {@code needed}), remembered for a second like the query path's
   * catalog.
   */
  public Future<Role> require(Principal who, UUID projectId, Role needed) {
    return cache
        .role(projectId, who.userId(), () -> access.require(who, projectId, Role.VIEWER))
        .map(
            role -> {
              if (!role.atLeast(needed)) {
                throw ApiException.forbidden(
                    "this needs the " + needed.wire() + " role in the project");
              }
              return role;
            });
  }

  private Future<ModelIndex> index(UUID projectId, Loaded live, Model model) {
    return related(projectId, model).map(related -> new ModelIndex(model, live.table(), related));
  }

  private Future<Map<String, ModelIndex.Related>> related(UUID projectId, Model model) {
    Set<String> targets = new HashSet<>();
    model.relationships().forEach(r -> targets.add(r.dataset()));
    Map<String, ModelIndex.Related> related = new HashMap<>();
    Future<Void> all = Future.succeededFuture();
    for (String t : targets) {
      all =
          all.compose(
              v ->
                  current(projectId, t)
                      .map(
                          l -> {
                            related.put(
                                t, new ModelIndex.Related(l.datasetId(), l.table(), l.model()));
                            return (Void) null;
                          })
                      .recover(e -> Future.succeededFuture())); // a missing target is reported by
      // validation
    }
    return all.map(v -> related);
  }

  /**
   * The models of the project's loaded datasets: the vocabulary of Ask (names, labels, synonyms).
   */
  public Future<List<Loaded>> models(UUID projectId) {
    return tableNames(projectId)
        .compose(
            tables -> {
              List<Loaded> out = new ArrayList<>();
              Future<Void> all = Future.succeededFuture();
              for (String t : tables) {
                all =
                    all.compose(
                        v ->
                            current(projectId, t)
                                .map(
                                    l -> {
                                      out.add(l);
                                      return (Void) null;
                                    }));
              }
              return all.map(v -> out);
            });
  }

  // ---------------------------------------------------------------------------------------------

  private Future<Void> requireValid(UUID projectId, Loaded live, Model next) {
    return index(projectId, live, next)
        .compose(
            idx ->
                tableNames(projectId)
                    .map(
                        tables -> {
                          JsonArray problems = idx.problems(tables);
                          if (!problems.isEmpty()) {
                            throw ApiException.badRequest(
                                "invalid_model",
                                problems.getJsonObject(0).getString("path")
                                    + ": "
                                    + problems.getJsonObject(0).getString("message"),
                                new JsonObject().put("problems", problems));
                          }
                          return null;
                        }));
  }

  private Future<Set<String>> tableNames(UUID projectId) {
    return pool.preparedQuery(ModelSql.TABLE_NAMES)
        .execute(Tuple.of(projectId))
        .map(
            rows -> {
              Set<String> out = new TreeSet<>();
              rows.forEach(r -> out.add(r.getString(0)));
              return out;
            });
  }

  /** Writes {@code next} as the version after {@code live}; 409 if someone else wrote first. */
  private Future<Loaded> write(
      UUID actor, UUID projectId, Loaded live, Model next, String change, String action) {
    JsonObject doc = next.toJson();
    cache.invalidate(live.datasetId());
    return pool.withTransaction(
            conn ->
                conn.preparedQuery(ModelSql.UPDATE)
                    .execute(
                        Tuple.of(
                            live.datasetId(), live.version(), live.datasetVersion(), doc, actor))
                    .compose(
                        rows -> {
                          if (rows.size() == 0)
                            throw EditedVersion.stale("model", -1, live.version());
                          Row r = rows.iterator().next();
                          int version = r.getInteger("version");
                          return conn.preparedQuery(ModelSql.INSERT_VERSION)
                              .execute(Tuple.of(live.datasetId(), version, change, doc, actor))
                              .compose(
                                  v -> record(conn, actor, projectId, live, next, version, action))
                              .map(
                                  v ->
                                      new Loaded(
                                          live.datasetId(),
                                          live.name(),
                                          live.table(),
                                          live.datasetVersion(),
                                          version,
                                          next,
                                          r.getOffsetDateTime("updated_at")));
                        }))
        .onComplete(ar -> cache.invalidate(live.datasetId()));
  }

  private Future<Void> record(
      SqlClient conn,
      UUID actor,
      UUID projectId,
      Loaded live,
      Model next,
      int version,
      String action) {
    JsonObject before = new JsonObject().put("version", live.version());
    JsonObject after =
        new JsonObject()
            .put("version", version)
            .put("dataset", live.name())
            .put("changes", ModelDiff.changes(live.model(), next));
    return audit.record(
        conn,
        projectId,
        actor,
        action,
        "semantic_model",
        live.datasetId().toString(),
        before,
        after);
  }

  static List<Model.Column> columnsOf(Loaded live) {
    List<Model.Column> out = new ArrayList<>();
    for (Model.Dimension d : live.model().dimensions()) {
      if (d.broken() == null) out.add(new Model.Column(d.column(), d.type(), d.label()));
    }
    return out;
  }

  private static List<Model.Column> columns(Object v) {
    List<Model.Column> out = new ArrayList<>();
    if (v instanceof JsonArray a) {
      for (Object o : a) {
        JsonObject c = (JsonObject) o;
        out.add(new Model.Column(c.getString("name"), c.getString("type"), c.getString("label")));
      }
    }
    return out;
  }

  static JsonObject toJson(Loaded l) {
    return l.model()
        .toJson()
        .put("datasetId", l.datasetId().toString())
        .put("datasetName", l.name())
        .put("tableName", l.table())
        .put("version", l.version())
        .put("datasetVersion", l.datasetVersion())
        .put("updatedAt", Json.iso(l.updatedAt()))
        .put("functions", new JsonArray(new ArrayList<>(FormulaChecker.FUNCTIONS)))
        .put("timeTransforms", new JsonArray(TimeTransform.names()));
  }
}
