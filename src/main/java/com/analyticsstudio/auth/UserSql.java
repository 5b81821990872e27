package com.analyticsstudio.auth;

import com.analyticsstudio.common.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.Arrays;

/** SQL for accounts, tokens and keys, and the row mappers that go with it. */
final class UserSql {
  static final String INSERT_USER =
      """
      INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3)
      RETURNING id, email, name, created_at, token_version""";
  // $2: the client address (only compared, as the digest AuthService.addressKey stores); $3: now.
  // Known = the account signed in from there in the last 180 days.
  static final String USER_BY_EMAIL =
      """
      SELECT u.id, u.email, u.name, u.created_at, u.password_hash, u.token_version, u.failed_logins,
             u.last_failed_login_at,
             EXISTS (SELECT 1 FROM login_addresses a WHERE a.user_id = u.id AND a.address_hash = encode(sha256(convert_to(u.id::text || '|' || $2, 'UTF8')), 'hex')
                     AND a.last_seen_at > $3::timestamptz - interval '180 days') AS known_address
      FROM users u WHERE lower(u.email) = lower($1)""";
  static final String RECORD_LOGIN_FAILURE =
      """
      UPDATE users SET failed_logins = failed_logins + 1, last_failed_login_at = $2 WHERE id = $1""";
  static final String RESET_LOGIN_FAILURES =
      """
      UPDATE users SET failed_logins = 0, last_failed_login_at = NULL WHERE id = $1 AND failed_logins <> 0""";
  static final String REMEMBER_ADDRESS =
      """
      INSERT INTO login_addresses (user_id, address_hash, last_seen_at) VALUES ($1, $2, $3)
      ON CONFLICT (user_id, address_hash) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at""";
  static final String BUMP_TOKEN_VERSION =
      """
      UPDATE users SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version""";
  static final String USER_BY_ID = "SELECT id, email, name, created_at FROM users WHERE id = $1";

  static final String INSERT_REFRESH =
      """
      INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
      VALUES ($1, $2, $3, now() + make_interval(days => $4))""";
  static final String REFRESH_FOR_UPDATE =
      """
      SELECT r.id, r.user_id, r.family_id, r.used_at, r.revoked_at, r.expires_at < now() AS expired,
             u.email, u.name, u.created_at, u.token_version
      FROM refresh_tokens r JOIN users u ON u.id = r.user_id
      WHERE r.token_hash = $1 FOR UPDATE OF r""";
  static final String MARK_REFRESH_USED = "UPDATE refresh_tokens SET used_at = now() WHERE id = $1";
  static final String REVOKE_FAMILY =
      """
      UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL""";
  static final String REVOKE_FAMILY_OF_TOKEN =
      """
      UPDATE refresh_tokens SET revoked_at = now()
      WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2)
        AND revoked_at IS NULL""";
  static final String REVOKE_ALL_OF_USER =
      """
      UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL""";

  static final String INSERT_API_KEY =
      """
      INSERT INTO api_keys (user_id, name, prefix, key_hash, scopes, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
      RETURNING id, name, prefix, created_at, last_used_at, scopes, expires_at, false AS expired""";
  static final String LOCK_USER = "SELECT id FROM users WHERE id = $1 FOR UPDATE";
  static final String COUNT_LIVE_API_KEYS =
      """
      SELECT count(*) AS n FROM api_keys
      WHERE user_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())""";
  static final String LIST_API_KEYS =
      """
      SELECT id, name, prefix, created_at, last_used_at, scopes, expires_at,
             coalesce(expires_at <= now(), false) AS expired
      FROM api_keys WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC""";
  static final String REVOKE_API_KEY =
      """
      UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL
      RETURNING key_hash""";
  static final String API_KEY_OWNER =
      """
      SELECT k.id, k.user_id, u.email, k.scopes, k.expires_at, coalesce(k.expires_at <= now(), false) AS expired
      FROM api_keys k JOIN users u ON u.id = k.user_id
      WHERE k.key_hash = $1 AND k.revoked_at IS NULL""";
  // Written at most once a minute per key, so a busy key does not turn every read into a write.
  static final String TOUCH_API_KEY =
      """
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
        .put("lastUsedAt", Json.iso(row.getOffsetDateTime("last_used_at")))
        .put("scopes", new JsonArray(Arrays.asList(row.getArrayOfStrings("scopes"))))
        .put("expiresAt", Json.iso(row.getOffsetDateTime("expires_at")))
        .put("expired", row.getBoolean("expired"));
  }
}
