-- A query connection whose protocol state is broken (a value too large for the client to buffer
-- made it fail mid-message, or its ROLLBACK never answered) must leave the pool for good; the only
-- public way to make the pool drop it is to end its backend, which the app does with
-- pg_terminate_backend on its own backends (same role). V50 revoked the function from PUBLIC; it
-- comes back only for the role that runs the migrations and the database's owner (the app's login
-- role), never for reader roles, which are members of nothing.
DO $$
DECLARE
  owner name := (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database());
BEGIN
  BEGIN
    GRANT EXECUTE ON FUNCTION pg_catalog.pg_terminate_backend(integer, bigint) TO CURRENT_USER;
    IF owner IS NOT NULL AND owner <> current_user THEN
      EXECUTE format('GRANT EXECUTE ON FUNCTION pg_catalog.pg_terminate_backend(integer, bigint) TO %I', owner);
    END IF;
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'could not grant EXECUTE on pg_terminate_backend back to the app role (%)', SQLERRM;
  END;
END $$;
