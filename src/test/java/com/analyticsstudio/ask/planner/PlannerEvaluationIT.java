package com.analyticsstudio.ask.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.ask.planner.EvaluationSet.Case;
import com.analyticsstudio.query.SqlGuard;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The planner's accuracy on real datasets: every question of {@link EvaluationSet} is planned from
 * the metadata the app serves, its SQL passes the app's query guard and runs on PostgreSQL, and its
 * rows are compared with the independently written expected SQL (order-insensitive unless the
 * question implies an order; numbers to 6 significant digits). Refusals count as correct only where
 * a refusal is expected. Prints one line per question and the accuracy; fails under 95%.
 */
class PlannerEvaluationIT {
  static final double REQUIRED_ACCURACY = 0.95;
  static EvaluationFixture fixture;
  final Planner planner = new Planner();

  @BeforeAll
  static void start() throws Exception {
    fixture = EvaluationFixture.start();
  }

  @AfterAll
  static void stop() {
    if (fixture != null) fixture.close();
  }

  @Test
  void plannerAnswersAtLeast95PercentOfTheEvaluationSetCorrectly() {
    double accuracy = score("Planner evaluation", EvaluationSet.CASES, fixture, planner);
    assertThat(accuracy).as("planner accuracy").isGreaterThanOrEqualTo(REQUIRED_ACCURACY);
  }

  /** Evaluates every case, prints one line per question and the accuracy, returns the accuracy. */
  static double score(String title, List<Case> cases, EvaluationFixture fixture, Planner planner) {
    List<String> lines = new ArrayList<>();
    int passed = 0;
    for (Case c : cases) {
      String verdict;
      try {
        verdict = evaluate(c, fixture, planner);
      } catch (Exception e) {
        verdict = "FAIL error: " + e.getMessage();
      }
      if (verdict.startsWith("pass")) passed++;
      lines.add(
          String.format(
              Locale.ROOT,
              "%-4s | %-60s | %s",
              verdict.startsWith("pass") ? "ok" : "FAIL",
              (c.previous() == null ? "" : "[" + c.previous() + "] ") + c.question(),
              verdict));
    }
    int total = cases.size();
    double accuracy = (double) passed / total;
    System.out.println("\n" + title + " (" + total + " questions)");
    lines.forEach(System.out::println);
    System.out.printf(
        Locale.ROOT, "%s accuracy: %d/%d = %.1f%%%n", title, passed, total, 100.0 * accuracy);
    return accuracy;
  }

  static String evaluate(Case c, EvaluationFixture fixture, Planner planner) throws Exception {
    PlannerContext ctx = fixture.contexts.get(c.project());
    if (c.previous() != null) {
      PlannerResult first = planner.plan(c.previous(), ctx);
      if (!(first instanceof Plan p))
        return "FAIL previous question not planned: " + ((NotUnderstood) first).reason();
      ctx = ctx.followingUp(p.spec());
    }
    PlannerResult r = planner.plan(c.question(), ctx);
    if (c.refuse()) {
      return r instanceof NotUnderstood n
          ? "pass refused: " + n.reason()
          : "FAIL planned: " + ((Plan) r).sql();
    }
    if (r instanceof NotUnderstood n) return "FAIL refused: " + n.reason();
    Plan plan = (Plan) r;
    Set<String> tables =
        ctx.datasets().stream().map(DatasetInfo::tableName).collect(Collectors.toSet());
    SqlGuard.check(plan.sql(), tables);
    List<List<Object>> actual = fixture.query(c.project(), plan.sql());
    List<List<Object>> expected = fixture.query(c.project(), c.expected());
    String diff = compare(expected, actual, c.ordered());
    if (diff != null) return "FAIL " + diff + " — " + plan.sql();
    String sentence = Answers.sentence(plan, plan.spec().outputColumns(), actual);
    return "pass " + plan.chart().type().json() + " — " + sentence;
  }

  /** Null when equal; else what differs. */
  static String compare(List<List<Object>> expected, List<List<Object>> actual, boolean ordered) {
    List<String> e = normalise(expected);
    List<String> a = normalise(actual);
    if (!ordered) {
      e.sort(null);
      a.sort(null);
    }
    if (e.equals(a)) return null;
    return "expected " + abbreviate(e) + " got " + abbreviate(a);
  }

  static List<String> normalise(List<List<Object>> rows) {
    List<String> out = new ArrayList<>();
    for (List<Object> row : rows) {
      List<String> cells = new ArrayList<>();
      for (Object o : row) cells.add(cell(o));
      out.add(String.join("|", cells));
    }
    return out;
  }

  static String cell(Object o) {
    if (o == null) return "null";
    if (o instanceof Number n) {
      BigDecimal d = new BigDecimal(n.toString()).round(new MathContext(6));
      return d.compareTo(BigDecimal.ZERO) == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    String s = o.toString();
    if (s.matches("\\d{4}-\\d{2}-\\d{2} 00:00:00(\\.0+)?")) s = s.substring(0, 10);
    return s;
  }

  private static String abbreviate(List<String> rows) {
    String s =
        rows.size() <= 4 ? rows.toString() : rows.subList(0, 4) + "… (" + rows.size() + " rows)";
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
