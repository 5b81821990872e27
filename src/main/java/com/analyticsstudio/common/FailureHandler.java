package com.analyticsstudio.common;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors become responses: {@code {"error":{"code","message","details"}}} with the
 * right status, a {@code Retry-After} where it applies, and never a stack trace.
 */
public final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    ApiException error = toApiException(ctx.failure(), ctx.statusCode());
    if (error.status() >= 500 && error.status() != 503) {
      LOG.error(
          "request failed: {} {} ({})",
          ctx.request().method(),
          ctx.request().path(),
          RequestLog.requestId(ctx),
          ctx.failure());
    }
    if (ctx.response().headWritten()) {
      // A streamed response already started: the only honest signal left is to cut it.
      ctx.response().reset();
      return;
    }
    write(ctx, error);
  }

  public static void write(RoutingContext ctx, ApiException error) {
    JsonObject body =
        new JsonObject()
            .put(
                "error",
                new JsonObject()
                    .put("code", error.code())
                    .put("message", error.getMessage())
                    .put("details", error.details()));
    if (error.retryAfterSeconds() != null) {
      ctx.response().putHeader("Retry-After", String.valueOf(error.retryAfterSeconds()));
    }
    ctx.response()
        .setStatusCode(error.status())
        .putHeader("Content-Type", Http.JSON)
        .end(body.encode());
  }

  static ApiException toApiException(Throwable failure, int statusCode) {
    Throwable t = failure;
    if (t instanceof ApiException api) {
      return api;
    }
    if (t instanceof HttpException http) {
      if (http.getCause() instanceof ValidatorException v) {
        return validation(v);
      }
      return fromStatus(http.getStatusCode(), http.getPayload());
    }
    if (t instanceof ValidatorException v) {
      return validation(v);
    }
    if (t instanceof DecodeException) {
      return ApiException.badRequest("invalid_json", "the request body is not valid JSON");
    }
    if (isUnstorableText(t)) {
      // A NUL or an unconvertible character in some text reached PostgreSQL: the input's fault.
      return ApiException.badRequest(
          "invalid_text", "the request contains text PostgreSQL cannot store (a NUL character?)");
    }
    ApiException overload = Overload.of(t);
    if (overload != null) {
      return overload;
    }
    if (t == null || (statusCode >= 400 && statusCode < 500)) {
      // Framework handlers (CORS, body limits) fail with a status and a plain exception.
      return fromStatus(statusCode, null);
    }
    return new ApiException(
        500, "internal_error", "something went wrong on our side; it has been logged");
  }

  /** 22021 character_not_in_repertoire (e.g. 0x00), 22P05 untranslatable_character. */
  private static boolean isUnstorableText(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof PgException pg
          && ("22021".equals(pg.getSqlState()) || "22P05".equals(pg.getSqlState()))) return true;
      if (c.getCause() == c) break;
    }
    return false;
  }

  private static ApiException validation(ValidatorException v) {
    if (v.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT) {
      // The validator's word for a body whose Content-Type the operation does not take.
      return ApiException.unsupportedMediaType(
          "this operation takes a JSON body: send Content-Type: application/json",
          new JsonObject()
              .put("type", "unsupported_value_format")
              .put("expected", new JsonArray().add("application/json")));
    }
    JsonObject details = new JsonObject().put("type", v.type().name().toLowerCase());
    if (v instanceof SchemaValidationException s && s.getOutputUnit() != null) {
      if (s.getOutputUnit().getInstanceLocation() != null) {
        details.put("location", s.getOutputUnit().getInstanceLocation());
      }
      if (s.getOutputUnit().getError() != null) {
        details.put("reason", s.getOutputUnit().getError());
      }
    }
    return new ApiException(400, "validation_failed", v.getMessage(), details);
  }

  private static ApiException fromStatus(int status, String payload) {
    return switch (status) {
      case 400 ->
          ApiException.badRequest(
              "bad_request", payload != null ? payload : "the request is malformed");
      case 401 -> ApiException.unauthorized("authentication is required");
      case 403 ->
          ApiException.forbidden(
              "you are not allowed to do this (for browsers: is this origin allowed by CORS_ORIGINS?)");
      case 404 -> new ApiException(404, "not_found", "no such resource");
      case 405 -> new ApiException(405, "method_not_allowed", "this method is not allowed here");
      case 413 -> ApiException.payloadTooLarge("the request body is too large", null);
      case 415 ->
          ApiException.unsupportedMediaType("this content type is not supported here", null);
      case 503 ->
          ApiException.unavailable("unavailable", "the service is not available; retry shortly", 5);
      default ->
          status >= 400 && status < 500
              ? new ApiException(
                  status,
                  "client_error",
                  payload != null ? payload : "the request cannot be served")
              : new ApiException(
                  500, "internal_error", "something went wrong on our side; it has been logged");
    };
  }
}
