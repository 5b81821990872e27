package com.analyticsstudio.auth;

import com.analyticsstudio.common.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** SQL for accounts, tokens and keys, and the row mappers that go with it. */
final class UserSql {
  static final String INSERT_USER = """
      INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3)
      RETURNING id, email, name, created_at""";
  static final String USER_BY_EMAIL = """
      SELECT id, email, name, created_at, password_hash FROM users WHERE lower(email) = lower($1)""";
  static final String USER_BY_ID = "SELECT id, email, name, created_at FROM users WHERE id = $1";

  static final String INSERT_REFRESH = """
      INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
      VALUES ($1, $2, $3, now() + make_interval(days => $4))""";
  static final String REFRESH_FOR_UPDATE = """
      SELECT r.id, r.user_id, r.family_id, r.used_at, r.revoked_at, r.expires_at < now() AS expired,
             u.email, u.name, u.created_at
      FROM refresh_tokens r JOIN users u ON u.id = r.user_id
      WHERE r.token_hash = $1 FOR UPDATE OF r""";
  static final String MARK_REFRESH_USED = "UPDATE refresh_tokens SET used_at = now() WHERE id = $1";
  static final String REVOKE_FAMILY = """
      UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL""";
  static final String REVOKE_FAMILY_OF_TOKEN = """
      UPDATE refresh_tokens SET revoked_at = now()
      WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2)
        AND revoked_at IS NULL""";
  static final String REVOKE_ALL_OF_USER = """
      UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL""";

  static final String INSERT_API_KEY = """
      INSERT INTO api_keys (user_id, name, prefix, key_hash) VALUES ($1, $2, $3, $4)
      RETURNING id, name, prefix, created_at, last_used_at""";
  static final String LIST_API_KEYS = """
      SELECT id, name, prefix, created_at, last_used_at FROM api_keys
      WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC""";
  static final String REVOKE_API_KEY = """
      UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL
      RETURNING key_hash""";
  static final String API_KEY_OWNER = """
      SELECT k.id, k.user_id, u.email FROM api_keys k JOIN users u ON u.id = k.user_id
      WHERE k.key_hash = $1 AND k.revoked_at IS NULL""";
  // Written at most once a minute per key, so a busy key does not turn every read into a write.
  static final String TOUCH_API_KEY = """
      UPDATE api_keys SET last_used_at = now()
      WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""";

  private UserSql() {}

  static JsonObject user(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("email", row.getString("email"))
        .put("name", row.getString("name"))
        .put("createdAt", Json.iso(row.getOffsetDateTime("created_at")));
  }

  static JsonObject apiKey(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("name", row.getString("name"))
        .put("prefix", row.getString("prefix"))
        .put("createdAt", Json.iso(row.getOffsetDateTime("created_at")))
        .put("lastUsedAt", Json.iso(row.getOffsetDateTime("last_used_at")));
  }
}
