package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueryExecutorTest {

  private static final UUID ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
  private static final QueryRequest REQ = new QueryRequest(ID, "SELECT 1", 10, 7, Set.of("sales"));

  private static ApiException map(String sqlState, String message) {
    PgException pg = new PgException(message, "ERROR", sqlState, "detail with SECRET");
    return (ApiException) QueryExecutor.mapError(pg, REQ, 0);
  }

  @Test
  void setsUpReadOnlyTransactionWithTheProjectsRoleAndSchema() {
    String setup = QueryExecutor.setupSql(REQ);
    assertThat(setup)
        .startsWith("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;")
        .contains("SET LOCAL statement_timeout = 7000;")
        .contains("SET LOCAL lock_timeout = '1s';")
        .contains(
            "SET LOCAL search_path = p_0f8fad5bd9cb469fa16570867728950e, pg_catalog, pg_temp;")
        .endsWith("SET LOCAL ROLE as_r_0f8fad5bd9cb469fa16570867728950e");
  }

  @Test
  void setsTheResourceCeilingsAsTheLoginRoleBeforeTakingTheReaderRole() {
    String setup =
        QueryExecutor.setupSql(
            REQ, null, false, new QueryExecutor.Ceilings(1024 * 1024, 12 * 1024, 1000));
    assertThat(setup)
        .contains("SET LOCAL temp_file_limit = 1048576;")
        .contains("SET LOCAL work_mem = 12288;");
    assertThat(setup.indexOf("temp_file_limit")).isLessThan(setup.indexOf("SET LOCAL ROLE"));
    assertThat(QueryExecutor.setupSql(REQ, null, false, QueryExecutor.Ceilings.NONE))
        .doesNotContain("temp_file_limit")
        .doesNotContain("work_mem");
  }

  @Test
  void temporaryFileAndMemoryLimitsAre422QueryTooLargeWithAMessage() {
    ApiException temp = map("53400", "temporary file size exceeds temp_file_limit (1024kB)");
    assertThat(temp.status()).isEqualTo(422);
    assertThat(temp.code()).isEqualTo("query_too_large");
    assertThat(temp.getMessage()).contains("temporary disk space").contains("temp_file_limit");
    assertThat(map("53200", "out of memory").code()).isEqualTo("query_too_large");
    assertThat(map("54000", "total size of jsonb array elements exceeds the maximum").status())
        .isEqualTo(422);
  }

  @Test
  void rowsBeyondTheResultByteCapAreDroppedAndFlagged() {
    QueryExecutor.BoundedRows rows = new QueryExecutor.BoundedRows(100);
    rows.add(List.of("x".repeat(40)));
    assertThat(rows.overflowed()).isFalse();
    assertThat(rows.rows()).hasSize(1);
    rows.add(List.of("y".repeat(80)));
    assertThat(rows.overflowed()).isTrue();
    assertThat(rows.rows()).as("nothing is kept once over the cap").isEmpty();
    rows.add(List.of("z"));
    assertThat(rows.rows()).isEmpty();
    ApiException e = QueryExecutor.resultTooLarge(16L * 1024 * 1024);
    assertThat(e.status()).isEqualTo(422);
    assertThat(e.code()).isEqualTo("result_too_large");
    assertThat(e.getMessage()).contains("16 MB").contains("export");
  }

  @Test
  void statementsRunLimitedUnderTextNamingProjectAndCatalogVersion() {
    String a =
        QueryExecutor.limitedText(
            new QueryRequest(ID, "SELECT 1", 10, 7, Set.of(), 1L), "SELECT 1 -- mine");
    String b =
        QueryExecutor.limitedText(
            new QueryRequest(ID, "SELECT 1", 10, 7, Set.of(), 2L), "SELECT 1 -- mine");
    String other =
        QueryExecutor.limitedText(
            new QueryRequest(UUID.randomUUID(), "SELECT 1", 10, 7, Set.of()), "SELECT 1 -- mine");
    // The user's trailing comment ends at its newline: the wrapper's LIMIT stays in force.
    assertThat(a)
        .startsWith(QueryExecutor.LIMITED_PREFIX + "SELECT 1 -- mine\n) AS q LIMIT $1\n--")
        .contains(ID.toString())
        .isNotEqualTo(b)
        .isNotEqualTo(other);
  }

  @Test
  void aCachedPlanWhoseTablesChangedShapeIsRetriedLikeACatalogChange() {
    PgException pg =
        new PgException("cached plan must not change result type", "ERROR", "0A000", null);
    assertThat(QueryExecutor.mapError(pg, REQ, 0)).isInstanceOf(QueryExecutor.CatalogChanged.class);
    assertThat(map("0A000", "FOR UPDATE is not allowed here").code()).isEqualTo("query_failed");
  }

  @Test
  void mapsStatementTimeoutToQueryTimeout() {
    ApiException e = map("57014", "canceling statement due to statement timeout");
    assertThat(e.status()).isEqualTo(422);
    assertThat(e.code()).isEqualTo("query_timeout");
    assertThat(e.getMessage()).isEqualTo("the query ran longer than 7 s and was stopped");
  }

  @Test
  void mapsInsufficientPrivilegeWithoutNamingTheObject() {
    ApiException e = map("42501", "permission denied for schema p_deadbeef");
    assertThat(e.status()).isEqualTo(403);
    assertThat(e.code()).isEqualTo("permission_denied");
    assertThat(e.getMessage()).isEqualTo("this query tried to read data outside the project");
  }

  @Test
  void mapsReadOnlyViolationToOnlySelect() {
    ApiException e = map("25006", "cannot execute INSERT in a read-only transaction");
    assertThat(e.status()).isEqualTo(403);
    assertThat(e.code()).isEqualTo("only_select");
  }

  @Test
  void mapsUndefinedTableWithPostgresMessage() {
    ApiException e = map("42P01", "relation \"x\" does not exist");
    assertThat(e.status()).isEqualTo(422);
    assertThat(e.code()).isEqualTo("unknown_table");
    assertThat(e.getMessage()).isEqualTo("relation \"x\" does not exist");
  }

  @Test
  void mapsOtherErrorsToQueryFailedWithSqlStateButNoDetail() {
    ApiException e = map("22012", "division by zero");
    assertThat(e.code()).isEqualTo("query_failed");
    assertThat(e.getMessage()).isEqualTo("division by zero");
    assertThat(e.details().getString("sqlstate")).isEqualTo("22012");
    assertThat(e.details().encode()).doesNotContain("SECRET");
  }

  @Test
  void passesNonDatabaseFailuresThroughUnchanged() {
    RuntimeException poolFull = new RuntimeException("Max waiting queue size reached");
    assertThat(QueryExecutor.mapError(poolFull, REQ, 0)).isSameAs(poolFull);
  }

  @Test
  void aRowTooLargeToBufferIsResultTooLargeNotAServerError() {
    // Netty's decoder fails to reserve direct memory for one huge DataRow (repeat('x', 3e8)); the
    // error reaches the query wrapped or bare.
    OutOfMemoryError oom = new OutOfMemoryError("Cannot reserve 133062729 bytes of direct memory");
    for (Throwable t : List.of(oom, new RuntimeException("decoder", oom))) {
      ApiException e = (ApiException) QueryExecutor.mapError(t, REQ, 0);
      assertThat(e.status()).isEqualTo(422);
      assertThat(e.code()).isEqualTo("result_too_large");
      assertThat(e.details().getString("limit")).isEqualTo("row");
    }
  }

  @Test
  void validatesLimitAndTimeout() {
    assertThatThrownBy(() -> new QueryRequest(ID, "SELECT 1", 0, 5, Set.of()))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> new QueryRequest(ID, "SELECT 1", 10, 0, Set.of()))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> new QueryRequest(ID, "SELECT 1", 10, 3601, Set.of()))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void stopsWaitingAtTheClientDeadlineAndReportsATimeout() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Promise<String> never = Promise.promise();
      Throwable err =
          QueryExecutor.withDeadline(vertx, never.future(), 50)
              .toCompletionStage()
              .toCompletableFuture()
              .handle((v, t) -> t)
              .get(5, TimeUnit.SECONDS);
      Throwable cause = err instanceof CompletionException ? err.getCause() : err;
      ApiException e = (ApiException) QueryExecutor.mapError(cause, REQ, 0);
      assertThat(e.code()).isEqualTo("query_timeout");
      String done =
          QueryExecutor.withDeadline(vertx, Future.succeededFuture("ok"), 50)
              .toCompletionStage()
              .toCompletableFuture()
              .get(5, TimeUnit.SECONDS);
      assertThat(done).isEqualTo("ok");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }
}
