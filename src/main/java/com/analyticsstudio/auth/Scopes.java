package com.analyticsstudio.auth;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Operation;
import java.util.Set;

/**
 * Which {@link Scope} each operation of the contract needs, and the check that refuses an API key
 * without it (403 {@code insufficient_scope}). Reads ({@code GET}) need {@code read}; so do the few
 * {@code POST}s that only compute (query, explain, jobs, ask, semantic query and its compile, chart
 * runs and previews); uploads need {@code upload}; everything else, including operations added
 * later, needs {@code admin} until listed here.
 */
public final class Scopes {
  private static final Set<String> READ_WORK =
      Set.of(
          "runQuery",
          "exportQuery",
          "explainQuery",
          "submitQueryJob",
          "cancelQueryJob",
          "ask",
          "askStream",
          "semanticQuery",
          "compileSemanticQuery",
          "runChart",
          "previewChart",
          "runDashboard",
          "dashboardWidgetRows");
  private static final Set<String> UPLOADS = Set.of("uploadDataset", "uploadDatasetVersion");

  private Scopes() {}

  public static Scope required(String operationId, HttpMethod method) {
    if (UPLOADS.contains(operationId)) {
      return Scope.UPLOAD;
    }
    if (method == HttpMethod.GET || method == HttpMethod.HEAD || READ_WORK.contains(operationId)) {
      return Scope.READ;
    }
    return Scope.ADMIN;
  }

  /**
   * Puts the scope check first on every operation of {@code builder}; call before the features add
   * their handlers. Each route then has one handler more than its feature gave it.
   */
  public static void guard(RouterBuilder builder) {
    for (OpenAPIRoute route : builder.getRoutes()) {
      Operation op = route.getOperation();
      route.addHandler(check(required(op.getOperationId(), op.getHttpMethod())));
    }
  }

  static Handler<RoutingContext> check(Scope needed) {
    return ctx -> {
      Principal who = ctx.get(Principal.CONTEXT_KEY);
      if (who == null || who.has(needed)) {
        ctx.next(); // public operations have no principal; the auth handler already ran
        return;
      }
      if (!ctx.request().isEnded()) {
        // An upload body that will not be read: close the connection after the answer.
        ctx.response().putHeader("Connection", "close");
      }
      JsonArray granted = new JsonArray();
      who.scopes().stream().map(Scope::wire).sorted().forEach(granted::add);
      ctx.fail(
          new ApiException(
              403,
              "insufficient_scope",
              "this API key lacks the '"
                  + needed.wire()
                  + "' scope this needs; create a key with it",
              new JsonObject().put("required", needed.wire()).put("granted", granted)));
    };
  }
}
