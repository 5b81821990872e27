package com.analyticsstudio.query;

import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Replies;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.function.Function;

/**
 * Serves {@link QueryAddresses} with the process's {@link QueryService} and {@link QueryJobs}.
 * Deployed once per core like the HTTP verticle; the instances share the service, its cache and
 * single-flight map. One instance also keeps the job table tidy (TTL, heartbeats, lost jobs).
 */
public final class QueryVerticle extends VerticleBase {
  /** How often jobs are swept and heartbeats refreshed. */
  static final long MAINTENANCE_MS = 30_000;

  private final AppConfig config;
  private final QueryService service;
  private final QueryJobs jobs;
  private final boolean maintainer;

  public QueryVerticle(AppConfig config, QueryService service, QueryJobs jobs, boolean maintainer) {
    this.config = config;
    this.service = service;
    this.jobs = jobs;
    this.maintainer = maintainer;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    bus.<JsonObject>consumer(QueryAddresses.RUN, msg -> reply(msg, b -> service.run(QueryCall.fromJson(b))));
    bus.<JsonObject>consumer(QueryAddresses.EXPLAIN, msg -> reply(msg, b ->
        service.explain(QueryCall.uuid(b, "projectId"), QueryCall.uuid(b, "userId"), b.getString("sql"))));
    bus.<JsonObject>consumer(QueryAddresses.JOB_SUBMIT, msg -> reply(msg, b -> jobs.submit(QueryCall.fromJson(b))));
    bus.<JsonObject>consumer(QueryAddresses.JOB_GET, msg -> reply(msg, b ->
        jobs.get(QueryCall.uuid(b, "projectId"), QueryCall.uuid(b, "userId"), jobId(b))));
    bus.<JsonObject>consumer(QueryAddresses.JOB_RESULT, msg -> reply(msg, b ->
        jobs.result(QueryCall.uuid(b, "projectId"), QueryCall.uuid(b, "userId"), jobId(b),
            b.getLong("offset", 0L), b.getInteger("limit", 1000))));
    bus.<JsonObject>consumer(QueryAddresses.JOB_CANCEL, msg -> reply(msg, b ->
        jobs.cancel(QueryCall.uuid(b, "projectId"), QueryCall.uuid(b, "userId"), jobId(b))));
    if (maintainer) {
      vertx.setPeriodic(1000, MAINTENANCE_MS, id -> jobs.maintain(config.queryEngine().jobTtlHours())
          .onFailure(e -> org.slf4j.LoggerFactory.getLogger(QueryVerticle.class).warn("query job maintenance failed: {}", e.toString())));
    }
    return Future.succeededFuture();
  }

  private static UUID jobId(JsonObject b) {
    try {
      return QueryCall.uuid(b, "jobId");
    } catch (IllegalArgumentException e) {
      throw com.analyticsstudio.common.ApiException.notFound("job");
    }
  }

  /** Runs {@code action} on the body; replies its result or carries its failure (status + error JSON). */
  private static <T> void reply(Message<JsonObject> msg, Function<JsonObject, Future<T>> action) {
    Future<T> result;
    try {
      result = action.apply(msg.body());
    } catch (RuntimeException e) {
      Replies.fail(msg, e);
      return;
    }
    Replies.reply(msg, result);
  }

}
