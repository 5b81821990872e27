package com.analyticsstudio.semantic;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dataset's semantic model: its dimensions (one per column), measures and relationships, as
 * stored (JSONB) and served. Pure data: {@link #fromJson} validates a document's shape, {@link
 * #defaults} builds the first model of a dataset and {@link #reconcile} follows a new version.
 */
public record Model(
    int fiscalYearStartMonth,
    List<Dimension> dimensions,
    List<Measure> measures,
    List<Relationship> relationships) {

  /**
   * Names usable in formulas and queries: a letter or underscore, then letters, digits,
   * underscores.
   */
  static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public static final List<String> AGGREGATIONS =
      List.of("sum", "avg", "count", "count_distinct", "min", "max", "median", "percentile");
  public static final List<String> TIME_TYPES = List.of("date", "timestamp");
  public static final List<String> NUMERIC_TYPES = List.of("integer", "decimal");

  /** One column as the dataset describes it ({@code datasets.columns}). */
  public record Column(String name, String type, String label) {}

  /** A dimension of the model: one column, with its label, format, synonyms and grains. */
  public record Dimension(
      String name,
      String column,
      String type,
      String label,
      String description,
      JsonObject format,
      List<String> synonyms,
      boolean hidden,
      String broken) {
    public boolean time() {
      return TIME_TYPES.contains(type);
    }

    JsonObject toJson() {
      JsonObject j =
          new JsonObject()
              .put("name", name)
              .put("column", column)
              .put("type", type)
              .put("label", label)
              .put("description", description)
              .put("format", format)
              .put("synonyms", new JsonArray(synonyms))
              .put("hidden", hidden)
              .put("broken", broken);
      if (time()) j.put("granularities", new JsonArray(TimeGrain.names()));
      return j;
    }
  }

  /**
   * A measure: an aggregation of one column ({@code aggregation} + {@code column}, {@code p} for
   * percentile) or a {@code formula}; optionally filtered by a row-level {@code filter} formula.
   */
  public record Measure(
      String name,
      String label,
      String description,
      String aggregation,
      String column,
      Double p,
      String formula,
      String filter,
      JsonObject format,
      List<String> synonyms,
      boolean hidden,
      String broken) {
    /** The measure as a formula: an aggregation measure is sugar for {@code agg(column)}. */
    public String asFormula() {
      if (formula != null) return formula;
      String col = column == null ? "*" : quoted(column);
      return switch (aggregation) {
        case "count" -> "count(" + col + ")";
        case "percentile" -> "percentile(" + col + ", " + (p == null ? 0.5 : p) + ")";
        default -> aggregation + "(" + col + ")";
      };
    }

    Measure withBroken(String reason) {
      return new Measure(
          name,
          label,
          description,
          aggregation,
          column,
          p,
          formula,
          filter,
          format,
          synonyms,
          hidden,
          reason);
    }

    JsonObject toJson() {
      return new JsonObject()
          .put("name", name)
          .put("label", label)
          .put("description", description)
          .put("aggregation", aggregation)
          .put("column", column)
          .put("p", p)
          .put("formula", formula)
          .put("filter", filter)
          .put("format", format)
          .put("synonyms", new JsonArray(synonyms))
          .put("hidden", hidden)
          .put("broken", broken);
    }
  }

  /**
   * Many-to-one: {@code foreignKey} of this dataset → {@code primaryKey} of {@code dataset} (a
   * table name).
   */
  public record Relationship(String name, String dataset, String foreignKey, String primaryKey) {
    JsonObject toJson() {
      return new JsonObject()
          .put("name", name)
          .put("dataset", dataset)
          .put("foreignKey", foreignKey)
          .put("primaryKey", primaryKey)
          .put("type", "many_to_one");
    }
  }

  public JsonObject toJson() {
    JsonArray dims = new JsonArray();
    dimensions.forEach(d -> dims.add(d.toJson()));
    JsonArray ms = new JsonArray();
    measures.forEach(m -> ms.add(m.toJson()));
    JsonArray rels = new JsonArray();
    relationships.forEach(r -> rels.add(r.toJson()));
    return new JsonObject()
        .put("fiscalYearStartMonth", fiscalYearStartMonth)
        .put("dimensions", dims)
        .put("measures", ms)
        .put("relationships", rels);
  }

  public Dimension dimension(String name) {
    for (Dimension d : dimensions) if (d.name.equals(name)) return d;
    return null;
  }

  public Measure measure(String name) {
    for (Measure m : measures) if (m.name.equals(name)) return m;
    return null;
  }

  public Relationship relationship(String name) {
    for (Relationship r : relationships) if (r.name.equals(name)) return r;
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // defaults and reconciliation

  /**
   * The first model of a dataset: every column a dimension, {@code count}, and sum + avg of
   * measurable numbers.
   */
  public static Model defaults(String datasetName, List<Column> columns) {
    List<Dimension> dims = new ArrayList<>();
    List<Measure> measures = new ArrayList<>();
    measures.add(
        new Measure(
            "count",
            "Number of " + humanize(datasetName).toLowerCase(Locale.ROOT),
            "Rows in " + datasetName,
            "count",
            null,
            null,
            null,
            null,
            numberFormat(0),
            List.of(),
            false,
            null));
    Set<String> taken = new HashSet<>();
    columns.forEach(c -> taken.add(c.name()));
    taken.add("count");
    for (Column c : columns) {
      dims.add(dimensionOf(c));
      if (NUMERIC_TYPES.contains(c.type()) && measurable(c.name())) {
        String label = c.label() == null || c.label().isBlank() ? humanize(c.name()) : c.label();
        int decimals = c.type().equals("integer") ? 0 : 2;
        String sum = free(taken, "total_" + c.name());
        measures.add(
            new Measure(
                sum,
                "Total " + label,
                "Sum of " + c.name(),
                "sum",
                c.name(),
                null,
                null,
                null,
                numberFormat(decimals),
                List.of(),
                false,
                null));
        String avg = free(taken, "avg_" + c.name());
        measures.add(
            new Measure(
                avg,
                "Average " + label,
                "Average of " + c.name(),
                "avg",
                c.name(),
                null,
                null,
                null,
                numberFormat(2),
                List.of(),
                false,
                null));
      }
    }
    return new Model(1, List.copyOf(dims), List.copyOf(measures), List.of());
  }

  /**
   * Follows a new version of the dataset: new columns become dimensions, changed types are taken,
   * and a dimension or measure whose column is gone is kept, marked {@code broken} with the reason
   * (never dropped); one whose column came back is mended.
   */
  public Model reconcile(List<Column> columns) {
    Map<String, Column> byName = new LinkedHashMap<>();
    columns.forEach(c -> byName.put(c.name(), c));
    List<Dimension> dims = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Dimension d : dimensions) {
      Column c = byName.get(d.column);
      seen.add(d.column);
      if (c == null) {
        dims.add(
            new Dimension(
                d.name,
                d.column,
                d.type,
                d.label,
                d.description,
                d.format,
                d.synonyms,
                d.hidden,
                "column \"" + d.column + "\" is not in the dataset's current version"));
      } else {
        dims.add(
            new Dimension(
                d.name,
                d.column,
                c.type(),
                d.label,
                d.description,
                d.format,
                d.synonyms,
                d.hidden,
                null));
      }
    }
    Set<String> names = new HashSet<>();
    dimensions.forEach(d -> names.add(d.name));
    measures.forEach(m -> names.add(m.name));
    for (Column c : columns) {
      if (!seen.contains(c.name()) && !names.contains(c.name())) dims.add(dimensionOf(c));
    }
    Model draft = new Model(fiscalYearStartMonth, dims, measures, relationships);
    List<Measure> ms = new ArrayList<>();
    for (Measure m : measures) {
      String reason = missingColumn(draft, m);
      ms.add(m.withBroken(reason));
    }
    return new Model(fiscalYearStartMonth, List.copyOf(dims), List.copyOf(ms), relationships);
  }

  /** Why {@code m} cannot be computed because a field it names is broken or gone, or null. */
  private static String missingColumn(Model model, Measure m) {
    List<String> refs = new ArrayList<>();
    try {
      FormulaRefs.collect(FormulaParser.parse(m.asFormula()), refs);
      if (m.filter() != null) FormulaRefs.collect(FormulaParser.parse(m.filter()), refs);
    } catch (FormulaError e) {
      return null; // a formula error is reported by validation, not as a missing column
    }
    for (String r : refs) {
      Dimension d = model.dimension(r);
      if (d != null && d.broken != null) {
        return "it uses \"" + r + "\": " + d.broken;
      }
    }
    return null;
  }

  private static Dimension dimensionOf(Column c) {
    String label = c.label() == null || c.label().isBlank() ? humanize(c.name()) : c.label();
    return new Dimension(c.name(), c.name(), c.type(), label, null, null, List.of(), false, null);
  }

  /** Numbers people add up: not identifiers, codes or calendar parts. */
  static boolean measurable(String column) {
    String n = column.toLowerCase(Locale.ROOT);
    if (n.equals("id")
        || n.endsWith("_id")
        || n.startsWith("id_")
        || n.endsWith("id")
            && n.length() > 2
            && !n.endsWith("paid")
            && !n.endsWith("void")
            && !n.endsWith("bid")
            && !n.endsWith("mid")) {
      return false;
    }
    for (String part : n.split("_")) {
      if (Set.of(
              "year",
              "yr",
              "month",
              "day",
              "week",
              "quarter",
              "code",
              "zip",
              "postcode",
              "phone",
              "number",
              "no",
              "key",
              "uuid",
              "ref")
          .contains(part)) {
        return false;
      }
    }
    return true;
  }

  private static String free(Set<String> taken, String name) {
    String base = name.length() > 60 ? name.substring(0, 60) : name;
    String out = base;
    for (int i = 2; taken.contains(out); i++) out = base + "_" + i;
    taken.add(out);
    return out;
  }

  static String humanize(String name) {
    String[] words = name.replace('_', ' ').trim().split("\\s+");
    StringBuilder out = new StringBuilder();
    for (String w : words) {
      if (w.isEmpty()) continue;
      if (out.length() > 0) out.append(' ');
      out.append(out.length() == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
    }
    return out.toString();
  }

  static JsonObject numberFormat(int decimals) {
    return new JsonObject().put("type", "number").put("decimals", decimals);
  }

  private static String quoted(String name) {
    return NAME.matcher(name).matches() ? name : "\"" + name + "\"";
  }

  // ---------------------------------------------------------------------------------------------
  // reading a document

  /** Reads and checks the shape of a model document; formulas are checked by {@link ModelIndex}. */
  public static Model fromJson(JsonObject j) {
    if (j == null) throw invalid("model", "the model document is missing");
    int fiscal = intOf(j, "fiscalYearStartMonth", 1);
    if (fiscal < 1 || fiscal > 12)
      throw invalid("fiscalYearStartMonth", "must be a month number from 1 to 12");
    Set<String> names = new HashSet<>();
    List<Dimension> dims = new ArrayList<>();
    JsonArray dj = arrayOf(j, "dimensions");
    for (int i = 0; i < dj.size(); i++) {
      String at = "dimensions[" + i + "]";
      JsonObject d = objectAt(dj, i, at);
      String name = name(d, at, names);
      String column = d.getString("column", name);
      dims.add(
          new Dimension(
              name,
              column,
              d.getString("type", "text"),
              text(d, "label", name),
              text(d, "description", null),
              format(d.getValue("format"), at),
              strings(d, "synonyms", at),
              d.getBoolean("hidden", false),
              d.getString("broken")));
    }
    List<Measure> ms = new ArrayList<>();
    JsonArray mj = arrayOf(j, "measures");
    for (int i = 0; i < mj.size(); i++) {
      String at = "measures[" + i + "]";
      JsonObject m = objectAt(mj, i, at);
      String name = name(m, at, names);
      String formula = text(m, "formula", null);
      String aggregation = text(m, "aggregation", null);
      String column = text(m, "column", null);
      Double p = m.getValue("p") instanceof Number n ? n.doubleValue() : null;
      if ((formula == null) == (aggregation == null)) {
        throw invalid(at, "a measure has either an aggregation (with a column) or a formula");
      }
      if (aggregation != null) {
        if (!AGGREGATIONS.contains(aggregation)) {
          throw invalid(at + ".aggregation", "must be one of " + AGGREGATIONS);
        }
        if (column == null && !aggregation.equals("count")) {
          throw invalid(at + ".column", aggregation + " needs a column");
        }
        if (aggregation.equals("percentile") && (p == null || p < 0 || p > 1)) {
          throw invalid(at + ".p", "percentile needs p between 0 and 1");
        }
      }
      ms.add(
          new Measure(
              name,
              text(m, "label", Model.humanize(name)),
              text(m, "description", null),
              aggregation,
              column,
              p,
              formula,
              text(m, "filter", null),
              format(m.getValue("format"), at),
              strings(m, "synonyms", at),
              m.getBoolean("hidden", false),
              m.getString("broken")));
    }
    List<Relationship> rels = new ArrayList<>();
    JsonArray rj = arrayOf(j, "relationships");
    Set<String> relNames = new HashSet<>();
    for (int i = 0; i < rj.size(); i++) {
      String at = "relationships[" + i + "]";
      JsonObject r = objectAt(rj, i, at);
      String dataset = text(r, "dataset", null);
      String fk = text(r, "foreignKey", null);
      String pk = text(r, "primaryKey", null);
      if (dataset == null || fk == null || pk == null) {
        throw invalid(
            at, "a relationship needs dataset (its table name), foreignKey and primaryKey");
      }
      String type = r.getString("type", "many_to_one");
      if (!type.equals("many_to_one"))
        throw invalid(at + ".type", "only many_to_one relationships are supported");
      String name = text(r, "name", dataset);
      if (!NAME.matcher(name).matches())
        throw invalid(at + ".name", "\"" + name + "\" is not a valid name");
      if (!relNames.add(name))
        throw invalid(at + ".name", "two relationships are called \"" + name + "\"");
      rels.add(new Relationship(name, dataset, fk, pk));
    }
    return new Model(fiscal, List.copyOf(dims), List.copyOf(ms), List.copyOf(rels));
  }

  private static String name(JsonObject o, String at, Set<String> names) {
    String name = o.getValue("name") instanceof String s ? s : null;
    if (name == null || !NAME.matcher(name).matches()) {
      throw invalid(
          at + ".name",
          "a name is lower case letters, digits and _, starting with a letter or _ (got "
              + (name == null ? "nothing" : "\"" + name + "\"")
              + ")");
    }
    if (FormulaParser.RESERVED.contains(name)) {
      throw invalid(
          at + ".name", "\"" + name + "\" is a word of the formula language; choose another name");
    }
    if (!names.add(name))
      throw invalid(
          at + ".name", "\"" + name + "\" is used twice (dimensions and measures share names)");
    return name;
  }

  private static JsonObject format(Object v, String at) {
    if (v == null) return null;
    if (!(v instanceof JsonObject f)) throw invalid(at + ".format", "must be an object");
    String type = f.getString("type", "number");
    if (!List.of("number", "currency", "percent").contains(type)) {
      throw invalid(at + ".format.type", "must be number, currency or percent");
    }
    Object dec = f.getValue("decimals");
    if (dec != null && (!(dec instanceof Number n) || n.intValue() < 0 || n.intValue() > 10)) {
      throw invalid(at + ".format.decimals", "must be a whole number from 0 to 10");
    }
    JsonObject out = new JsonObject().put("type", type);
    if (dec != null) out.put("decimals", ((Number) dec).intValue());
    if (type.equals("currency")) {
      String code = f.getString("currency");
      if (code == null || !code.matches("[A-Z]{3}")) {
        throw invalid(
            at + ".format.currency", "a currency format needs an ISO 4217 code such as \"EUR\"");
      }
      out.put("currency", code);
    }
    return out;
  }

  private static List<String> strings(JsonObject o, String field, String at) {
    Object v = o.getValue(field);
    if (v == null) return List.of();
    if (!(v instanceof JsonArray a)) throw invalid(at + "." + field, "must be a list of strings");
    List<String> out = new ArrayList<>();
    for (Object s : a) {
      if (!(s instanceof String str) || str.isBlank())
        throw invalid(at + "." + field, "must be a list of strings");
      out.add(str.trim());
    }
    return List.copyOf(out);
  }

  private static String text(JsonObject o, String field, String def) {
    Object v = o.getValue(field);
    if (v == null) return def;
    if (!(v instanceof String s)) throw invalid(field, "must be a string");
    return s.isBlank() ? def : s;
  }

  private static int intOf(JsonObject o, String field, int def) {
    Object v = o.getValue(field);
    if (v == null) return def;
    if (!(v instanceof Number n)) throw invalid(field, "must be a number");
    return n.intValue();
  }

  private static JsonArray arrayOf(JsonObject o, String field) {
    Object v = o.getValue(field);
    if (v == null) return new JsonArray();
    if (!(v instanceof JsonArray a)) throw invalid(field, "must be a list");
    return a;
  }

  private static JsonObject objectAt(JsonArray a, int i, String at) {
    if (!(a.getValue(i) instanceof JsonObject o)) throw invalid(at, "must be an object");
    return o;
  }

  static ApiException invalid(String where, String message) {
    return ApiException.badRequest(
        "invalid_model", where + ": " + message, new JsonObject().put("member", where));
  }
}
