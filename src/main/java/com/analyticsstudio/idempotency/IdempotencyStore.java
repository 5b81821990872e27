package com.analyticsstudio.idempotency;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * The remembered answers, in PostgreSQL (V60): every instance of the stateless process sees the
 * same keys, and a claim is one atomic statement, so two concurrent requests with one key can never
 * both run.
 */
final class IdempotencyStore {
  /** One entry: who, which operation, the client's key. */
  record Entry(UUID userId, String operation, String key) {}

  /** What a claim found. */
  sealed interface Claim permits Claimed, Running, Done {}

  /** This request is the first: run it, then {@link #complete} or {@link #release}. */
  record Claimed() implements Claim {}

  /** Another request with this key is running (or died less than a lease ago). */
  record Running(String fingerprint) implements Claim {}

  /** The first request's answer. */
  record Done(String fingerprint, int status, String contentType, Buffer body) implements Claim {}

  private final Pool pool;

  IdempotencyStore(Pool pool) {
    this.pool = pool;
  }

  Future<Claim> claim(Entry e, String fingerprint, long leaseSeconds, long ttlSeconds) {
    return pool.preparedQuery(IdempotencySql.CLAIM)
        .execute(
            Tuple.of(e.userId(), e.operation(), e.key(), fingerprint, leaseSeconds, ttlSeconds))
        .compose(
            rows ->
                rows.size() > 0
                    ? Future.succeededFuture((Claim) new Claimed())
                    : pool.preparedQuery(IdempotencySql.GET)
                        .execute(Tuple.of(e.userId(), e.operation(), e.key()))
                        .map(
                            found -> {
                              if (found.size() == 0) {
                                return new Running(
                                    fingerprint); // completed-and-purged in between: treat as
                                // running, the retry retries
                              }
                              Row r = found.iterator().next();
                              Integer status = r.getInteger("status");
                              return status == null
                                  ? new Running(r.getString("fingerprint"))
                                  : new Done(
                                      r.getString("fingerprint"),
                                      status,
                                      r.getString("content_type"),
                                      r.getBuffer("body"));
                            }));
  }

  Future<Void> complete(Entry e, String fingerprint, int status, String contentType, Buffer body) {
    return pool.preparedQuery(IdempotencySql.COMPLETE)
        .execute(
            Tuple.of(e.userId(), e.operation(), e.key(), fingerprint, status, contentType, body))
        .compose(v -> pool.preparedQuery(IdempotencySql.PURGE).execute(Tuple.of(e.userId())))
        .mapEmpty();
  }

  Future<Void> release(Entry e, String fingerprint) {
    return pool.preparedQuery(IdempotencySql.RELEASE)
        .execute(Tuple.of(e.userId(), e.operation(), e.key(), fingerprint))
        .mapEmpty();
  }
}
