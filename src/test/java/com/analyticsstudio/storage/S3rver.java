package com.analyticsstudio.storage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real S3-compatible server for tests: the npm package s3rver (pure JavaScript), pinned in {@code
 * src/test/s3rver/package-lock.json}. {@link #start()} installs it with {@code npm ci} when {@code
 * node_modules} is missing, runs it on a free port with a throwaway data directory, and {@link
 * #close()} stops it and deletes the data. Needs {@code node} and {@code npm} on the PATH.
 */
final class S3rver implements AutoCloseable {
  /** s3rver's built-in account; any other key pair is refused with InvalidAccessKeyId. */
  static final String ACCESS_KEY = "S3RVER";

  static final String SECRET_KEY = "S3RVER";
  private static final Path HOME = Path.of("src", "test", "s3rver").toAbsolutePath();
  private static final Path SCRIPT =
      HOME.resolve(Path.of("node_modules", "s3rver", "bin", "s3rver.js"));
  private static final long START_TIMEOUT_MS = 30_000;

  /**
   * {@code -Ds3rver.verbose=true}: let s3rver log every request and keep the log file (path
   * printed).
   */
  private static final boolean VERBOSE = Boolean.getBoolean("s3rver.verbose");

  private final Process process;
  private final Path dataDir;
  private final Path logFile;
  private final int port;

  private S3rver(Process process, Path dataDir, Path logFile, int port) {
    this.process = process;
    this.dataDir = dataDir;
    this.logFile = logFile;
    this.port = port;
  }

  static S3rver start() throws IOException, InterruptedException {
    installIfMissing();
    Path data = Files.createTempDirectory("s3rver-data-");
    Path log = Files.createTempFile("s3rver-", ".log");
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(node()));
    if (nodeMajorVersion() >= 17) {
      // s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node 17+)
      // only offers through its legacy provider; without it every truncated listing is a 500.
      command.add("--openssl-legacy-provider");
    }
    command.addAll(
        List.of(
            SCRIPT.toString(),
            "--directory",
            data.toString(),
            "--port",
            String.valueOf(port),
            "--address",
            "127.0.0.1"));
    if (!VERBOSE) {
      command.add("--silent");
    }
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    S3rver server = new S3rver(p, data, log, port);
    server.awaitListening();
    return server;
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  private static void installIfMissing() throws IOException, InterruptedException {
    if (Files.isRegularFile(SCRIPT)) {
      return;
    }
    Path log = Files.createTempFile("s3rver-npm-ci-", ".log");
    String npm =
        System.getProperty("os.name").toLowerCase().startsWith("windows") ? "npm.cmd" : "npm";
    Process p =
        new ProcessBuilder(npm, "ci", "--prefix", HOME.toString(), "--no-audit", "--no-fund")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("npm ci for s3rver timed out; see " + log);
    }
    if (p.exitValue() != 0 || !Files.isRegularFile(SCRIPT)) {
      throw new IllegalStateException(
          "npm ci --prefix "
              + HOME
              + " failed (exit "
              + p.exitValue()
              + "):\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "s3rver exited with " + process.exitValue() + ":\n" + log());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    close();
    throw new IllegalStateException(
        "s3rver did not listen on port " + port + " within " + START_TIMEOUT_MS + " ms:\n" + log());
  }

  private String log() throws IOException {
    return Files.readString(logFile, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    deleteTree(dataDir);
    if (VERBOSE) {
      System.out.println("s3rver log: " + logFile);
    } else {
      Files.deleteIfExists(logFile);
    }
  }

  private static int nodeMajorVersion() throws IOException, InterruptedException {
    Process p = new ProcessBuilder(node(), "--version").redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim(); // "v20.20.2"
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.matches("v\\d+\\..*")) {
      throw new IllegalStateException(
          "cannot run 'node --version' (is Node.js installed?): " + out);
    }
    return Integer.parseInt(out.substring(1, out.indexOf('.')));
  }

  private static String node() {
    return System.getProperty("os.name").toLowerCase().startsWith("windows") ? "node.exe" : "node";
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
