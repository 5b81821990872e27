package com.analyticsstudio.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The web app's Brotli and gzip copies, written at build time ({@code precompress.mjs}, listed in
 * {@code webroot/precompressed.json}) and held in memory, so an asset goes out as it is: no
 * compression per request, no file lookup, nothing for the first request of a fresh server to pay.
 * A client that accepts neither encoding, or a file without copies, falls through to the static
 * handler.
 */
public final class WebAssets {
  static final String MANIFEST = WebAppRoutes.ROOT + "/precompressed.json";

  /** One file's compressed copies (either may be null). */
  record Copies(String contentType, Buffer brotli, Buffer gzip) {}

  private final Map<String, Copies> byPath;

  private WebAssets(Map<String, Copies> byPath) {
    this.byPath = Map.copyOf(byPath);
  }

  /** No copies: every asset is served by the static handler (a jar built without the web app). */
  public static WebAssets none() {
    return new WebAssets(Map.of());
  }

  /** Reads the manifest and the copies from the class path. Blocking: call it from a worker. */
  public static WebAssets load(ClassLoader loader) {
    byte[] manifest = read(loader, MANIFEST);
    if (manifest == null) {
      return none();
    }
    JsonArray files =
        new JsonObject(new String(manifest, StandardCharsets.UTF_8))
            .getJsonArray("files", new JsonArray());
    Map<String, Copies> copies = new HashMap<>();
    for (Object file : files) {
      String path = file.toString();
      byte[] br = read(loader, WebAppRoutes.ROOT + "/" + path + ".br");
      byte[] gz = read(loader, WebAppRoutes.ROOT + "/" + path + ".gz");
      if (br == null && gz == null) {
        continue;
      }
      copies.put(
          "/" + path,
          new Copies(
              contentType(path),
              br == null ? null : Buffer.buffer(br),
              gz == null ? null : Buffer.buffer(gz)));
    }
    return new WebAssets(copies);
  }

  /** Paths (from the root, e.g. {@code /assets/index-abc.js}) that have copies. */
  public List<String> paths() {
    return List.copyOf(byPath.keySet());
  }

  /**
   * Sends the best copy of {@code path} the client accepts and returns true, or returns false and
   * sends nothing (the caller goes on to the static handler).
   */
  boolean send(RoutingContext ctx, String path, String cacheControl) {
    Copies copies = byPath.get(path);
    if (copies == null) {
      return false;
    }
    String accepted = ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING);
    String encoding = choose(accepted, copies);
    if (encoding == null) {
      return false;
    }
    HttpServerResponse response = ctx.response();
    response
        .putHeader(HttpHeaders.CONTENT_TYPE, copies.contentType())
        // A set Content-Encoding keeps the server's own compression off this response.
        .putHeader(HttpHeaders.CONTENT_ENCODING, encoding)
        .putHeader(HttpHeaders.VARY, "Accept-Encoding")
        .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
        .end("br".equals(encoding) ? copies.brotli() : copies.gzip());
    return true;
  }

  /** "br" or "gzip" when the header accepts it (and it was not refused with q=0), else null. */
  static String choose(String acceptEncoding, Copies copies) {
    if (acceptEncoding == null) {
      return null;
    }
    Map<String, Double> weights = new HashMap<>();
    for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
      String[] pieces = part.trim().split(";");
      double q = 1;
      for (int i = 1; i < pieces.length; i++) {
        String parameter = pieces[i].trim();
        if (parameter.startsWith("q=")) {
          try {
            q = Double.parseDouble(parameter.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      weights.put(pieces[0].trim(), q);
    }
    if (copies.brotli() != null && weights.getOrDefault("br", 0.0) > 0) {
      return "br";
    }
    if (copies.gzip() != null && weights.getOrDefault("gzip", 0.0) > 0) {
      return "gzip";
    }
    return null;
  }

  static String contentType(String path) {
    String name = path.toLowerCase(Locale.ROOT);
    if (name.endsWith(".js") || name.endsWith(".mjs")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".svg")) {
      return "image/svg+xml";
    }
    if (name.endsWith(".json") || name.endsWith(".map")) {
      return "application/json";
    }
    if (name.endsWith(".webmanifest")) {
      return "application/manifest+json";
    }
    return "text/plain; charset=utf-8";
  }

  private static byte[] read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
