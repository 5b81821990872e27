package com.analyticsstudio.common;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed {@code DATABASE_URL}. Accepts {@code postgresql://}, {@code postgres://} and the seeds'
 * SQLAlchemy form {@code postgresql+asyncpg://}; the driver suffix is ignored.
 */
public record DatabaseUrl(
    String host,
    int port,
    String database,
    String user,
    String password,
    Map<String, String> params) {

  public static DatabaseUrl parse(String variable, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(
          variable, "is required (e.g. postgresql://user:pass@localhost:5432/analytics_studio)");
    }
    String v = value.trim();
    int schemeEnd = v.indexOf("://");
    if (schemeEnd < 0) {
      throw new ConfigException(variable, "must be a URL like postgresql://user:pass@host:5432/db");
    }
    String scheme = v.substring(0, schemeEnd).toLowerCase();
    if (!(scheme.equals("postgresql")
        || scheme.equals("postgres")
        || scheme.startsWith("postgresql+"))) {
      throw new ConfigException(
          variable,
          "scheme '"
              + scheme
              + "' is not supported; use postgresql://, postgres:// or postgresql+asyncpg://");
    }
    URI uri;
    try {
      uri = URI.create("postgresql" + v.substring(schemeEnd));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(variable, "is not a valid URL (" + e.getMessage() + ")");
    }
    String host = uri.getHost() == null || uri.getHost().isBlank() ? "localhost" : uri.getHost();
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String db = path.startsWith("/") ? path.substring(1) : path;
    if (db.isBlank()) {
      throw new ConfigException(variable, "must name a database (…:5432/analytics_studio)");
    }
    String user = "postgres";
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      if (parts.length == 2) {
        password = decode(parts[1]);
      }
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String kv : uri.getRawQuery().split("&")) {
        if (kv.isEmpty()) continue;
        String[] p = kv.split("=", 2);
        params.put(decode(p[0]), p.length == 2 ? decode(p[1]) : "");
      }
    }
    return new DatabaseUrl(host, port, decode(db), user, password, Map.copyOf(params));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The same database as a JDBC URL (for migrations and COPY on worker threads). */
  public String jdbcUrl() {
    String sslmode = params.get("sslmode");
    return "jdbc:postgresql://"
        + host
        + ":"
        + port
        + "/"
        + database
        + (sslmode != null ? "?sslmode=" + sslmode : "");
  }

  /** Same server and credentials, another database. */
  public DatabaseUrl withDatabase(String otherDatabase) {
    return new DatabaseUrl(host, port, otherDatabase, user, password, params);
  }

  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
