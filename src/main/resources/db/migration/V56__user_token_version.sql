-- Access tokens carry the user's token version; signing out (one session or everywhere) increments
-- it, and a token whose version is behind is refused.
ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0;
