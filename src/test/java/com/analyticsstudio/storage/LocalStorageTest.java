package com.analyticsstudio.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The storage contract against a directory, plus what only the local backend promises. */
class LocalStorageTest extends StorageContract {
  private Path root;

  @Override
  protected Storage open(Vertx vertx) throws Exception {
    root = Files.createTempDirectory("local-storage-").resolve("uploads"); // created on demand
    return new LocalStorage(vertx, root);
  }

  @Override
  protected void shutdown() throws Exception {
    S3rver.deleteTree(root.getParent());
  }

  @Test
  void describeNamesTheAbsoluteDirectory() {
    assertThat(storage.describe()).isEqualTo("local:" + root.toAbsolutePath().normalize());
  }

  @Test
  void keysMapToPathsUnderTheRootAndNoPartialFilesRemain() throws Exception {
    String key = StorageKeys.original(UUID.randomUUID(), UUID.randomUUID(), 1, "a.csv");
    await(storage.put(key, text("a.csv", "1"), "text/csv"));

    Path expected = root.resolve(key);
    assertThat(expected).hasContent("1");
    try (Stream<Path> all = Files.list(expected.getParent())) {
      assertThat(all.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(LocalStorage.PARTIAL_PREFIX));
    }
  }

  @Test
  void partialFileNamesAreNeitherListedNorAddressable() throws Exception {
    String prefix = StorageKeys.projectPrefix(UUID.randomUUID());
    Path dir = Files.createDirectories(root.resolve(prefix));
    Files.writeString(dir.resolve(LocalStorage.PARTIAL_PREFIX + "123.tmp"), "in flight");
    await(storage.put(prefix + "real.csv", text("r.csv", "x"), "text/csv"));

    assertThat(await(storage.list(prefix))).containsExactly(prefix + "real.csv");
    assertApiError(
        storage.exists(prefix + LocalStorage.PARTIAL_PREFIX + "123.tmp"),
        400,
        "invalid_storage_key");
  }

  @Test
  void deletingTheLastFilesRemovesEmptyDirectoriesButNotTheRoot() throws Exception {
    UUID project = UUID.randomUUID();
    UUID dataset = UUID.randomUUID();
    await(
        storage.put(
            StorageKeys.original(project, dataset, 1, "a.csv"), text("a.csv", "1"), "text/csv"));
    await(
        storage.put(
            StorageKeys.original(project, dataset, 2, "a.csv"), text("b.csv", "2"), "text/csv"));
    String single = StorageKeys.temp("only-" + UUID.randomUUID());
    await(storage.put(single, text("c.csv", "3"), "text/csv"));

    assertThat(await(storage.deletePrefix(StorageKeys.datasetPrefix(project, dataset))))
        .isEqualTo(2);
    assertThat(root.resolve(StorageKeys.projectPrefix(project))).doesNotExist();
    assertThat(root.resolve("datasets"))
        .satisfiesAnyOf(
            p -> assertThat(p).doesNotExist(),
            p -> assertThat(p).isDirectory()); // other tests may use it
    await(storage.delete(single));
    assertThat(root.resolve(single)).doesNotExist();
    assertThat(root).isDirectory();
  }

  @Test
  void concurrentPutsToOneKeyLeaveOneCompleteVersion() throws Exception {
    String key = StorageKeys.temp("race-" + UUID.randomUUID() + ".bin");
    List<Path> sources = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Path p = tmp.resolve("race-" + i);
      hashes.add(writeRandom(p, 2 * 1024 * 1024 + i, i));
      sources.add(p);
    }
    List<Future<Void>> puts =
        sources.stream().map(p -> storage.put(key, p, "application/octet-stream")).toList();
    await(Future.all(puts));

    assertThat(hashes).contains(sha256(root.resolve(key)));
  }

  @Test
  void checkFailsWith503WhenTheDirectoryCannotBeUsed() throws Exception {
    Path notADirectory = Files.writeString(tmp.resolve("file-not-dir"), "x");
    Storage broken = new LocalStorage(vertx, notADirectory);
    try {
      ApiException e = assertApiError(broken.check(), 503, "storage_unavailable");
      assertThat(e.retryAfterSeconds()).isEqualTo(StorageErrors.RETRY_AFTER_SECONDS);
      assertApiError(broken.put("temp/x", notADirectory, "text/plain"), 503, "storage_unavailable");
    } finally {
      await(broken.close());
    }
  }
}
