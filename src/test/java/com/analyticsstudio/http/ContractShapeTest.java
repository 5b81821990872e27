package com.analyticsstudio.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What makes {@code openapi.yaml} generate clean clients, checked on the contract as written (the
 * Redocly lint checks the rest): no operation names a value twice.
 */
class ContractShapeTest {
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options");
  private static final Set<String> FORM_TYPES =
      Set.of("multipart/form-data", "application/x-www-form-urlencoded");

  static JsonObject doc;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        ContractShapeTest.class.getClassLoader().getResourceAsStream(Contract.RESOURCE)) {
      doc = Contract.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** An operation with its path item, e.g. {@code POST /api/v1/…}. */
  record Op(String id, String where, JsonObject pathItem, JsonObject operation) {}

  static List<Op> operations() {
    List<Op> ops = new ArrayList<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!METHODS.contains(method)) continue;
        JsonObject op = item.getJsonObject(method);
        ops.add(new Op(op.getString("operationId"), method + " " + path, item, op));
      }
    }
    return ops;
  }

  /** Follows a local {@code $ref} ({@code #/components/…}). */
  static JsonObject resolve(JsonObject node) {
    String ref = node.getString("$ref");
    if (ref == null) return node;
    JsonObject at = doc;
    for (String part : ref.substring(2).split("/")) at = at.getJsonObject(part);
    return resolve(at);
  }

  @Test
  void noFormFieldRepeatsAParameter() {
    // openapi-generator turns a form field that has a parameter's name into `name2`
    List<String> repeats = new ArrayList<>();
    int forms = 0;
    for (Op op : operations()) {
      Set<String> params = new TreeSet<>();
      for (JsonObject holder : List.of(op.pathItem(), op.operation())) {
        for (Object p : holder.getJsonArray("parameters", new JsonArray())) {
          params.add(resolve((JsonObject) p).getString("name"));
        }
      }
      JsonObject body = op.operation().getJsonObject("requestBody");
      if (body == null) continue;
      body = resolve(body);
      JsonObject content = body.getJsonObject("content", new JsonObject());
      for (String type : content.fieldNames()) {
        if (!FORM_TYPES.contains(type)) continue;
        forms++;
        JsonObject schema = resolve(content.getJsonObject(type).getJsonObject("schema"));
        for (String field : schema.getJsonObject("properties", new JsonObject()).fieldNames()) {
          if (params.contains(field)) repeats.add(op.id() + ": " + field);
        }
      }
    }
    assertThat(forms).as("the uploads take a multipart form").isGreaterThanOrEqualTo(2);
    assertThat(repeats).as("form fields that repeat a parameter").isEmpty();
  }

  @Test
  void everyOperationShowsAnExampleOfItsBodyAndItsAnswer() {
    List<String> missing = new ArrayList<>();
    for (Op op : operations()) {
      JsonObject body = op.operation().getJsonObject("requestBody");
      if (body != null) {
        JsonObject json =
            resolve(body)
                .getJsonObject("content", new JsonObject())
                .getJsonObject("application/json");
        if (json != null && !hasExample(json)) missing.add(op.id() + " request body");
      }
      JsonObject responses = op.operation().getJsonObject("responses");
      String main =
          new TreeSet<>(responses.fieldNames())
              .stream().filter(c -> c.startsWith("2")).findFirst().orElse(null);
      if (main == null) continue;
      JsonObject content = resolve(responses.getJsonObject(main)).getJsonObject("content");
      if (content == null) continue; // 204
      for (String type : content.fieldNames()) {
        JsonObject media = content.getJsonObject(type);
        JsonObject schema = media.getJsonObject("schema", new JsonObject());
        if ("binary".equals(schema.getString("format"))) continue; // XLSX
        if (!hasExample(media)) missing.add(op.id() + " " + main + " " + type);
      }
    }
    assertThat(operations()).hasSizeGreaterThan(70);
    assertThat(missing).as("operations without an example").isEmpty();
  }

  private static boolean hasExample(JsonObject media) {
    return media.containsKey("example") || media.containsKey("examples");
  }
}
