package com.analyticsstudio.cdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** Small helpers to walk synthesised templates (plain maps and lists). */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value == null ? List.of() : (List<Object>) value;
  }

  static Map<String, Object> props(Map<String, Object> resource) {
    return map(resource.getOrDefault("Properties", Map.of()));
  }

  /** The single resource of this type in the map {@code findResources} returned. */
  static Map<String, Object> only(Map<String, Map<String, Object>> resources) {
    if (resources.size() != 1) {
      throw new AssertionError("expected exactly one resource, found " + resources.keySet());
    }
    return resources.values().iterator().next();
  }

  static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
