package com.analyticsstudio.semantic;

import com.analyticsstudio.project.Role;
import io.vertx.core.Future;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a semantic query reads before it compiles — the caller's role and the dataset's live model
 * with its related models — remembered for {@link #TTL_MS} per process, like the query path's
 * catalog ({@code query.QueryCatalog}). Reading them on every query cost two round trips to the app
 * database, more than a cached answer itself. A model written in this process is dropped at once;
 * another instance's write (or a new dataset version, or a member removed) reaches this one within
 * the TTL. Concurrent misses are not merged (a miss costs two short reads).
 */
public final class ModelCache {
  static final long TTL_MS = 1_000;

  /** Entries kept at most; beyond it the map is cleared (it refills within a second). */
  static final int MAX_ENTRIES = 10_000;

  /** A live model and the models its relationships point at, by table name. */
  public record Prepared(ModelService.Loaded live, Map<String, ModelIndex.Related> related) {}

  private record Entry<T>(T value, long readAtMs) {}

  private final Map<String, Entry<Role>> roles = new ConcurrentHashMap<>();
  private final Map<String, Entry<Prepared>> models = new ConcurrentHashMap<>();
  private final LongSupplier clockMs;

  public ModelCache() {
    this(System::currentTimeMillis);
  }

  ModelCache(LongSupplier clockMs) {
    this.clockMs = clockMs;
  }

  Future<Role> role(UUID projectId, UUID userId, Supplier<Future<Role>> read) {
    return remembered(roles, projectId + "|" + userId, read);
  }

  Future<Prepared> model(UUID projectId, String dataset, Supplier<Future<Prepared>> read) {
    return remembered(models, projectId + "|" + dataset, read);
  }

  /** Forgets every entry of the dataset (after a write in this process). */
  void invalidate(UUID datasetId) {
    models
        .values()
        .removeIf(
            e ->
                e.value().live().datasetId().equals(datasetId)
                    || e.value().related().values().stream()
                        .anyMatch(r -> r.datasetId() != null && r.datasetId().equals(datasetId)));
  }

  private <T> Future<T> remembered(
      Map<String, Entry<T>> map, String key, Supplier<Future<T>> read) {
    Entry<T> e = map.get(key);
    long now = clockMs.getAsLong();
    if (e != null && now - e.readAtMs() < TTL_MS) return Future.succeededFuture(e.value());
    return read.get()
        .onSuccess(
            v -> {
              if (map.size() >= MAX_ENTRIES) map.clear();
              map.put(key, new Entry<>(v, now));
            });
  }
}
