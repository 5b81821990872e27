package com.analyticsstudio.query;

/**
 * Event-bus addresses of the Query verticle. Messages are the records of {@link QueryMessages},
 * passed by reference; failures carry an {@link com.analyticsstudio.common.ApiException} through
 * {@link com.analyticsstudio.common.Replies} (status as failure code; {@code Replies.unwrap} turns
 * it back). Every caller (HTTP, Ask, semantic queries, dashboards) goes through {@link
 * QueryClient}; there is no other way to run user SQL.
 */
public final class QueryAddresses {
  /**
   * Run SQL: body a {@link QueryCall}; reply a {@link QueryMessages.Reply} holding the result JSON
   * ({@code {cached, elapsedMs, columns, rows, rowCount, truncated}}).
   */
  public static final String RUN = "query.run";

  /** Plan SQL without running it: body {@link QueryMessages.Explain}; reply {@code {plan}}. */
  public static final String EXPLAIN = "query.explain";

  /** Start a background job: body a {@link QueryCall}; reply {@code {jobId, status}}. */
  public static final String JOB_SUBMIT = "query.job.submit";

  /**
   * A job's state: body {@link QueryMessages.Job}; reply {@code {jobId, status, elapsedMs,
   * rowCount, truncated, error?}}.
   */
  public static final String JOB_GET = "query.job.get";

  /**
   * The project's jobs, newest first: body {@link QueryMessages.JobList}; reply {@code {items,
   * next, limit, total}} ({@link com.analyticsstudio.common.Paging}), items as {@code JOB_GET}.
   */
  public static final String JOB_LIST = "query.job.list";

  /**
   * Rows of a finished job: body {@link QueryMessages.JobPage}; reply {@code {jobId, columns, rows,
   * offset, limit, rowCount, truncated}}.
   */
  public static final String JOB_RESULT = "query.job.result";

  /**
   * Stream a succeeded job's stored rows to a sink: body {@link QueryMessages.JobExport}; batches
   * go to its sink address as for {@link #EXPORT}; reply a {@link QueryExecutor.StreamSummary}.
   */
  public static final String JOB_EXPORT = "query.job.export";

  /** Cancel a job, inside PostgreSQL too: body {@link QueryMessages.Job}; reply the job's state. */
  public static final String JOB_CANCEL = "query.job.cancel";

  /**
   * Stream rows to a sink: body {@link QueryMessages.Export}; batches go to its sink address; reply
   * a {@link QueryExecutor.StreamSummary} at the end.
   */
  public static final String EXPORT = "query.export";

  /**
   * Prefix of the per-export sink addresses {@link QueryClient} listens on: body {@link
   * QueryMessages.Batch}; reply empty when taken.
   */
  public static final String EXPORT_SINK_PREFIX = "query.export.sink.";

  private QueryAddresses() {}
}
