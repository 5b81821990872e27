package com.analyticsstudio.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link Storage} must have. Subclasses start a backend in {@link #open} and
 * stop it in {@link #shutdown}; every test uses fresh random project ids, so tests do not see each
 * other's keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StorageContract {
  /** Above the 16 MiB multipart threshold and not a multiple of the part size. */
  static final long LARGE_FILE_BYTES = 21L * 1024 * 1024 + 123;

  protected Vertx vertx;
  protected Storage storage;
  protected Path tmp;

  /** Starts the backend and returns the storage under test. */
  protected abstract Storage open(Vertx vertx) throws Exception;

  /** Stops whatever {@link #open} started (the storage itself is closed already). */
  protected void shutdown() throws Exception {}

  @BeforeAll
  void startStorage() throws Exception {
    vertx = Vertx.vertx();
    storage = open(vertx);
  }

  @AfterAll
  void stopStorage() throws Exception {
    try {
      if (storage != null) {
        await(storage.close());
      }
      await(vertx.close());
    } finally {
      shutdown();
    }
  }

  @BeforeEach
  void createTempDir() throws IOException {
    tmp = Files.createTempDirectory("storage-test-");
  }

  @AfterEach
  void deleteTempDir() throws IOException {
    S3rver.deleteTree(tmp);
  }

  @Test
  void putThenDownloadReturnsTheSameBytes() throws Exception {
    String key = StorageKeys.original(UUID.randomUUID(), UUID.randomUUID(), 1, "sales.csv");
    Path source = text("source.csv", "region,amount\nnorth,10\nsouth,\"2,5\"\n");

    await(storage.put(key, source, "text/csv"));
    Path target = tmp.resolve("out").resolve("copy.csv");
    Path result = await(storage.download(key, target));

    assertThat(result).isEqualTo(target);
    assertThat(target).hasSameBinaryContentAs(source);
  }

  @Test
  void largeFileRoundTripKeepsEveryByte() throws Exception {
    String key = StorageKeys.original(UUID.randomUUID(), UUID.randomUUID(), 1, "big.csv");
    Path source = tmp.resolve("big.csv");
    String sha = writeRandom(source, LARGE_FILE_BYTES, 42);

    await(storage.put(key, source, "text/csv"));
    assertThat(await(storage.size(key))).isEqualTo(LARGE_FILE_BYTES);

    Path target = tmp.resolve("big-copy.csv");
    await(storage.download(key, target));
    assertThat(Files.size(target)).isEqualTo(LARGE_FILE_BYTES);
    assertThat(sha256(target)).isEqualTo(sha);
  }

  @Test
  void putReplacesAnExistingObject() throws Exception {
    String key = StorageKeys.temp("replace-" + UUID.randomUUID() + ".txt");
    await(storage.put(key, text("a.txt", "first version, longer than the second"), "text/plain"));
    await(storage.put(key, text("b.txt", "second"), "text/plain"));

    Path target = await(storage.download(key, tmp.resolve("r.txt")));
    assertThat(Files.readString(target)).isEqualTo("second");
    assertThat(await(storage.size(key))).isEqualTo(6L);
  }

  @Test
  void downloadReplacesAnExistingTargetFile() throws Exception {
    String key = StorageKeys.temp("target-" + UUID.randomUUID() + ".txt");
    await(storage.put(key, text("src.txt", "new"), "text/plain"));
    Path target = text("existing.txt", "old content that must disappear");

    await(storage.download(key, target));
    assertThat(Files.readString(target)).isEqualTo("new");
  }

  @Test
  void existsAndSizeFollowTheObject() throws Exception {
    String key = StorageKeys.original(UUID.randomUUID(), UUID.randomUUID(), 3, "data.xlsx");
    assertThat(await(storage.exists(key))).isFalse();

    await(storage.put(key, text("data.xlsx", "0123456789"), "application/octet-stream"));
    assertThat(await(storage.exists(key))).isTrue();
    assertThat(await(storage.size(key))).isEqualTo(10L);
  }

  @Test
  void emptyFilesAreStoredToo() throws Exception {
    String key = StorageKeys.temp("empty-" + UUID.randomUUID() + ".csv");
    await(storage.put(key, text("empty.csv", ""), "text/csv"));
    assertThat(await(storage.size(key))).isZero();
    assertThat(await(storage.download(key, tmp.resolve("e.csv")))).isEmptyFile();
  }

  @Test
  void missingKeyIsA404FileNotFound() {
    String key = StorageKeys.original(UUID.randomUUID(), UUID.randomUUID(), 1, "nothing.csv");
    Path target = tmp.resolve("never.csv");

    assertApiError(storage.size(key), 404, "file_not_found");
    assertApiError(storage.download(key, target), 404, "file_not_found");
    assertThat(target).doesNotExist();
    assertThat(tmp).isEmptyDirectory(); // no temporary file left behind either
    assertThat(await(storage.exists(key))).isFalse();
  }

  @Test
  void deleteIsIdempotent() throws Exception {
    String key = StorageKeys.temp("delete-" + UUID.randomUUID() + ".txt");
    await(storage.put(key, text("d.txt", "x"), "text/plain"));

    await(storage.delete(key));
    assertThat(await(storage.exists(key))).isFalse();
    await(storage.delete(key));
    await(storage.delete(StorageKeys.temp("never-existed-" + UUID.randomUUID())));
    assertApiError(storage.size(key), 404, "file_not_found");
  }

  @Test
  void deletePrefixRemovesExactlyThatPrefix() throws Exception {
    UUID project = UUID.randomUUID();
    UUID dataset = UUID.randomUUID();
    UUID sibling = UUID.randomUUID();
    UUID otherProject = UUID.randomUUID();
    String v1 = StorageKeys.original(project, dataset, 1, "a.csv");
    String v2 = StorageKeys.original(project, dataset, 2, "b.csv");
    String keptSibling = StorageKeys.original(project, sibling, 1, "c.csv");
    String keptOther = StorageKeys.original(otherProject, dataset, 1, "a.csv");
    // Shares the dataset prefix as a string but is not under it ("<dataset>x/...").
    String keptLookalike = StorageKeys.projectPrefix(project) + dataset + "x/1/d.csv";
    Path file = text("f.csv", "a,b\n1,2\n");
    for (String key : List.of(v1, v2, keptSibling, keptOther, keptLookalike)) {
      await(storage.put(key, file, "text/csv"));
    }

    int deleted = await(storage.deletePrefix(StorageKeys.datasetPrefix(project, dataset)));

    assertThat(deleted).isEqualTo(2);
    assertThat(await(storage.exists(v1))).isFalse();
    assertThat(await(storage.exists(v2))).isFalse();
    assertThat(await(storage.list(StorageKeys.projectPrefix(project))))
        .containsExactlyInAnyOrder(keptLookalike, keptSibling)
        .isSorted();
    assertThat(await(storage.exists(keptOther))).isTrue();
    assertThat(await(storage.deletePrefix(StorageKeys.datasetPrefix(project, dataset)))).isZero();

    assertThat(await(storage.deletePrefix(StorageKeys.projectPrefix(project)))).isEqualTo(2);
    assertThat(await(storage.list(StorageKeys.projectPrefix(project)))).isEmpty();
    assertThat(await(storage.exists(keptOther))).isTrue();
  }

  @Test
  void listReturnsEveryKeyUnderThePrefixSorted() throws Exception {
    UUID project = UUID.randomUUID();
    UUID d1 = UUID.randomUUID();
    UUID d2 = UUID.randomUUID();
    Path file = text("l.csv", "x");
    List<String> keys =
        List.of(
            StorageKeys.original(project, d1, 2, "b.csv"),
            StorageKeys.original(project, d1, 1, "a.csv"),
            StorageKeys.original(project, d1, 1, "z.xlsx"),
            StorageKeys.original(project, d2, 1, "a.csv"));
    for (String key : keys) {
      await(storage.put(key, file, "text/csv"));
    }

    assertThat(await(storage.list(StorageKeys.projectPrefix(project))))
        .containsExactlyElementsOf(keys.stream().sorted().toList());
    assertThat(await(storage.list(StorageKeys.datasetPrefix(project, d1))))
        .containsExactly(keys.get(1), keys.get(2), keys.get(0));
    // Prefixes are plain strings, as in S3: no trailing '/' also matches a partial segment.
    String partial = StorageKeys.datasetPrefix(project, d1) + "1/";
    assertThat(await(storage.list(partial.substring(0, partial.length() - 3))))
        .containsExactly(keys.get(1), keys.get(2), keys.get(0));
    assertThat(await(storage.list(StorageKeys.datasetPrefix(project, d1) + "1/a")))
        .containsExactly(keys.get(1));
    assertThat(await(storage.list(StorageKeys.projectPrefix(UUID.randomUUID())))).isEmpty();
  }

  @Test
  void keysWithSpacesAndUnicodeRoundTrip() throws Exception {
    String key = StorageKeys.projectPrefix(UUID.randomUUID()) + "odd names/Grüße & co (1)+x.csv";
    Path source = text("u.csv", "ü,ß\n");
    await(storage.put(key, source, "text/csv; charset=utf-8"));

    assertThat(await(storage.exists(key))).isTrue();
    assertThat(await(storage.list(key.substring(0, key.indexOf('/', 10) + 1))))
        .containsExactly(key);
    assertThat(await(storage.download(key, tmp.resolve("u2.csv")))).hasSameBinaryContentAs(source);
    await(storage.delete(key));
    assertThat(await(storage.exists(key))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "../etc/passwd",
        "temp/../../etc/passwd",
        "temp/..",
        "./temp/x",
        "/etc/passwd",
        "temp//x",
        "temp/x/",
        "temp\\..\\x",
        "temp/x\u0000y",
        "temp/line\nbreak"
      })
  void unsafeKeysAreRefused(String key) throws Exception {
    Path file = text("k.txt", "x");
    assertApiError(storage.put(key, file, "text/plain"), 400, "invalid_storage_key");
    assertApiError(storage.download(key, tmp.resolve("k2.txt")), 400, "invalid_storage_key");
    assertApiError(storage.exists(key), 400, "invalid_storage_key");
    assertApiError(storage.size(key), 400, "invalid_storage_key");
    assertApiError(storage.delete(key), 400, "invalid_storage_key");
    if (!key.isEmpty() && !key.endsWith("/")) { // "temp/x/" is a fine prefix
      assertApiError(storage.list(key), 400, "invalid_storage_key");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "../", "datasets/../", "/datasets/"})
  void deletePrefixRefusesEmptyAndUnsafePrefixes(String prefix) {
    assertApiError(storage.deletePrefix(prefix), 400, "invalid_storage_key");
  }

  @Test
  void putOfAMissingLocalFileFails() {
    Future<Void> f =
        storage.put(StorageKeys.temp("x.csv"), tmp.resolve("does-not-exist.csv"), "text/csv");
    assertThatThrownBy(() -> await(f)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void checkSucceedsAndDescribeNamesTheBackend() {
    await(storage.check());
    assertThat(storage.describe()).isNotBlank();
  }

  // --- helpers ---

  protected Path text(String name, String content) throws IOException {
    return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
  }

  /** Writes {@code size} pseudo-random bytes (seeded) and returns their SHA-256. */
  static String writeRandom(Path file, long size, long seed) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    Random random = new Random(seed);
    byte[] buf = new byte[1024 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; ) {
        int n = (int) Math.min(buf.length, left);
        random.nextBytes(buf);
        out.write(buf, 0, n);
        md.update(buf, 0, n);
        left -= n;
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[1024 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  static ApiException assertApiError(Future<?> future, int status, String code) {
    Throwable thrown = null;
    try {
      await(future);
    } catch (RuntimeException e) {
      thrown = e;
    }
    assertThat(thrown)
        .as("expected a %d %s failure", status, code)
        .isInstanceOf(ApiException.class);
    ApiException api = (ApiException) thrown;
    assertThat(api.status()).as("status of %s", api.getMessage()).isEqualTo(status);
    assertThat(api.code()).isEqualTo(code);
    return api;
  }
}
