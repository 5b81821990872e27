package com.analyticsstudio.support;

import com.analyticsstudio.http.Contract;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Checks a response the tests received against {@code openapi.yaml}: the route and its status are
 * documented, and a JSON body and the documented headers match the response's schema. The test
 * helpers ({@link Api}, the query and upload helpers) pass every response through it, so a handler
 * that drifts from the contract fails the test that called it, with the operation, the status and
 * what did not match.
 *
 * <p>It uses the contract the server routes with ({@link Contract}, the same media-type filtering)
 * and Vert.x's own response validator. Bodies that are not JSON (CSV, NDJSON, XLSX, event streams,
 * YAML, HTML) are checked for a documented status only. {@code -Dcontract.check=off} turns it off
 * while investigating something else; {@code -Dcontract.check=record} appends each violation to
 * {@code target/contract-violations.txt} instead of failing, to see them all in one run.
 */
public final class ContractCheck {
  private static final String MODE = System.getProperty("contract.check", "on");
  private static final boolean ENABLED = !"off".equalsIgnoreCase(MODE);

  private static volatile Loaded loaded;

  private record Loaded(OpenAPIContract contract, ResponseValidator validator) {}

  private ContractCheck() {}

  /**
   * Throws {@link AssertionError} when {@code response} to {@code method uri} breaks the contract.
   */
  public static void verify(HttpMethod method, String uri, HttpResponse<Buffer> response) {
    if (!ENABLED || !uri.startsWith("/api/")) return;
    Loaded c = load();
    String path = pathOf(uri);
    boolean head = HttpMethod.HEAD.equals(method);
    Operation op = c.contract().findOperation(path, head ? HttpMethod.GET : method);
    int status = response.statusCode();
    String where = method + " " + path + " → " + status;
    if (op == null) {
      // An undocumented route or method must be answered as one: 404 or 405, nothing else.
      if (status == 404 || status == 405) return;
      fail(where + ": no operation in openapi.yaml for this route", null);
      return;
    }
    String contentType = response.getHeader("Content-Type");
    String mediaType =
        contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    boolean json = (mediaType.equals("application/json") || mediaType.endsWith("+json")) && !head;
    if (!json || response.body() == null) {
      if (op.getResponse(status) == null && op.getDefaultResponse() == null) {
        fail(where + ": status not documented for " + op.getOperationId() + body(response), null);
      }
      return;
    }
    Map<String, String> headers = new HashMap<>();
    response.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
    ValidatableResponse candidate =
        ValidatableResponse.create(status, headers, response.body(), contentType);
    try {
      c.validator().validate(candidate, op.getOperationId()).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      fail(
          where
              + " ("
              + op.getOperationId()
              + ") breaks the contract: "
              + e.getMessage()
              + body(response),
          e);
    }
  }

  /** The contract the server routes with, loaded once for the test JVM. */
  public static OpenAPIContract contract() {
    return load().contract();
  }

  private static void fail(String message, Throwable cause) {
    if (!"record".equalsIgnoreCase(MODE)) throw new AssertionError(message, cause);
    try {
      Files.writeString(
          Path.of("target", "contract-violations.txt"),
          message + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String body(HttpResponse<Buffer> response) {
    Buffer b = response.body();
    if (b == null || b.length() == 0) return "";
    String text = b.toString();
    return "\n  body: " + (text.length() > 600 ? text.substring(0, 600) + "…" : text);
  }

  private static String pathOf(String uri) {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }

  private static Loaded load() {
    Loaded l = loaded;
    if (l != null) return l;
    synchronized (ContractCheck.class) {
      if (loaded == null) {
        // One small Vert.x of its own, alive for the test JVM: the apps under test come and go.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try {
          OpenAPIContract contract = Contract.load(vertx).await(30, TimeUnit.SECONDS).routing();
          loaded = new Loaded(contract, ResponseValidator.create(vertx, contract));
        } catch (Exception e) {
          throw new IllegalStateException("openapi.yaml did not load: " + e.getMessage(), e);
        }
      }
      return loaded;
    }
  }
}
