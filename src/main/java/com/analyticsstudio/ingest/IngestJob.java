package com.analyticsstudio.ingest;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.DatabaseUrl;
import com.analyticsstudio.common.Db;
import com.analyticsstudio.tenancy.ProjectSchemas;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one dataset version on a worker thread. Everything that makes the version live (the table,
 * the view swap, the grant, the metadata, the audit entry) commits in one transaction, so a failure
 * leaves the previous version untouched and no table behind. Status and progress go through a
 * second, auto-committing connection so pollers see them while the load runs.
 */
final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);
  private static final long PROGRESS_EVERY_NANOS = 300_000_000L;

  private final DatabaseUrl db;
  private final IngestPipeline pipeline = new IngestPipeline();

  IngestJob(DatabaseUrl db) {
    this.db = db;
  }

  /** Runs the load and returns the dataset's new metadata; throws ApiException on refusal. */
  JsonObject run(LoadRequest req, long fileBytes) throws Exception {
    try (Connection status = Db.jdbc(db);
        Connection conn = Db.jdbc(db)) {
      status.setAutoCommit(true);
      try {
        return load(req, fileBytes, status, conn);
      } catch (Exception e) {
        rollbackQuietly(conn);
        Exception refusal = limitExceeded(e);
        markFailed(status, req, refusal);
        throw refusal;
      }
    }
  }

  private JsonObject load(LoadRequest req, long fileBytes, Connection status, Connection conn)
      throws Exception {
    long started = System.nanoTime();
    setStatus(status, req, "loading", progress("loading", fileBytes, 0, 0));
    SourceOptions options = SourceOptions.defaults();
    if (req.sheet() != null && !req.sheet().isBlank()) {
      options = options.withSheet(req.sheet());
    }

    String schema = ProjectSchemas.schemaName(req.projectId());
    conn.setAutoCommit(false);
    try (Statement st = conn.createStatement()) {
      st.execute("SET LOCAL lock_timeout = '30s'");
      // One load per dataset at a time; and one schema creation per project at a time.
      st.execute("SELECT pg_advisory_xact_lock(hashtext('dataset:" + req.datasetId() + "'))");
      st.execute("SELECT pg_advisory_xact_lock(hashtext('schema:" + req.projectId() + "'))");
      for (String sql : ProjectSchemas.create(req.projectId())) {
        st.execute(sql);
      }
    }
    Current current = current(conn, req.datasetId());
    int version = current.version + 1;
    ProgressListener listener = throttled(status, req, fileBytes);
    // One pass: types are inferred while the file loads; overrides and an append's table fix them.
    IngestPipeline.Loaded loaded;
    long rows;
    String physical;
    if ("append".equals(req.mode())) {
      if (current.version == 0) {
        throw ApiException.conflict(
            "nothing_to_append_to", "the dataset has no loaded version to append to yet");
      }
      physical = current.physicalTable;
      loaded =
          pipeline.appendTo(
              conn,
              schema,
              physical,
              req.file(),
              req.filename(),
              req.contentType(),
              options,
              names -> matchColumns(names, current.columns),
              listener);
      rows = current.rowCount + loaded.rowsLoaded();
    } else {
      physical = physicalName(req.tableName(), version);
      loaded =
          pipeline.createAndLoad(
              conn,
              schema,
              physical,
              req.file(),
              req.filename(),
              req.contentType(),
              options,
              names -> overrides(names, req.typeOverrides()),
              listener);
      rows = loaded.rowsLoaded();
      swapView(conn, req, schema, physical, current.physicalTable);
    }
    InferenceResult inferred = loaded.result();
    long loadedAt = System.nanoTime();
    try (Statement st = conn.createStatement()) {
      st.execute("ANALYZE " + q(schema) + "." + q(physical));
    }
    long analyzedAt = System.nanoTime();
    JsonArray columns = columnsJson(inferred);
    JsonArray warnings = new JsonArray(new ArrayList<>(inferred.warnings()));
    JsonObject done =
        progress("ready", fileBytes, fileBytes, rows)
            .put("elapsedMs", (System.nanoTime() - started) / 1_000_000);
    try (PreparedStatement ps =
        conn.prepareStatement(
            """
        UPDATE datasets SET status = 'ready', version = ?, row_count = ?, columns = ?::jsonb, warnings = ?::jsonb,
               error = NULL, last_load_error = NULL, progress = ?::jsonb, updated_at = now()
        WHERE id = ?""")) {
      ps.setInt(1, version);
      ps.setLong(2, rows);
      ps.setString(3, columns.encode());
      ps.setString(4, warnings.encode());
      ps.setString(5, done.encode());
      ps.setObject(6, req.datasetId());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        conn.prepareStatement(
            """
        INSERT INTO dataset_versions (dataset_id, version, mode, physical_table, storage_key, row_count, columns, created_by)
        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)""")) {
      ps.setObject(1, req.datasetId());
      ps.setInt(2, version);
      ps.setString(3, req.mode());
      ps.setString(4, physical);
      ps.setString(5, req.storageKey());
      ps.setLong(6, rows);
      ps.setString(7, columns.encode());
      ps.setObject(8, req.userId());
      ps.executeUpdate();
    }
    audit(conn, req, version, rows, columns);
    conn.commit();
    LOG.info(
        "dataset {} version {} loaded: {} rows ({} mode) in {} ms (load {} ms in {} pass(es), {} alteration(s); "
            + "analyze {} ms)",
        req.datasetId(),
        version,
        rows,
        req.mode(),
        (System.nanoTime() - started) / 1_000_000,
        (loadedAt - started) / 1_000_000,
        loaded.passes(),
        loaded.alterations(),
        (analyzedAt - loadedAt) / 1_000_000);
    return new JsonObject().put("version", version).put("rowCount", rows);
  }

  /** The view named after the dataset now reads the new table; the old table goes. */
  private static void swapView(
      Connection conn, LoadRequest req, String schema, String physical, String oldPhysical)
      throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("DROP VIEW IF EXISTS " + q(schema) + "." + q(req.tableName()));
      st.execute(
          "CREATE VIEW "
              + q(schema)
              + "."
              + q(req.tableName())
              + " AS SELECT * FROM "
              + q(schema)
              + "."
              + q(physical));
      for (String grant : ProjectSchemas.grantRead(req.projectId(), req.tableName())) {
        st.execute(grant);
      }
      if (oldPhysical != null && !oldPhysical.equals(physical)) {
        st.execute("DROP TABLE IF EXISTS " + q(schema) + "." + q(oldPhysical));
      }
    }
  }

  private record Current(int version, long rowCount, String physicalTable, JsonArray columns) {}

  private static Current current(Connection conn, UUID datasetId) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            """
        SELECT d.version, coalesce(d.row_count, 0), d.columns::text, v.physical_table
        FROM datasets d LEFT JOIN dataset_versions v ON v.dataset_id = d.id AND v.version = d.version
        WHERE d.id = ?""")) {
      ps.setObject(1, datasetId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ApiException.notFound("dataset");
        }
        return new Current(
            rs.getInt(1), rs.getLong(2), rs.getString(4), new JsonArray(rs.getString(3)));
      }
    }
  }

  /** Append needs the same columns; the file is read with the dataset's existing types. */
  private static Map<String, ColumnType> matchColumns(List<String> incoming, JsonArray existing) {
    Map<String, String> existingTypes = new LinkedHashMap<>();
    for (int i = 0; i < existing.size(); i++) {
      JsonObject c = existing.getJsonObject(i);
      existingTypes.put(c.getString("name"), c.getString("type"));
    }
    List<String> missing =
        existingTypes.keySet().stream().filter(n -> !incoming.contains(n)).toList();
    List<String> unexpected = incoming.stream().filter(n -> !existingTypes.containsKey(n)).toList();
    boolean reordered =
        missing.isEmpty()
            && unexpected.isEmpty()
            && !incoming.equals(new ArrayList<>(existingTypes.keySet()));
    if (!missing.isEmpty() || !unexpected.isEmpty() || reordered) {
      StringBuilder msg = new StringBuilder("the file's columns do not match the dataset's");
      if (!missing.isEmpty()) msg.append("; missing: ").append(String.join(", ", missing));
      if (!unexpected.isEmpty())
        msg.append("; not in the dataset: ").append(String.join(", ", unexpected));
      if (reordered) msg.append("; the columns are in a different order");
      throw ApiException.unprocessable(
          "columns_differ",
          msg.toString(),
          new JsonObject()
              .put("missing", new JsonArray(missing))
              .put("unexpected", new JsonArray(unexpected))
              .put("expected", new JsonArray(new ArrayList<>(existingTypes.keySet())))
              .put("received", new JsonArray(incoming)));
    }
    Map<String, ColumnType> out = new LinkedHashMap<>();
    existingTypes.forEach((name, type) -> out.put(name, ColumnType.fromApiName(type)));
    return out;
  }

  /** A retype's user-chosen types, checked against the file's columns. */
  private static Map<String, ColumnType> overrides(
      List<String> names, Map<String, String> overrides) {
    if (names.isEmpty()) {
      throw ApiException.unprocessable("no_columns", "the file has no columns to load");
    }
    Map<String, ColumnType> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      ColumnType type = ColumnType.fromApiName(e.getValue());
      if (type == null) {
        throw ApiException.unprocessable(
            "invalid_type",
            "'"
                + e.getValue()
                + "' is not a column type; use integer, decimal, "
                + "boolean, date, timestamp or text");
      }
      if (!names.contains(e.getKey())) {
        throw ApiException.unprocessable(
            "unknown_column", "the dataset has no column '" + e.getKey() + "'");
      }
      out.put(e.getKey(), type);
    }
    return out;
  }

  private static JsonArray columnsJson(InferenceResult inferred) {
    JsonArray out = new JsonArray();
    for (ColumnSpec c : inferred.columns()) {
      out.add(
          new JsonObject()
              .put("name", c.name())
              .put("label", c.label())
              .put("type", c.type().apiName())
              .put("nullable", c.nullable()));
    }
    return out;
  }

  private static void audit(
      Connection conn, LoadRequest req, int version, long rows, JsonArray columns)
      throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            """
        INSERT INTO audit_log (project_id, actor_id, action, entity_type, entity_id, before, after)
        VALUES (?, ?, ?, 'dataset', ?, NULL, ?::jsonb)""")) {
      ps.setObject(1, req.projectId());
      ps.setObject(2, req.userId());
      ps.setString(3, "dataset." + ("create".equals(req.mode()) ? "create" : req.mode()));
      ps.setString(4, req.datasetId().toString());
      ps.setString(
          5,
          new JsonObject()
              .put("tableName", req.tableName())
              .put("version", version)
              .put("rowCount", rows)
              .put("columns", columns.size())
              .put("filename", req.filename())
              .encode());
      ps.executeUpdate();
    }
  }

  private ProgressListener throttled(Connection status, LoadRequest req, long fileBytes) {
    long[] last = {System.nanoTime()};
    return (rowsDone, bytesRead) -> {
      long now = System.nanoTime();
      if (now - last[0] < PROGRESS_EVERY_NANOS) return;
      last[0] = now;
      try (PreparedStatement ps =
          status.prepareStatement(
              "UPDATE datasets SET progress = ?::jsonb, updated_at = now() WHERE id = ? AND status = 'loading'")) {
        ps.setString(1, progress("loading", fileBytes, bytesRead, rowsDone).encode());
        ps.setObject(2, req.datasetId());
        ps.executeUpdate();
      } catch (SQLException e) {
        LOG.debug("progress update failed: {}", e.getMessage());
      }
    };
  }

  static JsonObject progress(String phase, long bytesTotal, long bytesParsed, long rowsLoaded) {
    return new JsonObject()
        .put("phase", phase)
        .put("bytesReceived", bytesTotal)
        .put("bytesTotal", bytesTotal)
        .put("bytesParsed", bytesParsed)
        .put("rowsLoaded", rowsLoaded);
  }

  private static void setStatus(
      Connection status, LoadRequest req, String phase, JsonObject progress) throws SQLException {
    try (PreparedStatement ps =
        status.prepareStatement(
            "UPDATE datasets SET status = ?, progress = ?::jsonb, updated_at = now() WHERE id = ?")) {
      ps.setString(1, phase);
      ps.setString(2, progress.encode());
      ps.setObject(3, req.datasetId());
      ps.executeUpdate();
    }
  }

  /**
   * Records the failure where the dataset's readers look. A dataset with a live version stays
   * {@code ready} on it, the failure attached to the attempted version ({@code last_load_error}); a
   * first load is marked {@code failed} (the dataset service then removes the row).
   */
  private static void markFailed(Connection status, LoadRequest req, Exception e) {
    ApiException api =
        e instanceof ApiException a
            ? a
            : new ApiException(
                422, "load_failed", "the file could not be loaded: " + safeMessage(e));
    if (!(e instanceof ApiException)) {
      LOG.warn("load of dataset {} failed", req.datasetId(), e);
    }
    JsonObject error =
        new JsonObject()
            .put("code", api.code())
            .put("message", api.getMessage())
            .put("details", api.details());
    try (PreparedStatement ps = status.prepareStatement(LoadFailures.RECORD)) {
      ps.setString(1, error.encode());
      ps.setString(2, LoadFailures.attempt(req.mode(), req.filename(), error).encode());
      ps.setObject(3, req.datasetId());
      ps.executeUpdate();
    } catch (SQLException ex) {
      LOG.error("could not mark dataset {} failed: {}", req.datasetId(), ex.getMessage());
    }
  }

  /** PostgreSQL's limits on columns and row width, as the 422 they are (never a 500). */
  static Exception limitExceeded(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().equals("54000") || sql.getSQLState().equals("54011"))) {
        return IngestErrors.rowTooBig(-1, safeMessage(sql));
      }
      if (t.getCause() == t) break;
    }
    return e;
  }

  private static String safeMessage(Exception e) {
    String m = e.getMessage();
    if (e instanceof SQLException sql
        && sql.getSQLState() != null
        && sql.getSQLState().equals("54011")) {
      return "too many columns for PostgreSQL (at most 1600)";
    }
    return m == null ? e.getClass().getSimpleName() : (m.length() > 300 ? m.substring(0, 300) : m);
  }

  private static void rollbackQuietly(Connection conn) {
    try {
      if (!conn.getAutoCommit()) conn.rollback();
    } catch (SQLException ignored) {
      // the connection is closed next anyway
    }
  }

  /** Physical table of a version: the SQL name plus {@code __v<N>}, kept within 63 bytes. */
  static String physicalName(String tableName, int version) {
    String suffix = "__v" + version;
    String base =
        tableName.length() + suffix.length() > 63
            ? tableName.substring(0, 63 - suffix.length())
            : tableName;
    return base + suffix;
  }

  static String q(String ident) {
    return "\"" + ident.replace("\"", "\"\"") + "\"";
  }
}
