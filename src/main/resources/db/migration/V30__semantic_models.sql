-- Semantic models: one live document per dataset (its dimensions, measures, relationships,
-- fiscal year start) with an optimistic version, and every version kept for history and restore.
-- dataset_version is the dataset version the document was reconciled with: when a load makes a
-- newer one live, the next read reconciles the model (new columns, broken measures) and bumps it.
CREATE TABLE semantic_models (
  dataset_id      uuid PRIMARY KEY REFERENCES datasets (id) ON DELETE CASCADE,
  project_id      uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  version         integer NOT NULL,
  dataset_version integer NOT NULL,
  document        jsonb NOT NULL,
  updated_by      uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX semantic_models_project_idx ON semantic_models (project_id);

CREATE TABLE semantic_model_versions (
  dataset_id  uuid NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  version     integer NOT NULL,
  -- created | edited | restored | reconciled
  change      text NOT NULL CHECK (change IN ('created', 'edited', 'restored', 'reconciled')),
  document    jsonb NOT NULL,
  created_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dataset_id, version)
);
