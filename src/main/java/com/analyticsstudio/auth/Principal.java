package com.analyticsstudio.auth;

import com.analyticsstudio.common.ApiException;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Who is calling: a user, signed in with a token or through one of their API keys. */
public record Principal(UUID userId, String email, UUID apiKeyId) {
  static final String CONTEXT_KEY = "principal";

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
}
