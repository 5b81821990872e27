package com.analyticsstudio.query;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * Encoded query results by key: in Redis when {@code REDIS_URL} is set ({@link RedisQueryCache}),
 * otherwise in process ({@link LocalQueryCache}). Keys are built by {@link QueryService} from the
 * project, the normalised SQL, the limit and the live version of every dataset the statement reads,
 * so new data never meets an old entry; entries also expire after {@code CACHE_TTL}. A cache that
 * fails is treated as a miss by the caller: it never fails a query.
 */
public interface QueryCache {

  /** The value stored under {@code key}, or null when there is none (or it expired). */
  Future<Buffer> get(String key);

  /**
   * Stores {@code value} under {@code key} for {@code ttlSeconds} (≥ 1), replacing any older value.
   */
  Future<Void> put(String key, Buffer value, int ttlSeconds);
}
