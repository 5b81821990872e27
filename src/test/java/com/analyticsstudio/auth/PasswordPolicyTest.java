package com.analyticsstudio.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  @Test
  void acceptsALongEnoughPasswordWithLettersAndDigits() {
    assertThatCode(() -> PasswordPolicy.check("river-stone-42", "ada@example.com")).doesNotThrowAnyException();
  }

  @Test
  void refusesShortPasswordsWith422() {
    assertThatThrownBy(() -> PasswordPolicy.check("ab1", "ada@example.com"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(422);
          org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo("weak_password");
        })
        .hasMessageContaining("8 characters");
  }

  @Test
  void refusesPasswordsWithoutDigitsOrLetters() {
    assertThatThrownBy(() -> PasswordPolicy.check("onlyletters", null)).hasMessageContaining("digit");
    assertThatThrownBy(() -> PasswordPolicy.check("1234567890123", null)).hasMessageContaining("letter");
  }

  @Test
  void refusesCommonPasswordsAndOnesBuiltFromTheEmail() {
    assertThatThrownBy(() -> PasswordPolicy.check("Password123", null)).hasMessageContaining("less common");
    assertThatThrownBy(() -> PasswordPolicy.check("margaret2024", "margaret@example.com")).hasMessageContaining("email");
  }
}
