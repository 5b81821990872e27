package com.analyticsstudio.auth;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.util.Set;

/**
 * Authenticates every {@code /api/} request before validation or routing: a JWT access token or an
 * API key, as {@code Authorization: Bearer …} or {@code X-API-Key}. Public endpoints are the few
 * that create a session.
 */
public final class AuthHandler implements AuthenticationHandler {
  private static final Set<String> PUBLIC_PATHS =
      Set.of("/api/v1/auth/signup", "/api/v1/auth/login", "/api/v1/auth/refresh");

  /**
   * Public dashboard links: the token in the path is the credential ({@code dashboard.PublicLinks}
   * checks it); a signed-in caller's credentials are not read there.
   */
  public static final String PUBLIC_PREFIX = "/api/v1/public/";

  private final TokenService tokens;
  private final ApiKeyService apiKeys;
  private final TokenVersions versions;

  public AuthHandler(TokenService tokens, ApiKeyService apiKeys, TokenVersions versions) {
    this.tokens = tokens;
    this.apiKeys = apiKeys;
    this.versions = versions;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (!path.startsWith("/api/")
        || PUBLIC_PATHS.contains(path)
        || path.startsWith(PUBLIC_PREFIX)) {
      ctx.next();
      return;
    }
    String credential = credential(ctx);
    if (credential == null) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ctx.fail(
          ApiException.unauthorized("sign in or send an API key (Authorization: Bearer <token>)"));
      return;
    }
    Future<Principal> who =
        credential.startsWith(ApiKeyService.KEY_PREFIX)
            ? apiKeys.authenticate(credential)
            : tokens
                .verify(credential)
                .recover(
                    e ->
                        Future.failedFuture(
                            ApiException.unauthorized(
                                "the access token is invalid or has expired")))
                .compose(this::current);
    who.onSuccess(
            p -> {
              ctx.put(Principal.CONTEXT_KEY, p);
              ctx.next();
            })
        .onFailure(
            e -> {
              ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
              ctx.fail(e);
            });
  }

  /** A token issued before the user's last sign-out is refused (logout, "sign out everywhere"). */
  private Future<Principal> current(TokenService.Verified token) {
    return versions
        .current(token.principal().userId())
        .compose(
            version ->
                version == token.tokenVersion()
                    ? Future.succeededFuture(token.principal())
                    : Future.failedFuture(
                        new ApiException(
                            401, "token_revoked", "this session was signed out; sign in again")));
  }

  private static String credential(RoutingContext ctx) {
    String apiKey = ctx.request().getHeader("X-API-Key");
    if (apiKey != null && !apiKey.isBlank()) {
      return apiKey.trim();
    }
    String auth = ctx.request().getHeader("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = auth.substring(7).trim();
      return token.isEmpty() ? null : token;
    }
    return null;
  }
}
