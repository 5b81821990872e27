package com.analyticsstudio.query;

import static com.analyticsstudio.support.Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.support.Api.Session;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The starvation of the report, replayed: one project opens ten CSV exports whose client never
 * reads and a dozen CPU-heavy queries, while another project keeps querying. Its queries succeed;
 * the hostile project gets 429 project_busy beyond its share (never a 500); the stalled exports end
 * after EXPORT_STALL_SECONDS and every connection comes back.
 */
class FairShareIT {
  private static final String HUGE_EXPORT =
      "SELECT repeat('x', 2000) FROM generate_series(1, 5000000)";
  private static final String CPU_HEAVY =
      "SELECT count(*) FROM generate_series(1, 100000000) a, generate_series(1, 100000000) b";

  @Test
  void stalledExportsAndSlowQueriesOfOneProjectDoNotStarveAnother() throws Exception {
    try (TestApp app =
        TestApp.start(
            Map.of(
                "QUERY_POOL_SIZE", "10",
                "EXPORT_STALL_SECONDS", "10",
                "QUERY_TIMEOUT_SECONDS", "20"))) {
      Session hostile = app.api.signup();
      Session colleague = app.api.signup();
      String a = app.api.createProject(hostile, "hostile");
      app.api.addMember(hostile, a, colleague, "editor");
      Session neighbour = app.api.signup();
      String b = app.api.createProject(neighbour, "neighbour");

      // Ten exports whose client reads nothing past the status line.
      List<Socket> stalled = new ArrayList<>();
      List<String> exportStatuses = new ArrayList<>();
      try {
        for (int i = 0; i < 10; i++) {
          Socket s = stalledExport(app, hostile.accessToken(), a);
          stalled.add(s);
          exportStatuses.add(statusLine(s.getInputStream()));
        }
        assertThat(exportStatuses.stream().filter(l -> l.contains(" 200 ")))
            .as("exports in flight: EXPORT_MAX_PER_PROJECT (%s)", exportStatuses)
            .hasSize(2);
        assertThat(exportStatuses.stream().filter(l -> l.contains(" 429 ")))
            .as("the rest are refused at once (%s)", exportStatuses)
            .hasSize(8);

        // A dozen CPU-heavy queries from the same project, by both of its members.
        List<Future<HttpResponse<Buffer>>> slow = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          Session who = i % 2 == 0 ? hostile : colleague;
          slow.add(
              app.http
                  .post(QueryApi.query(a))
                  .bearerTokenAuthentication(who.accessToken())
                  .putHeader("Cache-Control", "no-cache")
                  .sendJsonObject(new JsonObject().put("sql", CPU_HEAVY).put("timeoutSeconds", 8)));
        }

        // Meanwhile the other project is served: every query succeeds, and so does an export.
        for (int i = 0; i < 20; i++) {
          HttpResponse<Buffer> r =
              app.api.post(
                  QueryApi.query(b),
                  neighbour.accessToken(),
                  new JsonObject()
                      .put(
                          "sql",
                          "SELECT count(*) AS n FROM generate_series(1, " + (1000 + i) + ")"));
          assertThat(r.statusCode())
              .as("neighbour query %d: %s", i, r.bodyAsString())
              .isEqualTo(200);
          assertThat(r.bodyAsJsonObject().getJsonArray("rows").getJsonArray(0).getLong(0))
              .isEqualTo(1000L + i);
        }
        HttpResponse<Buffer> export =
            app.http
                .post(QueryApi.query(b) + "/export?format=csv")
                .bearerTokenAuthentication(neighbour.accessToken())
                .sendJsonObject(
                    new JsonObject().put("sql", "SELECT g FROM generate_series(1, 3) g"))
                .await(60, TimeUnit.SECONDS);
        assertThat(export.statusCode()).as(export.bodyAsString()).isEqualTo(200);
        assertThat(export.bodyAsString()).isEqualTo("g\r\n1\r\n2\r\n3\r\n");

        Future.join(slow).await(90, TimeUnit.SECONDS);
        List<HttpResponse<Buffer>> answers = slow.stream().map(Future::result).toList();
        assertThat(answers)
            .as("each slow query ran to its timeout or was refused beyond the share, never a 500")
            .allSatisfy(r -> assertThat(r.statusCode()).isIn(422, 429));
        List<HttpResponse<Buffer>> refused =
            answers.stream().filter(r -> r.statusCode() == 429).toList();
        // Five statements per project (half the pool): two exports and three slow queries ran.
        assertThat(refused).hasSize(9);
        HttpResponse<Buffer> one = refused.get(0);
        assertError(one, 429, "project_busy");
        assertThat(one.getHeader("Retry-After")).isEqualTo("1");

        // With their clients still connected and reading nothing, the stalled exports are ended
        // (EXPORT_STALL_SECONDS) and every connection and slot comes back.
        long deadline = System.currentTimeMillis() + 60_000;
        String metrics = "";
        while (System.currentTimeMillis() < deadline) {
          metrics = app.api.get("/metrics", null).bodyAsString();
          if (gauge(metrics, "query_pool_in_use") == 0
              && gauge(metrics, "query_fair_share_held") == 0) break;
          Thread.sleep(200);
        }
        assertThat(gauge(metrics, "query_pool_in_use")).as("connections held").isZero();
        assertThat(gauge(metrics, "query_fair_share_held")).as("slots held").isZero();
      } finally {
        for (Socket s : stalled) s.close();
      }

      HttpResponse<Buffer> again =
          app.api.call(
              HttpMethod.POST,
              QueryApi.query(a),
              hostile.accessToken(),
              new JsonObject().put("sql", "SELECT 1 AS one"));
      assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
    }
  }

  private static double gauge(String metrics, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(metrics);
    if (!m.find()) throw new AssertionError(name + " is not in /metrics");
    return Double.parseDouble(m.group(2));
  }

  /** POSTs a CSV export on a raw socket with a small receive buffer, and never reads the body. */
  private static Socket stalledExport(TestApp app, String token, String project)
      throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(4096);
    s.connect(new InetSocketAddress("localhost", app.config.port()));
    byte[] body =
        new JsonObject().put("sql", HUGE_EXPORT).encode().getBytes(StandardCharsets.UTF_8);
    OutputStream out = s.getOutputStream();
    out.write(
        ("POST "
                + QueryApi.query(project)
                + "/export?format=csv HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + token
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    s.setSoTimeout(60_000);
    return s;
  }

  /** Reads only the status line ("HTTP/1.1 200 OK"). */
  private static String statusLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) line.write(c);
    return line.toString(StandardCharsets.US_ASCII);
  }
}
