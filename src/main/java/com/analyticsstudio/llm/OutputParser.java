package com.analyticsstudio.llm;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a model's message into a {@link PlanOutput} or an answer sentence. Lenient where the intent
 * is clear (code fences, text around the JSON, a trailing semicolon, an unknown chart type), strict
 * where it is not: no JSON object, a non-string {@code sql}, or neither {@code sql} nor {@code
 * explanation} is an {@link LlmException.Reason#INVALID_OUTPUT}.
 */
public final class OutputParser {
  /** Characters kept of an answer sentence. */
  public static final int MAX_SUMMARY_CHARS = 1_000;

  private static final Pattern FENCE =
      Pattern.compile("```[a-zA-Z]*\\s*\\n?(.*?)\\s*```", Pattern.DOTALL);

  private OutputParser() {}

  /** The structured answer in {@code content}, the model's message text. */
  public static PlanOutput plan(String content) {
    JsonObject j = jsonObject(content);
    Object sqlValue = j.getValue("sql");
    Object explanationValue = j.getValue("explanation");
    if (sqlValue == null && explanationValue == null) {
      throw invalid("the model's answer has neither sql nor explanation");
    }
    if (sqlValue != null && !(sqlValue instanceof String))
      throw invalid("the model's sql is not a string");
    if (explanationValue != null && !(explanationValue instanceof String))
      throw invalid("the model's explanation is not a string");
    return new PlanOutput(
        cleanSql((String) sqlValue),
        chart(j.getValue("chart")),
        explanationValue == null ? "" : ((String) explanationValue).trim());
  }

  /** The answer sentence in {@code content}: trimmed, unfenced, unquoted, bounded. */
  public static String sentence(String content) {
    String s = unfence(content == null ? "" : content).trim();
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\""))
      s = s.substring(1, s.length() - 1).trim();
    s = s.replaceAll("\\s+", " ");
    if (s.isEmpty()) throw invalid("the model's answer sentence is empty");
    return PromptBuilder.cut(s, MAX_SUMMARY_CHARS);
  }

  /**
   * The one JSON object in the text: as is, inside a code fence, or between the first '{' and the
   * last '}'.
   */
  static JsonObject jsonObject(String content) {
    if (content == null || content.isBlank()) throw invalid("the model's answer is empty");
    // The raw text first: a fence may sit inside a JSON string (a fenced "sql"), not around the
    // JSON.
    String raw = content.trim();
    JsonObject parsed = tryParse(raw);
    if (parsed == null) parsed = tryParse(unfence(raw).trim());
    if (parsed == null) parsed = tryParse(braces(raw));
    if (parsed == null) throw invalid("the model's answer is not a JSON object");
    return parsed;
  }

  private static String braces(String text) {
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    return start >= 0 && end > start ? text.substring(start, end + 1) : "";
  }

  private static JsonObject tryParse(String s) {
    try {
      return new JsonObject(s);
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  private static String unfence(String s) {
    Matcher m = FENCE.matcher(s);
    return m.find() ? m.group(1) : s;
  }

  /**
   * Models sometimes fence the SQL inside the JSON or end it with a semicolon; the guard wants
   * neither.
   */
  static String cleanSql(String sql) {
    if (sql == null) return "";
    String s = unfence(sql).trim();
    while (s.endsWith(";")) s = s.substring(0, s.length() - 1).trim();
    return s;
  }

  /** A chart is advice: anything unusable becomes a plain table rather than a failure. */
  private static Chart chart(Object value) {
    if (!(value instanceof JsonObject c)) return Chart.TABLE;
    Object type = c.getValue("type");
    String t = type instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : "table";
    if (t.equals("area")) t = "line";
    if (!Chart.TYPES.contains(t)) t = "table";
    return new Chart(
        t, column(c.getValue("x")), column(c.getValue("y")), column(c.getValue("series")));
  }

  private static String column(Object v) {
    return v instanceof String s && !s.isBlank() && !s.equalsIgnoreCase("null") ? s.trim() : null;
  }

  private static LlmException invalid(String message) {
    return new LlmException(LlmException.Reason.INVALID_OUTPUT, message);
  }
}
