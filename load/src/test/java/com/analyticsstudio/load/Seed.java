package com.analyticsstudio.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Prepares what the personas need, through the public API only (so it works against any
 * deployment): an owner account and a project (or the given ones), a second project for uploads, an API key, the small public
 * datasets bundled in {@code src/test/resources/data}, the 3-million-row flights CSV when
 * {@code load.flightsCsv} names it, and a few viewer accounts for dashboard users. Idempotent for a
 * given {@code load.email}/{@code load.projectId}: datasets already in the project are reused.
 */
public final class Seed {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Small public datasets (vega-datasets), uploaded when the project lacks them. */
  static final List<String> SMALL = List.of("seattle-weather.csv", "stocks.csv");

  /** What a run uses: tokens, the project, its datasets by table name, the viewer accounts. */
  public record Data(String baseUrl, String ownerEmail, String password, String accessToken, String apiKey,
                     String projectId, String uploadProjectId, Map<String, Dataset> datasets, List<String> viewerEmails) {
    public Dataset dataset(String table) {
      Dataset d = datasets.get(table);
      if (d == null) throw new IllegalStateException("the project has no dataset " + table + " (seeding failed?)");
      return d;
    }

    public boolean has(String table) {
      return datasets.containsKey(table);
    }
  }

  public record Dataset(String id, String tableName, long rowCount) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final LoadParams params;

  public Seed(LoadParams params) {
    this.params = params;
  }

  public Data run() {
    long t0 = System.nanoTime();
    String email = params.email().isBlank() ? "load-" + UUID.randomUUID() + "@example.com" : params.email();
    String token = signIn(email);
    String project = params.projectId().isBlank() ? createProject(token, "load test") : params.projectId();
    String uploads = createProject(token, "load test uploads " + UUID.randomUUID());
    // The API consumer and uploader personas both use the key: it needs the read and upload scopes.
    ObjectNode keyRequest = json("name", "load " + UUID.randomUUID());
    keyRequest.putArray("scopes").add("read").add("upload");
    String key = send(token, "POST", "/api/v1/api-keys", keyRequest, 201).get("key").asText();
    Map<String, Dataset> datasets = datasets(token, project);
    for (String file : SMALL) {
      String table = file.replace(".csv", "").replace('-', '_');
      if (!datasets.containsKey(table)) {
        Dataset d = upload(token, project, file, bundled(file));
        datasets.put(d.tableName(), d);
      }
    }
    if (!params.flightsCsv().isBlank() && !datasets.containsKey("flights")) {
      log("uploading " + params.flightsCsv() + " (this takes a while)");
      Dataset d = upload(token, project, "flights.csv", ofFile(existing(params.flightsCsv())));
      datasets.put(d.tableName(), d);
    }
    List<String> viewers = new ArrayList<>();
    for (int i = 0; i < params.dashboardAccounts(); i++) {
      String viewer = "load-viewer-" + UUID.randomUUID() + "@example.com";
      send(null, "POST", "/api/v1/auth/signup", signupBody(viewer), 201);
      ObjectNode member = json("email", viewer);
      member.put("role", "viewer");
      send(token, "POST", "/api/v1/projects/" + project + "/members", member, 201);
      viewers.add(viewer);
    }
    log(String.format("seeded project %s (%s) with %s and %d viewer accounts in %.1f s", project, email,
        datasets.keySet(), viewers.size(), (System.nanoTime() - t0) / 1e9));
    return new Data(params.baseUrl(), email, params.password(), token, key, project, uploads, datasets, List.copyOf(viewers));
  }

  private String signIn(String email) {
    if (!params.email().isBlank()) {
      return send(null, "POST", "/api/v1/auth/login", credentials(email), 200).get("accessToken").asText();
    }
    return send(null, "POST", "/api/v1/auth/signup", signupBody(email), 201).get("accessToken").asText();
  }

  private String createProject(String token, String name) {
    return send(token, "POST", "/api/v1/projects", json("name", name), 201).get("id").asText();
  }

  private Map<String, Dataset> datasets(String token, String project) {
    Map<String, Dataset> out = new LinkedHashMap<>();
    JsonNode list = send(token, "GET", "/api/v1/projects/" + project + "/datasets", null, 200);
    JsonNode items = list.path("items");
    for (JsonNode d : items) {
      if ("ready".equals(d.path("status").asText("ready"))) {
        out.put(d.get("tableName").asText(), new Dataset(d.get("id").asText(), d.get("tableName").asText(), d.path("rowCount").asLong()));
      }
    }
    return out;
  }

  private Dataset upload(String token, String project, String filename, HttpRequest.BodyPublisher body) {
    HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/projects/" + project + "/datasets?wait=true&filename="
            + URLEncoder.encode(filename, StandardCharsets.UTF_8)))
        .timeout(Duration.ofMinutes(15))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "text/csv")
        .POST(body).build();
    JsonNode d = exchange(request, 201);
    return new Dataset(d.get("id").asText(), d.get("tableName").asText(), d.path("rowCount").asLong());
  }

  private JsonNode send(String token, String method, String path, JsonNode body, int expected) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return exchange(b.build(), expected);
  }

  private JsonNode exchange(HttpRequest request, int expected) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != expected) {
        throw new IllegalStateException("seeding: " + request.method() + " " + request.uri().getPath() + " answered "
            + r.statusCode() + " (expected " + expected + "): " + r.body());
      }
      return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("seeding: " + request.uri() + " failed (is the studio at " + params.baseUrl() + "?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private URI uri(String path) {
    return URI.create(params.baseUrl() + path);
  }

  private ObjectNode signupBody(String email) {
    ObjectNode b = credentials(email);
    b.put("name", "Load tester");
    return b;
  }

  private ObjectNode credentials(String email) {
    ObjectNode b = json("email", email);
    b.put("password", params.password());
    return b;
  }

  private static ObjectNode json(String key, String value) {
    return JSON.createObjectNode().put(key, value);
  }

  private static HttpRequest.BodyPublisher bundled(String file) {
    try (InputStream in = Seed.class.getResourceAsStream("/data/" + file)) {
      if (in == null) throw new IllegalStateException("data/" + file + " is missing from the kit");
      return HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path existing(String file) {
    Path p = Path.of(file);
    if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no such file: " + file);
    return p;
  }

  private static HttpRequest.BodyPublisher ofFile(Path file) {
    try {
      return HttpRequest.BodyPublishers.ofFile(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void log(String line) {
    System.out.println("[load] " + line);
  }
}
