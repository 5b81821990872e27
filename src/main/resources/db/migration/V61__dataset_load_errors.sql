-- Clean states after a failed load (issue #17.4).
--
-- A failed new version of a live dataset leaves it ready on its previous version; the failure is
-- kept here, attached to the version that was attempted, until the next load succeeds.
ALTER TABLE datasets ADD COLUMN last_load_error jsonb;

-- A refused first upload leaves no dataset row (its table name is free again), but a client that
-- was already answered 202 still reads why by the dataset's id: GET …/datasets/{id} and its event
-- stream answer from here for 24 hours. Nothing else reads these rows.
CREATE TABLE dataset_refusals (
  dataset_id  uuid PRIMARY KEY,
  project_id  uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  -- the dataset JSON as it was when the load failed (status failed, with its error)
  dataset     jsonb NOT NULL,
  refused_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dataset_refusals_age_idx ON dataset_refusals (refused_at);
