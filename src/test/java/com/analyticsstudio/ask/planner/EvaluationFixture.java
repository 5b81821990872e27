package com.analyticsstudio.ask.planner;

import com.analyticsstudio.common.Db;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import com.analyticsstudio.tenancy.ProjectSchemas;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The evaluation's world: a running app with projects of real vega-datasets files, uploaded through
 * the HTTP API, and the planner input built from what the API says about them (dataset list,
 * profile) plus {@link ValueLookup} over JDBC for the categorical values.
 */
final class EvaluationFixture implements AutoCloseable {
  /** Project name → files (resource paths) uploaded into it. */
  static final Map<String, List<String>> PROJECTS =
      Map.of(
          "main",
              List.of(
                  "/ingest/seattle-weather.csv",
                  "/ingest/stocks.csv",
                  "/planner/iowa-electricity.csv",
                  "/planner/disasters.csv",
                  "/planner/gapminder-health-income.csv",
                  "/planner/population_engineers_hurricanes.csv",
                  "/planner/airports.csv"),
          // weather.csv has the same columns as seattle-weather plus a location: its own project.
          "cities", List.of("/planner/weather.csv"),
          "more",
              List.of(
                  "/planner/cars.csv",
                  "/planner/gapminder.csv",
                  "/planner/wheat.csv",
                  "/planner/us-employment.csv",
                  "/planner/global-temp.csv"),
          // Held-out (HeldOutSet): datasets the planner's rules were never developed on.
          "heldout",
              List.of(
                  "/planner/penguins.csv",
                  "/planner/barley.csv",
                  "/planner/population.csv",
                  "/planner/co2-concentration.csv",
                  "/planner/unemployment-across-industries.csv"));

  /**
   * The projects of the development set (EvaluationSet); the held-out project is loaded only by its
   * own IT.
   */
  static final List<String> DEVELOPMENT = List.of("main", "cities", "more");

  final TestApp app;
  final Connection jdbc;
  final Map<String, PlannerContext> contexts = new LinkedHashMap<>();
  final Map<String, String> schemas = new LinkedHashMap<>();

  private EvaluationFixture(TestApp app) throws SQLException {
    this.app = app;
    this.jdbc = Db.jdbc(app.database);
  }

  /** The development projects. */
  static EvaluationFixture start() throws Exception {
    return start(DEVELOPMENT);
  }

  /** A fixture with only the named projects of {@link #PROJECTS}. */
  static EvaluationFixture start(List<String> projects) throws Exception {
    EvaluationFixture f = new EvaluationFixture(TestApp.start());
    try {
      f.load(projects);
    } catch (Exception e) {
      f.close();
      throw e;
    }
    return f;
  }

  private void load(List<String> projects) throws Exception {
    Session s = app.api.signup();
    Path dir = Files.createTempDirectory("planner-eval");
    for (Map.Entry<String, List<String>> p : new TreeMap<>(PROJECTS).entrySet()) {
      if (!projects.contains(p.getKey())) continue;
      String projectId = app.api.createProject(s, p.getKey());
      String schema = ProjectSchemas.schemaName(UUID.fromString(projectId));
      for (String resource : p.getValue()) {
        Path file = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = EvaluationFixture.class.getResourceAsStream(resource)) {
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        MultipartForm form =
            MultipartForm.create()
                .binaryFileUpload(
                    "file", file.getFileName().toString(), file.toString(), "text/csv");
        HttpResponse<Buffer> r =
            app.http
                .post("/api/v1/projects/" + projectId + "/datasets?wait=true")
                .bearerTokenAuthentication(s.accessToken())
                .sendMultipartForm(form)
                .await(120, TimeUnit.SECONDS);
        if (r.statusCode() != 201)
          throw new IllegalStateException("upload of " + file + ": " + r.bodyAsString());
      }
      List<DatasetInfo> datasets = new ArrayList<>();
      JsonArray items =
          app.api
              .get("/api/v1/projects/" + projectId + "/datasets", s.accessToken())
              .bodyAsJsonObject()
              .getJsonArray("items");
      for (int i = 0; i < items.size(); i++) {
        String id = items.getJsonObject(i).getString("id");
        JsonObject d =
            app.api
                .get("/api/v1/projects/" + projectId + "/datasets/" + id, s.accessToken())
                .bodyAsJsonObject();
        JsonObject profile =
            app.api
                .get(
                    "/api/v1/projects/" + projectId + "/datasets/" + id + "/profile",
                    s.accessToken())
                .bodyAsJsonObject();
        datasets.add(ValueLookup.enrich(fromApi(d, profile), lookup(schema)));
      }
      contexts.put(p.getKey(), PlannerContext.of(datasets));
      schemas.put(p.getKey(), schema);
    }
  }

  /**
   * The planner input from {@code GET /datasets/{id}} and {@code /profile}: what the Ask wiring has
   * too.
   */
  static DatasetInfo fromApi(JsonObject dataset, JsonObject profile) {
    Map<String, JsonObject> facts = new LinkedHashMap<>();
    profile
        .getJsonArray("columns")
        .forEach(c -> facts.put(((JsonObject) c).getString("name"), (JsonObject) c));
    List<ColumnInfo> columns = new ArrayList<>();
    for (Object o : dataset.getJsonArray("columns")) {
      JsonObject c = (JsonObject) o;
      JsonObject f = facts.getOrDefault(c.getString("name"), new JsonObject());
      List<ValueCount> top = new ArrayList<>();
      JsonArray tv = f.getJsonArray("topValues", new JsonArray());
      tv.forEach(
          v ->
              top.add(
                  new ValueCount(
                      ((JsonObject) v).getString("value"), ((JsonObject) v).getLong("count"))));
      columns.add(
          new ColumnInfo(
              c.getString("name"),
              c.getString("label"),
              ColumnType.of(c.getString("type")),
              f.getLong("distinct"),
              f.getString("min"),
              f.getString("max"),
              top));
    }
    return new DatasetInfo(
        dataset.getString("id"),
        dataset.getString("tableName"),
        dataset.getString("name"),
        dataset.getLong("rowCount", 0L),
        columns);
  }

  /**
   * {@link ValueLookup} over JDBC in the project's schema: what the Ask wiring does through the
   * query path.
   */
  ValueLookup lookup(String schema) {
    return (table, column, limit) -> {
      try (Statement st = jdbc.createStatement()) {
        st.execute("SET search_path TO " + schema);
        List<ValueCount> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(ValueLookup.sql(table, column, limit))) {
          while (rs.next()) out.add(new ValueCount(rs.getString(1), rs.getLong(2)));
        }
        return out;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** Runs a query in the project's schema; rows as lists of JDBC values. */
  List<List<Object>> query(String project, String sql) throws SQLException {
    try (Statement st = jdbc.createStatement()) {
      st.execute("SET search_path TO " + schemas.get(project));
    }
    try (PreparedStatement ps = jdbc.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData md = rs.getMetaData();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) row.add(rs.getObject(i));
        rows.add(row);
      }
      return rows;
    }
  }

  @Override
  public void close() {
    try {
      jdbc.close();
    } catch (SQLException ignored) {
      // closing anyway
    }
    app.close();
  }
}
