package com.analyticsstudio.auth;

import static com.analyticsstudio.common.Http.body;
import static com.analyticsstudio.common.Http.handle;

import com.analyticsstudio.common.Forwarded;
import com.analyticsstudio.common.Http;
import com.analyticsstudio.common.Paging;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;

/** Binds the account and API-key operations of the contract to their services. */
public final class AuthRoutes {
  private AuthRoutes() {}

  public static void mount(RouterBuilder builder, AuthService auth, ApiKeyService apiKeys) {
    builder
        .getRoute("signup")
        .addHandler(
            handle(
                201,
                ctx -> {
                  var b = body(ctx);
                  return auth.signup(
                      b.getString("email"),
                      b.getString("password"),
                      b.getString("name"),
                      Forwarded.clientAddress(ctx));
                }));
    builder
        .getRoute("login")
        .addHandler(
            handle(
                200,
                ctx -> {
                  var b = body(ctx);
                  return auth.login(
                      b.getString("email"), b.getString("password"), Forwarded.clientAddress(ctx));
                }));
    builder
        .getRoute("refresh")
        .addHandler(handle(200, ctx -> auth.refresh(body(ctx).getString("refreshToken"))));
    builder
        .getRoute("logout")
        .addHandler(
            handle(
                204, ctx -> auth.logout(Principal.of(ctx), body(ctx).getString("refreshToken"))));
    builder.getRoute("me").addHandler(handle(200, ctx -> auth.me(Principal.of(ctx))));

    builder
        .getRoute("createApiKey")
        .addHandler(
            handle(
                201,
                ctx -> {
                  var b = body(ctx);
                  JsonArray scopes = b.getJsonArray("scopes");
                  List<String> names =
                      scopes == null ? null : scopes.stream().map(String::valueOf).toList();
                  return apiKeys.create(
                      Principal.of(ctx), b.getString("name"), names, b.getString("expiresAt"));
                }));
    builder
        .getRoute("listApiKeys")
        .addHandler(
            handle(
                200,
                ctx -> {
                  Paging.Page page = Paging.page(ctx);
                  return apiKeys.list(Principal.of(ctx)).map(a -> Paging.slice(page, a));
                }));
    builder
        .getRoute("deleteApiKey")
        .addHandler(
            handle(204, ctx -> apiKeys.revoke(Principal.of(ctx), Http.uuidParam(ctx, "keyId"))));
  }
}
