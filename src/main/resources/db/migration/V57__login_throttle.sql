-- Login throttling that slows guessing without locking the owner out: consecutive failures per
-- account drive an exponential delay, and addresses the account signed in from before skip it.
ALTER TABLE users
  ADD COLUMN failed_logins integer NOT NULL DEFAULT 0,
  ADD COLUMN last_failed_login_at timestamptz;

-- Addresses stored as SHA-256 digests: enough to recognise one, not a list of where people were.
CREATE TABLE login_addresses (
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  address_hash text NOT NULL,
  last_seen_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, address_hash)
);
