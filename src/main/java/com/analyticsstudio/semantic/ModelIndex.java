package com.analyticsstudio.semantic;

import com.analyticsstudio.semantic.Ast.Expr;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One dataset's model made ready to compile: formulas parsed once, names resolved to quoted,
 * qualified columns ({@code "t0"} for the dataset, {@code "t1"}… for related datasets), and the
 * relationships that a compiled query used. Build one per request (it records the joins used).
 */
public final class ModelIndex implements Scope {
  /** The alias of the dataset's own table in compiled SQL. */
  static final String BASE = "t0";

  /**
   * A related dataset as loaded: its id, table name and model ({@code model} null if it has not
   * loaded).
   */
  public record Related(UUID datasetId, String table, Model model) {
    public Related(String table, Model model) {
      this(null, table, model);
    }
  }

  private record Join(Model.Relationship rel, Related target, String alias) {}

  private final Model model;
  private final String table;
  private final Map<String, Join> joins = new LinkedHashMap<>();
  private final Map<String, MeasureDef> measures = new HashMap<>();
  private final Map<String, String> invalid = new HashMap<>();
  private final Set<String> used = new LinkedHashSet<>();
  private final Map<String, Map<String, MeasureDef>> relatedMeasures = new HashMap<>();

  /** {@code related}: by table name, the datasets the model's relationships point at. */
  public ModelIndex(Model model, String table, Map<String, Related> related) {
    this.model = model;
    this.table = table;
    int i = 1;
    for (Model.Relationship r : model.relationships()) {
      Related target = related.get(r.dataset());
      if (target != null && target.model() != null)
        joins.put(r.name(), new Join(r, target, "t" + i++));
    }
    for (Model.Measure m : model.measures()) {
      try {
        measures.put(m.name(), def(m, false));
      } catch (FormulaError e) {
        invalid.put(m.name(), e.getMessage());
        measures.put(
            m.name(),
            new MeasureDef(
                m.name(), null, null, false, "its formula is invalid: " + e.getMessage(), false));
      }
    }
  }

  private static MeasureDef def(Model.Measure m, boolean oneSide) {
    Expr body = FormulaParser.parse(m.asFormula());
    Expr filter = m.filter() == null ? null : FormulaParser.parse(m.filter());
    boolean zero =
        body instanceof Ast.Call c
            && (c.name().equals("sum")
                || c.name().equals("count")
                || c.name().equals("count_distinct"));
    return new MeasureDef(m.name(), body, filter, oneSide, m.broken(), zero);
  }

  public Model model() {
    return model;
  }

  public String table() {
    return table;
  }

  @Override
  public Field field(String qualifier, String name) {
    if (qualifier == null) {
      Model.Dimension d = model.dimension(name);
      return d == null
          ? null
          : new Field(
              name,
              SqlText.column(BASE, d.column()),
              ValueType.ofColumn(d.type()),
              false,
              d.broken());
    }
    Join j = joins.get(qualifier);
    if (j == null) return null;
    Model.Dimension d = j.target.model().dimension(name);
    if (d == null) return null;
    used.add(qualifier);
    return new Field(
        qualifier + "." + name,
        SqlText.column(j.alias, d.column()),
        ValueType.ofColumn(d.type()),
        true,
        d.broken());
  }

  @Override
  public MeasureDef measure(String qualifier, String name) {
    if (qualifier == null) return measures.get(name);
    Join j = joins.get(qualifier);
    if (j == null) return null;
    Model.Measure m = j.target.model().measure(name);
    if (m == null) return null;
    return relatedMeasures
        .computeIfAbsent(qualifier, q -> new HashMap<>())
        .computeIfAbsent(
            name,
            n -> {
              try {
                return def(m, true);
              } catch (FormulaError e) {
                return new MeasureDef(name, null, null, true, "its formula is invalid", false);
              }
            });
  }

  @Override
  public boolean relation(String qualifier) {
    return joins.containsKey(qualifier);
  }

