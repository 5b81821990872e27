-- Public links of dashboards: a token opens one dashboard read-only, signed out. Only the token's
-- SHA-256 is kept (the token itself is shown once, when the link is made). A link speaks for the
-- editor who made it (created_by): its runs use that user's project access and fair share, and it
-- stops working when they are no longer an editor or owner of the project, when it is revoked, when
-- it expires or when the dashboard is deleted.
CREATE TABLE dashboard_links (
  id           uuid PRIMARY KEY,
  dashboard_id uuid NOT NULL REFERENCES dashboards (id) ON DELETE CASCADE,
  project_id   uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  token_digest text NOT NULL UNIQUE,
  -- The first characters of the token, so a list can tell links apart without holding them.
  token_hint   text NOT NULL,
  created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz,
  revoked_at   timestamptz,
  revoked_by   uuid REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX dashboard_links_dashboard_idx ON dashboard_links (dashboard_id, created_at DESC);
