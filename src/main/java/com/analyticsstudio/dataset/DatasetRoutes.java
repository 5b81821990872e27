package com.analyticsstudio.dataset;

import static com.analyticsstudio.common.Http.body;
import static com.analyticsstudio.common.Http.handle;
import static com.analyticsstudio.common.Http.uuidParam;

import com.analyticsstudio.auth.Principal;
import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.Http;
import com.analyticsstudio.common.Paging;
import com.analyticsstudio.common.Sse;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Binds the dataset operations of the contract; uploads stream and are checked here, not by the
 * validator.
 */
public final class DatasetRoutes {
  private static final Pattern UPLOAD_PATH =
      Pattern.compile("^/api/v1/projects/[^/]+/datasets(/[^/]+/versions)?/?$");
  private static final long EVENTS_POLL_MS = 500;
  private static final long EVENTS_MAX_MS = 60 * 60 * 1000L;

  private DatasetRoutes() {}

  /** Requests whose body is a file: the body handler must leave them to {@link UploadReceiver}. */
  public static boolean isUpload(HttpMethod method, String path) {
    // Cheap test first: this runs for every request.
    return method == HttpMethod.POST
        && (path.endsWith("/datasets")
            || path.endsWith("/versions")
            || path.endsWith("/datasets/")
            || path.endsWith("/versions/"))
        && UPLOAD_PATH.matcher(path).matches();
  }

