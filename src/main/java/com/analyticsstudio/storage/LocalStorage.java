package com.analyticsstudio.storage;

import com.analyticsstudio.common.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Files under one directory ({@code UPLOAD_DIR}); a key maps to the same relative path.
 *
 * <ul>
 *   <li>Keys are validated by {@link StorageKeys#requireValidKey} and the resolved path must stay
 *       inside the root, so {@code ..}, absolute paths and the like are refused (400).
 *   <li>Writes are atomic: the data is copied (streamed) to {@code .partial-*} in the target's
 *       directory, flushed to disk, then renamed over the target with {@code ATOMIC_MOVE}; readers
 *       see the old file or the new one, never a part. {@code .partial-*} files are never listed.
 *   <li>Directories are created as needed and removed again when a delete leaves them empty.
 *   <li>{@code contentType} is not stored: the extension in the key carries the type.
 *   <li>All file work runs on the {@value StorageWorkers#NAME} worker pool, never on the event
 *       loop.
 * </ul>
 */
public final class LocalStorage implements Storage {
  /** Name prefix of in-flight files; keys may not have a segment starting with it. */
  static final String PARTIAL_PREFIX = ".partial-";

  private static final String BACKEND = "local";
  private static final int PUT_ATTEMPTS = 3;

  private final Path root;
  private final WorkerExecutor workers;

  public LocalStorage(Vertx vertx, Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.workers = StorageWorkers.create(vertx);
  }

  public Path root() {
    return root;
  }

  @Override
  public Future<Void> put(String key, Path file, String contentType) {
    return blocking(
        () -> {
          Path target = resolve(key);
          if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the file to store does not exist: " + file);
          }
          for (int attempt = 1; ; attempt++) {
            try {
              writeAtomically(file, target);
              return null;
            } catch (NoSuchFileException e) {
              // A concurrent delete pruned the (then empty) directory between createDirectories and
              // the copy; create it again.
              if (attempt >= PUT_ATTEMPTS || !Files.isRegularFile(file)) {
                throw e;
              }
            }
          }
        });
  }

  private static void writeAtomically(Path source, Path target) throws IOException {
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, PARTIAL_PREFIX, ".tmp");
    try {
      Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public Future<Path> download(String key, Path target) {
    return blocking(
        () -> {
          Path source = resolve(key);
          if (!Files.isRegularFile(source)) {
            throw StorageErrors.notFound(key);
          }
          Path out = target.toAbsolutePath();
          Files.createDirectories(out.getParent());
          Path tmp = Files.createTempFile(out.getParent(), PARTIAL_PREFIX, ".tmp");
          try {
            Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
          } catch (NoSuchFileException e) {
            if (!Files.exists(source)) {
              throw StorageErrors.notFound(key); // deleted while we were copying
            }
            throw e;
          } finally {
            Files.deleteIfExists(tmp);
          }
          return target;
        });
  }

  @Override
  public Future<Boolean> exists(String key) {
    return blocking(() -> Files.isRegularFile(resolve(key)));
  }

  @Override
  public Future<Long> size(String key) {
    return blocking(
        () -> {
          Path path = resolve(key);
          try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
              throw StorageErrors.notFound(key);
            }
            return attrs.size();
          } catch (NoSuchFileException e) {
            throw StorageErrors.notFound(key);
          }
        });
  }

  @Override
  public Future<Void> delete(String key) {
    return blocking(
        () -> {
          Path path = resolve(key);
          if (Files.isRegularFile(path) && Files.deleteIfExists(path)) {
            pruneEmptyDirectories(path.getParent());
          }
          return null;
        });
  }

  @Override
  public Future<Integer> deletePrefix(String prefix) {
    return blocking(
        () -> {
          StorageKeys.requireValidPrefix(prefix, false);
          Path base = walkBase(prefix);
          List<Path> matches = new ArrayList<>();
          List<Path> dirs = new ArrayList<>();
          walk(base, prefix, matches, dirs);
          int deleted = 0;
          for (Path file : matches) {
            if (Files.deleteIfExists(file)) {
              deleted++;
            }
          }
          // Deepest first; a directory something was written to meanwhile simply stays.
          Collections.reverse(dirs);
          for (Path dir : dirs) {
            if ((keyOf(dir) + "/").startsWith(prefix)) {
              deleteIfEmpty(dir);
            }
          }
          pruneEmptyDirectories(base);
          return deleted;
        });
  }

  @Override
  public Future<List<String>> list(String prefix) {
    return blocking(
        () -> {
          StorageKeys.requireValidPrefix(prefix, true);
          List<Path> matches = new ArrayList<>();
          walk(walkBase(prefix), prefix, matches, new ArrayList<>());
          List<String> keys = new ArrayList<>(matches.size());
          for (Path p : matches) {
            keys.add(keyOf(p));
          }
          Collections.sort(keys);
          return keys;
        });
  }

  @Override
  public Future<Void> check() {
    return blocking(
        () -> {
          Files.createDirectories(root);
          Path probe = Files.createTempFile(root, PARTIAL_PREFIX + "check-", ".tmp");
          try {
            Files.write(probe, new byte[] {1});
          } finally {
            Files.deleteIfExists(probe);
          }
          return null;
        });
  }

  @Override
  public String describe() {
    return "local:" + root;
  }

  @Override
  public Future<Void> close() {
    return workers.close();
  }

  /** The path of a key, refusing anything that is not a plain relative key inside the root. */
  Path resolve(String key) {
    StorageKeys.requireValidKey(key);
    for (String segment : key.split("/")) {
      if (segment.startsWith(PARTIAL_PREFIX)) {
        throw StorageErrors.invalidKey(
            key, "segments must not start with '" + PARTIAL_PREFIX + "'");
      }
    }
    Path path = root.resolve(key.replace('/', File.separatorChar)).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw StorageErrors.invalidKey(key, "resolves outside the storage directory");
    }
    return path;
  }

  /** The directory to walk for a prefix: the prefix itself if it ends with '/', else its parent. */
  private Path walkBase(String prefix) {
    int slash = prefix.lastIndexOf('/');
    if (slash < 0) {
      return root;
    }
    Path base =
        root.resolve(prefix.substring(0, slash).replace('/', File.separatorChar)).normalize();
    if (!base.startsWith(root)) {
      throw StorageErrors.invalidKey(prefix, "resolves outside the storage directory");
    }
    return base;
  }

  /**
   * Regular files under {@code base} whose key starts with {@code prefix}, and the directories
   * seen.
   */
  private void walk(Path base, String prefix, List<Path> files, List<Path> dirs)
      throws IOException {
    if (!Files.isDirectory(base)) {
      return;
    }
    Files.walkFileTree(
        base,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(base)) {
              String key = keyOf(dir) + "/";
              // Skip subtrees that cannot contain a match.
              if (!key.startsWith(prefix) && !prefix.startsWith(key)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              dirs.add(dir);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()
                && !file.getFileName().toString().startsWith(PARTIAL_PREFIX)
                && keyOf(file).startsWith(prefix)) {
              files.add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE; // removed concurrently
            }
            throw e;
          }
        });
  }

  private String keyOf(Path path) {
    return root.relativize(path).toString().replace(File.separatorChar, '/');
  }

  /** Removes {@code dir} and its ancestors while they are empty, stopping at the root. */
  private void pruneEmptyDirectories(Path dir) {
    Path d = dir;
    while (d != null && d.startsWith(root) && !d.equals(root) && deleteIfEmpty(d)) {
      d = d.getParent();
    }
  }

  private static boolean deleteIfEmpty(Path dir) {
    try {
      Files.delete(dir);
      return true;
    } catch (DirectoryNotEmptyException | NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      return false; // tidying only; the keys are gone either way
    }
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return workers.executeBlocking(
        () -> {
          try {
            return work.call();
          } catch (ApiException | IllegalArgumentException e) {
            throw e;
          } catch (IOException e) {
            throw StorageErrors.unavailable(BACKEND, reason(e), e);
          }
        },
        false);
  }

  /**
   * A short, path-free reason such as "AccessDeniedException" or "FileSystemException: No space
   * left on device".
   */
  private static String reason(IOException e) {
    String type = e.getClass().getSimpleName();
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return type + ": " + fse.getReason();
    }
    return type;
  }
}
