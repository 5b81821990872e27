package com.analyticsstudio.query;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.Db;
import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import com.analyticsstudio.tenancy.ProjectSchemas;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The remembered catalog and the prepared-statement cache against changes made elsewhere: two
 * instances of the app share one database (as behind a load balancer). Data changed through one is
 * read by the very next uncached query through the other, though it had remembered the old catalog
 * and prepared the statement for the old shape; access changes reach the other within {@link
 * QueryCatalog#TTL_MS}. One user-SQL connection per instance, so every statement of a test meets
 * the statements prepared before it.
 */
class QueryCatalogIT {
  static final Map<String, String> SETTINGS = Map.of("QUERY_POOL_SIZE", "1", "SLOW_QUERY_MS", "0");
  static TestApp one;
  static TestApp two;
  static QueryApi viaOne;
  static QueryApi viaTwo;

  @BeforeAll
  static void start() {
    one = TestApp.start(SETTINGS);
    two = TestApp.startAnother(one, SETTINGS);
    viaOne = new QueryApi(one);
    viaTwo = new QueryApi(two);
  }

  @AfterAll
  static void stop() {
    if (two != null) two.close();
    if (one != null) one.close();
  }

  static HttpResponse<Buffer> uncached(QueryApi q, String token, String project, String sql) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Cache-Control", "no-cache");
    return q.run(token, project, new JsonObject().put("sql", sql), h, "");
  }

  static JsonArray rows(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("rows");
  }

  /** A condition that holds once another instance's remembered entries expire (bounded wait). */
  interface Check {
    boolean holds() throws Exception;
  }

  private static void eventually(Check check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!check.holds() && System.nanoTime() < deadline) Thread.sleep(50);
  }

  @Test
  void aRemovedMemberIsRefusedAtOnceByTheInstanceThatRemovedThemAndWithinASecondByOthers()
      throws Exception {
    Session owner = one.api.signup();
    Session member = one.api.signup();
    String p = one.api.createProject(owner, "members");
    viaOne.upload(owner.accessToken(), p, "t.csv", "v\n1\n2\n");
    one.api.addMember(owner, p, member, "viewer");
    String sql = "SELECT sum(v) AS s FROM t";
    assertThat(rows(uncached(viaTwo, member.accessToken(), p, sql)))
        .isEqualTo(new JsonArray("[[3]]"));
    assertThat(rows(uncached(viaOne, member.accessToken(), p, sql)))
        .isEqualTo(new JsonArray("[[3]]"));

    // Removed through instance one: refused there at once, by instance two once its entry expires.
    assertThat(
            one.api
                .delete(
                    "/api/v1/projects/" + p + "/members/" + member.userId(), owner.accessToken())
                .statusCode())
        .isEqualTo(204);
    assertError(uncached(viaOne, member.accessToken(), p, sql), 404, "not_found");
    assertError(viaOne.run(member.accessToken(), p, sql), 404, "not_found");
    // Instance two's entry lives QueryCatalog.TTL_MS: awaited, not slept.
    eventually(() -> uncached(viaTwo, member.accessToken(), p, sql).statusCode() == 404);
    assertError(uncached(viaTwo, member.accessToken(), p, sql), 404, "not_found");
    assertError(viaTwo.run(member.accessToken(), p, sql), 404, "not_found");
    assertThat(rows(uncached(viaTwo, owner.accessToken(), p, sql)))
        .isEqualTo(new JsonArray("[[3]]"));
  }

  @Test
  void aNewVersionLoadedByAnotherInstanceIsReadByTheNextQuery() throws Exception {
    Session owner = one.api.signup();
    String p = one.api.createProject(owner, "versions");
    String id =
        viaOne
            .upload(owner.accessToken(), p, "scores.csv", "name,score\na,1\nb,2\n")
            .getString("id");
    String sql = "SELECT * FROM scores ORDER BY name";
    // Instance two prepares the statement (twice: the second run uses its prepared statement).
    assertThat(rows(uncached(viaTwo, owner.accessToken(), p, sql)))
        .isEqualTo(new JsonArray("[[\"a\",1],[\"b\",2]]"));
    assertThat(rows(uncached(viaTwo, owner.accessToken(), p, sql)))
        .isEqualTo(new JsonArray("[[\"a\",1],[\"b\",2]]"));

    // A new version with another shape, loaded through instance one.
    viaOne.replace(owner.accessToken(), p, id, "scores.csv", "name,score,team\nc,30,x\n");
    JsonObject after = uncached(viaTwo, owner.accessToken(), p, sql).bodyAsJsonObject();
    assertThat(after.getJsonArray("rows"))
        .as(after.encode())
        .isEqualTo(new JsonArray("[[\"c\",30,\"x\"]]"));
    assertThat(after.getJsonArray("columns").size()).isEqualTo(3);

    // A dataset created through instance one is queryable through two at once.
    viaOne.upload(owner.accessToken(), p, "extra.csv", "w\n5\n");
    assertThat(rows(uncached(viaTwo, owner.accessToken(), p, "SELECT w FROM extra")))
        .isEqualTo(new JsonArray("[[5]]"));

    // Cached answers: keyed by the versions the instance remembers, which it re-reads within a
    // second.
    eventually(
        () ->
            new JsonArray("[[\"c\",30,\"x\"]]")
                .equals(
                    viaTwo
                        .run(owner.accessToken(), p, sql)
                        .bodyAsJsonObject()
                        .getJsonArray("rows")));
    JsonObject cached = viaTwo.run(owner.accessToken(), p, sql).bodyAsJsonObject();
    assertThat(cached.getJsonArray("rows")).isEqualTo(new JsonArray("[[\"c\",30,\"x\"]]"));
  }

  @Test
  void aStatementPreparedForAnOldShapeIsPreparedAgain() throws Exception {
    Session owner = one.api.signup();
    String p = one.api.createProject(owner, "shapes");
    viaOne.upload(owner.accessToken(), p, "items.csv", "name\nbolt\n");
    String sql = "SELECT * FROM items";
    assertThat(rows(uncached(viaOne, owner.accessToken(), p, sql)))
        .isEqualTo(new JsonArray("[[\"bolt\"]]"));
    assertThat(rows(uncached(viaOne, owner.accessToken(), p, sql)))
        .isEqualTo(new JsonArray("[[\"bolt\"]]"));
    // The view changes shape behind the app's back (no new version, so the remembered catalog and
    // the statement's text stay the same): PostgreSQL refuses the prepared statement once, the
    // engine prepares it again.
    String view = ProjectSchemas.schemaName(UUID.fromString(p)) + ".items";
    try (Connection c = Db.jdbc(one.database);
        Statement st = c.createStatement()) {
      st.execute(
          "DO $$ BEGIN EXECUTE format('CREATE OR REPLACE VIEW "
              + view
              + " AS SELECT v.*, 7 AS extra FROM (%s) v', "
              + "rtrim(pg_get_viewdef('"
              + view
              + "'::regclass), ';')); END $$");
    }
    HttpResponse<Buffer> after = uncached(viaOne, owner.accessToken(), p, sql);
    assertThat(rows(after)).isEqualTo(new JsonArray("[[\"bolt\",7]]"));
  }

  @Test
  void theSameSqlInTwoProjectsNeverSharesAPreparedStatement() {
    Session a = one.api.signup();
    Session b = one.api.signup();
    String pa = one.api.createProject(a, "a");
    String pb = one.api.createProject(b, "b");
    viaOne.upload(a.accessToken(), pa, "t.csv", "x\n1\n");
    viaOne.upload(b.accessToken(), pb, "t.csv", "y,z\nsecret-b,2\n");
    String sql = "SELECT * FROM t";
    // One connection per instance: both projects' statements meet on it, alternately.
    for (int i = 0; i < 3; i++) {
      assertThat(rows(uncached(viaOne, a.accessToken(), pa, sql)))
          .isEqualTo(new JsonArray("[[1]]"));
      assertThat(rows(uncached(viaOne, b.accessToken(), pb, sql)))
          .isEqualTo(new JsonArray("[[\"secret-b\",2]]"));
    }
  }
}
