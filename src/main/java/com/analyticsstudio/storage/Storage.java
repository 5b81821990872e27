package com.analyticsstudio.storage;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.List;

/** Where original uploaded files live. Keys are '/'-separated; scratch files under temp/. */
public interface Storage {
  Future<Void> put(String key, Path file, String contentType);
  Future<Path> download(String key, Path target);
  Future<Boolean> exists(String key);
  Future<Long> size(String key);
  Future<Void> delete(String key);
  Future<Integer> deletePrefix(String prefix);
  Future<List<String>> list(String prefix);
  String describe();
}
