package com.analyticsstudio.common;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Dependency safety: what uses a dataset, a model member or a chart. Each feature that uses
 * something (charts use datasets and members, dashboards use charts and members) registers a {@link
 * Source}; the features whose things are used (datasets, models, charts) ask the one {@link
 * Registry} the wiring built, so no feature depends on the features that depend on it and the
 * packages keep one direction.
 */
public final class UsedBy {
  private UsedBy() {}

  /** What is asked about. */
  public sealed interface Subject permits Dataset, Member, Chart {
    UUID projectId();
  }

  /**
   * A dataset: its id, table name and display name, and the project's table names (an SQL chart's
   * statement is read by the SQL guard, which needs them).
   */
  public record Dataset(
      UUID projectId, UUID datasetId, String table, String name, Set<String> projectTables)
      implements Subject {}

  /** A member (measure or dimension) of a dataset's model. */
  public record Member(UUID projectId, UUID datasetId, String table, String name, String member)
      implements Subject {}

  /** A saved chart. */
  public record Chart(UUID projectId, UUID chartId) implements Subject {}

  /**
   * One user of the subject: {@code kind} chart or dashboard, its id and name, and {@code via}, how
   * it uses it ("query", "sql", "measures", "formula", "filters", "widget w1", "filter f2", …);
   * {@code member} names the member for a model's removed members.
   */
  public record Use(String kind, UUID id, String name, String via, String member) {
    public Use(String kind, UUID id, String name, String via) {
      this(kind, id, name, via, null);
    }

    public Use withMember(String m) {
      return new Use(kind, id, name, via, m);
    }

    public JsonObject toJson() {
      JsonObject j =
          new JsonObject()
              .put("kind", kind)
              .put("id", id.toString())
              .put("name", name)
              .put("via", via);
      if (member != null) j.put("member", member);
      return j;
    }
  }

  /**
   * A feature that uses things. {@code found} holds what the sources registered before it found
   * (dashboards see the charts that use a dataset, so they can name the dashboards showing them).
   */
  @FunctionalInterface
  public interface Source {
    Future<List<Use>> usedBy(Subject subject, List<Use> found);
  }

  /** The sources of the process, asked in the order they were registered. */
  public static final class Registry {
    private final List<Source> sources = new CopyOnWriteArrayList<>();

    public void register(Source source) {
      sources.add(source);
    }

    /** Every use of {@code subject}, one per (kind, id), charts first, then by name. */
    public Future<List<Use>> of(Subject subject) {
      Future<List<Use>> chain = Future.succeededFuture(List.of());
      for (Source s : sources) {
        chain =
            chain.compose(
                found ->
                    s.usedBy(subject, found)
                        .map(
                            more -> {
                              List<Use> all = new ArrayList<>(found);
                              all.addAll(more);
                              return all;
                            }));
      }
      return chain.map(UsedBy::distinct);
    }

    /**
     * Succeeds when nothing uses {@code subject} or {@code force} is set; else fails with 409
     * {@code in_use}, {@code details.usedBy} listing the users.
     */
    public Future<Void> requireUnused(Subject subject, boolean force, String what) {
      if (force) return Future.succeededFuture();
      return of(subject)
          .map(
              uses -> {
                if (!uses.isEmpty()) throw inUse(what, uses, new JsonObject());
                return null;
              });
    }
  }

  /** The 409 for {@code what} (e.g. "dataset \"orders\"") used by {@code uses}. */
  public static ApiException inUse(String what, List<Use> uses, JsonObject details) {
    JsonArray list = new JsonArray();
    uses.forEach(u -> list.add(u.toJson()));
    Use first = uses.get(0);
    String more = uses.size() > 1 ? " and " + (uses.size() - 1) + " more" : "";
    return new ApiException(
        409,
        "in_use",
        what
            + " is used by "
            + first.kind()
            + " \""
            + first.name()
            + "\""
            + more
            + "; change those first, or repeat with ?force=true",
        details.copy().put("usedBy", list));
  }

  /** The answer of a {@code …/used-by} operation (read whole, sliced by the route). */
  public static JsonObject answer(List<Use> uses) {
    JsonArray items = new JsonArray();
    uses.forEach(u -> items.add(u.toJson()));
    return new JsonObject().put("items", items);
  }

  static List<Use> distinct(List<Use> uses) {
    Map<String, Use> byKey = new LinkedHashMap<>();
    for (Use u : uses) {
      byKey.putIfAbsent(u.kind() + "|" + u.id() + "|" + (u.member() == null ? "" : u.member()), u);
    }
    List<Use> out = new ArrayList<>(byKey.values());
    out.sort(
        Comparator.comparing((Use u) -> u.kind().equals("chart") ? 0 : 1)
            .thenComparing(Use::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(u -> u.id().toString()));
    return out;
  }
}
