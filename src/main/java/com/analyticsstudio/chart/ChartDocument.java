package com.analyticsstudio.chart;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * What a chart is, as clients write it: {@code {"name", "description", "query": {"semantic": {…a
 * semantic query…}} or {"sql": "…"}, "visualization": {"type": "bar", …settings}}}. These names are
 * the contract (extend them, never rename them).
 *
 * <p>Checked by hand as well as by the contract's validator, because documents also come from
 * storage (restore) and from the preview body, and because the messages name the field: the name is
 * required, the query is exactly one of {@code semantic} (an object) and {@code sql} (text), the
 * visualization's {@code type} is one of {@link #TYPES}; its other settings are open (the renderer
 * owns them). Whether the semantic query compiles and the SQL passes the guard is the service's
 * check, which needs the project's models and datasets.
 */
public record ChartDocument(
    String name, String description, JsonObject query, JsonObject visualization) {

  /** The chart types a visualization may have (issue #11). */
  public static final List<String> TYPES =
      List.of("kpi", "bar", "column", "line", "area", "pie", "donut", "scatter", "table", "pivot");

  /** The document's own fields. */
  static final Set<String> FIELDS = Set.of("name", "description", "query", "visualization");

  /**
   * Fields a client may send back as it read them (PUT of a GET): the optimistic {@code version} is
   * used, the rest is ignored (the server owns them).
   */
  static final Set<String> SERVER_FIELDS =
      Set.of("id", "projectId", "version", "createdAt", "createdBy", "updatedAt", "updatedBy");

  static final int MAX_NAME = 200;
  static final int MAX_DESCRIPTION = 2000;
  static final int MAX_SQL = 100_000;

  public ChartDocument {
    description = description == null || description.isBlank() ? null : description;
  }

  /** Whether the chart's query is a semantic query (else SQL). */
  public boolean semantic() {
    return query.containsKey("semantic");
  }

  /** The semantic query (a copy); null for an SQL chart. */
  public JsonObject semanticQuery() {
    JsonObject q = query.getJsonObject("semantic");
    return q == null ? null : q.copy();
  }

  /** The SQL; null for a semantic chart. */
  public String sql() {
    return query.getString("sql");
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("description", description)
        .put("query", query.copy())
        .put("visualization", visualization.copy());
  }

  /**
   * A saved chart's document (create, update): every top-level field but {@link #FIELDS} and, when
   * {@code allowServerFields}, {@link #SERVER_FIELDS} is refused.
   *
   * @throws ApiException 400 {@code validation_failed} naming the field
   */
  public static ChartDocument fromJson(JsonObject body, boolean allowServerFields) {
    return read(body, allowServerFields ? SERVER_FIELDS : Set.of(), true);
  }

  /**
   * An unsaved chart for a preview: the name is optional, and {@code extra} top-level fields (the
   * preview's {@code filters}) are the caller's.
   */
  public static ChartDocument draft(JsonObject body, Set<String> extra) {
    return read(body, extra, false);
  }

  private static ChartDocument read(JsonObject body, Set<String> extra, boolean nameRequired) {
    if (body == null) throw ApiException.invalidValue("the body must be a chart object", "/");
    for (String key : body.fieldNames()) {
      if (!FIELDS.contains(key) && !extra.contains(key)) {
        throw ApiException.invalidValue(
            "unknown field \"" + key + "\"; a chart has name, description, query and visualization",
            "/" + key);
      }
    }
    Object rawName = body.getValue("name");
    String name;
    if (rawName == null) {
      if (nameRequired) throw ApiException.invalidValue("the chart needs a name", "/name");
      name = "Untitled chart";
    } else if (rawName instanceof String s) {
      name = s.strip();
      if (name.isEmpty()) throw ApiException.invalidValue("the chart needs a name", "/name");
      if (name.length() > MAX_NAME) {
        throw ApiException.invalidValue(
            "the name is longer than " + MAX_NAME + " characters", "/name");
      }
    } else {
      throw ApiException.invalidValue("name must be text", "/name");
    }
    Object rawDescription = body.getValue("description");
    if (rawDescription != null && !(rawDescription instanceof String)) {
      throw ApiException.invalidValue("description must be text or null", "/description");
    }
    String description = (String) rawDescription;
    if (description != null && description.length() > MAX_DESCRIPTION) {
      throw ApiException.invalidValue(
          "the description is longer than " + MAX_DESCRIPTION + " characters", "/description");
    }
    return new ChartDocument(
        name,
        description,
        query(body.getValue("query")),
        visualization(body.getValue("visualization")));
  }

  private static JsonObject query(Object raw) {
    if (!(raw instanceof JsonObject q)) {
      throw ApiException.invalidValue(
          "query must be an object: {\"semantic\": {…}} or {\"sql\": \"…\"}", "/query");
    }
    for (String key : q.fieldNames()) {
      if (!key.equals("semantic") && !key.equals("sql")) {
        throw ApiException.invalidValue(
            "unknown field \"" + key + "\" in query; use \"semantic\" or \"sql\"", "/query/" + key);
      }
    }
    boolean hasSemantic = q.getValue("semantic") != null;
    boolean hasSql = q.getValue("sql") != null;
    if (hasSemantic == hasSql) {
      throw ApiException.invalidValue(
          "query needs exactly one of \"semantic\" (a semantic query) and \"sql\"", "/query");
    }
    if (hasSemantic) {
      if (!(q.getValue("semantic") instanceof JsonObject s)) {
        throw ApiException.invalidValue(
            "query.semantic must be a semantic query object", "/query/semantic");
      }
      return new JsonObject().put("semantic", s.copy());
    }
    if (!(q.getValue("sql") instanceof String sql) || sql.isBlank()) {
      throw ApiException.invalidValue("query.sql must be a non-empty SQL text", "/query/sql");
    }
    if (sql.length() > MAX_SQL) {
      throw ApiException.invalidValue(
          "query.sql is longer than " + MAX_SQL + " characters", "/query/sql");
    }
    return new JsonObject().put("sql", sql);
  }

  private static JsonObject visualization(Object raw) {
    if (!(raw instanceof JsonObject v)) {
      throw ApiException.invalidValue(
          "visualization must be an object with a \"type\" (" + String.join(", ", TYPES) + ")",
          "/visualization");
    }
    Object type = v.getValue("type");
    if (!(type instanceof String t) || !TYPES.contains(t)) {
      throw ApiException.invalidValue(
          "visualization.type must be one of " + String.join(", ", TYPES), "/visualization/type");
    }
    return v.copy();
  }
}
