package com.analyticsstudio.llm;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reading the LLM verticle's JSON messages: a malformed message is a 400, never a model call. */
final class Messages {
  private Messages() {}

  static ApiException invalid(String message) {
    return ApiException.badRequest("invalid_request", message);
  }

  /** A string field, or null when absent; any other type is refused. */
  static String string(JsonObject j, String key) {
    Object v = j.getValue(key);
    if (v == null) return null;
    if (!(v instanceof String s)) throw invalid("'" + key + "' must be a string");
    return s;
  }

  static String requiredString(JsonObject j, String key) {
    String s = string(j, key);
    if (s == null || s.isBlank()) throw invalid("'" + key + "' is required");
    return s;
  }

  static JsonObject object(JsonObject j, String key) {
    Object v = j.getValue(key);
    if (v == null) return null;
    if (!(v instanceof JsonObject o)) throw invalid("'" + key + "' must be an object");
    return o;
  }

  static JsonArray array(JsonObject j, String key) {
    Object v = j.getValue(key);
    if (v == null) return new JsonArray();
    if (!(v instanceof JsonArray a)) throw invalid("'" + key + "' must be an array");
    return a;
  }

  static <T> List<T> objects(JsonObject j, String key, Function<JsonObject, T> read) {
    List<T> out = new ArrayList<>();
    for (Object o : array(j, key)) {
      if (!(o instanceof JsonObject item)) throw invalid("'" + key + "' must hold objects");
      out.add(read.apply(item));
    }
    return out;
  }

  static List<String> strings(JsonObject j, String key) {
    List<String> out = new ArrayList<>();
    for (Object o : array(j, key)) {
      if (o != null) out.add(o.toString());
    }
    return out;
  }

  static Long longOrNull(JsonObject j, String key) {
    Object v = j.getValue(key);
    if (v == null) return null;
    if (!(v instanceof Number n)) throw invalid("'" + key + "' must be a number");
    return n.longValue();
  }

  static JsonArray stringArray(List<String> values) {
    return new JsonArray(new ArrayList<>(values));
  }
}
