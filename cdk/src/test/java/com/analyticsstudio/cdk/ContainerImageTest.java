package com.analyticsstudio.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the task definition relies on from docker/Dockerfile (no image can be built on a machine
 * without a registry, so the file itself is checked): pinned bases, a non-root user, the health
 * check's curl, the port, container-aware JVM flags, and a build context without local artefacts.
 */
class ContainerImageTest {
  private static final Path ROOT = Path.of("..");

  private static String dockerfile() throws IOException {
    return Files.readString(ROOT.resolve("docker/Dockerfile"));
  }

  @Test
  void everyBaseImageIsPinnedToAFullVersion() throws IOException {
    Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(dockerfile());
    int stages = 0;
    while (from.find()) {
      stages++;
      String image = from.group(1);
      assertThat(image).as("a tag with major.minor.patch").matches("[a-z0-9./-]+:\\d+\\.\\d+\\.\\d+[\\w.-]*(@sha256:[0-9a-f]{64})?");
    }
    assertThat(stages).as("web app, server and runtime stages").isEqualTo(3);
  }

  @Test
  void runtimeRunsAsANonRootUserWithAHealthCheckOnTheAppPort() throws IOException {
    String file = dockerfile();
    String runtime = file.substring(file.lastIndexOf("\nFROM "));
    Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(runtime);
    assertThat(user.find()).isTrue();
    assertThat(user.group(1)).doesNotStartWith("root").doesNotStartWith("0:").isNotEqualTo("0");
    assertThat(runtime).contains("HEALTHCHECK").contains("http://localhost:" + Settings.CONTAINER_PORT + "/health")
        .contains("EXPOSE " + Settings.CONTAINER_PORT).contains("install -y --no-install-recommends curl");
  }

  @Test
  void jvmSizesItselfFromTheContainer() throws IOException {
    Matcher entry = Pattern.compile("(?m)^ENTRYPOINT\\s+\\[(.*)]").matcher(dockerfile());
    assertThat(entry.find()).as("exec-form ENTRYPOINT, so java is PID 1 and gets SIGTERM").isTrue();
    assertThat(entry.group(1)).contains("\"-XX:+UseContainerSupport\"").contains("\"-XX:MaxRAMPercentage=50\"")
        .contains("\"-XX:+ExitOnOutOfMemoryError\"").doesNotContain("-Xmx");
  }

  @Test
  void buildContextLeavesOutLocalArtefactsAndSecrets() throws IOException {
    List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"));
    assertThat(ignored).contains(".git", "target", ".data", "uploads", "cdk", "webapp/node_modules", "webapp/dist", "**/node_modules");
  }

  @Test
  void composeChecksTheHealthOfEveryService() throws IOException {
    String compose = Files.readString(ROOT.resolve("docker/compose.yaml"));
    assertThat(Pattern.compile("(?m)^  [a-z]+:$").matcher(compose).results().count()).isEqualTo(3);
    assertThat(Pattern.compile("(?m)^    healthcheck:$").matcher(compose).results().count()).isEqualTo(3);
    assertThat(compose).contains("condition: service_healthy").doesNotContainPattern("image: [a-z]+:\\d+\\s");
  }
}
