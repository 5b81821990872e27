package com.analyticsstudio.query;

import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Replies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * The one way into the query engine for every caller (HTTP, Ask, semantic queries, charts,
 * dashboards): typed requests to the Query verticle over the event bus ({@link QueryAddresses}),
 * passed by reference ({@link QueryMessages}), with send timeouts derived from the configured query
 * and export limits. Failures come back as the {@link com.analyticsstudio.common.ApiException} the
 * service raised; a Query verticle that does not answer in time is a 503.
 *
 * <p>Exports: the Query verticle owns the cursor and pushes batches to a consumer this client
 * registers on the caller's context, which hands them to the caller's {@link QueryExecutor.RowSink}
 * and acknowledges each one only once the sink has taken it (back-pressure end to end). A sink that
 * takes nothing for {@code EXPORT_STALL_SECONDS} ends the export and returns its connection.
 */
public final class QueryClient {
  /** Added to a statement's own timeout before the caller stops waiting for the reply. */
  private static final long REPLY_GRACE_MS = 10_000;

  private final EventBus bus;
  private final int queryTimeoutSeconds;
  private final long exportTimeoutMs;
  private final int exportMaxRows;

  public QueryClient(Vertx vertx, AppConfig config) {
    this.bus = vertx.eventBus();
    this.queryTimeoutSeconds =
        Math.min(config.queryTimeoutSeconds(), QueryRequest.MAX_TIMEOUT_SECONDS);
    this.exportTimeoutMs = config.queryEngine().exportTimeoutSeconds() * 1000L;
    this.exportMaxRows = config.queryEngine().exportMaxRows();
  }

  /** The most rows an export streams ({@code EXPORT_MAX_ROWS}). */
  public int exportMaxRows() {
    return exportMaxRows;
  }

  /**
   * Runs {@code call}; the result JSON, encoded: {@code {cached, elapsedMs, columns, rows,
   * rowCount, truncated}}.
   */
  public Future<Buffer> run(QueryCall call) {
    int timeout =
        call.timeoutSeconds() == null
            ? queryTimeoutSeconds
            : Math.min(call.timeoutSeconds(), queryTimeoutSeconds);
    return this.<QueryMessages.Reply>request(QueryAddresses.RUN, call, timeout * 1000L)
        .map(QueryMessages.Reply::body);
  }

  /** PostgreSQL's plan for {@code sql}: {@code {plan}}. */
  public Future<JsonObject> explain(UUID projectId, UUID userId, String sql) {
    return explain(projectId, userId, sql, List.of());
  }

  /** PostgreSQL's plan for {@code sql} with these values of {@code $1}, …: {@code {plan}}. */
  public Future<JsonObject> explain(UUID projectId, UUID userId, String sql, List<Object> params) {
    return request(
        QueryAddresses.EXPLAIN,
        new QueryMessages.Explain(projectId, userId, sql, params),
        queryTimeoutSeconds * 1000L);
  }

  /** Starts a background job: {@code {jobId, status}}. */
  public Future<JsonObject> submitJob(QueryCall call) {
    return request(QueryAddresses.JOB_SUBMIT, call, 0);
  }

  /** A job's state. */
  public Future<JsonObject> job(UUID projectId, UUID userId, UUID jobId) {
    return request(QueryAddresses.JOB_GET, new QueryMessages.Job(projectId, userId, jobId), 0);
  }

  /** A page of the project's jobs, newest first ({@link QueryAddresses#JOB_LIST}). */
  public Future<JsonObject> jobs(UUID projectId, UUID userId, int limit, JsonObject after) {
    return request(
        QueryAddresses.JOB_LIST, new QueryMessages.JobList(projectId, userId, limit, after), 0);
  }

  /** Cancels a job (inside PostgreSQL too); its state afterwards. */
  public Future<JsonObject> cancelJob(UUID projectId, UUID userId, UUID jobId) {
    return request(QueryAddresses.JOB_CANCEL, new QueryMessages.Job(projectId, userId, jobId), 0);
  }

  /** A page of a finished job's rows. */
  public Future<JsonObject> jobResult(
      UUID projectId, UUID userId, UUID jobId, long offset, int limit) {
    return request(
        QueryAddresses.JOB_RESULT,
        new QueryMessages.JobPage(projectId, userId, jobId, offset, limit),
        0);
  }

  /**
   * Streams {@code call}'s rows into {@code sink}, whose methods run on the caller's context.
   * Capped at {@code min(call.limit, EXPORT_MAX_ROWS)} rows and {@code EXPORT_TIMEOUT_SECONDS};
   * never cached.
   */
  public Future<QueryExecutor.StreamSummary> export(QueryCall call, QueryExecutor.RowSink sink) {
    String address = QueryAddresses.EXPORT_SINK_PREFIX + UUID.randomUUID();
    MessageConsumer<QueryMessages.Batch> consumer =
        bus.localConsumer(
            address,
            msg -> {
              QueryMessages.Batch batch = msg.body();
              Future<Void> taken;
              try {
                taken =
                    batch.columns() != null ? sink.start(batch.columns()) : sink.rows(batch.rows());
              } catch (RuntimeException e) {
                taken = Future.failedFuture(e);
              }
              taken.onSuccess(v -> msg.reply(null)).onFailure(e -> Replies.fail(msg, e));
            });
    return consumer
        .completion()
        .compose(
            v ->
                this.<QueryExecutor.StreamSummary>request(
                    QueryAddresses.EXPORT,
                    new QueryMessages.Export(call, address),
                    exportTimeoutMs))
        .eventually(consumer::unregister);
  }

  private <T> Future<T> request(String address, Object message, long statementMs) {
    long timeout = (statementMs > 0 ? statementMs : queryTimeoutSeconds * 1000L) + REPLY_GRACE_MS;
    return bus.<T>request(address, message, new DeliveryOptions().setSendTimeout(timeout))
        .map(reply -> reply.body())
        .recover(e -> Future.failedFuture(Replies.unwrap(e)));
  }
}
