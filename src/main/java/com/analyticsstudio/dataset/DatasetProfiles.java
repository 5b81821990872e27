package com.analyticsstudio.dataset;

import com.analyticsstudio.query.ResultValues;
import com.analyticsstudio.tenancy.ProjectSchemas;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Per-column profiles: nulls and min/max exactly over the whole table, distinct counts from
 * PostgreSQL's statistics (approximate, as ANALYZE left them), top values and numeric histograms
 * over the table or, above {@value #SAMPLE_ROWS} rows, a block sample. Computed once per version
 * and kept on the dataset.
 */
final class DatasetProfiles {
  static final int SAMPLE_ROWS = 200_000;
  private static final int TOP_VALUES = 5;
  private static final int BUCKETS = 10;

  private final Pool pool;

  DatasetProfiles(Pool pool) {
    this.pool = pool;
  }

  Future<JsonObject> profile(UUID projectId, UUID datasetId, JsonObject dataset) {
    int version = dataset.getInteger("version");
    return pool.preparedQuery("SELECT profile, profile_version FROM datasets WHERE id = $1")
        .execute(Tuple.of(datasetId))
        .compose(
            rows -> {
              Row r = rows.iterator().next();
              Integer cached = r.getInteger("profile_version");
              if (cached != null && cached == version && r.getJsonObject("profile") != null) {
                return Future.succeededFuture(r.getJsonObject("profile"));
              }
              return compute(projectId, datasetId, dataset)
                  .compose(
                      p ->
                          pool.preparedQuery(
                                  "UPDATE datasets SET profile = $2, profile_version = $3 WHERE id = $1 AND version = $3")
                              .execute(Tuple.of(datasetId, p, version))
                              .map(v -> p));
            });
  }

  private Future<JsonObject> compute(UUID projectId, UUID datasetId, JsonObject dataset) {
    JsonArray columns = dataset.getJsonArray("columns");
    String table = DatasetService.qualified(projectId, dataset.getString("tableName"));
    long rowCount = dataset.getLong("rowCount", 0L);
    return physicalTable(datasetId, dataset.getInteger("version"))
        .compose(
            physical -> {
              String sample =
                  rowCount <= SAMPLE_ROWS
                      ? table
                      : DatasetService.q(ProjectSchemas.schemaName(projectId))
                          + "."
                          + DatasetService.q(physical)
                          + " TABLESAMPLE SYSTEM ("
                          + Math.min(100.0, Math.max(0.01, 100.0 * SAMPLE_ROWS / rowCount))
                          + ")";
              return totals(table, columns)
                  .compose(
                      totals ->
                          distincts(projectId, physical)
                              .compose(
                                  distinct -> {
                                    Future<JsonArray> chain =
                                        Future.succeededFuture(new JsonArray());
                                    for (int i = 0; i < columns.size(); i++) {
                                      JsonObject col = columns.getJsonObject(i);
                                      int idx = i;
                                      chain =
                                          chain.compose(
                                              acc ->
                                                  column(
                                                          sample, col, totals, idx, distinct,
                                                          rowCount)
                                                      .map(acc::add));
                                    }
                                    return chain.map(
                                        cols ->
                                            new JsonObject()
                                                .put("rowCount", rowCount)
                                                .put("sampled", rowCount > SAMPLE_ROWS)
                                                .put("version", dataset.getInteger("version"))
                                                .put("columns", cols));
                                  }));
            });
  }

  private Future<String> physicalTable(UUID datasetId, int version) {
    return pool.preparedQuery(
            "SELECT physical_table FROM dataset_versions WHERE dataset_id = $1 AND version = $2")
        .execute(Tuple.of(datasetId, version))
        .map(rows -> rows.iterator().next().getString(0));
  }

  /** {@link com.analyticsstudio.common.Json#TIMESTAMP} as a PostgreSQL {@code to_char} pattern. */
  private static final String TS_FORMAT = "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'";

  /** One scan: non-null count, min and max of every column. */
  private Future<Row> totals(String table, JsonArray columns) {
    StringBuilder sql = new StringBuilder("SELECT count(*)");
    for (int i = 0; i < columns.size(); i++) {
      JsonObject c = columns.getJsonObject(i);
      String q = DatasetService.q(c.getString("name"));
      sql.append(", count(").append(q).append(")");
      if ("boolean".equals(c.getString("type"))) {
        sql.append(", bool_and(").append(q).append(")::text, bool_or(").append(q).append(")::text");
      } else if ("timestamp".equals(c.getString("type"))) {
        // the API's one timestamp format (Json.TIMESTAMP), not PostgreSQL's text with a space;
        // timestamps are stored in UTC
        sql.append(", to_char(min(").append(q).append("), ").append(TS_FORMAT).append(")");
        sql.append(", to_char(max(").append(q).append("), ").append(TS_FORMAT).append(")");
      } else {
        sql.append(", min(").append(q).append(")::text, max(").append(q).append(")::text");
      }
    }
    return pool.query(sql.append(" FROM ").append(table).toString())
        .execute()
        .map(rows -> rows.iterator().next());
  }

  private Future<JsonObject> distincts(UUID projectId, String physical) {
    return pool.preparedQuery(
            "SELECT attname, n_distinct FROM pg_stats WHERE schemaname = $1 AND tablename = $2")
        .execute(Tuple.of(ProjectSchemas.schemaName(projectId), physical))
        .map(
            rows -> {
              JsonObject out = new JsonObject();
              rows.forEach(r -> out.put(r.getString(0), r.getFloat(1)));
              return out;
            });
  }

  private Future<JsonObject> column(
      String sample, JsonObject col, Row totals, int i, JsonObject distinct, long rowCount) {
    String name = col.getString("name");
    String type = col.getString("type");
    long nonNull = totals.getLong(1 + i * 3);
    String min = totals.getString(2 + i * 3);
    String max = totals.getString(3 + i * 3);
    Float nd = distinct.getFloat(name);
    Long distinctCount =
        nd == null ? null : nd < 0 ? Math.round(-nd * (double) nonNull) : Math.round((double) nd);
    JsonObject out =
        new JsonObject()
            .put("name", name)
            .put("label", col.getString("label"))
            .put("type", type)
            .put("nulls", rowCount - nonNull)
            .put("distinct", distinctCount)
            .put("distinctApproximate", true)
            .put("min", "boolean".equals(type) ? null : min)
            .put("max", "boolean".equals(type) ? null : max);
    String q = DatasetService.q(name);
    // a timestamp's top values in the API's format too (PostgreSQL's text has a space)
    String text = "timestamp".equals(type) ? "to_char(" + q + ", " + TS_FORMAT + ")" : q + "::text";
    Future<JsonArray> top =
        pool.query(
                "SELECT "
                    + text
                    + ", count(*) FROM "
                    + sample
                    + " WHERE "
                    + q
                    + " IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT "
                    + TOP_VALUES)
            .execute()
            .map(
                rows -> {
                  JsonArray values = new JsonArray();
                  rows.forEach(
                      r ->
                          values.add(
                              new JsonObject()
                                  .put("value", r.getString(0))
                                  .put("count", r.getLong(1))));
                  return values;
                });
    boolean numeric = "integer".equals(type) || "decimal".equals(type);
    Future<JsonArray> histogram =
        !numeric || min == null || min.equals(max)
            ? Future.succeededFuture(null)
            : pool.query(
                    "SELECT least(width_bucket("
                        + q
                        + "::float8, "
                        + min
                        + "::float8, "
                        + max
                        + "::float8, "
                        + BUCKETS
                        + "), "
                        + BUCKETS
                        + ") AS b, count(*) FROM "
                        + sample
                        + " WHERE "
                        + q
                        + " IS NOT NULL GROUP BY 1 ORDER BY 1")
                .execute()
                .map(rows -> buckets(rows, Double.parseDouble(min), Double.parseDouble(max)));
    return Future.all(top, histogram)
        .map(all -> out.put("topValues", top.result()).put("histogram", histogram.result()));
  }

  private static JsonArray buckets(Iterable<Row> rows, double min, double max) {
    long[] counts = new long[BUCKETS];
    for (Row r : rows) {
      int b = r.getInteger(0);
      if (b >= 1 && b <= BUCKETS) counts[b - 1] = r.getLong(1);
    }
    double width = (max - min) / BUCKETS;
    JsonArray out = new JsonArray();
    for (int b = 0; b < BUCKETS; b++) {
      out.add(
          new JsonObject()
              .put("from", ResultValues.toJson(min + b * width))
              .put("to", ResultValues.toJson(min + (b + 1) * width))
              .put("count", counts[b]));
    }
    return out;
  }
}
