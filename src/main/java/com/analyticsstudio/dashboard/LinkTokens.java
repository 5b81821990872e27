package com.analyticsstudio.dashboard;

import com.analyticsstudio.common.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Public link tokens: {@code <random>.<mac>} — 256 random bits and an HMAC-SHA256 of them (cut to
 * 128 bits) under {@code PUBLIC_LINK_SECRET}, both base64url. The random part makes a token
 * unguessable; the MAC lets a forged or mistyped token be refused before any database lookup, and
 * changing the secret ends every link. The database keeps only {@link #digest} of a token.
 */
final class LinkTokens {
  static final int RANDOM_BYTES = 32;
  static final int MAC_BYTES = 16;
  private static final String CONTEXT = "analytics-studio/public-dashboard-link/v1:";
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{22}");

  private final byte[] key;

  LinkTokens(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("a public link secret is required");
    }
    this.key = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** A new token. */
  String issue() {
    String random = Secrets.randomToken(RANDOM_BYTES);
    return random + "." + mac(random);
  }

  /** Whether {@code token} has the shape and a MAC of this secret (compared in constant time). */
  boolean verify(String token) {
    if (token == null || !SHAPE.matcher(token).matches()) return false;
    int dot = token.indexOf('.');
    byte[] expected = mac(token.substring(0, dot)).getBytes(StandardCharsets.US_ASCII);
    byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }

  /** What the database keeps of a token (SHA-256, hex): a leaked table opens no dashboard. */
  static String digest(String token) {
    return Secrets.sha256(token);
  }

  private String mac(String random) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] full = mac.doFinal((CONTEXT + random).getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, MAC_BYTES));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
