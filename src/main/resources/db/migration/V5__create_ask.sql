-- Ask: conversation threads and every exchange (question, SQL, source, timings, tokens, cost,
-- error), per project.
CREATE TABLE ask_threads (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id  uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id     uuid REFERENCES users (id) ON DELETE CASCADE,
  title       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ask_threads_project_user_idx ON ask_threads (project_id, user_id, updated_at DESC);

CREATE TABLE ask_exchanges (
  id                bigserial PRIMARY KEY,
  thread_id         uuid REFERENCES ask_threads (id) ON DELETE CASCADE,
  project_id        uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id           uuid REFERENCES users (id) ON DELETE SET NULL,
  question          text NOT NULL,
  status            text NOT NULL CHECK (status IN ('answered', 'not_understood', 'failed')),
  source            text CHECK (source IN ('llm', 'planner')),
  fallback_reason   text,
  sql               text,
  answer            text,
  explanation       text,
  chart             jsonb,
  -- The planner's structured plan, so a follow-up in the thread can build on it.
  plan              jsonb,
  columns           jsonb,
  -- The first rows only, for showing the thread again; the full result is a query away.
  rows              jsonb,
  row_count         integer,
  error             jsonb,
  plan_ms           integer,
  query_ms          integer,
  total_ms          integer,
  model             text,
  prompt_tokens     integer,
  completion_tokens integer,
  cost_usd          numeric(12, 6),
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ask_exchanges_project_idx ON ask_exchanges (project_id, id DESC);
CREATE INDEX ask_exchanges_thread_idx ON ask_exchanges (thread_id, id);
