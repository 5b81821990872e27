package com.analyticsstudio.ops;

import com.analyticsstudio.common.Http;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Health, readiness, metrics, the contract and its interactive docs. */
public final class OpsRoutes {
  private static final String SWAGGER_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

  private OpsRoutes() {}

  public static void mount(
      RouterBuilder builder,
      Readiness readiness,
      PrometheusMeterRegistry registry,
      Buffer contract,
      String version) {
    builder
        .getRoute("health")
        .addHandler(
            ctx ->
                Http.json(ctx, 200, new JsonObject().put("status", "ok").put("version", version)));
    builder
        .getRoute("ready")
        .addHandler(
            ctx ->
                readiness
                    .check()
                    .onComplete(
                        ar -> {
                          JsonObject r =
                              ar.succeeded()
                                  ? ar.result()
                                  : new JsonObject()
                                      .put("status", "unavailable")
                                      .put("checks", new JsonObject());
                          boolean up = "ready".equals(r.getString("status"));
                          if (!up) {
                            ctx.response().putHeader("Retry-After", "5");
                          }
                          Http.json(ctx, up ? 200 : 503, r);
                        }));
    builder.getRoute("metrics").addHandler(PrometheusScrapingHandler.create(registry));
    builder
        .getRoute("openapiDocument")
        .addHandler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "application/yaml; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache")
                    .end(contract));
  }

  /** Swagger UI from its webjar, served from the jar so /docs works offline. */
  public static void mountDocs(Router router) {
    String base = "META-INF/resources/webjars/swagger-ui/" + swaggerVersion();
    // "/docs" also matches "/docs/": redirect only the bare form so relative asset URLs resolve.
    router
        .get("/docs")
        .handler(
            ctx -> {
              if (!ctx.request().path().endsWith("/")) {
                ctx.redirect("/docs/");
                return;
              }
              ctx.response()
                  .putHeader("Content-Type", "text/html; charset=utf-8")
                  .sendFile("docs/index.html");
            });
    router
        .get("/docs/*")
        .handler(StaticHandler.create(base).setCachingEnabled(true).setMaxAgeSeconds(86400));
  }

  private static String swaggerVersion() {
    try (InputStream in = OpsRoutes.class.getClassLoader().getResourceAsStream(SWAGGER_POM)) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "5.34.1");
    } catch (IOException e) {
      return "5.34.1";
    }
  }
}
