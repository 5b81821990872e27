package com.analyticsstudio.llm;

import java.util.List;
import java.util.UUID;

/** Test schemas: project A's two datasets, and a different project whose names must never leak. */
final class Schemas {
  static final UUID PROJECT_A = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
  static final UUID PROJECT_B = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");

  private Schemas() {}

  static SchemaContext projectA() {
    DatasetSchema sales =
        new DatasetSchema(
            "sales",
            "Sales 2024",
            1200,
            List.of(
                new DatasetSchema.Column(
                    "order_date",
                    "Order date",
                    "date",
                    List.of("2024-01-03", "2024-02-14"),
                    List.of(),
                    "2024-01-01",
                    "2024-12-31"),
                new DatasetSchema.Column(
                    "region",
                    "Sales region",
                    "text",
                    List.of("North", "South"),
                    List.of(
                        new DatasetSchema.TopValue("North", 400),
                        new DatasetSchema.TopValue("South", 350),
                        new DatasetSchema.TopValue("East", 250)),
                    "East",
                    "West"),
                new DatasetSchema.Column(
                    "amount",
                    "Amount (EUR)",
                    "decimal",
                    List.of("19.99", "250.00"),
                    List.of(new DatasetSchema.TopValue("9.99", 17)),
                    "0.5",
                    "9800"),
                new DatasetSchema.Column(
                    "is_returned",
                    "Returned?",
                    "boolean",
                    List.of(),
                    List.of(
                        new DatasetSchema.TopValue("false", 1100),
                        new DatasetSchema.TopValue("true", 100)),
                    null,
                    null)));
    DatasetSchema customers =
        new DatasetSchema(
            "customers",
            "customers",
            80,
            List.of(
                new DatasetSchema.Column(
                    "customer_name",
                    "customer_name",
                    "text",
                    List.of("Ada Lovelace"),
                    List.of(),
                    null,
                    null)));
    return new SchemaContext(PROJECT_A, List.of(sales, customers));
  }

  /** Another tenant's data, with names that must never appear in project A's prompts. */
  static SchemaContext projectB() {
    return new SchemaContext(
        PROJECT_B,
        List.of(
            new DatasetSchema(
                "payroll_secret",
                "Payroll (confidential)",
                12,
                List.of(
                    new DatasetSchema.Column(
                        "salary_eur",
                        "Salary",
                        "integer",
                        List.of("123456"),
                        List.of(new DatasetSchema.TopValue("Zebulon Quince", 3)),
                        null,
                        null)))));
  }
}
