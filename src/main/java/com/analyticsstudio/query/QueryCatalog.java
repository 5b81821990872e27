package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.SingleFlight;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What a query needs to know about its project before it runs, remembered briefly in process: that
 * the caller is a member, the project's queryable datasets with their live versions (the guard's
 * allowed tables and part of the cache key), and the project's {@code catalog_version} they were
 * read at.
 *
 * <p>Reading this from PostgreSQL on every query cost a round trip of its own (a third of a cheap
 * query's database time). Instead an entry lives {@link #TTL_MS} and is dropped at once when this
 * process changes the project ({@link #invalidate}: a version went live, a dataset or a member was
 * removed, the project was deleted). Changes made through another instance of the app reach this
 * one within {@link #TTL_MS}: until then a member removed there may still query here, and cached
 * answers may come from the previous version (never an older one). Statements themselves always
 * read the live data: a dataset that appeared is looked up afresh when the guard does not know it,
 * one that disappeared fails in PostgreSQL, and a statement prepared for a dataset's old shape is
 * re-prepared ({@link QueryService#prepared}).
 */
public final class QueryCatalog {
  /** How long an entry serves before it is read again. */
  static final long TTL_MS = 1_000;

  private static final int MAX_PROJECTS = 20_000;

  /**
   * The project's queryable datasets as the caller sees them.
   *
   * @param versions table name → live version, sorted by name
   * @param catalogVersion the project's {@code catalog_version} when they were read
   */
  public record Catalog(Map<String, Integer> versions, long catalogVersion) {}

  private record Entry(Catalog catalog, long readAtMs) {}

  private final Pool pool;
  private final LongSupplier clockMs;

  /** project → user → entry, so a project's entries go together. */
  private final Cache<UUID, Map<UUID, Entry>> entries =
      Caffeine.newBuilder().maximumSize(MAX_PROJECTS).build();

  private final SingleFlight<String, Catalog> reading = new SingleFlight<>();

  /** Bumped by every invalidation: a read that overlapped one does not store what it read. */
  private final AtomicLong invalidations = new AtomicLong();

  /** {@code clockMs}: the time entries are read and aged by (a fake clock in tests). */
  public QueryCatalog(Pool pool, LongSupplier clockMs) {
    this.pool = pool;
    this.clockMs = clockMs;
  }

  /** Forgets {@code projectId}. */
  public void invalidate(UUID projectId) {
    invalidations.incrementAndGet();
    entries.invalidate(projectId);
  }

  /**
   * The caller's catalog of the project; fails with 404 {@code project_not_found} when the caller
   * is not a member.
   *
   * @param fresh read it from PostgreSQL even if a recent entry exists
   */
  public Future<Catalog> get(UUID projectId, UUID userId, boolean fresh) {
    if (!fresh) {
      Map<UUID, Entry> users = entries.getIfPresent(projectId);
      Entry e = users == null ? null : users.get(userId);
      if (e != null && clockMs.getAsLong() - e.readAtMs < TTL_MS) {
        return Future.succeededFuture(e.catalog);
      }
    }
    // Concurrent misses for the same caller share one read.
    return reading.run(projectId + ":" + userId, () -> read(projectId, userId));
  }

  private Future<Catalog> read(UUID projectId, UUID userId) {
    long readAt = clockMs.getAsLong();
    long invalidationsBefore = invalidations.get();
    return pool.preparedQuery(QuerySql.CATALOG)
        .execute(Tuple.of(projectId, userId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                // Only this caller's entry: a stranger's 404s must not stop members' reads from
                // being kept.
                Map<UUID, Entry> users = entries.getIfPresent(projectId);
                if (users != null) users.remove(userId);
                throw ApiException.notFound("project");
              }
              Map<String, Integer> versions = new TreeMap<>();
              long catalogVersion = 0;
              for (Row r : rows) {
                catalogVersion = r.getLong("catalog_version");
                String table = r.getString("table_name");
                if (table != null) versions.put(table, r.getInteger("version"));
              }
              Catalog catalog = new Catalog(Collections.unmodifiableMap(versions), catalogVersion);
              if (invalidations.get() != invalidationsBefore)
                return catalog; // may predate the change: use once, keep not
              entries
                  .get(projectId, id -> new ConcurrentHashMap<>())
                  .put(userId, new Entry(catalog, readAt));
              return catalog;
            });
  }
}
