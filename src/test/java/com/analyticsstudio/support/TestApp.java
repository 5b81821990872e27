package com.analyticsstudio.support;

import com.analyticsstudio.App;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.DatabaseUrl;
import com.analyticsstudio.common.Db;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The whole application, deployed in-process against its own fresh database on a free port. Close
 * it to stop the app and drop the database.
 */
public final class TestApp implements AutoCloseable {
  public final Vertx vertx;
  public final AppConfig config;
  public final DatabaseUrl database;
  public final WebClient http;
  public final Api api;
  private final Path uploadDir;

  /**
   * False for a second instance on another app's database ({@link #startAnother}): closing it
   * leaves the database.
   */
  private boolean ownsDatabase = true;

  private TestApp(Vertx vertx, AppConfig config, DatabaseUrl database, Path uploadDir) {
    this.vertx = vertx;
    this.config = config;
    this.database = database;
    this.uploadDir = uploadDir;
    this.http =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("localhost").setDefaultPort(config.port()));
    this.api = new Api(http);
  }

  public static TestApp start() {
    return start(Map.of());
  }

  /**
   * Starts the app with these settings over the test defaults, connecting as the test server's
   * superuser, or as a provisioned non-superuser app role ({@link #startAsAppRole}) when the system
   * property {@code it.appRole} is {@code true} ({@code mvn verify -Dit.appRole=true} runs every IT
   * so).
   */
  public static TestApp start(Map<String, String> settings) {
    if (Boolean.getBoolean("it.appRole")) return startAsAppRole(settings);
    DatabaseUrl db = TestDatabases.create("as_it");
    return start(settings, db, db);
  }

  /**
   * Starts the app as a non-superuser login role that owns a database provisioned for it ({@link
   * TestDatabases#createForAppRole}), as in production: only CREATEROLE and ownership of its
   * database, the confinement migrations applied by the superuser beforehand.
   */
  public static TestApp startAsAppRole(Map<String, String> settings) {
    DatabaseUrl db = TestDatabases.createForAppRole("as_it");
    return start(settings, db, db);
  }

  /**
   * Starts the app connecting through {@code connectVia} (e.g. a proxy) to the database {@code
   * database}, which the harness drops on close.
   */
  public static TestApp start(
      Map<String, String> settings, DatabaseUrl database, DatabaseUrl connectVia) {
    Path uploads;
    try {
      uploads = Files.createTempDirectory("as-uploads");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> values = new HashMap<>();
    values.put(AppConfig.Keys.ENVIRONMENT, "test");
    values.put(AppConfig.Keys.PORT, String.valueOf(freePort()));
    values.put(AppConfig.Keys.HTTP_INSTANCES, "2");
    values.put(
        AppConfig.Keys.DATABASE_URL,
        "postgresql://"
            + connectVia.user()
            + "@"
            + connectVia.host()
            + ":"
            + connectVia.port()
            + "/"
            + database.database());
    values.put(AppConfig.Keys.SECRET_KEY, "test-key-0123456789-abcdefghijklmnopqrstuvwxyz");
    values.put(AppConfig.Keys.UPLOAD_DIR, uploads.toString());
    values.put(AppConfig.Keys.SHUTDOWN_GRACE_SECONDS, "1");
    // Each app gets its own Redis keys, so reruns and parallel apps never share buckets or cache.
    values.put(AppConfig.Keys.REDIS_KEY_PREFIX, "as-test:" + UUID.randomUUID() + ":");
    // The warm-up's requests would take admission slots tests count (OverloadIT); WebAssetsIT runs
    // it.
    values.put(AppConfig.Keys.HTTP_WARMUP, "false");
    values.putAll(settings);
    AppConfig config = AppConfig.load(values);
    App app = App.create();
    Vertx vertx = app.vertx();
    try {
      app.deploy(config).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      TestDatabases.drop(database);
      throw new IllegalStateException("the app did not start: " + e.getMessage(), e);
    }
    return new TestApp(vertx, config, database, uploads);
  }

  /**
   * A second instance of the app on {@code first}'s database (as behind a load balancer), with its
   * own port, process-wide caches and upload directory. Close it before {@code first}; closing it
   * leaves the database to {@code first}.
   */
  public static TestApp startAnother(TestApp first, Map<String, String> settings) {
    Map<String, String> values = new HashMap<>(settings);
    values.putIfAbsent(AppConfig.Keys.REDIS_KEY_PREFIX, first.config.redisKeyPrefix());
    TestApp other = start(values, first.database, first.database);
    other.ownsDatabase = false;
    return other;
  }

  /** The Redis URL of the test environment (scripts/test starts one). */
  public static String redisUrl() {
    return System.getenv().getOrDefault("TEST_REDIS_URL", "redis://127.0.0.1:6379/0");
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path uploadDir() {
    return uploadDir;
  }

  @Override
  public void close() {
    try {
      vertx.close().await(20, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the database is dropped with FORCE anyway
    }
    if (!ownsDatabase) {
      deleteUploads();
      return;
    }
    // Reader roles are cluster-wide: drop the ones this database's projects created.
    List<String> roles = new ArrayList<>();
    try (var c = Db.jdbc(database);
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT rolname FROM pg_roles r WHERE rolname LIKE 'as\\_r\\_%' "
                        + "AND EXISTS (SELECT 1 FROM projects p WHERE 'as_r_' || replace(p.id::text, '-', '') = r.rolname) "
                        + "OR EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspname = 'p_' || substr(r.rolname, 6))")) {
      while (rs.next()) roles.add(rs.getString(1));
    } catch (Exception ignored) {
      // no projects table: nothing was created
    }
    TestDatabases.execute("DROP DATABASE IF EXISTS " + database.database() + " WITH (FORCE)");
    for (String role : roles) {
      TestDatabases.execute("DROP ROLE IF EXISTS \"" + role + "\"");
    }
    TestDatabases.drop(database); // and the app role, when it is not the superuser
    deleteUploads();
  }

  private void deleteUploads() {
    try (var files = Files.walk(uploadDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temp directory
    }
  }
}
