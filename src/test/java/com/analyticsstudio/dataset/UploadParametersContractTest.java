package com.analyticsstudio.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.ContractSchemas;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The upload operations skip the router's validator (their bodies stream into the loader), so
 * {@link DatasetRoutes#options(MultiMap)} and {@link DatasetRoutes#mode(MultiMap)} check the query
 * parameters by hand. Here they and the contract judge the same values and must agree.
 */
class UploadParametersContractTest {
  private static final List<String> VALUES =
      List.of(
          "",
          "sales",
          "Sales 2024 (final).csv",
          "true",
          "false",
          "yes",
          "1",
          "replace",
          "append",
          "merge",
          "x".repeat(100),
          "x".repeat(101),
          "x".repeat(200),
          "x".repeat(201),
          "x".repeat(255),
          "x".repeat(256));

  @Test
  void theHandCheckedParametersAreTheDocumentedOnes() {
    assertThat(ContractSchemas.queryParameters("uploadDataset"))
        .containsExactlyInAnyOrder("wait", "name", "filename", "sheet");
    assertThat(ContractSchemas.queryParameters("uploadDatasetVersion"))
        .containsExactlyInAnyOrder("mode", "wait", "filename", "sheet");
  }

  @Test
  void theHandCheckAgreesWithTheContract() {
    for (String op : List.of("uploadDataset", "uploadDatasetVersion")) {
      for (String name : ContractSchemas.queryParameters(op)) {
        for (String value : VALUES) {
          if (value.isEmpty() && Set.of("name", "filename", "sheet").contains(name)) {
            continue; // an empty text means "not given" to both
          }
          boolean schema = ContractSchemas.parameterValid(op, name, value);
          boolean hand = handAccepts(name, value);
          assertThat(hand)
              .as("%s %s=%s: the contract says %s", op, name, abbreviated(value), schema)
              .isEqualTo(schema);
        }
      }
    }
  }

  @Test
  void controlCharactersInNamesAreRefused() {
    // Stricter than the schema, on purpose: a name or sheet with a control character is refused.
    assertThat(handAccepts("name", "a\tb")).isFalse();
    assertThat(handAccepts("sheet", "a\u001bb")).isFalse();
  }

  private static boolean handAccepts(String name, String value) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap().add(name, value);
    return ContractSchemas.handAccepts(
        () -> {
          if (name.equals("mode")) {
            DatasetRoutes.mode(params);
          } else {
            DatasetRoutes.options(params);
          }
        },
        "validation_failed");
  }

  private static String abbreviated(String value) {
    return value.length() > 12 ? value.substring(0, 12) + "…(" + value.length() + ")" : value;
  }
}
