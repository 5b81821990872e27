package com.analyticsstudio.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChartDocumentTest {
  static JsonObject semanticChart() {
    return new JsonObject()
        .put("name", "  Revenue by region ")
        .put("description", "")
        .put(
            "query",
            new JsonObject()
                .put("semantic", new JsonObject().put("dataset", "orders").put("measures", "x")))
        .put("visualization", new JsonObject().put("type", "bar").put("stacking", "stacked"));
  }

  static void refused(JsonObject body, String location, String messagePart) {
    assertThatThrownBy(() -> ChartDocument.fromJson(body, false))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("validation_failed");
              assertThat(e.details().getString("location")).isEqualTo(location);
              assertThat(e.getMessage()).contains(messagePart);
            });
  }

  @Test
  void readsASemanticChartAndKeepsTheSettingsAsSent() {
    ChartDocument d = ChartDocument.fromJson(semanticChart(), false);
    assertThat(d.name()).isEqualTo("Revenue by region");
    assertThat(d.description()).isNull();
    assertThat(d.semantic()).isTrue();
    assertThat(d.sql()).isNull();
    assertThat(d.semanticQuery().getString("dataset")).isEqualTo("orders");
    assertThat(d.visualization().getString("stacking")).isEqualTo("stacked");
    assertThat(d.toJson().getJsonObject("query").fieldNames()).containsExactly("semantic");
  }

  @Test
  void readsAnSqlChart() {
    JsonObject body = semanticChart().put("query", new JsonObject().put("sql", "SELECT 1 AS one"));
    ChartDocument d = ChartDocument.fromJson(body, false);
    assertThat(d.semantic()).isFalse();
    assertThat(d.sql()).isEqualTo("SELECT 1 AS one");
    assertThat(d.semanticQuery()).isNull();
  }

  @Test
  void needsAName() {
    refused(semanticChart().putNull("name"), "/name", "needs a name");
    JsonObject noName = semanticChart();
    noName.remove("name");
    refused(noName, "/name", "needs a name");
    refused(semanticChart().put("name", "   "), "/name", "needs a name");
    refused(semanticChart().put("name", 3), "/name", "must be text");
    refused(semanticChart().put("name", "x".repeat(201)), "/name", "longer than 200");
  }

  @Test
  void needsExactlyOneOfSemanticAndSql() {
    refused(
        semanticChart()
            .put(
                "query", new JsonObject().put("sql", "SELECT 1").put("semantic", new JsonObject())),
        "/query",
        "exactly one");
    refused(semanticChart().put("query", new JsonObject()), "/query", "exactly one");
    refused(semanticChart().put("query", "SELECT 1"), "/query", "must be an object");
    refused(
        semanticChart().put("query", new JsonObject().put("semantic", "orders")),
        "/query/semantic",
        "semantic query object");
    refused(
        semanticChart().put("query", new JsonObject().put("sql", "  ")), "/query/sql", "non-empty");
    refused(
        semanticChart().put("query", new JsonObject().put("sql", "SELECT 1").put("dialect", "x")),
        "/query/dialect",
        "unknown field \"dialect\"");
  }

  @Test
  void theTypeIsOneOfTheChartTypesAndTheOtherSettingsAreOpen() {
    for (String t : ChartDocument.TYPES) {
      ChartDocument.fromJson(
          semanticChart().put("visualization", new JsonObject().put("type", t).put("any", 1)),
          false);
    }
    refused(
        semanticChart().put("visualization", new JsonObject().put("type", "radar")),
        "/visualization/type",
        "kpi, bar, column, line, area, pie, donut, scatter, table, pivot");
    refused(
        semanticChart().put("visualization", new JsonObject()), "/visualization/type", "one of");
    refused(semanticChart().putNull("visualization"), "/visualization", "must be an object");
  }

  @Test
  void unknownTopLevelFieldsAreRefused() {
    refused(semanticChart().put("colour", "red"), "/colour", "unknown field \"colour\"");
    // A PUT may send back the server's fields as it read them; a create may not.
    refused(semanticChart().put("version", 2), "/version", "unknown field");
    ChartDocument.fromJson(
        semanticChart().put("version", 2).put("id", "x").put("updatedAt", "y"), true);
    assertThatThrownBy(() -> ChartDocument.fromJson(semanticChart().put("owner", "me"), true))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void aDraftMayGoWithoutANameAndCarriesTheCallersFields() {
    JsonObject body = semanticChart().put("filters", new JsonArray());
    body.remove("name");
    ChartDocument d = ChartDocument.draft(body, Set.of("filters"));
    assertThat(d.name()).isEqualTo("Untitled chart");
    assertThatThrownBy(() -> ChartDocument.draft(body.copy().put("x", 1), Set.of("filters")))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("unknown field \"x\"");
  }
}
