package com.analyticsstudio.ingest;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Manual benchmark (not run by the build): {@code java -cp ... IngestBench file.csv [rounds=3]
 * [variants=copy,onepass,twopass]}.
 *
 * <p>Each round runs every variant once, interleaved so that a noisy neighbour hurts them alike,
 * into a throw-away database {@code ingest_it_bench_<random>} on localhost (dropped at the end):
 *
 * <ul>
 *   <li>{@code copy}: {@code psql \copy} of the same file (CSV, header) into a table created
 *       beforehand with the types the pipeline infers for the vega flights file (the physical
 *       limit, as in {@code scripts/bench/ingest});
 *   <li>{@code onepass}: {@link IngestPipeline#createAndLoad} and commit;
 *   <li>{@code twopass}: {@link IngestPipeline#infer} + {@link IngestPipeline#load} and commit.
 * </ul>
 *
 * Prints each run (with this JVM's CPU time: for {@code copy} it is idle, so the rest of the
 * machine shows in the load average), then the median of each variant and its ratio to {@code
 * copy}.
 */
public final class IngestBench {
  private static final String HOST = System.getenv().getOrDefault("PGHOST", "localhost");
  private static final String USER = System.getenv().getOrDefault("PGUSER", "postgres");

  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<String> variants =
        Arrays.asList((args.length > 2 ? args[2] : "copy,onepass,twopass").split(","));
    String db = "ingest_it_bench_" + Long.toHexString(System.nanoTime());
    try (Connection c = connect("postgres");
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + db);
    }
    Map<String, List<Double>> times = new LinkedHashMap<>();
    variants.forEach(v -> times.put(v, new ArrayList<>()));
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try {
      IngestPipeline p = new IngestPipeline();
      for (int round = 0; round < rounds; round++) {
        for (String variant : variants) {
          dropTable(db);
          long t0 = System.nanoTime();
          long cpu0 = os.getProcessCpuTime();
          String detail = run(variant, p, file, db);
          double s = (System.nanoTime() - t0) / 1e9;
          double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
          times.get(variant).add(s);
          System.out.printf(
              "round %d %-9s %6.2fs  (this JVM's cpu %5.2fs, load avg %.1f)  %s%n",
              round, variant, s, cpu, os.getSystemLoadAverage(), detail);
        }
      }
    } finally {
      try (Connection c = connect("postgres");
          Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
    Double copy = times.containsKey("copy") ? median(times.get("copy")) : null;
    System.out.println();
    for (Map.Entry<String, List<Double>> e : times.entrySet()) {
      double m = median(e.getValue());
      System.out.printf(
          "median %-8s %6.2fs over %d runs%s%n",
          e.getKey(),
          m,
          e.getValue().size(),
          copy == null || e.getKey().equals("copy")
              ? ""
              : String.format("   ratio to \\copy %.2fx", m / copy));
    }
  }

  private static String run(String variant, IngestPipeline p, Path file, String db)
      throws Exception {
    switch (variant) {
      case "copy":
        {
          try (Connection conn = connect(db);
              Statement st = conn.createStatement()) {
            st.execute(
                "CREATE TABLE bench (date timestamp, delay bigint, distance bigint, origin text, destination text)");
          }
          Process proc =
              new ProcessBuilder(
                      "psql",
                      "-h",
                      HOST,
                      "-U",
                      USER,
                      "-d",
                      db,
                      "-qc",
                      "\\copy bench FROM '"
                          + file.toAbsolutePath()
                          + "' WITH (FORMAT csv, HEADER true)")
                  .inheritIO()
                  .start();
          if (proc.waitFor() != 0) {
            throw new IllegalStateException("psql failed");
          }
          return "";
        }
      case "onepass":
        {
          try (Connection conn = connect(db)) {
            conn.setAutoCommit(false);
            IngestPipeline.Loaded l =
                p.createAndLoad(
                    conn,
                    "public",
                    "bench",
                    file,
                    file.getFileName().toString(),
                    null,
                    SourceOptions.defaults(),
                    FixedTypes.NONE,
                    null);
            conn.commit();
            return "rows="
                + l.rowsLoaded()
                + " passes="
                + l.passes()
                + " alterations="
                + l.alterations()
                + " "
                + types(l.result());
          }
        }
      case "twopass":
        {
          long t0 = System.nanoTime();
          InferenceResult r =
              p.infer(file, file.getFileName().toString(), null, SourceOptions.defaults());
          long t1 = System.nanoTime();
          try (Connection conn = connect(db)) {
            conn.setAutoCommit(false);
            long rows = p.load(conn, "public", "bench", r, file, null);
            conn.commit();
            return String.format(
                "rows=%d infer=%.2fs load=%.2fs %s",
                rows, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9, types(r));
          }
        }
      default:
        throw new IllegalArgumentException("unknown variant " + variant);
    }
  }

  private static String types(InferenceResult r) {
    return r.columns().stream()
        .map(cs -> cs.name() + ":" + cs.type().sqlType())
        .toList()
        .toString();
  }

  private static void dropTable(String db) throws Exception {
    try (Connection conn = connect(db);
        Statement st = conn.createStatement()) {
      st.execute("DROP TABLE IF EXISTS bench");
      st.execute("CHECKPOINT");
    }
  }

  private static Connection connect(String db) throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":5432/" + db, USER, "");
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length == 0
        ? Double.NaN
        : a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }
}
