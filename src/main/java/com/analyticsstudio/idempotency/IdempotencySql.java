package com.analyticsstudio.idempotency;

/** SQL of the idempotency keys (V60), in one place. */
final class IdempotencySql {
  /**
   * Claims (user, operation, key) for a first request: inserts it, or takes over an entry that
   * expired or whose request never finished within its lease. Returns a row when claimed.
   */
  static final String CLAIM =
      """
      INSERT INTO idempotency_keys (user_id, operation, key, fingerprint, locked_until, expires_at)
      VALUES ($1, $2, $3, $4, now() + $5 * interval '1 second', now() + $6 * interval '1 second')
      ON CONFLICT (user_id, operation, key) DO UPDATE
        SET fingerprint = EXCLUDED.fingerprint, status = NULL, content_type = NULL, body = NULL,
            locked_until = EXCLUDED.locked_until, created_at = now(), expires_at = EXCLUDED.expires_at
        WHERE idempotency_keys.expires_at < now()
           OR (idempotency_keys.status IS NULL AND idempotency_keys.locked_until < now())
      RETURNING 1""";

  static final String GET =
      """
      SELECT fingerprint, status, content_type, body FROM idempotency_keys
      WHERE user_id = $1 AND operation = $2 AND key = $3""";
  static final String COMPLETE =
      """
      UPDATE idempotency_keys SET status = $5, content_type = $6, body = $7
      WHERE user_id = $1 AND operation = $2 AND key = $3 AND fingerprint = $4 AND status IS NULL""";
  static final String RELEASE =
      """
      DELETE FROM idempotency_keys
      WHERE user_id = $1 AND operation = $2 AND key = $3 AND fingerprint = $4 AND status IS NULL""";

  /**
   * The caller's expired entries, dropped whenever one of theirs completes (keeps the table small).
   */
  static final String PURGE =
      "DELETE FROM idempotency_keys WHERE user_id = $1 AND expires_at < now()";

  private IdempotencySql() {}
}
