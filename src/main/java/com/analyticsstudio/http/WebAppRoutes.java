package com.analyticsstudio.http;

import com.analyticsstudio.dashboard.PublicLinks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;

/**
 * The web app, built into the jar under {@code webroot/}: hashed assets cached for a year, and
 * every other page a browser navigates to answered with {@code index.html} so client routes survive
 * a reload. API, docs and operations paths never fall through to it.
 */
final class WebAppRoutes {
  static final String ROOT = "webroot";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String INDEX = ROOT + "/index.html";

  private WebAppRoutes() {}

  /**
   * {@code embedders}: who may frame a public dashboard's page ({@code
   * PUBLIC_EMBED_FRAME_ANCESTORS}); every other page keeps {@code frame-ancestors 'none'}.
   */
  static void mount(Router router, WebAssets assets, List<String> embedders) {
    boolean built = WebAppRoutes.class.getClassLoader().getResource(INDEX) != null;
    router.get(PublicLinks.PAGE + "*").handler(SecurityHeaders.framingAllowed(embedders));
    router
        .get("/assets/*")
        .handler(
            ctx -> {
              // Hashed names never change content: let browsers keep them.
              if (!assets.send(ctx, ctx.normalizedPath(), IMMUTABLE)) {
                ctx.response().putHeader("Cache-Control", IMMUTABLE);
                ctx.next();
              }
            });
    router
        .get("/")
        .handler(
            ctx -> {
              if (!assets.send(ctx, "/index.html", "no-cache")) {
                ctx.next();
              }
            });
    router
        .get("/assets/*")
        .handler(
            StaticHandler.create(ROOT)
                .setCachingEnabled(true)
                .setMaxAgeSeconds(365L * 24 * 3600)
                .setSendVaryHeader(true));
    router
        .get()
        .handler(StaticHandler.create(ROOT).setIndexPage("index.html").setCachingEnabled(false));
    router
        .get()
        .handler(
            ctx -> {
              String path = ctx.normalizedPath();
              String accept = ctx.request().getHeader("Accept");
              // Browsers navigating ask for HTML; API clients asking for an unknown path get a JSON
              // 404.
              boolean browser = accept != null && accept.contains("text/html");
              if (!browser
                  || path.startsWith("/api/")
                  || path.startsWith("/docs")
                  || path.equals("/metrics")
                  || path.equals("/health")
                  || path.equals("/ready")
                  || path.startsWith("/assets/")) {
                ctx.next();
                return;
              }
              if (!built) {
                ctx.response()
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(
                        "<!doctype html><title>Analytics Studio</title><p>The web app is not built into this jar. "
                            + "Run <code>scripts/start</code> (it builds it), or use the API: <a href=\"/docs/\">/docs</a>.</p>");
                return;
              }
              if (assets.send(ctx, "/index.html", "no-cache")) {
                return;
              }
              ctx.response()
                  .putHeader("Cache-Control", "no-cache")
                  .putHeader("Content-Type", "text/html; charset=utf-8")
                  .sendFile(INDEX);
            });
  }
}
