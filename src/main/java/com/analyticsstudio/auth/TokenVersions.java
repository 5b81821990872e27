package com.analyticsstudio.auth;

import io.vertx.core.Future;
import java.util.UUID;

/**
 * Each user's token version: access tokens carry the version current when they were issued, and
 * signing out increments it, so older tokens are refused. Implementations may cache; the cache's
 * lifetime bounds how late another process notices a sign-out.
 */
public interface TokenVersions {

  /** The user's current version; fails for an account that no longer exists. */
  Future<Integer> current(UUID userId);

  /** Records a version this process just wrote, so its own checks see it at once. */
  void advanced(UUID userId, int version);
}
