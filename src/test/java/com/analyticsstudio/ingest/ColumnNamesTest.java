package com.analyticsstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnNamesTest {

  private static List<String> names(String... labels) {
    return ColumnNames.normalize(Arrays.asList(labels));
  }

  @Test
  void normalisesPunctuationAndCase() {
    assertThat(
            names(
                "Unit Price ($)", "% Growth", "Order #", "R&D Spend", "  First   Name ", "e-mail"))
        .containsExactly(
            "unit_price", "pct_growth", "order_num", "r_and_d_spend", "first_name", "e_mail");
  }

  @Test
  void prefixesLeadingDigits() {
    assertThat(names("2024", "1st place")).containsExactly("c_2024", "c_1st_place");
  }

  @Test
  void transliteratesAccentsAndDropsOtherNonAscii() {
    assertThat(names("Café Crème", "Straße", "Ærø", "名前 name", "日本"))
        .containsExactly("cafe_creme", "strasse", "aero", "name", "column_5");
  }

  @Test
  void namesBlankHeadersByPosition() {
    assertThat(names("a", "", null, "  ", "$$"))
        .containsExactly("a", "column_2", "column_3", "column_4", "column_5");
  }

  @Test
  void makesDuplicatesUniqueDeterministically() {
    assertThat(names("Name", "name", "NAME", "name_2"))
        .containsExactly("name", "name_3", "name_4", "name_2");
    assertThat(names("x", "x", "x")).containsExactly("x", "x_2", "x_3");
  }

  @Test
  void suffixesReservedWordsAndSystemColumns() {
    assertThat(names("order", "select", "user", "xmin", "Table", "orders"))
        .containsExactly("order_", "select_", "user_", "xmin_", "table_", "orders");
  }

  @Test
  void cutsNamesTo63Bytes() {
    String longLabel = "a".repeat(100);
    List<String> n = names(longLabel, longLabel);
    assertThat(n.get(0)).hasSize(63);
    assertThat(n.get(1)).hasSize(63).endsWith("_2");
  }

  @Test
  void headerPresenceCheck() {
    assertThat(ColumnNames.looksLikeHeader(new String[] {"id", "amount"})).isTrue();
    assertThat(ColumnNames.looksLikeHeader(new String[] {"1", "2.5"})).isFalse();
    assertThat(ColumnNames.looksLikeHeader(new String[] {"1", "", "2024-01-31"})).isFalse();
    assertThat(ColumnNames.looksLikeHeader(new String[] {"country", "2019", "2020"})).isTrue();
  }

  @Test
  void namesTheQueryGuardWouldRefuseGetAPrefix() {
    assertThat(ColumnNames.normalize("pg_size", 1)).isEqualTo("c_pg_size");
    assertThat(ColumnNames.normalize("Current Setting", 1)).isEqualTo("c_current_setting");
    assertThat(ColumnNames.normalize("current_user", 1)).isEqualTo("current_user_");
    assertThat(ColumnNames.normalize("lo_value", 1)).isEqualTo("c_lo_value");
    assertThat(ColumnNames.normalize("page", 1)).isEqualTo("page");
  }
}
