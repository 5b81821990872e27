package com.analyticsstudio.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs the CloudFront function's JavaScript in Node (which the CDK needs anyway). */
class SpaFallbackTest {

  @ParameterizedTest
  @CsvSource({
      "/, /index.html",
      "/projects/42/datasets, /index.html",
      "/login, /index.html",
      "/assets/index-3f2a1c.js, /assets/index-3f2a1c.js",
      "/favicon.svg, /favicon.svg",
      "/index.html, /index.html"})
  void clientRoutesAnswerWithIndexHtmlAndFilesStayAsTheyAre(String uri, String expected) throws Exception {
    assertThat(run(uri)).isEqualTo(expected);
  }

  private static String run(String uri) throws IOException, InterruptedException {
    String script = StorageStack.SPA_FALLBACK
        + "\nprocess.stdout.write(handler({request: {uri: " + quote(uri) + ", headers: {}}}).uri);";
    Process node = new ProcessBuilder("node", "-e", script).redirectErrorStream(true).start();
    if (!node.waitFor(60, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      throw new AssertionError("node did not finish");
    }
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.exitValue()).as(out).isZero();
    return out;
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
