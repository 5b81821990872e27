package com.analyticsstudio.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScopesTest {

  @Test
  void readsAndReadOnlyWorkNeedReadUploadsNeedUploadTheRestAdmin() {
    assertThat(Scopes.required("listDatasets", HttpMethod.GET)).isEqualTo(Scope.READ);
    assertThat(Scopes.required("runQuery", HttpMethod.POST)).isEqualTo(Scope.READ);
    assertThat(Scopes.required("askStream", HttpMethod.POST)).isEqualTo(Scope.READ);
    // A semantic query is a query: a program with a read key runs it like POST …/query.
    assertThat(Scopes.required("semanticQuery", HttpMethod.POST)).isEqualTo(Scope.READ);
    assertThat(Scopes.required("compileSemanticQuery", HttpMethod.POST)).isEqualTo(Scope.READ);
    assertThat(Scopes.required("cancelQueryJob", HttpMethod.DELETE)).isEqualTo(Scope.READ);
    // Running a saved chart or previewing a draft only reads, like a query.
    assertThat(Scopes.required("runChart", HttpMethod.POST)).isEqualTo(Scope.READ);
    assertThat(Scopes.required("previewChart", HttpMethod.POST)).isEqualTo(Scope.READ);
    assertThat(Scopes.required("createChart", HttpMethod.POST)).isEqualTo(Scope.ADMIN);
    assertThat(Scopes.required("uploadDatasetVersion", HttpMethod.POST)).isEqualTo(Scope.UPLOAD);
    assertThat(Scopes.required("createApiKey", HttpMethod.POST)).isEqualTo(Scope.ADMIN);
    assertThat(Scopes.required("removeMember", HttpMethod.DELETE)).isEqualTo(Scope.ADMIN);
    // An operation nobody listed yet is admin-only until someone decides otherwise.
    assertThat(Scopes.required("somethingNew", HttpMethod.PUT)).isEqualTo(Scope.ADMIN);
  }

  @Test
  void adminCoversEveryScopeAndTheOthersOnlyThemselves() {
    UUID u = UUID.randomUUID();
    Principal admin = new Principal(u, "a@example.com", UUID.randomUUID(), EnumSet.of(Scope.ADMIN));
    Principal reader = new Principal(u, "a@example.com", UUID.randomUUID(), EnumSet.of(Scope.READ));
    Principal user = new Principal(u, "a@example.com", null);
    assertThat(admin.has(Scope.UPLOAD)).isTrue();
    assertThat(reader.has(Scope.READ)).isTrue();
    assertThat(reader.has(Scope.UPLOAD)).isFalse();
    assertThat(user.has(Scope.ADMIN)).isTrue();
  }
}
