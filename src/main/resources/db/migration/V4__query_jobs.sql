-- Query jobs: long queries run in the background, polled and cancelled through the API. State lives
-- here so any instance can answer for a job; the result is stored bounded (at most the job's row
-- limit, capped by MAX_QUERY_ROWS) as JSON pages, and everything is deleted after QUERY_JOB_TTL_HOURS.
CREATE TABLE query_jobs (
  id              uuid PRIMARY KEY,
  project_id      uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  created_by      uuid REFERENCES users (id) ON DELETE SET NULL,
  sql             text NOT NULL,
  -- sha-256 of the normalised SQL (first 16 hex digits), as in the slow-query log.
  fingerprint     text NOT NULL,
  source          text NOT NULL,
  row_limit       integer NOT NULL,
  timeout_seconds integer NOT NULL,
  status          text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  row_count       bigint,
  truncated       boolean NOT NULL DEFAULT false,
  columns         jsonb,
  error           jsonb,
  -- The process running the job refreshes heartbeat_at; a job whose process died is failed by another.
  instance_id     text,
  heartbeat_at    timestamptz NOT NULL DEFAULT now(),
  created_at      timestamptz NOT NULL DEFAULT now(),
  started_at      timestamptz,
  finished_at     timestamptz
);
CREATE INDEX query_jobs_project_idx ON query_jobs (project_id, created_at DESC);
CREATE INDEX query_jobs_created_idx ON query_jobs (created_at);

-- Result rows, QueryJobs.PAGE_ROWS per page, as a JSON array of row arrays.
CREATE TABLE query_job_pages (
  job_id uuid NOT NULL REFERENCES query_jobs (id) ON DELETE CASCADE,
  page   integer NOT NULL,
  rows   jsonb NOT NULL,
  PRIMARY KEY (job_id, page)
);
