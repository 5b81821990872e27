package com.analyticsstudio.storage;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds and checks storage keys. The layout is
 *
 * <pre>
 *   datasets/&lt;project&gt;/&lt;dataset&gt;/&lt;version&gt;/&lt;sanitised file name&gt;   an uploaded original
 *   temp/&lt;sanitised name&gt;                                             scratch files
 * </pre>
 *
 * so a dataset ({@link #datasetPrefix}) or a whole project ({@link #projectPrefix}) can be removed
 * with one {@link Storage#deletePrefix}.
 */
public final class StorageKeys {
  /** S3's limit for a key, in UTF-8 bytes. */
  static final int MAX_KEY_BYTES = 1024;

  /** Longest file name segment produced by {@link #sanitizeFilename}, in characters. */
  static final int MAX_FILENAME_CHARS = 120;

  private static final int MAX_EXTENSION_CHARS = 10;
  private static final String FALLBACK_NAME = "file";

  private StorageKeys() {}

  /** {@code datasets/<project>/<dataset>/<version>/<sanitised filename>}. */
  public static String original(UUID project, UUID dataset, int version, String filename) {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(dataset, "dataset");
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative: " + version);
    }
    return datasetPrefix(project, dataset) + version + "/" + sanitizeFilename(filename);
  }

  /** {@code temp/<sanitised name>}. */
  public static String temp(String name) {
    return "temp/" + sanitizeFilename(name);
  }

  /** {@code datasets/<project>/<dataset>/}: every version of one dataset. */
  public static String datasetPrefix(UUID project, UUID dataset) {
    Objects.requireNonNull(dataset, "dataset");
    return projectPrefix(project) + dataset + "/";
  }

  /** {@code datasets/<project>/}: every dataset of one project. */
  public static String projectPrefix(UUID project) {
    Objects.requireNonNull(project, "project");
    return "datasets/" + project + "/";
  }

  /**
   * A file name that is safe as one key segment and as a file name on any common file system: only
   * the last path segment is kept (browsers may send {@code C:\dir\x.csv}); letters, digits, '-',
   * '_' and '.' are kept, every other run of characters (spaces, '/', '\', control and shell
   * characters) becomes one '_'; runs of dots collapse to one and no leading dot is left (so no
   * {@code ..} and no hidden files); the extension is kept, lower-cased, and the name is shortened
   * to at most {@value #MAX_FILENAME_CHARS} characters without losing it. A name with nothing left
   * becomes {@code file} ({@code "../.csv"} gives {@code file.csv}).
   */
  public static String sanitizeFilename(String filename) {
    if (filename == null) {
      return FALLBACK_NAME;
    }
    String name = Normalizer.normalize(filename, Normalizer.Form.NFC);
    int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(cut + 1);

    String base = name;
    String ext = "";
    int dot = name.lastIndexOf('.');
    if (dot >= 0) {
      String candidate = name.substring(dot + 1);
      if (!candidate.isEmpty()
          && candidate.length() <= MAX_EXTENSION_CHARS
          && candidate.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
        base = name.substring(0, dot);
        ext = "." + candidate.toLowerCase(Locale.ROOT);
      }
    }
    base = sanitizeBase(base);
    int room = MAX_FILENAME_CHARS - ext.length();
    if (base.codePointCount(0, base.length()) > room) {
      base = base.substring(0, base.offsetByCodePoints(0, room)).replaceAll("[._]+$", "");
    }
    if (base.isEmpty()) {
      base = FALLBACK_NAME;
    }
    return base + ext;
  }

  private static String sanitizeBase(String name) {
    StringBuilder sb = new StringBuilder();
    name.codePoints()
        .forEach(
            c -> {
              if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.') {
                sb.appendCodePoint(c);
              } else if (sb.length() == 0 || sb.charAt(sb.length() - 1) != '_') {
                sb.append('_');
              }
            });
    return sb.toString()
        .replaceAll("\\.{2,}", ".")
        .replaceAll("_*\\._*", ".") // "a _.b" -> "a.b"
        .replaceAll("^[._]+", "")
        .replaceAll("[._]+$", "");
  }

  /**
   * Checks that {@code key} is a safe, relative, '/'-separated key: not empty, at most {@value
   * #MAX_KEY_BYTES} UTF-8 bytes, no leading or trailing '/', no empty, {@code .} or {@code ..}
   * segments, no '\' and no control characters.
   *
   * @throws com.analyticsstudio.common.ApiException 400 {@code invalid_storage_key}
   */
  public static String requireValidKey(String key) {
    if (key == null || key.isEmpty()) {
      throw StorageErrors.invalidKey(key, "must not be empty");
    }
    if (key.endsWith("/")) {
      throw StorageErrors.invalidKey(key, "must not end with '/'");
    }
    checkSegments(key);
    return key;
  }

  /**
   * Checks a prefix: empty (only if {@code allowEmpty}), or a relative key that may end with '/'.
   */
  public static String requireValidPrefix(String prefix, boolean allowEmpty) {
    if (prefix == null || prefix.isEmpty()) {
      if (allowEmpty && prefix != null) {
        return "";
      }
      throw StorageErrors.invalidKey(prefix, "prefix must not be empty");
    }
    checkSegments(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
    return prefix;
  }

  private static void checkSegments(String key) {
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw StorageErrors.invalidKey(key, "longer than " + MAX_KEY_BYTES + " bytes");
    }
    if (key.startsWith("/")) {
      throw StorageErrors.invalidKey(key, "must be relative (no leading '/')");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isISOControl(c)) {
        throw StorageErrors.invalidKey(key, "contains a control character");
      }
      if (c == '\\') {
        throw StorageErrors.invalidKey(key, "contains '\\'");
      }
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty()) {
        throw StorageErrors.invalidKey(key, "contains an empty segment ('//')");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw StorageErrors.invalidKey(key, "contains a '" + segment + "' segment");
      }
    }
  }
}
