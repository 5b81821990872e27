-- Datasets: metadata here, data in the project's own schema (p_<project hex>) as one physical
-- table per version behind a view named after the dataset, so its SQL name always reads the
-- live version and a replace swaps atomically.
CREATE TABLE datasets (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id  uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name        text NOT NULL,
  table_name  text NOT NULL,
  status      text NOT NULL CHECK (status IN ('receiving', 'parsing', 'loading', 'ready', 'failed')),
  -- The live version; 0 until a first load succeeds.
  version     integer NOT NULL DEFAULT 0,
  row_count   bigint,
  columns     jsonb NOT NULL DEFAULT '[]',
  warnings    jsonb NOT NULL DEFAULT '[]',
  error       jsonb,
  -- {phase, bytesReceived, bytesTotal, bytesParsed, rowsLoaded} of the load in progress.
  progress    jsonb NOT NULL DEFAULT '{}',
  source      jsonb,
  -- Per-column profile of the live version, computed on first request and kept until it changes.
  profile     jsonb,
  profile_version integer,
  created_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, table_name)
);
CREATE INDEX datasets_project_idx ON datasets (project_id, created_at DESC);

CREATE TABLE dataset_versions (
  dataset_id     uuid NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  version        integer NOT NULL,
  mode           text NOT NULL CHECK (mode IN ('create', 'replace', 'append', 'retype')),
  physical_table text NOT NULL,
  storage_key    text,
  row_count      bigint NOT NULL,
  columns        jsonb NOT NULL,
  created_by     uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dataset_id, version)
);
