package com.analyticsstudio.auth;

import com.analyticsstudio.common.ApiException;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: a user, signed in with a token or through one of their API keys. A token carries
 * every scope; a key only those it was created with.
 */
public record Principal(UUID userId, String email, UUID apiKeyId, Set<Scope> scopes) {
  static final String CONTEXT_KEY = "principal";

  public Principal {
    scopes = Set.copyOf(scopes);
  }

  /** A caller with every scope (a signed-in user, or a key made before scopes existed). */
  public Principal(UUID userId, String email, UUID apiKeyId) {
    this(userId, email, apiKeyId, EnumSet.allOf(Scope.class));
  }

  /** The authenticated caller of this request; 401 when there is none. */
  public static Principal of(RoutingContext ctx) {
    Principal p = ctx.get(CONTEXT_KEY);
    if (p == null) {
      throw ApiException.unauthorized("authentication is required");
    }
    return p;
  }

  public boolean viaApiKey() {
    return apiKeyId != null;
  }

  /** Whether this caller may do what needs {@code needed} ({@code admin} covers every scope). */
  public boolean has(Scope needed) {
    return scopes.contains(needed) || scopes.contains(Scope.ADMIN);
  }
}
