package com.analyticsstudio;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.DatabaseUrl;
import com.analyticsstudio.support.TestApp;
import com.analyticsstudio.support.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged server as a real process: startup validation and graceful SIGTERM. */
class ProcessIT {
  private static final Path JAR = Path.of("target", "analytics-studio.jar");
  private static final Map<Process, Path> OUT = new ConcurrentHashMap<>();
  private static final Map<Process, Path> ERR = new ConcurrentHashMap<>();

  @Test
  void badSettingStopsStartupNamingTheVariable() throws Exception {
    Result r = runToExit(Map.of("PORT", "eighty"));
    assertThat(r.exitCode).isEqualTo(2);
    assertThat(r.stderr).contains("PORT").contains("whole number");

    Result db = runToExit(Map.of("DATABASE_URL", "mysql://root@localhost/x"));
    assertThat(db.exitCode).isEqualTo(2);
    assertThat(db.stderr).contains("DATABASE_URL");
  }

  @Test
  void productionRefusesToStartWithoutAStrongSecretKey() throws Exception {
    Result missing = runToExit(Map.of("ENVIRONMENT", "production"));
    assertThat(missing.exitCode).isEqualTo(2);
    assertThat(missing.stderr).contains("SECRET_KEY");
    Result weak = runToExit(Map.of("ENVIRONMENT", "production", "SECRET_KEY", "changeme"));
    assertThat(weak.exitCode).isEqualTo(2);
    assertThat(weak.stderr).contains("SECRET_KEY");
  }

  @Test
  void sigtermLetsAnInFlightRequestFinishThenExitsZero() throws Exception {
    DatabaseUrl db = TestDatabases.create("as_proc");
    int port = TestApp.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("PORT", String.valueOf(port));
    env.put(
        "DATABASE_URL",
        "postgresql://" + db.user() + "@" + db.host() + ":" + db.port() + "/" + db.database());
    env.put("LOG_FORMAT", "json");
    Process p = start(env);
    String response;
    try {
      awaitHealthy(port);
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(15_000);
        String body =
            "{\"email\":\"drain@example.com\",\"password\":\"quiet-river-7\",\"name\":\"Drain\"}";
        String head =
            "POST /api/v1/auth/signup HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + body.length()
                + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        // Half a request is in flight when the signal arrives.
        out.write((head + body.substring(0, 10)).getBytes(StandardCharsets.UTF_8));
        out.flush();
        Thread.sleep(300);
        // SIGTERM, as a container runtime sends it (Process.destroy would also close our pipes).
        new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor();
        Thread.sleep(500);
        out.write(body.substring(10).getBytes(StandardCharsets.UTF_8));
        out.flush();
        response = new String(readSome(socket.getInputStream()), StandardCharsets.UTF_8);
      }
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
      String logs = Files.readString(OUT.get(p));
      assertThat(response).as("response; server log:%n%s", logs).startsWith("HTTP/1.1 201");
      assertThat(p.exitValue()).isZero();
      assertThat(logs).contains("\"message\":\"stopped\"");
    } finally {
      p.destroyForcibly();
      TestDatabases.drop(db);
    }
  }

  private static byte[] readSome(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[4096];
    int n = in.read(chunk);
    if (n > 0) buf.write(chunk, 0, n);
    return buf.toByteArray();
  }

  private static void awaitHealthy(int port) throws InterruptedException {
    for (int i = 0; i < 120; i++) {
      try {
        HttpURLConnection c =
            (HttpURLConnection)
                URI.create("http://127.0.0.1:" + port + "/health").toURL().openConnection();
        c.setConnectTimeout(500);
        if (c.getResponseCode() == 200) return;
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new AssertionError("server did not become healthy");
  }

  private record Result(int exitCode, String stderr) {}

  private static Result runToExit(Map<String, String> env) throws Exception {
    Process p = start(env);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("process exits").isTrue();
    return new Result(p.exitValue(), Files.readString(ERR.get(p)));
  }

  private static Process start(Map<String, String> env) throws IOException {
    assertThat(Files.exists(JAR)).as("packaged jar at %s", JAR).isTrue();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toString());
    pb.environment()
        .keySet()
        .removeIf(
            k ->
                k.equals("DATABASE_URL")
                    || k.equals("PORT")
                    || k.equals("SECRET_KEY")
                    || k.equals("ENVIRONMENT"));
    pb.environment().putAll(env);
    Path out = Files.createTempFile("as-proc", ".out");
    Path err = Files.createTempFile("as-proc", ".err");
    out.toFile().deleteOnExit();
    err.toFile().deleteOnExit();
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    OUT.put(p, out);
    ERR.put(p, err);
    return p;
  }
}
