package com.analyticsstudio.semantic;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The orders and customers models the semantic unit tests compile against. */
final class Models {
  private Models() {}

  static final List<Model.Column> ORDERS =
      List.of(
          new Model.Column("order_id", "integer", "Order ID"),
              new Model.Column("order_date", "date", "Order date"),
          new Model.Column("region", "text", "Region"),
              new Model.Column("amount", "decimal", "Amount"),
          new Model.Column("cost", "decimal", "Cost"),
              new Model.Column("quantity", "integer", "Quantity"),
          new Model.Column("paid", "boolean", "Paid"),
              new Model.Column("customer_id", "integer", "Customer"));
  static final List<Model.Column> CUSTOMERS =
      List.of(
          new Model.Column("id", "integer", "ID"),
          new Model.Column("segment", "text", "Segment"),
          new Model.Column("credit", "decimal", "Credit"));

  static Model customers() {
    return Model.defaults("customers", CUSTOMERS);
  }

  /** Default orders model plus revenue, margin, east_revenue and a relationship to customers. */
  static Model orders() {
    JsonObject doc = Model.defaults("orders", ORDERS).toJson();
    doc.getJsonArray("measures")
        .add(
            new JsonObject()
                .put("name", "revenue")
                .put("label", "Revenue")
                .put("aggregation", "sum")
                .put("column", "amount")
                .put(
                    "format",
                    new JsonObject()
                        .put("type", "currency")
                        .put("currency", "EUR")
                        .put("decimals", 2)))
        .add(
            new JsonObject()
                .put("name", "margin")
                .put("formula", "(revenue - sum(cost)) / revenue"))
        .add(
            new JsonObject()
                .put("name", "east_revenue")
                .put("formula", "revenue")
                .put("filter", "region = 'East'"))
        .add(
            new JsonObject()
                .put("name", "aov")
                .put("formula", "sum(amount) / count_distinct(order_id)"));
    doc.getJsonArray("relationships")
        .add(
            new JsonObject()
                .put("name", "customers")
                .put("dataset", "customers")
                .put("foreignKey", "customer_id")
                .put("primaryKey", "id"));
    return Model.fromJson(doc);
  }

  static ModelIndex index() {
    return index(orders());
  }

  static ModelIndex index(Model orders) {
    return new ModelIndex(
        orders, "orders", Map.of("customers", new ModelIndex.Related("customers", customers())));
  }

  static Model withMeasure(Model m, JsonObject measure) {
    JsonObject doc = m.toJson();
    doc.getJsonArray("measures").add(measure);
    return Model.fromJson(doc);
  }

  static List<String> names(List<Model.Measure> ms) {
    List<String> out = new ArrayList<>();
    ms.forEach(x -> out.add(x.name()));
    return out;
  }
}
