package com.analyticsstudio.query;

import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Replies;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.List;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link QueryAddresses} with the process's {@link QueryService} and {@link QueryJobs}.
 * Deployed once per core like the HTTP verticle; the instances share the service, its cache and
 * single-flight map. Exports run here: this verticle owns the cursor and pushes batches to the
 * caller's sink address, waiting for each acknowledgement ({@link QueryClient#export}). One
 * instance also keeps the job table tidy (TTL, heartbeats, lost jobs).
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
    this.<QueryCall>serve(
        QueryAddresses.RUN, call -> service.run(call).map(QueryMessages.Reply::new));
    this.<QueryMessages.Explain>serve(
        QueryAddresses.EXPLAIN,
        e -> service.explain(e.projectId(), e.userId(), e.sql(), e.params()));
    this.<QueryCall>serve(QueryAddresses.JOB_SUBMIT, jobs::submit);
    this.<QueryMessages.Job>serve(
        QueryAddresses.JOB_GET, j -> jobs.get(j.projectId(), j.userId(), j.jobId()));
    this.<QueryMessages.JobList>serve(
        QueryAddresses.JOB_LIST, l -> jobs.list(l.projectId(), l.userId(), l.limit(), l.after()));
    this.<QueryMessages.JobPage>serve(
        QueryAddresses.JOB_RESULT,
        p -> jobs.result(p.projectId(), p.userId(), p.jobId(), p.offset(), p.limit()));
    this.<QueryMessages.Job>serve(
        QueryAddresses.JOB_CANCEL, j -> jobs.cancel(j.projectId(), j.userId(), j.jobId()));
    long stallMs = config.queryEngine().exportStallSeconds() * 1000L;
    this.<QueryMessages.Export>serve(
        QueryAddresses.EXPORT,
        x -> service.export(x.call(), new BusSink(bus, x.sinkAddress(), stallMs)));
    if (maintainer) {
      vertx.setPeriodic(
          1000,
          MAINTENANCE_MS,
          id ->
              jobs.maintain(config.queryEngine().jobTtlHours())
                  .onFailure(
                      e ->
                          LoggerFactory.getLogger(QueryVerticle.class)
                              .warn("query job maintenance failed: {}", e.toString())));
    }
    return Future.succeededFuture();
  }

  /**
   * Serves {@code address}: runs {@code action} on the body and replies its result or carries its
   * failure.
   */
  private <T> void serve(String address, Function<T, Future<?>> action) {
    vertx.eventBus().<T>localConsumer(address, msg -> reply(msg, action));
  }

  private static <T> void reply(Message<T> msg, Function<T, Future<?>> action) {
    Future<?> result;
    try {
      result = action.apply(msg.body());
    } catch (RuntimeException e) {
      Replies.fail(msg, e);
      return;
    }
    Replies.reply(msg, result);
  }

  /**
   * An export's sink on the other side of the bus: each delivery waits for the caller's
   * acknowledgement, so the cursor reads no further than the client has taken. A caller that takes
   * nothing for {@code stallMs} (its client stopped reading) fails the export, which closes the
   * cursor and returns the connection.
   */
  private static final class BusSink implements QueryExecutor.RowSink {
    private final EventBus bus;
    private final String address;
    private final DeliveryOptions options;

    BusSink(EventBus bus, String address, long stallMs) {
      this.bus = bus;
      this.address = address;
      this.options = new DeliveryOptions().setSendTimeout(stallMs);
    }

    @Override
    public Future<Void> start(List<QueryResult.Column> columns) {
      return deliver(new QueryMessages.Batch(List.copyOf(columns), null));
    }

    @Override
    public Future<Void> rows(List<List<Object>> batch) {
      return deliver(new QueryMessages.Batch(null, batch));
    }

    private Future<Void> deliver(QueryMessages.Batch batch) {
      return bus.request(address, batch, options)
          .<Void>mapEmpty()
          .recover(e -> Future.failedFuture(Replies.unwrap(e)));
    }
  }
}
