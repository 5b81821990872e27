-- Bytes (estimated as JSON) of a job's stored result pages, kept as they are written, so a
-- project's stored job results are capped (QUERY_JOB_MAX_STORED_MB_PER_PROJECT) with one indexed
-- sum instead of measuring jsonb values.
ALTER TABLE query_jobs ADD COLUMN result_bytes bigint NOT NULL DEFAULT 0;
