package com.analyticsstudio.query;

/**
 * Event-bus addresses of the Query verticle. Requests are JSON; failures carry an
 * {@link com.analyticsstudio.common.ApiException} through {@link com.analyticsstudio.common.Replies}
 * (status as failure code; {@code Replies.unwrap} turns it back). Every caller (HTTP, Ask, dashboards)
 * goes through here or through {@link QueryService} itself; there is no other way to run user SQL.
 */
public final class QueryAddresses {
  /** Run SQL: body {@link QueryCall#toJson()}; reply a {@code Buffer} holding the result JSON ({@code {columns, rows, rowCount, truncated, elapsedMs, cached}}). */
  public static final String RUN = "query.run";
  /** Plan SQL without running it: body {@code {projectId, userId, sql}}; reply {@code {plan}}. */
  public static final String EXPLAIN = "query.explain";
  /** Start a background job: body {@link QueryCall#toJson()}; reply {@code {jobId, status}}. */
  public static final String JOB_SUBMIT = "query.job.submit";
  /** A job's state: body {@code {projectId, userId, jobId}}; reply {@code {jobId, status, elapsedMs, rowCount, truncated, error?}}. */
  public static final String JOB_GET = "query.job.get";
  /** Rows of a finished job: body {@code {projectId, userId, jobId, offset, limit}}; reply {@code {jobId, columns, rows, offset, limit, rowCount, truncated}}. */
  public static final String JOB_RESULT = "query.job.result";
  /** Cancel a job, inside PostgreSQL too: body {@code {projectId, userId, jobId}}; reply the job's state. */
  public static final String JOB_CANCEL = "query.job.cancel";

  private QueryAddresses() {}
}
