package com.analyticsstudio.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @Test
  void acceptsTheThreeSchemes() {
    for (String scheme : new String[] {"postgresql", "postgres", "postgresql+asyncpg"}) {
      DatabaseUrl u =
          DatabaseUrl.parse(
              "DATABASE_URL", scheme + "://admin:s%40cret@db.internal:6543/analytics_studio");
      assertThat(u.host()).isEqualTo("db.internal");
      assertThat(u.port()).isEqualTo(6543);
      assertThat(u.database()).isEqualTo("analytics_studio");
      assertThat(u.user()).isEqualTo("admin");
      assertThat(u.password()).isEqualTo("s@cret");
    }
  }

  @Test
  void defaultsPortAndUserAndKeepsSslMode() {
    DatabaseUrl u = DatabaseUrl.parse("DATABASE_URL", "postgresql://localhost/app?sslmode=require");
    assertThat(u.port()).isEqualTo(5432);
    assertThat(u.user()).isEqualTo("postgres");
    assertThat(u.password()).isNull();
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/app?sslmode=require");
  }

  @Test
  void refusesOtherSchemesAndMissingDatabase() {
    assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "mysql://localhost/app"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DATABASE_URL:");
    assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "postgresql://localhost:5432/"))
        .hasMessageContaining("must name a database");
    assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", ""))
        .hasMessageContaining("required");
    assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "localhost:5432/app"))
        .hasMessageStartingWith("DATABASE_URL:");
  }

  @Test
  void neverPrintsThePassword() {
    assertThat(DatabaseUrl.parse("DATABASE_URL", "postgresql://u:hunter2@h/db").toString())
        .doesNotContain("hunter2");
  }
}
