package com.analyticsstudio.dataset;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dataset {@code /events} streams open in this process, by project, so that a change of a
 * project's members ends the streams of whoever lost access at once instead of letting them read
 * on. Process-wide (one per Vert.x instance): a member removed through one HTTP verticle closes
 * streams held by another, each on its own event loop. Streams opened on other instances of the app
 * notice through their periodic membership check ({@code EVENTS_MEMBERSHIP_CHECK_SECONDS}).
 */
public final class EventStreams {

  /** Whether the user is (still) a member of the project. */
  @FunctionalInterface
  public interface Membership {
    Future<Boolean> isMember(UUID projectId, UUID userId);
  }

  /** One open stream; {@link #close} ends it with a last event, on the stream's own context. */
  public final class Stream {
    private final UUID projectId;
    private final UUID userId;
    private final Context context;
    private final Runnable end;

    private Stream(UUID projectId, UUID userId, Context context, Runnable end) {
      this.projectId = projectId;
      this.userId = userId;
      this.context = context;
      this.end = end;
    }

    /** Forgets the stream (it ended by itself or the client left). */
    public void forget() {
      Set<Stream> set = byProject.get(projectId);
      if (set != null) {
        set.remove(this);
        byProject.computeIfPresent(projectId, (k, v) -> v.isEmpty() ? null : v);
      }
    }

    void close() {
      forget();
      context.runOnContext(v -> end.run());
    }
  }

  private final Map<UUID, Set<Stream>> byProject = new ConcurrentHashMap<>();
  private final Membership membership;

  public EventStreams(Membership membership) {
    this.membership = membership;
  }

  /**
   * Registers a stream of {@code userId} on {@code projectId}; {@code end} runs on the caller's
   * context when access is lost.
   */
  public Stream open(UUID projectId, UUID userId, Context context, Runnable end) {
    Stream s = new Stream(projectId, userId, context, end);
    byProject.computeIfAbsent(projectId, k -> ConcurrentHashMap.newKeySet()).add(s);
    return s;
  }

  /** Closes the streams of {@code userId} on {@code projectId} (removed from the project). */
  public void close(UUID projectId, UUID userId) {
    Set<Stream> set = byProject.get(projectId);
    if (set == null) return;
    for (Stream s : Set.copyOf(set)) {
      if (s.userId.equals(userId)) s.close();
    }
  }

  /**
   * After the project's members changed: asks, once per user with an open stream, whether they are
   * still a member, and closes the streams of those who are not. A failed check keeps the stream
   * (the periodic check will ask again).
   */
  public Future<Void> recheck(UUID projectId) {
    Set<Stream> set = byProject.get(projectId);
    if (set == null || set.isEmpty()) {
      return Future.succeededFuture();
    }
    Set<UUID> users = ConcurrentHashMap.newKeySet();
    set.forEach(s -> users.add(s.userId));
    return Future.join(
            users.stream()
                .map(
                    u ->
                        membership
                            .isMember(projectId, u)
                            .onSuccess(
                                member -> {
                                  if (!member) close(projectId, u);
                                }))
                .toList())
        .mapEmpty();
  }

  /** Open streams in this process (for tests and metrics). */
  public int size() {
    return byProject.values().stream().mapToInt(Set::size).sum();
  }
}
