package com.analyticsstudio.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  static ApiException refusal(String password) {
    try {
      PasswordPolicy.check(password, "ada@example.com");
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError(password + " was accepted");
  }

  @Test
  void refusesFewerThanTenCharacters() {
    assertThat(refusal("aaaaaaa1").getMessage()).contains("at least 10 characters");
    assertThat(refusal("river-42").status()).isEqualTo(422);
  }

  @Test
  void refusesTheShippedCommonPasswordsWhateverTheirCase() {
    assertThat(PasswordPolicy.isCommon("1q2w3e4r5t")).isTrue();
    assertThat(PasswordPolicy.isCommon("PASSWORD123")).isTrue();
    assertThat(refusal("Password123").getMessage()).contains("most common passwords");
    assertThat(refusal("1qaz2wsx3edc").code()).isEqualTo("weak_password");
  }

  @Test
  void refusesTooFewDistinctCharactersAndTheEmailName() {
    assertThat(refusal("aaaaaaaaa1").getMessage()).contains("different characters");
    assertThatThrownBy(() -> PasswordPolicy.check("grace-is-here-2024", "grace@example.com"))
        .hasMessageContaining("email address");
    assertThatThrownBy(() -> PasswordPolicy.check("1212121212a", null))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void acceptsALongUnusualPassphraseOfAnyLength() {
    assertThatCode(() -> PasswordPolicy.check("tidal-ochre-57", "ada@example.com"))
        .doesNotThrowAnyException();
    assertThatCode(() -> PasswordPolicy.check("ä€1x".repeat(50), "ada@example.com"))
        .doesNotThrowAnyException();
  }
}
