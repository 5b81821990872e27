package com.analyticsstudio.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Manual benchmark (not run by the build): {@code java -cp ... IngestBench file.csv}. Times
 * {@link IngestPipeline#infer} and {@link IngestPipeline#load} into a throw-away database
 * {@code ingest_it_bench_<random>} on localhost, which it drops at the end.
 */
public final class IngestBench {
  private IngestBench() { }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    boolean keep = args.length > 2; // third argument: an existing database to load into and keep
    String db = keep ? args[2] : "ingest_it_bench_" + Long.toHexString(System.nanoTime());
    if (!keep) try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "");
         Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + db);
    }
    try {
      IngestPipeline p = new IngestPipeline();
      for (int round = 0; round < rounds; round++) {
        long t0 = System.nanoTime();
        InferenceResult r = p.infer(file, file.getFileName().toString(), null, SourceOptions.defaults());
        long t1 = System.nanoTime();
        long rows;
        try (Connection conn = DriverManager.getConnection("jdbc:postgresql://localhost:5432/" + db, "postgres", "")) {
          conn.setAutoCommit(false);
          rows = p.load(conn, "public", "bench_" + round, r, file, null);
          conn.commit();
        }
        long t2 = System.nanoTime();
        System.out.printf("round %d: rows=%d types=%s infer=%.2fs load=%.2fs%n", round, rows,
            r.columns().stream().map(cs -> cs.name() + ":" + cs.type().sqlType()).toList(),
            (t1 - t0) / 1e9, (t2 - t1) / 1e9);
      }
    } finally {
      if (!keep) try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "");
           Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }
}
