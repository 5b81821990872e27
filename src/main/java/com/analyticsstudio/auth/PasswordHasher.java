package com.analyticsstudio.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * bcrypt on a dedicated worker pool: hashing costs tens of milliseconds by design and must never
 * run on an event loop.
 *
 * <p>bcrypt reads at most 72 bytes, and the library refuses more (that was a 500). New hashes are
 * therefore bcrypt of base64(SHA-256(password)) — 44 ASCII bytes whatever the password's length, no
 * NUL byte (a raw digest could hold one and end bcrypt's input early), nothing cut — stored as
 * {@value #PREHASHED} followed by the bcrypt string. Hashes without the prefix are from before and
 * still verify as plain bcrypt; passwords over 72 bytes cannot match those, so they answer false.
 * Pre-hashing rather than refusing long passwords keeps passphrases and password managers' long
 * outputs usable, and costs nothing in strength (SHA-256 keeps 256 bits of the input).
 */
public final class PasswordHasher {
  /** Marks a hash of the pre-hashed form (as Django's {@code bcrypt_sha256$}). */
  static final String PREHASHED = "bcrypt-sha256$";

  private static final int COST = 10;
  private static final int BCRYPT_MAX_BYTES = 72;
  // Verified against when the account does not exist, so the response time does not reveal it.
  private static final byte[] DUMMY_HASH =
      BCrypt.withDefaults().hash(COST, "not-a-real-password-0".getBytes(StandardCharsets.UTF_8));

  private final WorkerExecutor workers;

  public PasswordHasher(WorkerExecutor workers) {
    this.workers = workers;
  }

  public Future<String> hash(String password) {
    return workers.executeBlocking(
        () ->
            PREHASHED
                + new String(
                    BCrypt.withDefaults().hash(COST, prehash(password)), StandardCharsets.UTF_8),
        false);
  }

  /** Checks a password; with a null hash it still spends the same time and answers false. */
  public Future<Boolean> verify(String password, String hash) {
    return workers.executeBlocking(
        () -> {
          if (hash == null) {
            BCrypt.verifyer().verify(prehash(password), DUMMY_HASH);
            return false;
          }
          if (hash.startsWith(PREHASHED)) {
            return BCrypt.verifyer()
                .verify(
                    prehash(password),
                    hash.substring(PREHASHED.length()).getBytes(StandardCharsets.UTF_8))
                .verified;
          }
          byte[] plain = password.getBytes(StandardCharsets.UTF_8);
          if (plain.length > BCRYPT_MAX_BYTES) {
            BCrypt.verifyer()
                .verify(
                    prehash(password), DUMMY_HASH); // same time, and it cannot match a legacy hash
            return false;
          }
          return BCrypt.verifyer().verify(plain, hash.getBytes(StandardCharsets.UTF_8)).verified;
        },
        false);
  }

  static byte[] prehash(String password) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encode(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
