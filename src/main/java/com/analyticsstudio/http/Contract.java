package com.analyticsstudio.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.Iterator;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The API contract. {@code openapi.yaml} is served as written; the router gets a copy without the
 * media types Vert.x's validator does not know (YAML, CSV, NDJSON, XLSX, event streams). Those
 * bodies are streamed by their handlers, which check them themselves. Security requirements (and
 * the documented server) are dropped from the copy too: {@link
 * com.analyticsstudio.auth.AuthHandler} authenticates every API request before validation, for keys
 * and tokens alike.
 */
public record Contract(Buffer text, OpenAPIContract routing) {
  public static final String RESOURCE = "openapi.yaml";

  public static Future<Contract> load(Vertx vertx) {
    return vertx
        .fileSystem()
        .readFile(RESOURCE)
        .compose(
            text -> {
              JsonObject filtered = routable(parse(text.toString()));
              return OpenAPIContract.from(vertx, filtered).map(c -> new Contract(text, c));
            });
  }

  static JsonObject parse(String yaml) {
    Map<String, Object> map = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    return new JsonObject(Json.encode(map));
  }

  /** Drops unsupported media types; a body left with none is declared as octet-stream. */
  static JsonObject routable(JsonObject doc) {
    doc.remove("security");
    // The documented server is for clients; the router serves the paths at whatever origin it has.
    doc.remove("servers");
    JsonObject paths = doc.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject op)) continue;
        op.remove("security");
        JsonObject body = op.getJsonObject("requestBody");
        if (body != null) filterContent(body);
        JsonObject responses = op.getJsonObject("responses", new JsonObject());
        for (String code : responses.fieldNames()) {
          if (responses.getValue(code) instanceof JsonObject r) filterContent(r);
        }
      }
    }
    return doc;
  }

  private static void filterContent(JsonObject holder) {
    JsonObject content = holder.getJsonObject("content");
    if (content == null) return;
    boolean removed = false;
    for (Iterator<String> it = content.fieldNames().iterator(); it.hasNext(); ) {
      if (!MediaType.isMediaTypeSupported(it.next())) {
        it.remove();
        removed = true;
      }
    }
    if (removed && content.isEmpty()) {
      content.put(
          MediaType.APPLICATION_OCTET_STREAM, new JsonObject().put("schema", new JsonObject()));
    }
  }
}
