-- API keys get scopes (read, upload, admin) and an optional expiry. Keys made before this keep
-- everything they could do; new keys get what their creator chose (read by default).
ALTER TABLE api_keys
  ADD COLUMN scopes text[] NOT NULL DEFAULT '{read,upload,admin}',
  ADD COLUMN expires_at timestamptz;
ALTER TABLE api_keys ALTER COLUMN scopes SET DEFAULT '{read}';
ALTER TABLE api_keys ADD CONSTRAINT api_keys_scopes_known
  CHECK (scopes <@ '{read,upload,admin}'::text[] AND cardinality(scopes) > 0);
-- Counting a user's recent and live keys (creation limits) reads this index.
CREATE INDEX api_keys_user_created_idx ON api_keys (user_id, created_at);
