-- Dashboards: one live document per dashboard (name, description, and the layout — columns,
-- refresh, widgets, filters — as JSONB) with an optimistic version, and every version kept with
-- its author, save note and what it changed (the change log). Deleting is soft (deleted_at) as for
-- charts: the dashboard disappears from every read, its versions and audit entries stay.
CREATE TABLE dashboards (
  id          uuid PRIMARY KEY,
  project_id  uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name        text NOT NULL,
  description text,
  layout      jsonb NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  deleted_at  timestamptz
);
-- The list: a project's live dashboards, newest first, paged by (created_at, id).
CREATE INDEX dashboards_project_live_idx ON dashboards (project_id, created_at DESC, id DESC)
  WHERE deleted_at IS NULL;

CREATE TABLE dashboard_versions (
  dashboard_id  uuid NOT NULL REFERENCES dashboards (id) ON DELETE CASCADE,
  version       integer NOT NULL,
  change        text NOT NULL CHECK (change IN ('created', 'edited', 'restored')),
  restored_from integer,
  note          text,
  name          text NOT NULL,
  description   text,
  layout        jsonb NOT NULL,
  -- {widgets: {added, removed, moved, edited}, filters: {added, removed, edited}, fields}
  changes       jsonb NOT NULL,
  created_by    uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dashboard_id, version)
);
