package com.analyticsstudio.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

  @Test
  void hashesEveryInlineScriptButNotExternalOnes() {
    String html =
        "<script src=\"/a.js\"></script><script>alert(1)</script>\n<SCRIPT type=\"module\">x()</SCRIPT>";
    List<String> hashes = SecurityHeaders.inlineScriptHashes(html);
    assertThat(hashes)
        .containsExactly(
            SecurityHeaders.sha256Base64("alert(1)"), SecurityHeaders.sha256Base64("x()"));
    // A known vector: SHA-256 of "alert(1)" as a CSP source expects it.
    assertThat(SecurityHeaders.sha256Base64("alert(1)"))
        .isEqualTo("bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=");
  }

  @Test
  void theDocsPageScriptIsAllowedByThePolicyAndNothingInlineElse() {
    String policy = SecurityHeaders.policy(SecurityHeaders.inlineScriptHashes());
    assertThat(policy)
        .contains("script-src 'self' 'sha256-")
        .doesNotContain("script-src 'self' 'unsafe-inline'");
    assertThat(SecurityHeaders.policy(new LinkedHashSet<>())).contains("script-src 'self';");
  }
}
