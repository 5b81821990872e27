package com.analyticsstudio.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StorageKeysTest {
  private static final UUID P = UUID.fromString("11111111-1111-1111-1111-111111111111");
  private static final UUID D = UUID.fromString("22222222-2222-2222-2222-222222222222");

  @Test
  void layout() {
    assertThat(StorageKeys.original(P, D, 3, "sales.csv"))
        .isEqualTo(
            "datasets/11111111-1111-1111-1111-111111111111/22222222-2222-2222-2222-222222222222/3/sales.csv");
    assertThat(StorageKeys.datasetPrefix(P, D))
        .isEqualTo(
            "datasets/11111111-1111-1111-1111-111111111111/22222222-2222-2222-2222-222222222222/");
    assertThat(StorageKeys.projectPrefix(P))
        .isEqualTo("datasets/11111111-1111-1111-1111-111111111111/");
    assertThat(StorageKeys.temp("chunk-1.csv")).isEqualTo("temp/chunk-1.csv");
    assertThat(StorageKeys.original(P, D, 1, "x.csv")).startsWith(StorageKeys.datasetPrefix(P, D));
    assertThat(StorageKeys.datasetPrefix(P, D)).startsWith(StorageKeys.projectPrefix(P));
  }

  @Test
  void builtKeysAreAlwaysValid() {
    for (String name :
        new String[] {
          "../../etc/passwd", "..", "/", "", "a\u0000b.csv", "C:\\x\\..\\y.xlsx", null
        }) {
      assertThat(StorageKeys.requireValidKey(StorageKeys.original(P, D, 1, name))).isNotBlank();
      assertThat(StorageKeys.requireValidKey(StorageKeys.temp(name))).isNotBlank();
    }
  }

  @Test
  void negativeVersionsAndMissingIdsAreProgrammingErrors() {
    assertThatThrownBy(() -> StorageKeys.original(P, D, -1, "a.csv"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StorageKeys.original(null, D, 1, "a.csv"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> StorageKeys.datasetPrefix(P, null))
        .isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "sales.csv                   | sales.csv",
        "Sales Report 2024.CSV       | Sales_Report_2024.csv",
        "../../etc/passwd            | passwd",
        "..\\..\\boot.ini            | boot.ini",
        "C:\\Users\\me\\data.xlsx    | data.xlsx",
        "...csv                      | file.csv",
        ".csv                        | file.csv",
        "😀😀.csv                    | file.csv",
        "..                          | file",
        "/                           | file",
        "''                          | file",
        ".hidden.csv                 | hidden.csv",
        "a..b..csv                   | a.b.csv",
        "weird;&$`name'.csv          | weird_name.csv",
        "tab\\there.csv              | tab_here.csv",
        "new\\nline\\r.tsv           | new_line.tsv",
        "nul\\u0000byte.csv          | nul_byte.csv",
        "Grüße_東京.xlsx              | Grüße_東京.xlsx",
        "report.tar.gz               | report.tar.gz",
        "noextension                 | noextension",
        "trailing dot.               | trailing_dot",
        "data.c$v                    | data.c_v",
      })
  void sanitisesFilenames(String raw, String expected) {
    String name =
        StorageKeys.sanitizeFilename(
            raw.replace("\\n", "\n")
                .replace("\\r", "\r")
                .replace("\\t", "\t")
                .replace("\\u0000", "\u0000"));
    assertThat(name).isEqualTo(expected);
  }

  @Test
  void sanitisedNamesNeverContainSeparatorsDotDotOrControlCharacters() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x250; c++) {
      all.append(c);
    }
    String name = StorageKeys.sanitizeFilename(all + "/../..\\x" + all + ".CSV");
    assertThat(name).doesNotContain("/", "\\", "..").endsWith(".csv").doesNotStartWith(".");
    assertThat(name.chars()).noneMatch(Character::isISOControl);
    assertThat(StorageKeys.sanitizeFilename(null)).isEqualTo("file");
  }

  @Test
  void longNamesAreShortenedButKeepTheExtension() {
    String name = StorageKeys.sanitizeFilename("x".repeat(500) + ".xlsx");
    assertThat(name).hasSize(StorageKeys.MAX_FILENAME_CHARS).endsWith(".xlsx").startsWith("xxx");
    String unicode = StorageKeys.sanitizeFilename("𝒜ж".repeat(150) + ".csv");
    assertThat(unicode.codePointCount(0, unicode.length()))
        .isEqualTo(StorageKeys.MAX_FILENAME_CHARS);
    assertThat(unicode).endsWith(".csv");
  }

  @Test
  void extensionsMustLookLikeExtensions() {
    assertThat(StorageKeys.sanitizeFilename("archive.verylongextension"))
        .isEqualTo("archive.verylongextension");
    assertThat(StorageKeys.sanitizeFilename("x".repeat(200) + ".verylongextension"))
        .doesNotContain(".verylong");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "a/b/c.csv",
        "temp/x y+z (1).csv",
        "datasets/ü/日本.xlsx",
        "a/.b",
        "a/...",
        "a/b..c"
      })
  void validKeys(String key) {
    assertThat(StorageKeys.requireValidKey(key)).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/a",
        "a/",
        "a//b",
        "..",
        "a/../b",
        "a/..",
        "./a",
        "a/./b",
        "a\\b",
        "a\u0000b",
        "a\nb",
        "a\u007fb"
      })
  void invalidKeys(String key) {
    assertThatThrownBy(() -> StorageKeys.requireValidKey(key))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("invalid_storage_key");
            });
  }

  @Test
  void tooLongKeysAreRefused() {
    assertThatThrownBy(() -> StorageKeys.requireValidKey("a/" + "ü".repeat(512)))
        .isInstanceOf(ApiException.class);
    assertThat(StorageKeys.requireValidKey("a".repeat(StorageKeys.MAX_KEY_BYTES))).hasSize(1024);
  }

  @Test
  void prefixes() {
    assertThat(StorageKeys.requireValidPrefix("", true)).isEmpty();
    assertThat(StorageKeys.requireValidPrefix("datasets/", false)).isEqualTo("datasets/");
    assertThat(StorageKeys.requireValidPrefix("datasets/ab", false)).isEqualTo("datasets/ab");
    for (String bad : new String[] {"/", "../", "a//", "/a/", "a/../"}) {
      assertThatThrownBy(() -> StorageKeys.requireValidPrefix(bad, true))
          .as(bad)
          .isInstanceOf(ApiException.class);
    }
    assertThatThrownBy(() -> StorageKeys.requireValidPrefix("", false))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> StorageKeys.requireValidPrefix(null, true))
        .isInstanceOf(ApiException.class);
  }
}
