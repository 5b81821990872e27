package com.analyticsstudio.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import java.util.Set;
import java.util.TreeSet;

/**
 * The contract's own verdict on a request part, for the operations whose handlers check their input
 * by hand instead of the router's validator: tests feed the same inputs to the hand-written check
 * and to these, and fail where the two disagree.
 */
public final class ContractSchemas {
  private ContractSchemas() {}

  /** Whether {@code body} matches the JSON request body schema of {@code operationId}. */
  public static boolean bodyValid(String operationId, Object body) {
    Operation op = operation(operationId);
    JsonSchema schema = op.getRequestBody().getContent().get("application/json").getSchema();
    return valid(schema, body);
  }

  /**
   * Whether the query parameter {@code name} of {@code operationId} accepts {@code raw}, read as
   * the router reads it: text for a text parameter; otherwise JSON when it parses as JSON (so
   * {@code true} and {@code 5} are a boolean and a number), text when it does not.
   */
  public static boolean parameterValid(String operationId, String name, String raw) {
    Parameter p =
        operation(operationId).getParameters().stream()
            .filter(q -> q.getName().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError(operationId + " has no parameter " + name));
    Object value;
    if (p.getSchemaType() == SchemaType.STRING) {
      return valid(p.getSchema(), raw);
    }
    try {
      value = Json.decodeValue(raw);
      if (value != null && !(value instanceof Number) && !(value instanceof Boolean)) value = raw;
    } catch (DecodeException e) {
      value = raw;
    }
    return valid(p.getSchema(), value);
  }

  /** The names of the query parameters {@code operationId} documents. */
  public static Set<String> queryParameters(String operationId) {
    Set<String> names = new TreeSet<>();
    for (Parameter p : operation(operationId).getParameters()) {
      if (p.getIn() == Location.QUERY) names.add(p.getName());
    }
    return names;
  }

  /**
   * Runs a hand-written check: {@code true} when it accepts, {@code false} when it refuses — and
   * then only with 400 {@code code}, the answer the contract's validator would give.
   */
  public static boolean handAccepts(Runnable check, String code) {
    try {
      check.run();
      return true;
    } catch (ApiException e) {
      assertThat(e.status()).as(e.getMessage()).isEqualTo(400);
      assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
      return false;
    }
  }

  private static Operation operation(String operationId) {
    Operation op = ContractCheck.contract().operation(operationId);
    if (op == null) throw new AssertionError("no operation " + operationId + " in openapi.yaml");
    return op;
  }

  private static boolean valid(JsonSchema schema, Object value) {
    return Boolean.TRUE.equals(
        ContractCheck.contract()
            .getSchemaRepository()
            .validator(schema)
            .validate(value)
            .getValid());
  }
}
