package com.analyticsstudio.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Assertions on the error envelope every failure must use. */
public final class Errors {
  private Errors() {}

  /**
   * Asserts status, JSON content type and {@code {"error":{"code","message","details"}}}; returns
   * the error.
   */
  public static JsonObject assertError(HttpResponse<Buffer> r, int status, String code) {
    assertThat(r.statusCode()).as("status of %s", r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
    assertThat(error).as("error envelope in %s", r.bodyAsString()).isNotNull();
    assertThat(error.getString("message")).isNotBlank();
    assertThat(error.getValue("details")).isInstanceOf(JsonObject.class);
    assertThat(r.bodyAsString()).doesNotContain("\tat ").doesNotContain("Exception");
    if (code != null) {
      assertThat(error.getString("code")).isEqualTo(code);
    }
    return error;
  }
}
