package com.analyticsstudio.llm;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What one model call cost.
 *
 * @param model the model that answered (as the server reports it, else the configured one)
 * @param promptTokens input tokens from the response's {@code usage}, 0 when the server sent none
 * @param completionTokens output tokens from the response's {@code usage}, 0 when the server sent
 *     none
 * @param costUsd estimate from {@code LLM_PRICE_INPUT_PER_1M} / {@code LLM_PRICE_OUTPUT_PER_1M}
 * @param latencyMs wall time of the call, SDK retries included (not the wait for a slot)
 */
public record LlmUsage(
    String model, long promptTokens, long completionTokens, double costUsd, long latencyMs) {

  /** Tokens priced in US dollars per million, rounded to a millionth of a cent. */
  public static double cost(
      long promptTokens, long completionTokens, double inputPer1M, double outputPer1M) {
    double usd =
        promptTokens * inputPer1M / 1_000_000d + completionTokens * outputPer1M / 1_000_000d;
    return BigDecimal.valueOf(usd).setScale(8, RoundingMode.HALF_UP).doubleValue();
  }

  public long totalTokens() {
    return promptTokens + completionTokens;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("model", model)
        .put("promptTokens", promptTokens)
        .put("completionTokens", completionTokens)
        .put("totalTokens", totalTokens())
        .put("costUsd", costUsd)
        .put("latencyMs", latencyMs);
  }

  public static LlmUsage fromJson(JsonObject j) {
    return new LlmUsage(
        j.getString("model"),
        j.getLong("promptTokens", 0L),
        j.getLong("completionTokens", 0L),
        j.getDouble("costUsd", 0d),
        j.getLong("latencyMs", 0L));
  }
}
