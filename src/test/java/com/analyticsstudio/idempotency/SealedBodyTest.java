package com.analyticsstudio.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;

class SealedBodyTest {

  @Test
  void anAnswerSealedUnderAKeyOpensOnlyWithThatKey() throws Exception {
    byte[] plain = "{\"key\":\"as_secret\"}".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = SealedBody.seal("retry-1", plain);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("as_secret");
    assertThat(SealedBody.open("retry-1", sealed)).isEqualTo(plain);
    assertThatThrownBy(() -> SealedBody.open("retry-2", sealed))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void theStoredKeyIsADigestNotTheKey() {
    assertThat(SealedBody.keyDigest("retry-1"))
        .hasSize(64)
        .doesNotContain("retry")
        .isEqualTo(SealedBody.keyDigest("retry-1"))
        .isNotEqualTo(SealedBody.keyDigest("retry-2"));
  }

  @Test
  void keysMustBeVisibleAsciiOfBoundedLength() {
    assertThat(Idempotency.checkedKey("0f8fad5b-d9cb-469f-a165-70867728950e")).isNotEmpty();
    for (String bad : new String[] {"", "with space", "tab\t", "é", "x".repeat(256)}) {
      assertThatThrownBy(() -> Idempotency.checkedKey(bad))
          .isInstanceOf(ApiException.class)
          .extracting(e -> ((ApiException) e).code())
          .isEqualTo("invalid_idempotency_key");
    }
  }
}
