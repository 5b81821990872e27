package com.analyticsstudio.dataset;

import com.analyticsstudio.support.ContractCheck;
import com.analyticsstudio.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/** Upload helpers over the HTTP API. */
final class Uploads {
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final TestApp app;
  private final Path dir;

  Uploads(TestApp app, Path dir) {
    this.app = app;
    this.dir = dir;
  }

  /** A corpus file from src/test/resources/ingest copied to the temp dir. */
  Path corpus(String name) throws IOException {
    Path p = dir.resolve(name);
    try (InputStream in = Uploads.class.getResourceAsStream("/ingest/" + name)) {
      Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
    }
    return p;
  }

  Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  Path bytes(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  HttpResponse<Buffer> multipart(
      String token, String path, Path file, String contentType, MultiMap fields) throws Exception {
    MultipartForm form = MultipartForm.create();
    if (fields != null) {
      fields.forEach(form::attribute);
    }
    form.binaryFileUpload("file", file.getFileName().toString(), file.toString(), contentType);
    HttpResponse<Buffer> response =
        app.http
            .post(path)
            .bearerTokenAuthentication(token)
            .sendMultipartForm(form)
            .await(120, TimeUnit.SECONDS);
    ContractCheck.verify(HttpMethod.POST, path, response);
    return response;
  }

  HttpResponse<Buffer> raw(String token, String path, Path file, String contentType)
      throws Exception {
    HttpResponse<Buffer> response =
        app.http
            .post(path)
            .bearerTokenAuthentication(token)
            .putHeader("Content-Type", contentType)
            .sendBuffer(Buffer.buffer(Files.readAllBytes(file)))
            .await(120, TimeUnit.SECONDS);
    ContractCheck.verify(HttpMethod.POST, path, response);
    return response;
  }

  /**
   * Uploads with wait=true and returns the loaded dataset, failing the test on anything but 201.
   */
  JsonObject loaded(String token, String projectId, Path file, String contentType)
      throws Exception {
    HttpResponse<Buffer> r =
        multipart(
            token,
            "/api/v1/projects/" + projectId + "/datasets?wait=true",
            file,
            contentType,
            null);
    if (r.statusCode() != 201) {
      throw new AssertionError(
          "upload of "
              + file.getFileName()
              + " answered "
              + r.statusCode()
              + ": "
              + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }
}
