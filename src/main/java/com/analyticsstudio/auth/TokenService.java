package com.analyticsstudio.auth;

import com.analyticsstudio.common.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.UUID;

/** Signs and verifies JWT access tokens with {@code SECRET_KEY} and {@code ALGORITHM}. */
public final class TokenService {
  static final String ISSUER = "analytics-studio";

  /**
   * Claim with the user's token version at issue time (absent in tokens from before: version 0).
   */
  static final String VERSION_CLAIM = "tv";

  private final JWTAuth jwt;
  private final String algorithm;
  private final int expiresInSeconds;

  public TokenService(Vertx vertx, AppConfig config) {
    this.algorithm = config.algorithm();
    this.expiresInSeconds = config.accessTokenExpireMinutes() * 60;
    this.jwt =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(config.secretKey()))
                .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setLeeway(5)));
  }

  public String issue(UUID userId, String email, int tokenVersion) {
    return jwt.generateToken(
        new JsonObject().put("email", email).put(VERSION_CLAIM, tokenVersion),
        new JWTOptions()
            .setAlgorithm(algorithm)
            .setSubject(userId.toString())
            .setIssuer(ISSUER)
            .setExpiresInSeconds(expiresInSeconds));
  }

  public int expiresInSeconds() {
    return expiresInSeconds;
  }

  /** A token whose signature, issuer and expiry are good, with the version it carries. */
  public record Verified(Principal principal, int tokenVersion) {}

  /** The principal of a valid token; fails for bad signatures, expiry, {@code alg: none}. */
  public Future<Verified> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token))
        .map(
            user -> {
              JsonObject claims = user.principal();
              if (!ISSUER.equals(claims.getString("iss")) || claims.getString("sub") == null) {
                throw new IllegalArgumentException("foreign token");
              }
              Object version = claims.getValue(VERSION_CLAIM);
              return new Verified(
                  new Principal(
                      UUID.fromString(claims.getString("sub")), claims.getString("email"), null),
                  version instanceof Number n ? n.intValue() : 0);
            });
  }
}
