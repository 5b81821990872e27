package com.analyticsstudio.query;

import com.analyticsstudio.support.ContractCheck;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Query and dataset calls over the HTTP API for the query tests. */
final class QueryApi {
  private final TestApp app;

  QueryApi(TestApp app) {
    this.app = app;
  }

  static String query(String projectId) {
    return "/api/v1/projects/" + projectId + "/query";
  }

  /** Uploads {@code csv} as a raw body with {@code filename} and waits until it is loaded. */
  JsonObject upload(String token, String projectId, String filename, String csv) {
    HttpResponse<Buffer> r =
        await(
            app.http
                .post("/api/v1/projects/" + projectId + "/datasets?wait=true&filename=" + filename)
                .bearerTokenAuthentication(token)
                .putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(csv)));
    if (r.statusCode() != 201) {
      throw new AssertionError("upload answered " + r.statusCode() + ": " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  /** Uploads a new version of a dataset (replace) and waits until it is loaded. */
  JsonObject replace(
      String token, String projectId, String datasetId, String filename, String csv) {
    HttpResponse<Buffer> r =
        await(
            app.http
                .post(
                    "/api/v1/projects/"
                        + projectId
                        + "/datasets/"
                        + datasetId
                        + "/versions?mode=replace&wait=true&filename="
                        + filename)
                .bearerTokenAuthentication(token)
                .putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(csv)));
    if (r.statusCode() != 201) {
      throw new AssertionError("new version answered " + r.statusCode() + ": " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  HttpResponse<Buffer> run(String token, String projectId, JsonObject body) {
    return run(token, projectId, body, MultiMap.caseInsensitiveMultiMap(), "");
  }

  HttpResponse<Buffer> run(String token, String projectId, String sql) {
    return run(token, projectId, new JsonObject().put("sql", sql));
  }

  HttpResponse<Buffer> run(
      String token, String projectId, JsonObject body, MultiMap headers, String queryString) {
    var req = app.http.post(query(projectId) + queryString).putHeaders(headers);
    if (token != null) req.bearerTokenAuthentication(token);
    HttpResponse<Buffer> response = await(req.sendJsonObject(body));
    ContractCheck.verify(HttpMethod.POST, query(projectId), response);
    return response;
  }

  /** {@code exportQuery}: {@code queryString} holds at least {@code ?format=}. */
  HttpResponse<Buffer> export(String token, String projectId, JsonObject body, String queryString) {
    String path = query(projectId) + "/export";
    var req = app.http.post(path + queryString);
    if (token != null) req.bearerTokenAuthentication(token);
    HttpResponse<Buffer> response = await(req.sendJsonObject(body));
    ContractCheck.verify(HttpMethod.POST, path, response);
    return response;
  }

  HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body) {
    return app.api.call(method, path, token, body);
  }

  static <T> T await(Future<T> f) {
    try {
      return f.await(120, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }
}
