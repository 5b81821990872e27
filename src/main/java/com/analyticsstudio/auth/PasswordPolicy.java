package com.analyticsstudio.auth;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The minimum a password must meet; every unmet rule is listed in one 422. Length first (at least
 * {@value #MIN_LENGTH}), then the list of common passwords shipped in {@code
 * auth/common-passwords.txt} (the 10,000 most common of 10+ characters from OWASP SecLists' top
 * million, see the file's header), compared without case, then a few cheap shapes a list misses:
 * too few distinct characters, built from the email address.
 */
public final class PasswordPolicy {
  static final int MIN_LENGTH = 10;
  private static final int MIN_DISTINCT = 4;
  private static final String COMMON_RESOURCE = "auth/common-passwords.txt";
  private static final Set<String> COMMON = load();

  private PasswordPolicy() {}

  public static void check(String password, String email) {
    List<String> problems = new ArrayList<>();
    if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
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
      problems.add("this is one of the most common passwords; choose another");
    } else if (lower.codePoints().distinct().count() < MIN_DISTINCT) {
      problems.add("use more than " + (MIN_DISTINCT - 1) + " different characters");
    }
    if (email != null
        && !email.isBlank()
        && lower.contains(email.toLowerCase(Locale.ROOT).split("@")[0])
        && email.split("@")[0].length() >= 4) {
      problems.add("do not build the password from your email address");
    }
    if (!problems.isEmpty()) {
      throw ApiException.unprocessable(
          "weak_password",
          "the password is too weak: " + String.join("; ", problems),
          new JsonObject().put("problems", new JsonArray(problems)));
    }
  }

  /** Whether the shipped list holds this password (case-insensitive). */
  static boolean isCommon(String password) {
    return COMMON.contains(password.toLowerCase(Locale.ROOT));
  }

  private static Set<String> load() {
    try (InputStream in =
        PasswordPolicy.class.getClassLoader().getResourceAsStream(COMMON_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(COMMON_RESOURCE + " is missing from the classpath");
      }
      Set<String> out = new HashSet<>(16_384);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          out.add(line.toLowerCase(Locale.ROOT));
        }
      }
      return Set.copyOf(out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + COMMON_RESOURCE, e);
    }
  }
}
