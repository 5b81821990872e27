package com.analyticsstudio.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTest {

  @Test
  void defaultsSumAndAverageMeasurableNumbersOnly() {
    Model m = Model.defaults("orders", Models.ORDERS);
    assertThat(Models.names(m.measures()))
        .containsExactly(
            "count",
            "total_amount",
            "avg_amount",
            "total_cost",
            "avg_cost",
            "total_quantity",
            "avg_quantity");
    assertThat(m.measure("total_amount").label()).isEqualTo("Total Amount");
    assertThat(m.dimensions()).hasSize(Models.ORDERS.size());
    assertThat(Model.measurable("fiscal_year")).isFalse();
    assertThat(Model.measurable("zip_code")).isFalse();
    assertThat(Model.measurable("customerid")).isFalse();
    assertThat(Model.measurable("amount_paid")).isTrue();
  }

  @Test
  void reconcileAddsNewColumnsAndMarksWhatLostItsColumnBrokenWithoutDroppingIt() {
    Model m = Models.orders();
    List<Model.Column> next = new ArrayList<>(Models.ORDERS);
    next.removeIf(c -> c.name().equals("amount"));
    next.add(new Model.Column("discount", "decimal", "Discount"));
    Model r = m.reconcile(next);
    assertThat(r.dimension("discount")).isNotNull();
    assertThat(r.dimension("amount").broken())
        .contains("\"amount\" is not in the dataset's current version");
    assertThat(r.measure("revenue").broken()).contains("it uses \"amount\"");
    assertThat(r.measure("total_cost").broken()).isNull();
    assertThat(r.measures()).hasSameSizeAs(m.measures());
    // The column comes back: mended.
    Model back = r.reconcile(Models.ORDERS);
    assertThat(back.dimension("amount").broken()).isNull();
    assertThat(back.measure("revenue").broken()).isNull();
  }

  @Test
  void documentsRoundTripAndBadShapesAreRefusedNamingThePlace() {
    Model m = Models.orders();
    assertThat(Model.fromJson(m.toJson()).toJson()).isEqualTo(m.toJson());
    JsonObject doc = m.toJson();
    doc.getJsonArray("measures")
        .add(
            new JsonObject()
                .put("name", "revenue")
                .put("aggregation", "sum")
                .put("column", "cost"));
    assertThatThrownBy(() -> Model.fromJson(doc)).hasMessageContaining("\"revenue\" is used twice");
    assertThatThrownBy(() -> Model.fromJson(new JsonObject().put("fiscalYearStartMonth", 13)))
        .hasMessageContaining("fiscalYearStartMonth");
    assertThatThrownBy(
            () ->
                Model.fromJson(
                    new JsonObject()
                        .put(
                            "measures",
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("name", "x")
                                        .put("aggregation", "sum")
                                        .put("column", "a")
                                        .put("format", new JsonObject().put("type", "currency"))))))
        .hasMessageContaining("ISO 4217");
  }

  @Test
  void diffSaysWhatChangedInWords() {
    Model a = Models.orders();
    JsonObject doc = a.toJson().put("fiscalYearStartMonth", 4);
    doc.getJsonArray("measures").getJsonObject(0).put("label", "Orders");
    assertThat(ModelDiff.changes(a, Model.fromJson(doc)).getList())
        .containsExactly(
            "fiscal year start month: 1 → 4",
            "measure count label: \"Number of orders\" → \"Orders\"");
  }
}
