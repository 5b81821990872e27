package com.analyticsstudio.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinkTokensTest {
  private final LinkTokens tokens = new LinkTokens("a-secret-of-the-test-that-is-long-enough");

  @Test
  void anIssuedTokenVerifiesAndIsUrlSafe() {
    String t = tokens.issue();
    assertThat(t).matches("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{22}");
    assertThat(tokens.verify(t)).isTrue();
  }

  @Test
  void tokensAreNeverRepeated() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) assertThat(seen.add(tokens.issue())).isTrue();
  }

  @Test
  void aChangedRandomPartOrMacIsRefused() {
    String t = tokens.issue();
    int dot = t.indexOf('.');
    String otherRandom = (t.charAt(0) == 'A' ? "B" : "A") + t.substring(1);
    String otherMac =
        t.substring(0, dot + 1) + (t.charAt(dot + 1) == 'A' ? "B" : "A") + t.substring(dot + 2);
    assertThat(tokens.verify(otherRandom)).isFalse();
    assertThat(tokens.verify(otherMac)).isFalse();
  }

  @Test
  void anotherSecretsTokenIsRefused() {
    LinkTokens other = new LinkTokens("another-secret-entirely-of-enough-length");
    assertThat(tokens.verify(other.issue())).isFalse();
  }

  @Test
  void malformedTokensAreRefused() {
    String t = tokens.issue();
    assertThat(tokens.verify(null)).isFalse();
    assertThat(tokens.verify("")).isFalse();
    assertThat(tokens.verify(t + "x")).isFalse();
    assertThat(tokens.verify(t.replace('.', '_'))).isFalse();
    assertThat(tokens.verify(t.substring(1))).isFalse();
    assertThat(tokens.verify(t.substring(0, t.indexOf('.')) + "." + "A".repeat(22))).isFalse();
  }

  @Test
  void theDigestIsStableAndDoesNotContainTheToken() {
    String t = tokens.issue();
    assertThat(LinkTokens.digest(t)).isEqualTo(LinkTokens.digest(t)).hasSize(64).doesNotContain(t);
  }

  @Test
  void aSecretIsRequired() {
    assertThatThrownBy(() -> new LinkTokens("")).isInstanceOf(IllegalArgumentException.class);
  }
}
