package com.analyticsstudio.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Query strings are percent-decoded exactly once: {@code ?q=%25} searches for a literal {@code %}
 * (vertx-openapi 5.0's validator decodes values a second time, which refused it), and a malformed
 * escape ({@code %zz}, {@code %%%}, a trailing {@code %}) is 400 {@code validation_failed}, never a
 * 500. The malformed requests go over a raw socket: HTTP clients refuse to send them.
 */
class QueryStringIT {
  static TestApp app;
  static Session owner;
  static String project;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of());
    owner = app.api.signup();
    project = app.api.createProject(owner, "query-string");
    for (String name : List.of("Growth 100%", "Plain growth", "Sales %41 code")) {
      HttpResponse<Buffer> r =
          app.api.post(
              charts(),
              owner.accessToken(),
              new JsonObject()
                  .put("name", name)
                  .put("query", new JsonObject().put("sql", "SELECT 1 AS x"))
                  .put("visualization", new JsonObject().put("type", "table")));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    }
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static String charts() {
    return "/api/v1/projects/" + project + "/charts";
  }

  static List<String> names(String query) {
    HttpResponse<Buffer> r = app.api.get(charts() + query, owner.accessToken());
    assertThat(r.statusCode()).as(query + " " + r.bodyAsString()).isEqualTo(200);
    JsonArray items = r.bodyAsJsonObject().getJsonArray("items");
    return items.stream().map(i -> ((JsonObject) i).getString("name")).sorted().toList();
  }

  @Test
  void anEncodedPercentSearchesForALiteralPercent() {
    assertThat(names("?q=%25")).containsExactly("Growth 100%", "Sales %41 code");
    assertThat(names("?q=100%25")).containsExactly("Growth 100%");
  }

  @Test
  void anEncodedEscapeIsNotDecodedTwice() {
    // %2541 is the text "%41"; decoded twice it would be "A".
    assertThat(names("?q=%2541")).containsExactly("Sales %41 code");
    // %2B is a plus sign, not a space.
    assertThat(names("?q=growth%2B")).isEmpty();
    assertThat(names("?q=plain+growth")).containsExactly("Plain growth");
  }

  @Test
  void malformedEscapesAre400ValidationFailed() {
    Map<String, String> locations =
        Map.of(
            "?cursor=%%%", "query.cursor",
            "?q=%zz", "query.q",
            "?q=abc%", "query.q",
            "?q=%4", "query.q",
            "?limit=%G1", "query.limit",
            "?q=%25%zz", "query.q",
            "?limit=5&%zz=1", "query");
    for (Map.Entry<String, String> e : locations.entrySet()) {
      String query = e.getKey();
      RawResponse r = raw(charts() + query);
      assertThat(r.status()).as(query + " " + r.body()).isEqualTo(400);
      assertThat(r.header("content-type")).as(query).startsWith("application/json");
      JsonObject error = new JsonObject(r.body()).getJsonObject("error");
      assertThat(error.getString("code")).as(query).isEqualTo("validation_failed");
      assertThat(error.getString("message")).as(query).contains("percent");
      assertThat(error.getJsonObject("details").getString("location"))
          .as(query)
          .isEqualTo(e.getValue());
    }
  }

  @Test
  void aMalformedEscapeIsRefusedBeforeAuthentication() {
    // No credentials: still the 400, so nothing downstream ever parses the broken query.
    RawResponse r = rawWithout(charts() + "?cursor=%%%");
    assertThat(r.status()).as(r.body()).isEqualTo(400);
  }

  @Test
  void headerValuesAreValidatedAsSent() {
    // The validator used to URL-decode headers too: "50%off" could not be decoded (400).
    HttpResponse<Buffer> r =
        app.api.call(
            HttpMethod.POST,
            "/api/v1/projects",
            owner.accessToken(),
            new JsonObject().put("name", "percent key"),
            MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", "50%off+" + project));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
  }

  @Test
  void aMalformedEscapeInThePathIsNotA500() {
    RawResponse r = raw("/api/v1/projects/%zz/charts");
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    JsonObject error = new JsonObject(r.body()).getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("validation_failed");
    assertThat(error.getJsonObject("details").getString("location")).isEqualTo("path");
  }

  record RawResponse(int status, String head, String body) {
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }
  }

  static RawResponse raw(String target) {
    return send(target, "Authorization: Bearer " + owner.accessToken() + "\r\n");
  }

  static RawResponse rawWithout(String target) {
    return send(target, "");
  }

  static RawResponse send(String target, String headers) {
    String request =
        "GET "
            + target
            + " HTTP/1.1\r\nHost: localhost\r\n"
            + headers
            + "Connection: close\r\n\r\n";
    try (Socket socket = new Socket("localhost", app.config.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      String head = end < 0 ? text : text.substring(0, end);
      String body = end < 0 ? "" : text.substring(end + 4);
      int status = Integer.parseInt(head.substring(9, 12));
      return new RawResponse(status, head, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
