package com.analyticsstudio.http;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every list pages one way: {@code limit} + opaque {@code cursor} in, {@code {items, next, limit,
 * total}} out. Each list gets three entries, is walked one item per page and compared with the
 * single page of everything.
 */
class PagingIT {
  static TestApp app;
  static Session owner;
  static String project;
  static String datasetId;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of());
    owner = app.api.signup();
    project = app.api.createProject(owner, "paging");
    app.api.createProject(owner, "paging-2");
    app.api.createProject(owner, "paging-3");
    for (int i = 0; i < 2; i++) app.api.addMember(owner, project, app.api.signup(), "viewer");
    for (int i = 0; i < 3; i++) {
      HttpResponse<Buffer> r =
          app.api.post(
              "/api/v1/api-keys", owner.accessToken(), new JsonObject().put("name", "k" + i));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      HttpResponse<Buffer> g =
          app.api.post(
              base() + "/golden-questions",
              owner.accessToken(),
              new JsonObject()
                  .put("question", "how many " + i)
                  .put("expectedSql", "SELECT " + i)
                  .put("ordered", false));
      assertThat(g.statusCode()).as(g.bodyAsString()).isEqualTo(201);
    }
    for (int i = 0; i < 3; i++) {
      HttpResponse<Buffer> r =
          app.http
              .post(base() + "/datasets?wait=true&filename=t" + i + ".csv")
              .bearerTokenAuthentication(owner.accessToken())
              .putHeader("Content-Type", "text/csv")
              .sendBuffer(Buffer.buffer("a,b\n1,x\n2,y\n"))
              .toCompletionStage()
              .toCompletableFuture()
              .join();
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      datasetId = r.bodyAsJsonObject().getString("id");
    }
    for (int i = 0; i < 2; i++) {
      HttpResponse<Buffer> r =
          app.http
              .post(base() + "/datasets/" + datasetId + "/versions?wait=true&mode=append")
              .bearerTokenAuthentication(owner.accessToken())
              .putHeader("Content-Type", "text/csv")
              .sendBuffer(Buffer.buffer("a,b\n3,z\n"))
              .toCompletionStage()
              .toCompletableFuture()
              .join();
      assertThat(r.statusCode()).as(r.bodyAsString()).isIn(200, 201);
    }
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static String base() {
    return "/api/v1/projects/" + project;
  }

  static List<String> lists() {
    return List.of(
        "/api/v1/api-keys",
        "/api/v1/projects",
        base() + "/members",
        base() + "/datasets",
        base() + "/datasets/" + datasetId + "/versions",
        base() + "/golden-questions",
        base() + "/audit",
        base() + "/threads",
        base() + "/ask/log",
        base() + "/query/jobs");
  }

  static JsonObject page(String path, String query) {
    HttpResponse<Buffer> r = app.api.get(path + query, owner.accessToken());
    assertThat(r.statusCode()).as(path + query + " " + r.bodyAsString()).isEqualTo(200);
    JsonObject b = r.bodyAsJsonObject();
    assertThat(b.containsKey("next")).as(path).isTrue();
    assertThat(b.getJsonArray("items")).as(path).isNotNull();
    return b;
  }

  @Test
  void everyListWalksOneItemPerPageToTheSameItemsAsOnePage() {
    for (String path : lists()) {
      JsonObject all = page(path, "?limit=500");
      assertThat(all.getInteger("limit")).as(path).isEqualTo(500);
      assertThat(all.getValue("next")).as(path).isNull();
      JsonArray everything = all.getJsonArray("items");
      assertThat(all.getLong("total")).as(path).isEqualTo(everything.size());

      List<Object> walked = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        JsonObject p =
            page(
                path,
                "?limit=1"
                    + (cursor == null
                        ? ""
                        : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
        assertThat(p.getInteger("limit")).isEqualTo(1);
        assertThat(p.getLong("total")).as(path).isEqualTo(everything.size());
        assertThat(p.getJsonArray("items").size()).as(path).isLessThanOrEqualTo(1);
        walked.addAll(p.getJsonArray("items").getList());
        cursor = p.getString("next");
        assertThat(++pages).as(path).isLessThan(50);
      } while (cursor != null);
      assertThat(new JsonArray(walked)).as(path).isEqualTo(everything);
    }
  }

  @Test
  void theListsWithDataHaveMoreThanOnePage() {
    for (String path :
        List.of(
            "/api/v1/api-keys",
            "/api/v1/projects",
            base() + "/members",
            base() + "/datasets",
            base() + "/datasets/" + datasetId + "/versions",
            base() + "/golden-questions",
            base() + "/audit")) {
      JsonObject p = page(path, "?limit=2");
      assertThat(p.getJsonArray("items")).as(path).hasSize(2);
      assertThat(p.getString("next")).as(path).isNotNull();
      assertThat(p.getLong("total")).as(path).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void theDefaultIs50AndBadLimitsOrCursorsAre400() {
    for (String path : lists()) {
      assertThat(page(path, "").getInteger("limit")).as(path).isEqualTo(50);
      assertError(app.api.get(path + "?limit=0", owner.accessToken()), 400, "validation_failed");
      assertError(app.api.get(path + "?limit=501", owner.accessToken()), 400, "validation_failed");
      assertError(
          app.api.get(path + "?cursor=not-a-cursor", owner.accessToken()),
          400,
          "validation_failed");
    }
  }
}
