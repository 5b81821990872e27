-- Saved charts: one live document per chart (name, description, the query — a semantic query or
-- SQL — and the visualization settings) with an optimistic version, and every version kept for
-- history and restore. Deleting a chart is soft (deleted_at): it disappears from every read, its
-- versions and audit entries stay.
CREATE TABLE charts (
  id            uuid PRIMARY KEY,
  project_id    uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name          text NOT NULL,
  description   text,
  query         jsonb NOT NULL,
  visualization jsonb NOT NULL,
  version       integer NOT NULL DEFAULT 1,
  created_by    uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  deleted_at    timestamptz
);
-- The list: a project's live charts, newest first, paged by (created_at, id).
CREATE INDEX charts_project_live_idx ON charts (project_id, created_at DESC, id DESC)
  WHERE deleted_at IS NULL;

CREATE TABLE chart_versions (
  chart_id      uuid NOT NULL REFERENCES charts (id) ON DELETE CASCADE,
  version       integer NOT NULL,
  -- created | edited | restored
  change        text NOT NULL CHECK (change IN ('created', 'edited', 'restored')),
  name          text NOT NULL,
  description   text,
  query         jsonb NOT NULL,
  visualization jsonb NOT NULL,
  created_by    uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (chart_id, version)
);
