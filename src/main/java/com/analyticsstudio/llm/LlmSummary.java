package com.analyticsstudio.llm;

import io.vertx.core.json.JsonObject;

/**
 * The answer sentence for a result, with what it cost. JSON: {@code {"text","usage":{…}}}.
 *
 * @param text one or two sentences, plain text
 */
public record LlmSummary(String text, LlmUsage usage) {

  public JsonObject toJson() {
    return new JsonObject().put("text", text).put("usage", usage.toJson());
  }

  public static LlmSummary fromJson(JsonObject j) {
    return new LlmSummary(
        j.getString("text"), LlmUsage.fromJson(j.getJsonObject("usage", new JsonObject())));
  }
}
