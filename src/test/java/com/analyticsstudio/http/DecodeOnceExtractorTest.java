package com.analyticsstudio.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatorException;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validator sees the values handlers read. The first test pins the vertx-openapi behaviour the
 * extractor works around: when it fails (the library decodes once), the extractor can go.
 */
class DecodeOnceExtractorTest {
  static Vertx vertx;
  static Operation search;

  @BeforeAll
  static void contract() throws Exception {
    vertx = Vertx.vertx();
    JsonObject doc =
        new JsonObject()
            .put("openapi", "3.1.0")
            .put("info", new JsonObject().put("title", "t").put("version", "1"))
            .put(
                "paths",
                new JsonObject()
                    .put(
                        "/items",
                        new JsonObject()
                            .put(
                                "get",
                                new JsonObject()
                                    .put("operationId", "search")
                                    .put(
                                        "parameters",
                                        new JsonArray()
                                            .add(param("q", "query"))
                                            .add(param("Idempotency-Key", "header")))
                                    .put(
                                        "responses",
                                        new JsonObject()
                                            .put(
                                                "200",
                                                new JsonObject().put("description", "ok"))))));
    search = OpenAPIContract.from(vertx, doc).await(10, TimeUnit.SECONDS).operation("search");
  }

  static JsonObject param(String name, String in) {
    return new JsonObject()
        .put("name", name)
        .put("in", in)
        .put("schema", new JsonObject().put("type", "string"));
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  /** A request as Vert.x presents it: the raw query, its values decoded once, headers as sent. */
  static HttpServerRequest request(String rawQuery, String q, String key) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    if (q != null) params.add("q", q);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (key != null) headers.add("Idempotency-Key", key);
    return (HttpServerRequest)
        Proxy.newProxyInstance(
            HttpServerRequest.class.getClassLoader(),
            new Class<?>[] {HttpServerRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "query" -> rawQuery;
                  case "params" -> params;
                  case "headers" -> headers;
                  case "getHeader" -> headers.get(String.valueOf(args[0]));
                  case "path" -> "/items";
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  static String query(HttpServerRequest r) throws Exception {
    Future<ValidatableRequest> f = RequestUtils.extract(r, search);
    return f.await(10, TimeUnit.SECONDS).getQuery().get("q").getString();
  }

  @Test
  void vertxOpenapiDecodesQueryValuesASecondTime() throws Exception {
    assertThatThrownBy(() -> query(request("q=%25", "%", null)))
        .isInstanceOf(ValidatorException.class);
    assertThat(query(request("q=%2541", "%41", null))).isEqualTo("A");
  }

  @Test
  void theEncodedViewGivesTheValidatorTheOnceDecodedValues() throws Exception {
    assertThat(query(DecodeOnceExtractor.encodedView(request("q=%25", "%", null)))).isEqualTo("%");
    assertThat(query(DecodeOnceExtractor.encodedView(request("q=%2541", "%41", null))))
        .isEqualTo("%41");
    assertThat(query(DecodeOnceExtractor.encodedView(request("q=a%2Bb+c", "a+b c", null))))
        .isEqualTo("a+b c");
    assertThat(query(DecodeOnceExtractor.encodedView(request("q=S%C3%A3o", "São", null))))
        .isEqualTo("São");
  }

  @Test
  void headerValuesReachTheValidatorAsSent() throws Exception {
    ValidatableRequest v =
        RequestUtils.extract(DecodeOnceExtractor.encodedView(request("", null, "50%+a")), search)
            .await(10, TimeUnit.SECONDS);
    assertThat(v.getHeaders().get("Idempotency-Key").getString()).isEqualTo("50%+a");
  }

  @Test
  void onlyRequestsWithSomethingToDecodeTakeTheView() {
    assertThat(
            DecodeOnceExtractor.decodesDifferently(
                request("q=plain&limit=5", "plain", "k-1"), search))
        .isFalse();
    assertThat(DecodeOnceExtractor.decodesDifferently(request("q=%25", "%", null), search))
        .isTrue();
    assertThat(DecodeOnceExtractor.decodesDifferently(request("q=a+b", "a b", null), search))
        .isTrue();
    assertThat(DecodeOnceExtractor.decodesDifferently(request(null, null, "a+b"), search)).isTrue();
  }
}
