package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Each project's fair share of this process's user-SQL pool. Every statement that takes a pooled
 * connection (a query that missed the cache, an explain, an export, a job) first takes a {@link
 * Slot} here and gives it back when its connection is returned.
 *
 * <ul>
 *   <li>A project holds at most {@code perProject} slots in all lanes together, a user at most
 *       {@code perUser} of them (queries and exports), so one project can never take the whole pool
 *       while others wait.
 *   <li>Exports hold a connection as long as their client reads: at most {@code exportsPerProject}
 *       per project, and at most {@code exportsTotal} in the process, so exports never take the
 *       whole pool either.
 *   <li>Jobs run in their own lane: at most {@code jobsPerProject} per project (the job runner's
 *       own {@code QUERY_JOB_CONCURRENCY} bounds them per process); a job over its share waits
 *       queued instead of being refused ({@link #tryAcquire}).
 * </ul>
 *
 * Beyond a project's or user's share the answer is 429 {@code project_busy} with {@code
 * Retry-After}, at once, while other projects are served; a full global export lane is 503 {@code
 * overloaded}. The counts are per process, like the pool they divide. Thread-safe: the counts sit
 * behind one short lock (a few map operations), taken by every event loop.
 */
public final class FairShare {
  /** What a slot is for. */
  public enum Lane {
    QUERY,
    EXPORT,
    JOB
  }

  /**
   * The caps.
   *
   * @param perProject slots one project holds at most, every lane together
   * @param perUser slots one user holds at most (queries and exports)
   * @param exportsPerProject exports one project runs at once
   * @param exportsTotal exports the process runs at once
   * @param jobsPerProject jobs one project runs at once
   */
  public record Limits(
      int perProject, int perUser, int exportsPerProject, int exportsTotal, int jobsPerProject) {
    public Limits {
      if (perProject < 1
          || perUser < 1
          || exportsPerProject < 1
          || exportsTotal < 1
          || jobsPerProject < 1) {
        throw new IllegalArgumentException("every fair-share limit must be at least 1");
      }
    }

    /**
     * From {@code PROJECT_MAX_CONCURRENT} (0 = half the pool, rounded up), {@code
     * USER_MAX_CONCURRENT} (0 = one less than a project, at least 1), {@code
     * EXPORT_MAX_PER_PROJECT}, {@code EXPORT_MAX_CONCURRENT} (0 = half the pool, at least 1) and
     * {@code QUERY_JOB_MAX_RUNNING_PER_PROJECT} (0 = half of {@code QUERY_JOB_CONCURRENCY}, rounded
     * up).
     */
    public static Limits of(AppConfig.QueryEngine q, AppConfig.Fairness f) {
      int pool = q.poolSize();
      int project = f.projectMaxConcurrent() > 0 ? f.projectMaxConcurrent() : (pool + 1) / 2;
      int user = f.userMaxConcurrent() > 0 ? f.userMaxConcurrent() : Math.max(1, project - 1);
      int exportsTotal =
          f.exportMaxConcurrent() > 0 ? f.exportMaxConcurrent() : Math.max(1, pool / 2);
      int jobs =
          f.jobMaxRunningPerProject() > 0
              ? f.jobMaxRunningPerProject()
              : (q.jobConcurrency() + 1) / 2;
      return new Limits(project, user, f.exportMaxPerProject(), exportsTotal, jobs);
    }
  }

  /** Seconds a refused query is told to wait: interactive statements are short. */
  static final int QUERY_RETRY_AFTER_SECONDS = 1;

  /** Seconds a refused export is told to wait: an export holds its slot for longer. */
  static final int EXPORT_RETRY_AFTER_SECONDS = 5;

  private final Limits limits;
  private final Map<UUID, Held> projects = new HashMap<>();
  private final Map<UUID, Integer> users = new HashMap<>();
  private final List<Runnable> releaseListeners = new CopyOnWriteArrayList<>();
  private int exports;

  public FairShare(Limits limits) {
    this.limits = limits;
  }

  public Limits limits() {
    return limits;
  }

  /** A taken slot; {@link #release} gives it back (idempotent). */
  public final class Slot {
    private final UUID project;
    private final UUID user;
    private final Lane lane;
    private final AtomicBoolean released = new AtomicBoolean();

    private Slot(UUID project, UUID user, Lane lane) {
      this.project = project;
      this.user = user;
      this.lane = lane;
    }

    public void release() {
      if (released.compareAndSet(false, true)) {
        FairShare.this.release(this);
      }
    }
  }

  /** Slots one project holds, per lane. */
  private static final class Held {
    int total;
    int exports;
    int jobs;
  }

  /** Why a slot was refused. */
  enum Refusal {
    PROJECT,
    USER,
    PROJECT_EXPORTS,
    EXPORTS,
    PROJECT_JOBS
  }

  /**
   * Takes a slot for {@code user} of {@code project} in {@code lane}.
   *
   * @throws ApiException 429 {@code project_busy} (with {@code Retry-After}) beyond the project's
   *     or user's share, 503 {@code overloaded} when the process runs as many exports as it allows
   */
  public Slot acquire(UUID project, UUID user, Lane lane) {
    Object outcome = take(project, user, lane);
    if (outcome instanceof Slot slot) {
      return slot;
    }
    throw refusal((Refusal) outcome, lane);
  }

  /**
   * Takes a slot, or returns null when the share is used up (for jobs, which wait queued and try
   * again when a slot is released, see {@link #onRelease}).
   */
  public Slot tryAcquire(UUID project, UUID user, Lane lane) {
    return take(project, user, lane) instanceof Slot slot ? slot : null;
  }

  /** Runs {@code listener} after every release, outside the lock (queued jobs start then). */
  public void onRelease(Runnable listener) {
    releaseListeners.add(listener);
  }

  /** Slots {@code project} holds now, every lane together. */
  public synchronized int held(UUID project) {
    Held h = projects.get(project);
    return h == null ? 0 : h.total;
  }

  /** Slots held in the process now, every project together. */
  public synchronized int heldTotal() {
    int n = 0;
    for (Held h : projects.values()) n += h.total;
    return n;
  }

  /** A {@link Slot} or the {@link Refusal}. */
  private synchronized Object take(UUID project, UUID user, Lane lane) {
    Held h = projects.get(project);
    int total = h == null ? 0 : h.total;
    if (total >= limits.perProject) return Refusal.PROJECT;
    boolean counted = user != null && lane != Lane.JOB;
    if (counted && users.getOrDefault(user, 0) >= limits.perUser) return Refusal.USER;
    if (lane == Lane.EXPORT) {
      if (h != null && h.exports >= limits.exportsPerProject) return Refusal.PROJECT_EXPORTS;
      if (exports >= limits.exportsTotal) return Refusal.EXPORTS;
    }
    if (lane == Lane.JOB && h != null && h.jobs >= limits.jobsPerProject) {
      return Refusal.PROJECT_JOBS;
    }
    if (h == null) {
      h = new Held();
      projects.put(project, h);
    }
    h.total++;
    if (lane == Lane.EXPORT) {
      h.exports++;
      exports++;
    } else if (lane == Lane.JOB) {
      h.jobs++;
    }
    if (counted) users.merge(user, 1, Integer::sum);
    return new Slot(project, counted ? user : null, lane);
  }

  private void release(Slot slot) {
    synchronized (this) {
      Held h = projects.get(slot.project);
      if (h != null) {
        h.total--;
        if (slot.lane == Lane.EXPORT) {
          h.exports--;
          exports--;
        } else if (slot.lane == Lane.JOB) {
          h.jobs--;
        }
        if (h.total <= 0) projects.remove(slot.project);
      }
      if (slot.user != null) {
        users.computeIfPresent(slot.user, (k, n) -> n <= 1 ? null : n - 1);
      }
    }
    for (Runnable listener : releaseListeners) listener.run();
  }

  ApiException refusal(Refusal why, Lane lane) {
    int retryAfter = lane == Lane.EXPORT ? EXPORT_RETRY_AFTER_SECONDS : QUERY_RETRY_AFTER_SECONDS;
    return switch (why) {
      case PROJECT ->
          busy(
              "the project is running as many statements as its share of the query engine allows"
                  + " ("
                  + limits.perProject
                  + ", PROJECT_MAX_CONCURRENT); retry shortly",
              "project",
              limits.perProject,
              retryAfter);
      case USER ->
          busy(
              "you are running as many statements at once as one user may ("
                  + limits.perUser
                  + ", USER_MAX_CONCURRENT); retry shortly",
              "user",
              limits.perUser,
              retryAfter);
      case PROJECT_EXPORTS ->
          busy(
              "the project is running as many exports at once as it may ("
                  + limits.exportsPerProject
                  + ", EXPORT_MAX_PER_PROJECT); retry when one has finished",
              "project_exports",
              limits.exportsPerProject,
              retryAfter);
      case PROJECT_JOBS ->
          busy(
              "the project is running as many jobs at once as it may ("
                  + limits.jobsPerProject
                  + ", QUERY_JOB_MAX_RUNNING_PER_PROJECT)",
              "project_jobs",
              limits.jobsPerProject,
              retryAfter);
      case EXPORTS ->
          new ApiException(
              503,
              "overloaded",
              "the server is running as many exports as it allows at once; retry shortly",
              new JsonObject()
                  .put(
                      "reason",
                      "exports in this process are at their limit (EXPORT_MAX_CONCURRENT, "
                          + limits.exportsTotal
                          + ")"),
              retryAfter,
              null);
    };
  }

  private static ApiException busy(String message, String scope, int limit, int retryAfter) {
    return new ApiException(
        429,
        "project_busy",
        message,
        new JsonObject().put("scope", scope).put("limit", limit),
        retryAfter,
        null);
  }
}
