package com.analyticsstudio.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt on a dedicated worker pool: hashing costs tens of milliseconds by design and must never
 * run on an event loop.
 */
public final class PasswordHasher {
  private static final int COST = 10;
  // Verified against when the account does not exist, so the response time does not reveal it.
  private static final byte[] DUMMY_HASH = BCrypt.withDefaults()
      .hash(COST, "not-a-real-password-0".getBytes(StandardCharsets.UTF_8));

  private final WorkerExecutor workers;

  public PasswordHasher(WorkerExecutor workers) {
    this.workers = workers;
  }

  public Future<String> hash(String password) {
    return workers.executeBlocking(() ->
        BCrypt.withDefaults().hashToString(COST, password.toCharArray()), false);
  }

  /** Checks a password; with a null hash it still spends the same time and answers false. */
  public Future<Boolean> verify(String password, String hash) {
    return workers.executeBlocking(() -> {
      if (hash == null) {
        BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8), DUMMY_HASH);
        return false;
      }
      return BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
    }, false);
  }
}
