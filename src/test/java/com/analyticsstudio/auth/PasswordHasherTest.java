package com.analyticsstudio.auth;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  static Vertx vertx;
  static PasswordHasher hasher;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    hasher = new PasswordHasher(vertx.createSharedWorkerExecutor("bcrypt-test", 2));
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  static boolean verify(String password, String hash) throws Exception {
    return hasher.verify(password, hash).await(20, TimeUnit.SECONDS);
  }

  @Test
  void newHashesArePrehashedSoEveryByteOfALongPasswordCounts() throws Exception {
    String longer = "x".repeat(72) + "-first";
    String hash = hasher.hash(longer).await(20, TimeUnit.SECONDS);
    assertThat(hash).startsWith(PasswordHasher.PREHASHED + "$2a$10$");
    assertThat(verify(longer, hash)).isTrue();
    // Plain bcrypt would see these two as one password: they agree in their first 72 bytes.
    assertThat(verify("x".repeat(72) + "-other", hash)).isFalse();
  }

  @Test
  void prehashIs44AsciiBytesWithoutNul() {
    byte[] p = PasswordHasher.prehash("ä€".repeat(100));
    assertThat(p).hasSize(44);
    for (byte b : p) {
      assertThat(b).isNotZero().isBetween((byte) 0x21, (byte) 0x7e);
    }
  }

  @Test
  void legacyPlainBcryptHashesStillVerifyAndLongPasswordsNeverMatchThem() throws Exception {
    String legacy = BCrypt.withDefaults().hashToString(4, "legacy-pass-77".toCharArray());
    assertThat(verify("legacy-pass-77", legacy)).isTrue();
    assertThat(verify("legacy-pass-78", legacy)).isFalse();
    String legacy72 =
        new String(
            BCrypt.withDefaults().hash(4, "y".repeat(72).getBytes(StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8);
    assertThat(verify("y".repeat(72), legacy72)).isTrue();
    assertThat(verify("y".repeat(73), legacy72)).isFalse();
  }

  @Test
  void anUnknownAccountIsFalseWhateverThePassword() throws Exception {
    assertThat(verify("anything-at-all-1", null)).isFalse();
    assertThat(verify("z".repeat(200), null)).isFalse();
  }
}
