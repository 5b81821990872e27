package com.analyticsstudio.auth;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The minimum a password must meet; every unmet rule is listed in one 422. */
public final class PasswordPolicy {
  static final int MIN_LENGTH = 8;
  private static final Set<String> COMMON = Set.of(
      "password", "password1", "password123", "12345678", "123456789", "1234567890", "qwerty123",
      "iloveyou1", "letmein1", "welcome1", "admin123", "abc12345", "passw0rd", "changeme1");

  private PasswordPolicy() {}

  public static void check(String password, String email) {
    List<String> problems = new ArrayList<>();
    if (password.length() < MIN_LENGTH) {
      problems.add("use at least " + MIN_LENGTH + " characters");
    }
    if (password.chars().noneMatch(Character::isLetter)) {
      problems.add("include at least one letter");
    }
    if (password.chars().noneMatch(Character::isDigit)) {
      problems.add("include at least one digit");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (COMMON.contains(lower)) {
      problems.add("choose a less common password");
    }
    if (email != null && !email.isBlank() && lower.contains(email.toLowerCase(Locale.ROOT).split("@")[0])
        && email.split("@")[0].length() >= 4) {
      problems.add("do not build the password from your email address");
    }
    if (!problems.isEmpty()) {
      throw ApiException.unprocessable("weak_password",
          "the password is too weak: " + String.join("; ", problems),
          new JsonObject().put("problems", new JsonArray(problems)));
    }
  }
}
