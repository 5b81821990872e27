-- Idempotency-Key: the first successful answer of a POST that creates something, replayed to a
-- retry with the same key for 24 hours (com.analyticsstudio.idempotency). Keyed by who asked, the
-- operation and the client's key, so two users (or two operations) never share an entry.
CREATE TABLE idempotency_keys (
  user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  operation      text NOT NULL,
  -- sha-256 of the client's Idempotency-Key (the key itself is not kept)
  key            text NOT NULL,
  -- sha-256 of what identifies the request (path, query, body or its length and type)
  fingerprint    text NOT NULL,
  -- NULL while the first request runs; then the answer to replay, its body sealed with AES-GCM
  -- under a key derived from the client's key (an answer may hold a new API key)
  status         integer,
  content_type   text,
  body           bytea,
  -- an unfinished entry (its process died) can be taken over after this
  locked_until   timestamptz NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  PRIMARY KEY (user_id, operation, key)
);
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);
