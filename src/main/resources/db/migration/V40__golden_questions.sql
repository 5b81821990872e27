-- Golden questions (issue #18): a project's own regression set for Ask. Each is a question and its
-- expected answer written as SQL over the project's datasets (run through the same guarded path),
-- so a change to the planner or the model is measured on the project's own data.
CREATE TABLE golden_questions (
  id           bigserial PRIMARY KEY,
  project_id   uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  question     text NOT NULL CHECK (length(question) BETWEEN 1 AND 1000),
  expected_sql text NOT NULL CHECK (length(expected_sql) BETWEEN 1 AND 20000),
  -- true when the order of the rows is part of the answer (a top N, a time series)
  ordered      boolean NOT NULL DEFAULT false,
  created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX golden_questions_project_idx ON golden_questions (project_id, id);
