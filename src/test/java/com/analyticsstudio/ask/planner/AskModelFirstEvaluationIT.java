package com.analyticsstudio.ask.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.ask.ModelQuestions;
import com.analyticsstudio.ask.planner.EvaluationSet.Case;
import com.analyticsstudio.semantic.Model;
import com.analyticsstudio.semantic.ModelIndex;
import com.analyticsstudio.semantic.QueryCompiler;
import com.analyticsstudio.semantic.SemanticRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ask's order on the planner's evaluation sets: {@link ModelQuestions} first (over each dataset's
 * default semantic model, as a fresh upload has it), the planner for the rest — as {@code
 * AskService} answers. A question the model takes is compiled by the semantic layer and its rows
 * are compared with the expected SQL exactly like the planner's; the rest keep the planner's
 * verdict. The model going first must not cost accuracy on either set.
 */
class AskModelFirstEvaluationIT {
  static EvaluationFixture fixture;
  final Planner planner = new Planner();

  @BeforeAll
  static void start() throws Exception {
    List<String> all = new ArrayList<>(EvaluationFixture.DEVELOPMENT);
    all.add("heldout");
    fixture = EvaluationFixture.start(all);
  }

  @AfterAll
  static void stop() {
    if (fixture != null) fixture.close();
  }

  @Test
  void theModelGoingFirstCostsNoAccuracyOnTheDevelopmentOrHeldOutSet() {
    double dev = score("Ask (model first) evaluation", EvaluationSet.CASES);
    double heldOut = score("Ask (model first) held-out", HeldOutSet.CASES);
    assertThat(dev).isGreaterThanOrEqualTo(PlannerEvaluationIT.REQUIRED_ACCURACY);
    assertThat(heldOut).isGreaterThanOrEqualTo(PlannerHeldOutIT.REQUIRED_ACCURACY);
  }

  private double score(String title, List<Case> cases) {
    int passed = 0;
    int taken = 0;
    List<String> lines = new ArrayList<>();
    for (Case c : cases) {
      String verdict;
      boolean byModel = false;
      try {
        Optional<String> model = viaModel(c);
        byModel = model.isPresent();
        verdict = byModel ? model.get() : PlannerEvaluationIT.evaluate(c, fixture, planner);
      } catch (Exception e) {
        verdict = "FAIL error: " + e.getMessage();
      }
      if (byModel) {
        taken++;
        lines.add(String.format(Locale.ROOT, "model | %-60s | %s", c.question(), verdict));
      }
      if (verdict.startsWith("pass")) passed++;
    }
    double accuracy = (double) passed / cases.size();
    System.out.println("\n" + title + ": questions the semantic model took");
    lines.forEach(System.out::println);
    System.out.printf(
        Locale.ROOT,
        "%s accuracy: %d/%d = %.1f%% (%d taken by the semantic model)%n",
        title,
        passed,
        cases.size(),
        100.0 * accuracy,
        taken);
    return accuracy;
  }

  /** The model's verdict when {@link ModelQuestions} takes the question, as AskService would. */
  private Optional<String> viaModel(Case c) throws Exception {
    PlannerContext ctx = fixture.contexts.get(c.project());
    String table = null;
    Model model = null;
    ModelQuestions.Match match = null;
    for (DatasetInfo d : ctx.datasets()) {
      List<Model.Column> columns = new ArrayList<>();
      List<String> words = new ArrayList<>(List.of(d.name(), d.tableName()));
      for (ColumnInfo col : d.columns()) {
        columns.add(new Model.Column(col.name(), col.type().json(), col.label()));
        words.add(col.name());
        if (col.label() != null) words.add(col.label());
      }
      Model m = Model.defaults(d.name(), columns);
      Optional<ModelQuestions.Match> found =
          ModelQuestions.match(c.question(), d.tableName(), m, words, LocalDate.now());
      if (found.isEmpty() || !found.get().usesModel()) continue;
      if (match != null) return Optional.empty(); // two datasets: left to the planner
      table = d.tableName();
      model = m;
      match = found.get();
    }
    if (match == null) return Optional.empty();
    if (c.refuse()) return Optional.of("FAIL answered by the model: " + match.query().encode());
    String sql =
        QueryCompiler.compile(
                SemanticRequest.fromJson(match.query()),
                new ModelIndex(model, table, Map.of()),
                "model")
            .sql();
    List<List<Object>> actual = fixture.query(c.project(), sql);
    List<List<Object>> expected = fixture.query(c.project(), c.expected());
    String diff = PlannerEvaluationIT.compare(expected, actual, c.ordered());
    return Optional.of(diff == null ? "pass " + match.query().encode() : "FAIL " + diff);
  }
}
