package com.analyticsstudio.auth;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Secrets;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Sign-up, login, refresh-token rotation and logout. */
public final class AuthService {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final String UNIQUE_VIOLATION = "23505";

  private final Pool pool;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final LoginThrottle throttle;
  private final int refreshDays;

  public AuthService(Pool pool, PasswordHasher hasher, TokenService tokens, LoginThrottle throttle, AppConfig config) {
    this.pool = pool;
    this.hasher = hasher;
    this.tokens = tokens;
    this.throttle = throttle;
    this.refreshDays = config.refreshTokenExpireDays();
  }

  public Future<JsonObject> signup(String email, String password, String name) {
    String cleanEmail = email.trim();
    String cleanName = name.trim();
    if (!EMAIL.matcher(cleanEmail).matches()) {
      return Future.failedFuture(ApiException.unprocessable("invalid_email", "'" + cleanEmail + "' is not a valid email address"));
    }
    if (cleanName.isEmpty()) {
      return Future.failedFuture(ApiException.unprocessable("invalid_name", "the name must not be blank"));
    }
    try {
      PasswordPolicy.check(password, cleanEmail);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    return hasher.hash(password)
        .compose(hash -> pool.withTransaction(conn -> conn.preparedQuery(UserSql.INSERT_USER)
            .execute(Tuple.of(cleanEmail, cleanName, hash))
            .compose(rows -> issueTokens(conn, UserSql.user(rows.iterator().next()), UUID.randomUUID()))))
        .recover(e -> Future.failedFuture(isUniqueViolation(e)
            ? ApiException.conflict("email_taken", "an account with this email already exists")
            : e));
  }

  public Future<JsonObject> login(String email, String password, String clientAddress) {
    String cleanEmail = email.trim().toLowerCase(Locale.ROOT);
    return throttle.check(cleanEmail, clientAddress)
        .compose(v -> pool.preparedQuery(UserSql.USER_BY_EMAIL).execute(Tuple.of(cleanEmail)))
        .compose(rows -> {
          Row row = rows.size() == 0 ? null : rows.iterator().next();
          return hasher.verify(password, row == null ? null : row.getString("password_hash"))
              .compose(ok -> {
                if (!ok) {
                  return Future.failedFuture(ApiException.unauthorized("the email or password is wrong"));
                }
                return pool.withTransaction(conn -> issueTokens(conn, UserSql.user(row), UUID.randomUUID()));
              });
        });
  }

  /** Rotates a refresh token. A token presented twice revokes its whole family (theft signal). */
  public Future<JsonObject> refresh(String refreshToken) {
    String hash = Secrets.sha256(refreshToken);
    return pool.withTransaction(conn -> conn.preparedQuery(UserSql.REFRESH_FOR_UPDATE).execute(Tuple.of(hash))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiException.unauthorized("the refresh token is not valid"));
          }
          Row r = rows.iterator().next();
          UUID family = r.getUUID("family_id");
          if (r.getValue("revoked_at") != null) {
            return Future.failedFuture(ApiException.unauthorized("the refresh token was revoked; sign in again"));
          }
          if (r.getValue("used_at") != null) {
            return Future.<Object>succeededFuture(family);
          }
          if (r.getBoolean("expired")) {
            return Future.failedFuture(ApiException.unauthorized("the refresh token has expired; sign in again"));
          }
          JsonObject user = new JsonObject()
              .put("id", r.getUUID("user_id").toString())
              .put("email", r.getString("email"))
              .put("name", r.getString("name"))
              .put("createdAt", com.analyticsstudio.common.Json.iso(r.getOffsetDateTime("created_at")));
          return conn.preparedQuery(UserSql.MARK_REFRESH_USED).execute(Tuple.of(r.getUUID("id")))
              .compose(v -> issueTokens(conn, user, family).map(j -> (Object) j));
        }))
        .compose(result -> {
          if (result instanceof UUID reusedFamily) {
            // Reuse detected: revoke the family in its own committed transaction, then refuse.
            return pool.preparedQuery(UserSql.REVOKE_FAMILY).execute(Tuple.of(reusedFamily))
                .compose(v -> Future.failedFuture(ApiException.unauthorized(
                    "the refresh token was already used; every session from that sign-in has been ended")));
          }
          return Future.succeededFuture((JsonObject) result);
        });
  }

  public Future<Void> logout(Principal principal, String refreshToken) {
    Future<?> done = refreshToken == null || refreshToken.isBlank()
        ? pool.preparedQuery(UserSql.REVOKE_ALL_OF_USER).execute(Tuple.of(principal.userId()))
        : pool.preparedQuery(UserSql.REVOKE_FAMILY_OF_TOKEN).execute(Tuple.of(Secrets.sha256(refreshToken), principal.userId()));
    return done.mapEmpty();
  }

  public Future<JsonObject> me(Principal principal) {
    return pool.preparedQuery(UserSql.USER_BY_ID).execute(Tuple.of(principal.userId()))
        .map(rows -> {
          if (rows.size() == 0) {
            throw ApiException.unauthorized("this account no longer exists");
          }
          return UserSql.user(rows.iterator().next());
        });
  }

  private Future<JsonObject> issueTokens(SqlConnection conn, JsonObject user, UUID family) {
    String refresh = "rt_" + Secrets.randomToken(32);
    UUID userId = UUID.fromString(user.getString("id"));
    return conn.preparedQuery(UserSql.INSERT_REFRESH)
        .execute(Tuple.of(userId, family, Secrets.sha256(refresh), refreshDays))
        .map(v -> new JsonObject()
            .put("user", user)
            .put("accessToken", tokens.issue(userId, user.getString("email")))
            .put("refreshToken", refresh)
            .put("tokenType", "Bearer")
            .put("expiresIn", tokens.expiresInSeconds()));
  }

  static boolean isUniqueViolation(Throwable e) {
    return e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
  }
}
