package com.analyticsstudio.query;

/** The app-side SQL of the query feature (metadata on the app pool; user SQL never goes here). */
final class QuerySql {
  /**
   * The caller's role, the project's catalog_version and its queryable datasets with their live
   * versions, in one round trip (one snapshot). No row: not a member. A dataset is queryable once a
   * version is live (version > 0), also while a new version loads (the view keeps serving the old
   * one).
   */
  static final String CATALOG =
      """
      SELECT m.role, p.catalog_version, d.table_name, d.version
      FROM project_members m
      JOIN projects p ON p.id = m.project_id
      LEFT JOIN datasets d ON d.project_id = m.project_id AND d.version > 0
      WHERE m.project_id = $1 AND m.user_id = $2""";

  static final String JOB_COLUMNS =
      """
      id, project_id, created_by, status, row_limit, row_count, truncated, columns, error,
      created_at, started_at, finished_at""";
  static final String JOB_INSERT =
      """
      INSERT INTO query_jobs (id, project_id, created_by, sql, fingerprint, source, row_limit, timeout_seconds,
        status, instance_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', $9)""";
  static final String JOB_GET =
      "SELECT " + JOB_COLUMNS + " FROM query_jobs WHERE id = $1 AND project_id = $2";

  /**
   * A page of the project's jobs, newest first, after the keyset ($2 created_at, $3 id) when given;
   * served by {@code query_jobs_project_idx}.
   */
  static final String JOB_LIST =
      "SELECT "
          + JOB_COLUMNS
          + """
           FROM query_jobs
          WHERE project_id = $1
            AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
          ORDER BY created_at DESC, id DESC
          LIMIT $4""";

  static final String JOB_COUNT = "SELECT count(*) FROM query_jobs WHERE project_id = $1";
  static final String JOB_START =
      """
      UPDATE query_jobs SET status = 'running', started_at = now() WHERE id = $1 AND status = 'queued'""";
  static final String JOB_COLUMNS_SET = "UPDATE query_jobs SET columns = $2 WHERE id = $1";

  /** Stores a page and adds its (estimated JSON) bytes to the job's {@code result_bytes}. */
  static final String JOB_PAGE =
      """
      WITH page AS (INSERT INTO query_job_pages (job_id, page, rows) VALUES ($1, $2, $3))
      UPDATE query_jobs SET result_bytes = result_bytes + $4 WHERE id = $1""";

  /**
   * A project's jobs: queued or running, kept (any status), bytes of stored results, and seconds
   * until the oldest is swept ({@code $2} = {@code QUERY_JOB_TTL_HOURS}).
   */
  static final String JOB_QUOTA =
      """
      SELECT count(*) FILTER (WHERE status IN ('queued', 'running')) AS active,
        count(*) AS stored,
        coalesce(sum(result_bytes), 0)::bigint AS bytes,
        ceil(extract(epoch FROM min(created_at) + make_interval(hours => $2) - now()))::int AS expires_in
      FROM query_jobs WHERE project_id = $1""";

  static final String JOB_SUCCEED =
      """
      UPDATE query_jobs SET status = 'succeeded', finished_at = now(), row_count = $2, truncated = $3, columns = $4
      WHERE id = $1 AND status = 'running'""";

  /** Fails the job and deletes the pages it stored: a failed job's result is never served. */
  static final String JOB_FAIL =
      """
      WITH pages AS (DELETE FROM query_job_pages WHERE job_id = $1)
      UPDATE query_jobs SET status = 'failed', finished_at = now(), error = $2, row_count = $3,
        result_bytes = 0
      WHERE id = $1 AND status IN ('queued', 'running')""";

  static final String JOB_CANCEL =
      """
      UPDATE query_jobs SET status = 'cancelled', finished_at = now()
      WHERE id = $1 AND project_id = $2 AND status IN ('queued', 'running')""";

  /**
   * Cancels the statement inside PostgreSQL: the backend running the job carries its tag as
   * application_name.
   */
  static final String JOB_CANCEL_BACKEND =
      """
      SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()""";

  static final String JOB_PAGES =
      """
      SELECT page, rows FROM query_job_pages WHERE job_id = $1 AND page BETWEEN $2 AND $3 ORDER BY page""";

  /**
   * Pages {@code $2}..{@code $3} of a job as JSON text, so an export reads decimals exactly (the
   * client's own jsonb decoding makes them doubles: {@code 2.50} would become {@code 2.5}).
   */
  static final String JOB_PAGES_TEXT =
      """
      SELECT page, rows::text AS rows FROM query_job_pages WHERE job_id = $1 AND page BETWEEN $2 AND $3 ORDER BY page""";

  static final String JOB_SWEEP =
      "DELETE FROM query_jobs WHERE created_at < now() - make_interval(hours => $1)";

  /** Jobs whose process stopped sending heartbeats (it died) are failed by any other instance. */
  static final String JOB_ORPHANS =
      """
      UPDATE query_jobs SET status = 'failed', finished_at = now(),
        error = '{"code":"job_lost","message":"the server running this job stopped before it finished"}'::jsonb
      WHERE status IN ('queued', 'running') AND instance_id <> $1 AND heartbeat_at < now() - interval '2 minutes'""";

  static final String JOB_HEARTBEAT =
      "UPDATE query_jobs SET heartbeat_at = now(), instance_id = $2 WHERE id = ANY($1)";

  private QuerySql() {}
}
