package com.analyticsstudio.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembered answers can hold secrets (a new API key is shown once, in the answer to its creation).
 * So the table keeps neither the client's key nor a readable answer: the key is stored as its
 * SHA-256, and the answer sealed with AES-GCM under a key derived from the client's key. Only a
 * retry that presents the key can read what it replays; a database dump cannot.
 */
final class SealedBody {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int IV_BYTES = 12;

  private SealedBody() {}

  /** What the table stores instead of the client's key. */
  static String keyDigest(String key) {
    return HexFormat.of().formatHex(sha256("as-idempotency-key:" + key));
  }

  static byte[] seal(String key, byte[] plain) {
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher c = cipher(Cipher.ENCRYPT_MODE, key, iv);
      byte[] sealed = c.doFinal(plain);
      byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] open(String key, byte[] sealed) throws GeneralSecurityException {
    Cipher c = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, IV_BYTES));
    return c.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
  }

  private static Cipher cipher(int mode, String key, byte[] iv) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(
        mode,
        new SecretKeySpec(sha256("as-idempotency-body:" + key), "AES"),
        new GCMParameterSpec(128, iv));
    return c;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
