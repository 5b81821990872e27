package com.analyticsstudio.llm;

import io.vertx.core.json.JsonObject;

/**
 * A model's answer to {@code plan} or {@code repair}, with what it cost. JSON: {@code
 * {"sql","chart":{"type","x","y","series"},"explanation","answerable","usage":{…}}}.
 */
public record LlmPlan(PlanOutput output, LlmUsage usage) {

  public JsonObject toJson() {
    return output.toJson().put("usage", usage.toJson());
  }

  public static LlmPlan fromJson(JsonObject j) {
    JsonObject chart = j.getJsonObject("chart");
    return new LlmPlan(
        new PlanOutput(
            j.getString("sql"),
            chart == null ? null : Chart.fromJson(chart),
            j.getString("explanation")),
        LlmUsage.fromJson(j.getJsonObject("usage", new JsonObject())));
  }
}
