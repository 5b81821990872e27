package com.analyticsstudio.ask;

import com.analyticsstudio.ask.planner.ColumnInfo;
import com.analyticsstudio.ask.planner.ColumnType;
import com.analyticsstudio.ask.planner.DatasetInfo;
import com.analyticsstudio.ask.planner.ValueCount;
import com.analyticsstudio.ask.planner.ValueLookup;
import com.analyticsstudio.common.Caches;
import com.analyticsstudio.dataset.DatasetService;
import com.analyticsstudio.llm.DatasetSchema;
import com.analyticsstudio.tenancy.ProjectSchemas;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What Ask knows about a project's datasets: columns, types, profile facts and the real values of
 * categorical text columns, as the planner and the model each want them. Only this project's
 * datasets are ever loaded. Values are read by the app itself (not user SQL) and cached per dataset
 * version, so a question costs no scan once a version has been asked about.
 */
public final class SchemaLoader {
  private static final int CACHE_ENTRIES = 2_000;
  private static final int LLM_TOP_VALUES = 12;
  private static final int LLM_SAMPLES = 3;

  /** A dataset in both shapes. */
  record Loaded(JsonObject dataset, DatasetInfo planner, DatasetSchema llm) {}

  private final Pool pool;
  private final DatasetService datasets;

  /** Values per dataset version, shared by every HTTP instance (one loader per process). */
  private final Cache<String, List<ValueCount>> values;

  /** Datasets as the planner and the model see them, per dataset version. */
  private final Cache<String, Loaded> loaded;

  private static final int LOADED_ENTRIES = 256;

  public SchemaLoader(Pool pool, DatasetService datasets, MeterRegistry registry) {
    this.pool = pool;
    this.datasets = datasets;
    this.values =
        Caches.monitored(registry, "ask_values", Caffeine.newBuilder().maximumSize(CACHE_ENTRIES));
    this.loaded =
        Caches.monitored(
            registry, "ask_datasets", Caffeine.newBuilder().maximumSize(LOADED_ENTRIES));
  }

  Future<List<Loaded>> load(UUID projectId) {
    return datasets
        .loadedDatasets(projectId)
        .compose(
            list -> {
              Future<List<Loaded>> chain = Future.succeededFuture(new ArrayList<>());
              for (JsonObject d : list) {
                chain =
                    chain.compose(
                        acc ->
                            one(projectId, d)
                                .map(
                                    l -> {
                                      acc.add(l);
                                      return acc;
                                    }));
              }
              return chain;
            });
  }

  private Future<Loaded> one(UUID projectId, JsonObject d) {
    // One instance per dataset version: the planner caches its index by identity, and nothing
    // the planner or the model sees changes until a new version is loaded.
    String key =
        "loaded:" + d.getString("id") + ":" + d.getInteger("version") + ":" + d.getString("name");
    Loaded cached = loaded.getIfPresent(key);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return build(projectId, d).onSuccess(l -> loaded.put(key, l));
  }

  private Future<Loaded> build(UUID projectId, JsonObject d) {
    return datasets
        .profileOf(projectId, d)
        .compose(
            profile -> {
              Map<String, JsonObject> byName = new LinkedHashMap<>();
              profile
                  .getJsonArray("columns", new JsonArray())
                  .forEach(c -> byName.put(((JsonObject) c).getString("name"), (JsonObject) c));
              List<ColumnInfo> base = new ArrayList<>();
              JsonArray columns = d.getJsonArray("columns");
              for (int i = 0; i < columns.size(); i++) {
                JsonObject c = columns.getJsonObject(i);
                JsonObject p = byName.getOrDefault(c.getString("name"), new JsonObject());
                Long distinct = p.getLong("distinct");
                base.add(
                    new ColumnInfo(
                        c.getString("name"),
                        c.getString("label"),
                        ColumnType.of(c.getString("type")),
                        distinct,
                        p.getString("min"),
                        p.getString("max"),
                        List.of()));
              }
              Future<List<ColumnInfo>> withValues = Future.succeededFuture(new ArrayList<>());
              for (ColumnInfo c : base) {
                withValues =
                    withValues.compose(
                        acc ->
                            (ValueLookup.categorical(c)
                                    ? values(projectId, d, c.name()).map(c::withValues)
                                    : Future.succeededFuture(c))
                                .map(
                                    col -> {
                                      acc.add(col);
                                      return acc;
                                    }));
              }
              return withValues.map(
                  cols ->
                      new Loaded(
                          d,
                          new DatasetInfo(
                              d.getString("id"),
                              d.getString("tableName"),
                              d.getString("name"),
                              d.getLong("rowCount", 0L),
                              cols),
                          llmSchema(d, cols)));
            });
  }

  private Future<List<ValueCount>> values(UUID projectId, JsonObject d, String column) {
    String key = d.getString("id") + ":" + d.getInteger("version") + ":" + column;
    List<ValueCount> hit = values.getIfPresent(key);
    if (hit != null) {
      return Future.succeededFuture(hit);
    }
    String q = "\"" + column.replace("\"", "\"\"") + "\"";
    String table =
        "\""
            + ProjectSchemas.schemaName(projectId)
            + "\".\""
            + d.getString("tableName").replace("\"", "\"\"")
            + "\"";
    String sql =
        "SELECT "
            + q
            + "::text, count(*) FROM "
            + table
            + " WHERE "
            + q
            + " IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT "
            + ValueLookup.MAX_VALUES;
    return pool.query(sql)
        .execute()
        .map(
            rows -> {
              List<ValueCount> out = new ArrayList<>();
              rows.forEach(r -> out.add(new ValueCount(r.getString(0), r.getLong(1))));
              values.put(key, List.copyOf(out));
              return out;
            });
  }

  private static DatasetSchema llmSchema(JsonObject d, List<ColumnInfo> cols) {
    List<DatasetSchema.Column> out = new ArrayList<>();
    for (ColumnInfo c : cols) {
      List<DatasetSchema.TopValue> top =
          c.values().stream()
              .limit(LLM_TOP_VALUES)
              .map(v -> new DatasetSchema.TopValue(v.value(), v.count()))
              .toList();
      List<String> samples = c.values().stream().limit(LLM_SAMPLES).map(ValueCount::value).toList();
      if (samples.isEmpty()) {
        samples = new ArrayList<>();
        if (c.min() != null) samples.add(c.min());
        if (c.max() != null && !c.max().equals(c.min())) samples.add(c.max());
      }
      out.add(
          new DatasetSchema.Column(
              c.name(), c.label(), c.type().json(), samples, top, c.min(), c.max()));
    }
    return new DatasetSchema(
        d.getString("tableName"), d.getString("name"), d.getLong("rowCount", 0L), out);
  }
}
