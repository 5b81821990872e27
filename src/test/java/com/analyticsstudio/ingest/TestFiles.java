package com.analyticsstudio.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Helpers for tests: write files, read all rows. */
final class TestFiles {
  private TestFiles() {}

  static Path write(Path dir, String name, String content) throws IOException {
    return write(dir, name, content, StandardCharsets.UTF_8);
  }

  static Path write(Path dir, String name, String content, Charset cs) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content.getBytes(cs));
    return p;
  }

  static Path bytes(Path dir, String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  static Path resource(Path dir, String name) throws IOException {
    Path p = dir.resolve(name);
    try (InputStream in = TestFiles.class.getResourceAsStream("/ingest/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
    }
    return p;
  }

  static RowSource open(Path p) throws IOException {
    return RowSources.open(p, p.getFileName().toString(), null, SourceOptions.defaults());
  }

  static List<String[]> rows(RowSource src) throws IOException {
    List<String[]> out = new ArrayList<>();
    String[] r;
    while ((r = src.next()) != null) {
      out.add(r.clone());
    }
    return out;
  }

  static List<String[]> readAll(Path p) throws IOException {
    try (RowSource src = open(p)) {
      return rows(src);
    }
  }
}