  @Override
  public List<String> names(String qualifier) {
    List<String> out = new ArrayList<>();
    Model m =
        qualifier == null
            ? model
            : joins.containsKey(qualifier) ? joins.get(qualifier).target.model() : null;
    if (m == null) return out;
    m.dimensions().forEach(d -> out.add(d.name()));
    m.measures().forEach(x -> out.add(x.name()));
    if (qualifier == null) out.addAll(joins.keySet());
    return out;
  }

  /** The measure's label and format, or null when there is no such measure. */
  Model.Measure measureDoc(String name) {
    return model.measure(name);
  }

  /**
   * The {@code FROM} clause: the dataset, then a {@code LEFT JOIN} for each relationship a compiled
   * expression used.
   */
  String from() {
    return from("", "");
  }

  /**
   * The {@code FROM} clause with {@code before} ahead of the dataset's table and {@code on} after
   * it (a join to it).
   */
  String from(String before, String on) {
    StringBuilder out =
        new StringBuilder(before)
            .append(SqlText.ident(table))
            .append(" AS ")
            .append(SqlText.ident(BASE))
            .append(on);
    for (String name : used) {
      Join j = joins.get(name);
      out.append(" LEFT JOIN ")
          .append(SqlText.ident(j.target.table()))
          .append(" AS ")
          .append(SqlText.ident(j.alias))
          .append(" ON ")
          .append(SqlText.column(BASE, column(model, j.rel.foreignKey())))
          .append(" = ")
          .append(SqlText.column(j.alias, column(j.target.model(), j.rel.primaryKey())));
    }
    return out.toString();
  }

  private static String column(Model m, String dimension) {
    Model.Dimension d = m.dimension(dimension);
    return d == null ? dimension : d.column();
  }

  /**
   * Every problem of the model, for {@code POST …/model/validate} and before a save: each measure's
   * formula and filter (parsed, typed, no cycles), and each relationship's keys. Empty when valid.
   */
  public JsonArray problems(Set<String> projectTables) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < model.measures().size(); i++) {
      Model.Measure m = model.measures().get(i);
      String at = "measures[" + i + "]";
      if (m.broken() != null) continue; // reported as broken, not as a formula error
      try {
        MeasureDef d = def(m, false);
        new FormulaChecker(this).measureDef(d);
      } catch (FormulaError e) {
        boolean inFilter = m.filter() != null && isFilterError(m);
        out.add(
            e.toJson()
                .put("path", at + (inFilter ? ".filter" : m.formula() != null ? ".formula" : ""))
                .put("measure", m.name()));
      }
    }
    for (int i = 0; i < model.relationships().size(); i++) {
      Model.Relationship r = model.relationships().get(i);
      String at = "relationships[" + i + "]";
      if (!projectTables.contains(r.dataset())) {
        out.add(
            problem(
                at + ".dataset",
                "the project has no dataset with the table name \"" + r.dataset() + "\""));
        continue;
      }
      if (model.dimension(r.foreignKey()) == null) {
        out.add(
            problem(at + ".foreignKey", "this dataset has no field \"" + r.foreignKey() + "\""));
      }
      Join j = joins.get(r.name());
      if (j != null && j.target.model().dimension(r.primaryKey()) == null) {
        out.add(
            problem(at + ".primaryKey", r.dataset() + " has no field \"" + r.primaryKey() + "\""));
      }
      if (model.dimension(r.name()) != null || model.measure(r.name()) != null) {
        out.add(
            problem(
                at + ".name",
                "\""
                    + r.name()
                    + "\" is also a field or measure; name the relationship differently"));
      }
    }
    return out;
  }

  private boolean isFilterError(Model.Measure m) {
    try {
      new FormulaChecker(this).filter(FormulaParser.parse(m.filter()));
      return false;
    } catch (FormulaError e) {
      return true;
    }
  }

  private static JsonObject problem(String path, String message) {
    return new JsonObject().put("path", path).put("message", message);
  }
}
