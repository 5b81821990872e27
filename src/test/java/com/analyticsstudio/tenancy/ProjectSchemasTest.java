package com.analyticsstudio.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProjectSchemasTest {

  private static final UUID ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

  @Test
  void namesSchemaAndRoleAfterTheProjectUuid() {
    assertThat(ProjectSchemas.schemaName(ID)).isEqualTo("p_0f8fad5bd9cb469fa16570867728950e");
    assertThat(ProjectSchemas.readerRole(ID)).isEqualTo("as_r_0f8fad5bd9cb469fa16570867728950e");
  }

  @Test
  void createsSchemaNologinReaderRoleAndMembershipForTheCurrentRole() {
    String all = String.join("\n", ProjectSchemas.create(ID));
    assertThat(all)
        .contains("CREATE SCHEMA IF NOT EXISTS \"p_0f8fad5bd9cb469fa16570867728950e\"")
        .contains("CREATE ROLE \"as_r_0f8fad5bd9cb469fa16570867728950e\" NOLOGIN NOINHERIT")
        .contains(
            "GRANT USAGE ON SCHEMA \"p_0f8fad5bd9cb469fa16570867728950e\" TO \"as_r_0f8fad5bd9cb469fa16570867728950e\"")
        .contains("GRANT \"as_r_0f8fad5bd9cb469fa16570867728950e\" TO CURRENT_USER");
  }

  @Test
  void grantsSelectOnOneDatasetOnly() {
    assertThat(ProjectSchemas.grantRead(ID, "sales"))
        .containsExactly(
            "GRANT SELECT ON \"p_0f8fad5bd9cb469fa16570867728950e\".\"sales\" TO \"as_r_0f8fad5bd9cb469fa16570867728950e\"");
  }

  @Test
  void dropsSchemaThenRole() {
    assertThat(ProjectSchemas.drop(ID).get(0))
        .isEqualTo("DROP SCHEMA IF EXISTS \"p_0f8fad5bd9cb469fa16570867728950e\" CASCADE");
    assertThat(ProjectSchemas.drop(ID).get(1)).contains("DROP OWNED BY").contains("DROP ROLE");
  }

  @Test
  void refusesDatasetNamesTheGuardCouldNotQueryOrThatCouldInjectSql() {
    for (String bad :
        new String[] {
          "Sales",
          "1sales",
          "sales;drop",
          "sales\"x",
          "pg_sales",
          "",
          "a".repeat(64),
          "set_config",
          "information_schema"
        }) {
      assertThatThrownBy(() -> ProjectSchemas.grantRead(ID, bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_table_name"));
    }
    assertThat(ProjectSchemas.requireValidTableName("sales_2024")).isEqualTo("sales_2024");
  }
}