  /**
   * @param streams the process's open event streams, closed when their user loses access
   * @param membershipCheckSeconds how often an open stream re-checks its user's access (for
   *     removals made elsewhere)
   */
  public static void mount(
      RouterBuilder builder,
      Vertx vertx,
      DatasetService datasets,
      EventStreams streams,
      int membershipCheckSeconds) {
    builder.getRoute("uploadDataset").addFailureHandler(ctx -> lingerOnFailure(ctx, datasets));
    builder
        .getRoute("uploadDatasetVersion")
        .addFailureHandler(ctx -> lingerOnFailure(ctx, datasets));
    builder
        .getRoute("uploadDataset")
        .setDoValidation(false)
        .addHandler(
            ctx -> {
              UUID projectId = uuidParam(ctx, "projectId");
              answerUpload(
                  ctx, datasets.upload(Principal.of(ctx), projectId, ctx.request(), options(ctx)));
            });
    builder
        .getRoute("uploadDatasetVersion")
        .setDoValidation(false)
        .addHandler(
            ctx -> {
              UUID projectId = uuidParam(ctx, "projectId");
              UUID datasetId = uuidParam(ctx, "datasetId");
              String mode = mode(ctx.request().params());
              answerUpload(
                  ctx,
                  datasets.uploadVersion(
                      Principal.of(ctx), projectId, datasetId, mode, ctx.request(), options(ctx)));
            });
    builder
        .getRoute("listDatasets")
        .addHandler(
            handle(
                200,
                ctx -> {
                  Paging.Page page = Paging.page(ctx);
                  return datasets
                      .list(Principal.of(ctx), uuidParam(ctx, "projectId"))
                      .map(a -> Paging.slice(page, a));
                }));
    builder
        .getRoute("getDataset")
        .addHandler(
            handle(
                200,
                ctx ->
                    datasets.get(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "datasetId"))));
    builder
        .getRoute("updateDataset")
        .addHandler(
            handle(
                200,
                ctx ->
                    datasets.update(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "datasetId"),
                        body(ctx))));
    builder
        .getRoute("deleteDataset")
        .addHandler(
            handle(
                204,
                ctx ->
                    datasets.delete(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "datasetId"),
                        Http.boolQuery(ctx, "force", false))));
    builder
        .getRoute("datasetUsedBy")
        .addHandler(
            handle(
                200,
                ctx -> {
                  Paging.Page page = Paging.page(ctx);
                  return datasets
                      .usedBy(
                          Principal.of(ctx),
                          uuidParam(ctx, "projectId"),
                          uuidParam(ctx, "datasetId"))
                      .map(a -> Paging.slice(page, a));
                }));
    builder
        .getRoute("listDatasetVersions")
        .addHandler(
            handle(
                200,
                ctx -> {
                  Paging.Page page = Paging.page(ctx);
                  return datasets
                      .versions(
                          Principal.of(ctx),
                          uuidParam(ctx, "projectId"),
                          uuidParam(ctx, "datasetId"))
                      .map(a -> Paging.slice(page, a));
                }));
    builder
        .getRoute("datasetRows")
        .addHandler(
            handle(
                200,
                ctx ->
                    datasets.rows(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "datasetId"),
                        Http.intQuery(ctx, "offset", 0, 0, Integer.MAX_VALUE),
                        Http.intQuery(ctx, "limit", 100, 1, 1000),
                        ctx.request().getParam("sort"))));
    builder
        .getRoute("datasetProfile")
        .addHandler(
            handle(
                200,
                ctx ->
                    datasets.profile(
                        Principal.of(ctx),
                        uuidParam(ctx, "projectId"),
                        uuidParam(ctx, "datasetId"))));
    builder
        .getRoute("datasetEvents")
        .addHandler(ctx -> events(ctx, vertx, datasets, streams, membershipCheckSeconds * 1000L));
  }

  private static DatasetService.UploadOptions options(RoutingContext ctx) {
    return options(ctx.request().params());
  }

  /**
   * The upload operations' query parameters, checked by hand: these routes skip the contract's
   * validator so that the body can stream into the loader ({@code UploadParametersContractTest}
   * holds this to the contract). A refusal is the validator's 400 {@code validation_failed}.
   */
  static DatasetService.UploadOptions options(MultiMap params) {
    String wait = params.get("wait") == null ? "false" : params.get("wait");
    if (!wait.equals("true") && !wait.equals("false")) {
      throw invalidParameter("wait", "wait must be true or false");
    }
    return new DatasetService.UploadOptions(
        text(params, "name", DatasetService.MAX_NAME_CHARS),
        text(params, "filename", 255),
        text(params, "sheet", DatasetService.MAX_SHEET_CHARS),
        wait.equals("true"));
  }

  /** The {@code mode} of a new version: {@code replace} (the default) or {@code append}. */
  static String mode(MultiMap params) {
    String mode = params.get("mode") == null ? "replace" : params.get("mode");
    if (!mode.equals("replace") && !mode.equals("append")) {
      throw invalidParameter("mode", "mode must be replace or append");
    }
    return mode;
  }

  private static String text(MultiMap params, String name, int maxLength) {
    return DatasetService.text(name, params.get(name), maxLength);
  }

  private static ApiException invalidParameter(String name, String message) {
    return ApiException.invalidValue(message, "query." + name);
  }

  private static void answerUpload(RoutingContext ctx, Future<DatasetService.Uploaded> result) {
    result.onSuccess(u -> Http.json(ctx, u.loaded() ? 201 : 202, u.dataset())).onFailure(ctx::fail);
  }

  /** Any refusal of an upload (its own, or auth, rate limit, …) before its body was read. */
  private static void lingerOnFailure(RoutingContext ctx, DatasetService datasets) {
    if (!ctx.request().isEnded() && !ctx.response().headWritten()) {
      ctx.response().putHeader("Connection", "close");
      datasets.linger(ctx.request());
    }
    ctx.next();
  }

  /**
   * Server-sent events: {@code progress} whenever the dataset changes, then {@code ready} or {@code
   * failed} and the stream ends. Reads the database, so any instance can serve it. The stream is
   * registered in {@link EventStreams}: when its user is removed from the project it ends at once
   * with {@code revoked}; every {@code checkMs} a poll also re-checks access, which ends streams of
   * users removed through another instance.
   *
   * <p>Every event has an {@code id:} ({@link Sse}): each carries the dataset's whole state, so a
   * client reconnecting with {@code Last-Event-ID} gets the current state at once — unless it is
   * the state it last saw, which is not sent again — and nothing it missed needs replaying.
   */
  private static void events(
      RoutingContext ctx,
      Vertx vertx,
      DatasetService datasets,
      EventStreams streams,
      long checkMs) {
    Principal who = Principal.of(ctx);
    UUID projectId = uuidParam(ctx, "projectId");
    UUID datasetId = uuidParam(ctx, "datasetId");
    datasets
        .get(who, projectId, datasetId)
        .onFailure(ctx::fail)
        .onSuccess(
            first -> {
              ctx.response()
                  .setChunked(true)
                  .putHeader("Content-Type", "text/event-stream")
                  .putHeader("Cache-Control", "no-cache")
                  .putHeader("X-Accel-Buffering", "no");
              String[] lastId = {ctx.request().getHeader("Last-Event-ID")};
              ctx.response().write(Sse.retry());
              long started = System.currentTimeMillis();
              long[] lastCheck = {started};
              long[] timer = {-1};
              EventStreams.Stream[] registered = {null};
              Runnable stop =
                  () -> {
                    vertx.cancelTimer(timer[0]);
                    if (registered[0] != null) registered[0].forget();
                  };
              Consumer<String> endWith =
                  event -> {
                    stop.run();
                    if (!ctx.response().ended()) {
                      ctx.response().end(event);
                    }
                  };
              registered[0] =
                  streams.open(
                      projectId,
                      who.userId(),
                      vertx.getOrCreateContext(),
                      () ->
                          endWith.accept(
                              Sse.event(
                                  "revoked",
                                  new JsonObject()
                                      .put(
                                          "error",
                                          new JsonObject()
                                              .put("code", "access_revoked")
                                              .put(
                                                  "message",
                                                  "you are no longer a member of this project"))
                                      .encode())));
              ctx.request().connection().closeHandler(v -> stop.run());
              Consumer<JsonObject> emit =
                  d -> {
                    if (ctx.response().ended()) return;
                    String text = d.encode();
                    String id = Sse.id("progress", text);
                    if (!id.equals(lastId[0])) {
                      lastId[0] = id;
                      ctx.response().write(Sse.event("progress", text));
                    }
                    String status = d.getString("status");
                    if ("ready".equals(status)
                        || "failed".equals(status)
                        || System.currentTimeMillis() - started > EVENTS_MAX_MS) {
                      endWith.accept(Sse.event("failed".equals(status) ? "failed" : "ready", text));
                    }
                  };
              emit.accept(first);
              if (!ctx.response().ended()) {
                timer[0] =
                    vertx.setPeriodic(
                        EVENTS_POLL_MS,
                        id -> {
                          long now = System.currentTimeMillis();
                          boolean check = now - lastCheck[0] >= checkMs;
                          if (check) {
                            lastCheck[0] = now;
                          }
                          (check
                                  ? datasets.get(who, projectId, datasetId)
                                  : datasets.getOrRefusal(projectId, datasetId))
                              .onSuccess(emit::accept)
                              .onFailure(
                                  e ->
                                      endWith.accept(
                                          Sse.event(
                                              "failed",
                                              new JsonObject()
                                                  .put(
                                                      "error",
                                                      new JsonObject()
                                                          .put("code", "gone")
                                                          .put(
                                                              "message",
                                                              "the dataset is no longer available"))
                                                  .encode())));
                        });
              }
            });
  }
}
