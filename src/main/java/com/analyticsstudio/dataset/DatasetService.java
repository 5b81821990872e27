package com.analyticsstudio.dataset;

import com.analyticsstudio.audit.AuditLog;
import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.Json;
import com.analyticsstudio.common.Replies;
import com.analyticsstudio.common.UsedBy;
import com.analyticsstudio.ingest.ColumnNames;
import com.analyticsstudio.ingest.IngestAddresses;
import com.analyticsstudio.ingest.LoadFailures;
import com.analyticsstudio.ingest.LoadRequest;
import com.analyticsstudio.project.ProjectAccess;
import com.analyticsstudio.project.Role;
import com.analyticsstudio.query.ResultValues;
import com.analyticsstudio.storage.Storage;
import com.analyticsstudio.storage.StorageKeys;
import com.analyticsstudio.tenancy.ProjectSchemas;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Datasets of a project: receiving uploads, handing them to the Ingest verticle, and reading back
 * metadata, rows and profiles. Editors and owners change datasets; viewers read them.
 */
public final class DatasetService {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetService.class);

  /** Longest a load may take before the HTTP side stops waiting for the Ingest verticle. */
  private static final long LOAD_TIMEOUT_MS = 60 * 60 * 1000L;

  private static final int MAX_TABLE_NAME = 50;

  private final Vertx vertx;
  private final Pool pool;
  private final ProjectAccess access;
  private final AuditLog audit;
  private final Storage storage;
  private final UploadReceiver receiver;
  private final Path scratchDir;
  private final DatasetProfiles profiles;

  /**
   * Hears of every dataset removal (the query engine forgets what it remembered); set by the
   * wiring.
   */
  private Consumer<UUID> projectChanged = id -> {};

  private UsedBy.Registry uses = new UsedBy.Registry();

  /** Tells {@code hook} the project id whenever a dataset of it is deleted. */
  public void onProjectChange(Consumer<UUID> hook) {
    this.projectChanged = hook;
  }

  public DatasetService(
      Vertx vertx,
      Pool pool,
      ProjectAccess access,
      AuditLog audit,
      Storage storage,
      UploadReceiver receiver,
      Path scratchDir) {
    this.vertx = vertx;
    this.pool = pool;
    this.access = access;
    this.audit = audit;
    this.storage = storage;
    this.receiver = receiver;
    this.scratchDir = scratchDir;
    this.profiles = new DatasetProfiles(pool);
  }

  /** Options of an upload taken from the query string (multipart fields may add name and sheet). */
  public record UploadOptions(String name, String filename, String sheet, boolean waitForLoad) {}

  /** The result of an upload: the dataset and whether it is loaded (201) or still loading (202). */
  public record Uploaded(JsonObject dataset, boolean loaded) {}

  public Future<Uploaded> upload(
      Principal principal, UUID projectId, HttpServerRequest request, UploadOptions opts) {
    return access
        .require(principal, projectId, Role.EDITOR)
        .compose(
            role -> {
              receiver.precheck(request);
              return receive(request, opts);
            })
        .compose(
            received ->
                createRecord(principal, projectId, received, opts)
                    .compose(dataset -> dispatch(principal, dataset, received, "create", opts)));
  }

  public Future<Uploaded> uploadVersion(
      Principal principal,
      UUID projectId,
      UUID datasetId,
      String mode,
      HttpServerRequest request,
      UploadOptions opts) {
    if (!"replace".equals(mode) && !"append".equals(mode)) {
      return Future.failedFuture(
          ApiException.badRequest("validation_failed", "mode must be replace or append"));
    }
    return access
        .require(principal, projectId, Role.EDITOR)
        .compose(role -> get(projectId, datasetId))
        .compose(
            existing -> {
              receiver.precheck(request);
              return receive(request, opts)
                  .compose(
                      received ->
                          claim(projectId, datasetId, received)
                              .compose(
                                  dataset -> dispatch(principal, dataset, received, mode, opts)));
            });
  }

  /**
   * Reads and discards the rest of a refused upload's body, then closes (see {@link
   * UploadReceiver#linger}).
   */
  public void linger(HttpServerRequest request) {
    receiver.linger(request);
  }

  /** Renames, and/or reloads the current original with corrected column types. */
  public Future<Object> update(
      Principal principal, UUID projectId, UUID datasetId, JsonObject changes) {
    return access
        .require(principal, projectId, Role.EDITOR)
        .compose(role -> get(projectId, datasetId))
        .compose(
            before -> {
              Future<JsonObject> renamed =
                  changes.getString("name") == null
                      ? Future.succeededFuture(before)
                      : rename(principal, projectId, datasetId, before, changes.getString("name"));
              JsonArray columns = changes.getJsonArray("columns");
              if (columns == null || columns.isEmpty()) {
                return renamed.map(d -> (Object) d);
              }
              return renamed.compose(d -> retype(principal, projectId, d, columns));
            });
  }

  public Future<JsonObject> list(Principal principal, UUID projectId) {
    return access
        .require(principal, projectId, Role.VIEWER)
        .compose(role -> pool.preparedQuery(DatasetSql.LIST).execute(Tuple.of(projectId)))
        .map(
            rows -> {
              JsonArray items = new JsonArray();
              rows.forEach(r -> items.add(DatasetSql.dataset(r)));
              return new JsonObject().put("items", items);
            });
  }

  /**
   * The dataset; for 24 hours after a refused first load, the refusal (status {@code failed} with
   * its error), so a client answered 202 learns why although no dataset remains.
   */
  public Future<JsonObject> get(Principal principal, UUID projectId, UUID datasetId) {
    return access
        .require(principal, projectId, Role.VIEWER)
        .compose(role -> getOrRefusal(projectId, datasetId));
  }

  Future<JsonObject> getOrRefusal(UUID projectId, UUID datasetId) {
    return get(projectId, datasetId)
        .recover(
            e ->
                e instanceof ApiException api && api.status() == 404
                    ? pool.preparedQuery(DatasetSql.GET_REFUSAL)
                        .execute(Tuple.of(datasetId, projectId))
                        .compose(
                            rows ->
                                rows.size() == 0
                                    ? Future.failedFuture(e)
                                    : Future.succeededFuture(
                                        rows.iterator().next().getJsonObject(0)))
                    : Future.failedFuture(e));
  }

  Future<JsonObject> get(UUID projectId, UUID datasetId) {
    return pool.preparedQuery(DatasetSql.GET)
        .execute(Tuple.of(datasetId, projectId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw ApiException.notFound("dataset");
              }
              return DatasetSql.dataset(rows.iterator().next());
            });
  }

  public Future<JsonObject> versions(Principal principal, UUID projectId, UUID datasetId) {
    return get(principal, projectId, datasetId)
        .compose(d -> pool.preparedQuery(DatasetSql.VERSIONS).execute(Tuple.of(datasetId)))
        .map(
            rows -> {
              JsonArray items = new JsonArray();
              rows.forEach(
                  r ->
                      items.add(
                          new JsonObject()
                              .put("version", r.getInteger("version"))
                              .put("mode", r.getString("mode"))
                              .put("rowCount", r.getLong("row_count"))
                              .put("createdAt", Json.iso(r.getOffsetDateTime("created_at")))));
              return new JsonObject().put("items", items);
            });
  }

  /**
   * A page of the live version's rows, optionally sorted by one column ({@code -name} descending).
   */
  public Future<JsonObject> rows(
      Principal principal, UUID projectId, UUID datasetId, int offset, int limit, String sort) {
    return get(principal, projectId, datasetId)
        .compose(
            d -> {
              requireReady(d);
              JsonArray columns = d.getJsonArray("columns");
              String orderBy = orderBy(columns, sort);
              String sql =
                  "SELECT * FROM "
                      + qualified(projectId, d.getString("tableName"))
                      + orderBy
                      + " LIMIT $1 OFFSET $2";
              return pool.preparedQuery(sql)
                  .execute(Tuple.of(limit, (long) offset))
                  .map(
                      rows -> {
                        JsonArray out = new JsonArray();
                        for (Row r : rows) {
                          JsonArray line = new JsonArray();
                          for (int i = 0; i < r.size(); i++) {
                            line.add(ResultValues.toJson(r.getValue(i)));
                          }
                          out.add(line);
                        }
                        JsonArray cols = new JsonArray();
                        columns.forEach(
                            c ->
                                cols.add(
                                    new JsonObject()
                                        .put("name", ((JsonObject) c).getString("name"))
                                        .put("label", ((JsonObject) c).getString("label"))
                                        .put("type", ((JsonObject) c).getString("type"))));
                        return new JsonObject()
                            .put("columns", cols)
                            .put("rows", out)
                            .put("offset", offset)
                            .put("limit", limit)
                            .put("total", d.getLong("rowCount"));
                      });
            });
  }

  public Future<JsonObject> profile(Principal principal, UUID projectId, UUID datasetId) {
    return get(principal, projectId, datasetId)
        .compose(
            d -> {
              requireReady(d);
              return profiles.profile(projectId, UUID.fromString(d.getString("id")), d);
            });
  }

  /**
   * The project's datasets that have a live version, for features that read them (Ask). No access
   * check.
   */
  public Future<List<JsonObject>> loadedDatasets(UUID projectId) {
    return pool.preparedQuery(DatasetSql.LIST)
        .execute(Tuple.of(projectId))
        .map(
            rows -> {
              List<JsonObject> out = new ArrayList<>();
              rows.forEach(
                  r -> {
                    JsonObject d = DatasetSql.dataset(r);
                    if (d.getInteger("version") > 0) out.add(d);
                  });
              return out;
            });
  }

  /** The profile of a loaded dataset (computed once per version). No access check. */
  public Future<JsonObject> profileOf(UUID projectId, JsonObject dataset) {
    return profiles.profile(projectId, UUID.fromString(dataset.getString("id")), dataset);
  }

  /** Where deleting a dataset asks what uses it (charts, dashboards); set by the wiring. */
  public void usedBy(UsedBy.Registry registry) {
    this.uses = registry;
  }

  /** {@code GET …/datasets/{datasetId}/used-by}: the charts and dashboards that use it. */
  public Future<JsonObject> usedBy(Principal principal, UUID projectId, UUID datasetId) {
    return access
        .require(principal, projectId, Role.VIEWER)
        .compose(role -> get(projectId, datasetId))
        .compose(d -> subject(projectId, d))
        .compose(uses::of)
        .map(UsedBy::answer);
  }

  private Future<UsedBy.Dataset> subject(UUID projectId, JsonObject d) {
    return pool.preparedQuery(DatasetSql.TABLE_NAMES)
        .execute(Tuple.of(projectId))
        .map(
            rows -> {
              Set<String> tables = new HashSet<>();
              rows.forEach(r -> tables.add(r.getString(0)));
              return new UsedBy.Dataset(
                  projectId,
                  UUID.fromString(d.getString("id")),
                  d.getString("tableName"),
                  d.getString("name"),
                  tables);
            });
  }

  /**
   * Deletes the dataset, its tables and stored files; one a chart or dashboard uses is 409 {@code
   * in_use} (details {@code usedBy}) unless {@code force}.
   */
  public Future<Void> delete(Principal principal, UUID projectId, UUID datasetId, boolean force) {
    return access
        .require(principal, projectId, Role.EDITOR)
        .compose(role -> get(projectId, datasetId))
        .compose(
            d ->
                force
                    ? Future.succeededFuture(d)
                    : subject(projectId, d)
                        .compose(
                            sub ->
                                uses.requireUnused(
                                    sub, false, "dataset \"" + d.getString("name") + "\""))
                        .map(v -> d))
        .compose(
            d -> {
              if (isLoading(d)) {
                return Future.failedFuture(
                    ApiException.conflict(
                        "load_in_progress",
                        "the dataset is being loaded; delete it when the load has finished"));
              }
              String schema = ProjectSchemas.schemaName(projectId);
              return pool.withTransaction(
                      conn ->
                          conn.preparedQuery(DatasetSql.PHYSICAL_TABLES)
                              .execute(Tuple.of(datasetId))
                              .compose(
                                  tables -> {
                                    Future<Void> chain =
                                        conn.query(
                                                "DROP VIEW IF EXISTS "
                                                    + q(schema)
                                                    + "."
                                                    + q(d.getString("tableName")))
                                            .execute()
                                            .mapEmpty();
                                    for (Row t : tables) {
                                      String physical = t.getString(0);
                                      chain =
                                          chain.compose(
                                              v ->
                                                  conn.query(
                                                          "DROP TABLE IF EXISTS "
                                                              + q(schema)
                                                              + "."
                                                              + q(physical))
                                                      .execute()
                                                      .mapEmpty());
                                    }
                                    return chain;
                                  })
                              .compose(
                                  v ->
                                      conn.preparedQuery(DatasetSql.DELETE)
                                          .execute(Tuple.of(datasetId, projectId)))
                              .compose(
                                  v ->
                                      audit.record(
                                          conn,
                                          projectId,
                                          principal.userId(),
                                          "dataset.delete",
                                          "dataset",
                                          datasetId.toString(),
                                          new JsonObject()
                                              .put("name", d.getString("name"))
                                              .put("tableName", d.getString("tableName"))
                                              .put("rowCount", d.getLong("rowCount")),
                                          null)))
                  .andThen(ar -> projectChanged.accept(projectId))
                  .compose(
                      v ->
                          storage
                              .deletePrefix(StorageKeys.datasetPrefix(projectId, datasetId))
                              .mapEmpty());
            });
  }

  /** Drops a deleted project's schema, reader role and stored files. */
  public Future<Void> dropProject(UUID projectId) {
    return ProjectSchemas.run(pool, ProjectSchemas.drop(projectId))
        .compose(v -> storage.deletePrefix(StorageKeys.projectPrefix(projectId)).mapEmpty());
  }

  private Future<UploadReceiver.Received> receive(HttpServerRequest request, UploadOptions opts) {
    Path target = scratchDir.resolve(UUID.randomUUID() + ".upload");
    return vertx
        .fileSystem()
        .mkdirs(scratchDir.toString())
        .compose(v -> receiver.receive(request, target, opts.filename(), bytes -> {}))
        .recover(
            e ->
                vertx.fileSystem().delete(target.toString()).transform(x -> Future.failedFuture(e)))
        .compose(
            received -> {
              try {
                printable("filename", received.filename());
                received.fields().forEach(DatasetService::printable);
                // the form fields stand for the query parameters of the same name: same limits
                text("name", received.fields().get("name"), MAX_NAME_CHARS);
                text("sheet", received.fields().get("sheet"), MAX_SHEET_CHARS);
              } catch (ApiException e) {
                return vertx
                    .fileSystem()
                    .delete(target.toString())
                    .transform(x -> Future.failedFuture(e));
              }
              if (received.size() == 0) {
                return vertx
                    .fileSystem()
                    .delete(target.toString())
                    .transform(
                        x ->
                            Future.failedFuture(
                                ApiException.unprocessable(
                                    "empty_file", "the file is empty (0 bytes)")));
              }
              return Future.succeededFuture(received);
            });
  }

  private Future<JsonObject> createRecord(
      Principal principal, UUID projectId, UploadReceiver.Received received, UploadOptions opts) {
    String filename = filename(received, opts);
    String name = firstNonBlank(received.fields().get("name"), opts.name(), stem(filename));
    JsonObject source = source(received, filename, sheet(received, opts));
    return pool.preparedQuery(DatasetSql.TABLE_NAMES)
        .execute(Tuple.of(projectId))
        .compose(
            rows -> {
              Set<String> taken = new HashSet<>();
              rows.forEach(r -> taken.add(r.getString(0)));
              String tableName = uniqueTableName(name, taken);
              return pool.preparedQuery(DatasetSql.INSERT)
                  .execute(
                      Tuple.of(
                          projectId,
                          name,
                          tableName,
                          source,
                          principal.userId(),
                          new JsonObject()
                              .put("phase", "receiving")
                              .put("bytesReceived", received.size())
                              .put("bytesTotal", received.size())));
            })
        .map(rows -> DatasetSql.dataset(rows.iterator().next()))
        .recover(
            e ->
                vertx
                    .fileSystem()
                    .delete(received.file().toString())
                    .transform(x -> Future.failedFuture(e)));
  }

  /** Marks an existing dataset as receiving a new version; 409 while another load runs. */
  private Future<JsonObject> claim(
      UUID projectId, UUID datasetId, UploadReceiver.Received received) {
    return pool.preparedQuery(DatasetSql.CLAIM_LOAD)
        .execute(
            Tuple.of(
                datasetId,
                projectId,
                new JsonObject()
                    .put("phase", "receiving")
                    .put("bytesReceived", received.size())
                    .put("bytesTotal", received.size())))
        .compose(
            rows ->
                rows.size() == 0
                    ? Future.failedFuture(
                        ApiException.conflict(
                            "load_in_progress",
                            "another load of this dataset is running; try again when it has finished"))
                    : Future.succeededFuture(DatasetSql.dataset(rows.iterator().next())))
        .recover(
            e ->
                vertx
                    .fileSystem()
                    .delete(received.file().toString())
                    .transform(x -> Future.failedFuture(e)));
  }

  private Future<Uploaded> dispatch(
      Principal principal,
      JsonObject dataset,
      UploadReceiver.Received received,
      String mode,
      UploadOptions opts) {
    UUID projectId = UUID.fromString(dataset.getString("projectId"));
    UUID datasetId = UUID.fromString(dataset.getString("id"));
    String filename = filename(received, opts);
    int nextVersion = dataset.getInteger("version") + 1;
    LoadRequest req =
        new LoadRequest(
            datasetId,
            projectId,
            principal.userId(),
            dataset.getString("tableName"),
            mode,
            received.file(),
            filename,
            received.contentType(),
            sheet(received, opts),
            StorageKeys.original(projectId, datasetId, nextVersion, filename),
            Map.of());
    Future<JsonObject> loaded =
        send(req).recover(e -> settle(dataset, req, e).transform(x -> Future.failedFuture(e)));
    if (!opts.waitForLoad()) {
      loaded.onFailure(e -> {}); // the failure is recorded on the dataset; pollers read it there
      return Future.succeededFuture(new Uploaded(dataset, false));
    }
    return loaded.compose(v -> get(projectId, datasetId)).map(d -> new Uploaded(d, true));
  }

  private Future<Object> retype(
      Principal principal, UUID projectId, JsonObject dataset, JsonArray columns) {
    requireReady(dataset);
    HashMap<String, String> overrides = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      JsonObject c = columns.getJsonObject(i);
      overrides.put(c.getString("name"), c.getString("type"));
    }
    UUID datasetId = UUID.fromString(dataset.getString("id"));
    return pool.preparedQuery(DatasetSql.VERSIONS)
        .execute(Tuple.of(datasetId))
        .compose(
            rows -> {
              String key = rows.iterator().next().getString("storage_key");
              JsonObject source = dataset.getJsonObject("source", new JsonObject());
              LoadRequest req =
                  new LoadRequest(
                      datasetId,
                      projectId,
                      principal.userId(),
                      dataset.getString("tableName"),
                      "retype",
                      null,
                      source.getString("filename"),
                      source.getString("contentType"),
                      source.getString("sheet"),
                      key,
                      Map.copyOf(overrides));
              return pool.preparedQuery(DatasetSql.CLAIM_LOAD)
                  .execute(
                      Tuple.of(datasetId, projectId, new JsonObject().put("phase", "receiving")))
                  .compose(
                      claimed ->
                          claimed.size() == 0
                              ? Future.failedFuture(
                                  ApiException.conflict(
                                      "load_in_progress",
                                      "another load of this dataset is running"))
                              : send(req)
                                  .recover(
                                      e ->
                                          settle(dataset, req, e)
                                              .transform(x -> Future.failedFuture(e))))
                  .compose(v -> get(projectId, datasetId))
                  .map(d -> (Object) d);
            });
  }

  private Future<JsonObject> rename(
      Principal principal, UUID projectId, UUID datasetId, JsonObject before, String name) {
    if (name.isBlank()) {
      return Future.failedFuture(
          ApiException.unprocessable("invalid_name", "the dataset name must not be blank"));
    }
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(DatasetSql.RENAME)
                .execute(Tuple.of(datasetId, projectId, name.trim()))
                .compose(
                    rows -> {
                      JsonObject after = DatasetSql.dataset(rows.iterator().next());
                      return audit
                          .record(
                              conn,
                              projectId,
                              principal.userId(),
                              "dataset.rename",
                              "dataset",
                              datasetId.toString(),
                              new JsonObject().put("name", before.getString("name")),
                              new JsonObject().put("name", after.getString("name")))
                          .map(v -> after);
                    }));
  }

  /**
   * After a failed load: a dataset with a live version is ready on it again, the failure attached
   * to the attempted version (the Ingest verticle records it; this covers failures before it ran);
   * a refused first load removes the dataset — no row, no table name taken, no file (the ingest
   * service deleted it) — and keeps the refusal readable by id for 24 hours.
   */
  private Future<Void> settle(JsonObject dataset, LoadRequest req, Throwable failure) {
    ApiException api =
        failure instanceof ApiException a
            ? a
            : ApiException.unavailable(
                "load_unavailable", "the load could not be run; try again", 5);
    JsonObject error =
        new JsonObject()
            .put("code", api.code())
            .put("message", api.getMessage())
            .put("details", api.details());
    UUID datasetId = req.datasetId();
    Future<Void> done;
    if (dataset.getInteger("version") > 0) {
      done =
          pool.preparedQuery(DatasetSql.SETTLE_LIVE)
              .execute(Tuple.of(datasetId, LoadFailures.attempt(req.mode(), req.filename(), error)))
              .mapEmpty();
    } else {
      done =
          pool.withTransaction(
              conn ->
                  conn.preparedQuery(DatasetSql.REMOVE_REFUSED)
                      .execute(Tuple.of(datasetId))
                      .compose(
                          rows -> {
                            if (rows.size() == 0) return Future.<Void>succeededFuture();
                            JsonObject refused =
                                DatasetSql.dataset(rows.iterator().next()).put("status", "failed");
                            if (refused.getValue("error") == null) refused.put("error", error);
                            return conn.preparedQuery(DatasetSql.INSERT_REFUSAL)
                                .execute(Tuple.of(datasetId, req.projectId(), refused))
                                .compose(v -> conn.query(DatasetSql.PURGE_REFUSALS).execute())
                                .mapEmpty();
                          }));
    }
    return done.onFailure(
        e ->
            LOG.warn(
                "could not settle the failed load of dataset {}: {}", datasetId, e.getMessage()));
  }

  private Future<JsonObject> send(LoadRequest req) {
    return vertx
        .eventBus()
        .<JsonObject>request(
            IngestAddresses.LOAD,
            req.toJson(),
            new DeliveryOptions().setSendTimeout(LOAD_TIMEOUT_MS))
        .map(m -> m.body())
        .recover(e -> Future.failedFuture(Replies.unwrap(e)));
  }

  /**
   * A name, file name or sheet as given: 400 when it holds a control character (a NUL cannot be
   * stored in PostgreSQL text at all, and none belongs in a file or table name).
   */
  /** The most characters of a dataset name ({@code ?name=} or the form field). */
  static final int MAX_NAME_CHARS = 200;

  /** The most characters of a sheet name ({@code ?sheet=} or the form field). */
  static final int MAX_SHEET_CHARS = 100;

  /**
   * {@code value} of the upload parameter {@code what} when it is {@link #printable} and at most
   * {@code maxLength} characters; otherwise 400 {@code validation_failed} at {@code query.<what>}.
   */
  static String text(String what, String value, int maxLength) {
    printable(what, value);
    if (value != null && value.length() > maxLength) {
      throw ApiException.invalidValue(
          what + " is longer than " + maxLength + " characters", "query." + what);
    }
    return value;
  }

  static String printable(String what, String value) {
    if (value == null) return null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        ApiException e =
            ApiException.invalidValue(
                "'"
                    + what
                    + "' must not contain control characters "
                    + "(found U+"
                    + String.format("%04X", (int) c)
                    + " at position "
                    + (i + 1)
                    + ")",
                "query." + what);
        e.details().put("parameter", what).put("position", i + 1);
        throw e;
      }
    }
    return value;
  }

  private static void requireReady(JsonObject d) {
    if (d.getInteger("version") == 0) {
      throw ApiException.conflict(
          "not_loaded",
          "the dataset has no loaded data yet (status: " + d.getString("status") + ")");
    }
  }

  private static boolean isLoading(JsonObject d) {
    return List.of("receiving", "parsing", "loading").contains(d.getString("status"));
  }

  private static String orderBy(JsonArray columns, String sort) {
    if (sort == null || sort.isBlank()) {
      return "";
    }
    boolean desc = sort.startsWith("-");
    String name = desc ? sort.substring(1) : sort;
    for (int i = 0; i < columns.size(); i++) {
      if (columns.getJsonObject(i).getString("name").equals(name)) {
        return " ORDER BY " + q(name) + (desc ? " DESC NULLS LAST" : " ASC NULLS LAST");
      }
    }
    throw ApiException.badRequest(
        "invalid_sort", "cannot sort by '" + name + "': the dataset has no such column");
  }

  static String uniqueTableName(String name, Set<String> taken) {
    String base = ColumnNames.normalize(name, 1);
    if (base.length() > MAX_TABLE_NAME) {
      base = base.substring(0, MAX_TABLE_NAME);
    }
    try {
      ProjectSchemas.requireValidTableName(base);
    } catch (ApiException e) {
      base = "dataset_" + base.replaceAll("[^a-z0-9_]", "");
    }
    String candidate = base;
    for (int n = 2; taken.contains(candidate); n++) {
      candidate = base + "_" + n;
    }
    return candidate;
  }

  private static String filename(UploadReceiver.Received r, UploadOptions opts) {
    String given = firstNonBlank(r.filename(), opts.filename(), null);
    if (given != null) return given;
    return switch (r.contentType()) {
      case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> "upload.xlsx";
      case "application/vnd.ms-excel" -> "upload.xls";
      case "text/tab-separated-values" -> "upload.tsv";
      default -> "upload.csv";
    };
  }

  private static String sheet(UploadReceiver.Received r, UploadOptions opts) {
    return firstNonBlank(r.fields().get("sheet"), opts.sheet(), null);
  }

  private static JsonObject source(UploadReceiver.Received r, String filename, String sheet) {
    return new JsonObject()
        .put("filename", filename)
        .put("contentType", r.contentType())
        .put("size", r.size())
        .put("sheet", sheet);
  }

  static String stem(String filename) {
    String base = filename.replaceAll(".*[/\\\\]", "");
    int dot = base.lastIndexOf('.');
    return dot > 0 ? base.substring(0, dot) : base;
  }

  private static String firstNonBlank(String a, String b, String c) {
    if (a != null && !a.isBlank()) return a.trim();
    if (b != null && !b.isBlank()) return b.trim();
    return c;
  }

  static String qualified(UUID projectId, String table) {
    return q(ProjectSchemas.schemaName(projectId)) + "." + q(table);
  }

  static String q(String ident) {
    return "\"" + ident.replace("\"", "\"\"") + "\"";
  }
}
