package com.analyticsstudio.auth;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Json;
import com.analyticsstudio.common.Secrets;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Sign-up, login (throttled by {@link LoginThrottle}), refresh-token rotation and logout. Signing
 * out ends access tokens too: it increments the user's token version ({@link TokenVersions}).
 */
public final class AuthService {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final String UNIQUE_VIOLATION = "23505";

  private final Pool pool;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final LoginThrottle throttle;
  private final TokenVersions versions;
  private final Clock clock;
  private final int refreshDays;

  public AuthService(
      Pool pool,
      PasswordHasher hasher,
      TokenService tokens,
      LoginThrottle throttle,
      TokenVersions versions,
      Clock clock,
      AppConfig config) {
    this.pool = pool;
    this.hasher = hasher;
    this.tokens = tokens;
    this.throttle = throttle;
    this.versions = versions;
    this.clock = clock;
    this.refreshDays = config.refreshTokenExpireDays();
  }

  public Future<JsonObject> signup(
      String email, String password, String name, String clientAddress) {
    if (hasNul(email) || hasNul(name)) {
      return Future.failedFuture(
          ApiException.badRequest(
              "invalid_text", "email and name must not contain NUL characters"));
    }
    String cleanEmail = email.trim();
    String cleanName = name.trim();
    if (!EMAIL.matcher(cleanEmail).matches()) {
      return Future.failedFuture(
          ApiException.unprocessable(
              "invalid_email", "'" + cleanEmail + "' is not a valid email address"));
    }
    if (cleanName.isEmpty()) {
      return Future.failedFuture(
          ApiException.unprocessable("invalid_name", "the name must not be blank"));
    }
    try {
      PasswordPolicy.check(password, cleanEmail);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    return hasher
        .hash(password)
        .compose(
            hash ->
                pool.withTransaction(
                    conn ->
                        conn.preparedQuery(UserSql.INSERT_USER)
                            .execute(Tuple.of(cleanEmail, cleanName, hash))
                            .compose(
                                rows -> {
                                  Row row = rows.iterator().next();
                                  return remember(conn, row.getUUID("id"), clientAddress)
                                      .compose(
                                          v ->
                                              issueTokens(
                                                  conn,
                                                  UserSql.user(row),
                                                  row.getInteger("token_version"),
                                                  UUID.randomUUID()));
                                })))
        .recover(
            e ->
                Future.failedFuture(
                    isUniqueViolation(e)
                        ? ApiException.conflict(
                            "email_taken", "an account with this email already exists")
                        : e));
  }

  public Future<JsonObject> login(String email, String password, String clientAddress) {
    if (hasNul(email)) {
      return Future.failedFuture(
          ApiException.badRequest("invalid_text", "the email must not contain NUL characters"));
    }
    String cleanEmail = email.trim().toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    return throttle
        .checkAddress(cleanEmail, clientAddress)
        .compose(
            v ->
                pool.preparedQuery(UserSql.USER_BY_EMAIL)
                    .execute(Tuple.of(cleanEmail, clientAddress, utc(now))))
        .map(rows -> rows.size() == 0 ? (Row) null : rows.iterator().next())
        .compose(
            row -> {
              if (row != null) {
                OffsetDateTime last = row.getOffsetDateTime("last_failed_login_at");
                long wait =
                    throttle.accountWaitSeconds(
                        row.getInteger("failed_logins"),
                        last == null ? null : last.toInstant(),
                        row.getBoolean("known_address"),
                        now);
                if (wait > 0) {
                  return Future.failedFuture(LoginThrottle.accountDelayed(wait));
                }
              }
              return hasher
                  .verify(password, row == null ? null : row.getString("password_hash"))
                  .compose(
                      ok -> {
                        if (!ok) {
                          Future<?> counted =
                              row == null
                                  ? Future.succeededFuture()
                                  : pool.preparedQuery(UserSql.RECORD_LOGIN_FAILURE)
                                      .execute(Tuple.of(row.getUUID("id"), utc(now)));
                          return counted.compose(
                              v ->
                                  Future.failedFuture(
                                      ApiException.unauthorized("the email or password is wrong")));
                        }
                        UUID userId = row.getUUID("id");
                        return pool.withTransaction(
                            conn ->
                                conn.preparedQuery(UserSql.RESET_LOGIN_FAILURES)
                                    .execute(Tuple.of(userId))
                                    .compose(v -> remember(conn, userId, clientAddress))
                                    .compose(
                                        v ->
                                            issueTokens(
                                                conn,
                                                UserSql.user(row),
                                                row.getInteger("token_version"),
                                                UUID.randomUUID())));
                      });
            });
  }

  /** Rotates a refresh token. A token presented twice revokes its whole family (theft signal). */
  public Future<JsonObject> refresh(String refreshToken) {
    String hash = Secrets.sha256(refreshToken);
    return pool.withTransaction(
            conn ->
                conn.preparedQuery(UserSql.REFRESH_FOR_UPDATE)
                    .execute(Tuple.of(hash))
                    .compose(
                        rows -> {
                          if (rows.size() == 0) {
                            return Future.failedFuture(
                                ApiException.unauthorized("the refresh token is not valid"));
                          }
                          Row r = rows.iterator().next();
                          UUID family = r.getUUID("family_id");
                          if (r.getValue("revoked_at") != null) {
                            return Future.failedFuture(
                                ApiException.unauthorized(
                                    "the refresh token was revoked; sign in again"));
                          }
                          if (r.getValue("used_at") != null) {
                            return Future.<Object>succeededFuture(family);
                          }
                          if (r.getBoolean("expired")) {
                            return Future.failedFuture(
                                ApiException.unauthorized(
                                    "the refresh token has expired; sign in again"));
                          }
                          JsonObject user =
                              new JsonObject()
                                  .put("id", r.getUUID("user_id").toString())
                                  .put("email", r.getString("email"))
                                  .put("name", r.getString("name"))
                                  .put("createdAt", Json.iso(r.getOffsetDateTime("created_at")));
                          return conn.preparedQuery(UserSql.MARK_REFRESH_USED)
                              .execute(Tuple.of(r.getUUID("id")))
                              .compose(
                                  v ->
                                      issueTokens(conn, user, r.getInteger("token_version"), family)
                                          .map(j -> (Object) j));
                        }))
        .compose(
            result -> {
              if (result instanceof UUID reusedFamily) {
                // Reuse detected: revoke the family in its own committed transaction, then refuse.
                return pool.preparedQuery(UserSql.REVOKE_FAMILY)
                    .execute(Tuple.of(reusedFamily))
                    .compose(
                        v ->
                            Future.failedFuture(
                                ApiException.unauthorized(
                                    "the refresh token was already used; every session from that sign-in has been ended")));
              }
              return Future.succeededFuture((JsonObject) result);
            });
  }

  /**
   * Ends one session (its refresh-token family) or, without a refresh token, every session of the
   * user. Either way the user's token version moves on, so every access token issued before ends:
   * here at once, on other instances within {@code TOKEN_VERSION_CACHE_SECONDS}. Other sessions
   * that still hold a live refresh token get a new access token on their next refresh.
   */
  public Future<Void> logout(Principal principal, String refreshToken) {
    UUID userId = principal.userId();
    return pool.withTransaction(
            conn -> {
              Future<?> revoked =
                  refreshToken == null || refreshToken.isBlank()
                      ? conn.preparedQuery(UserSql.REVOKE_ALL_OF_USER).execute(Tuple.of(userId))
                      : conn.preparedQuery(UserSql.REVOKE_FAMILY_OF_TOKEN)
                          .execute(Tuple.of(Secrets.sha256(refreshToken), userId));
              return revoked.compose(
                  v -> conn.preparedQuery(UserSql.BUMP_TOKEN_VERSION).execute(Tuple.of(userId)));
            })
        .map(
            rows -> {
              if (rows.size() > 0) {
                versions.advanced(userId, rows.iterator().next().getInteger("token_version"));
              }
              return null;
            });
  }

  public Future<JsonObject> me(Principal principal) {
    return pool.preparedQuery(UserSql.USER_BY_ID)
        .execute(Tuple.of(principal.userId()))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw ApiException.unauthorized("this account no longer exists");
              }
              return UserSql.user(rows.iterator().next());
            });
  }

  private Future<Void> remember(SqlConnection conn, UUID userId, String clientAddress) {
    return conn.preparedQuery(UserSql.REMEMBER_ADDRESS)
        .execute(Tuple.of(userId, addressKey(userId, clientAddress), utc(clock.instant())))
        .mapEmpty();
  }

  /**
   * A per-user digest of the address (UserSql.USER_BY_EMAIL computes the same): recognises a
   * returning address without storing it.
   */
  private static String addressKey(UUID userId, String clientAddress) {
    return Secrets.sha256(userId + "|" + clientAddress);
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  static boolean hasNul(String s) {
    return s != null && s.indexOf('\0') >= 0;
  }

  private Future<JsonObject> issueTokens(
      SqlConnection conn, JsonObject user, int tokenVersion, UUID family) {
    String refresh = "rt_" + Secrets.randomToken(32);
    UUID userId = UUID.fromString(user.getString("id"));
    return conn.preparedQuery(UserSql.INSERT_REFRESH)
        .execute(Tuple.of(userId, family, Secrets.sha256(refresh), refreshDays))
        .map(
            v ->
                new JsonObject()
                    .put("user", user)
                    .put("accessToken", tokens.issue(userId, user.getString("email"), tokenVersion))
                    .put("refreshToken", refresh)
                    .put("tokenType", "Bearer")
                    .put("expiresIn", tokens.expiresInSeconds()));
  }

  static boolean isUniqueViolation(Throwable e) {
    return e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
  }
}
