package com.analyticsstudio.ask.planner;

import com.analyticsstudio.ask.planner.EvaluationSet.Case;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Planning time for the evaluation questions (scripts/bench/planner). No JMH: the datasets are
 * loaded once through the real app (as in PlannerEvaluationIT), every question is planned {@code
 * WARMUP} times to let the JIT settle, then timed one call at a time for {@code ROUNDS} rounds.
 * Prints p50/p99/max per kind (planned, refused: a refusal also plans its example questions) and
 * overall. Only planning is timed; SQL execution is the query path's business.
 */
public final class PlannerBench {
  private PlannerBench() {}

  public static void main(String[] args) throws Exception {
    int warmup = Integer.getInteger("warmup", 200);
    int rounds = Integer.getInteger("rounds", 200);
    Planner planner = new Planner();
    try (EvaluationFixture fixture = EvaluationFixture.start()) {
      List<Case> cases = EvaluationSet.CASES;
      List<PlannerContext> contexts = new ArrayList<>();
      for (Case c : cases) {
        PlannerContext ctx = fixture.contexts.get(c.project());
        if (c.previous() != null && planner.plan(c.previous(), ctx) instanceof Plan p)
          ctx = ctx.followingUp(p.spec());
        contexts.add(ctx);
      }
      for (int w = 0; w < warmup; w++) {
        for (int i = 0; i < cases.size(); i++)
          planner.plan(cases.get(i).question(), contexts.get(i));
      }
      List<Long> planned = new ArrayList<>();
      List<Long> refused = new ArrayList<>();
      long[][] perQuestion = new long[cases.size()][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < cases.size(); i++) {
          long t0 = System.nanoTime();
          PlannerResult result = planner.plan(cases.get(i).question(), contexts.get(i));
          long ns = System.nanoTime() - t0;
          (result instanceof Plan ? planned : refused).add(ns);
          perQuestion[i][r] = ns;
        }
      }
      List<Long> all = new ArrayList<>(planned);
      all.addAll(refused);
      int datasets = fixture.contexts.values().stream().mapToInt(c -> c.datasets().size()).sum();
      System.out.printf(
          Locale.ROOT,
          "%nPlanner benchmark — %d questions over %d datasets, %d rounds after %d warm-up rounds, %d cores%n",
          cases.size(),
          datasets,
          rounds,
          warmup,
          Runtime.getRuntime().availableProcessors());
      print("planned", planned);
      print("refused (+ examples)", refused);
      print("all", all);
      Integer[] slowest = new Integer[cases.size()];
      for (int i = 0; i < slowest.length; i++) {
        slowest[i] = i;
        Arrays.sort(perQuestion[i]);
      }
      Arrays.sort(
          slowest, (x, y) -> Long.compare(perQuestion[y][rounds / 2], perQuestion[x][rounds / 2]));
      System.out.println("  slowest questions by median:");
      for (int k = 0; k < 3 && k < slowest.length; k++) {
        System.out.printf(
            Locale.ROOT,
            "    %8.3f ms  %s%n",
            perQuestion[slowest[k]][rounds / 2] / 1e6,
            cases.get(slowest[k]).question());
      }
      System.out.println("target: p99 < 20 ms per question");
    }
  }

  private static void print(String label, List<Long> nanos) {
    if (nanos.isEmpty()) return;
    long[] a = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(a);
    System.out.printf(
        Locale.ROOT,
        "  %-22s n=%-6d p50 %8.3f ms   p99 %8.3f ms   max %8.3f ms%n",
        label,
        a.length,
        a[(int) (a.length * 0.50)] / 1e6,
        a[Math.min(a.length - 1, (int) (a.length * 0.99))] / 1e6,
        a[a.length - 1] / 1e6);
  }
}
