-- Query confinement, second round (issue #15): the functions V20 left to PUBLIC that run SQL text,
-- change per-connection state or read server state, and a grant-back that also works when a
-- superuser ran the migrations for a non-superuser app role (config/postgres/provision.sql).
--
-- Reader roles (as_r_<project>) get their rights only through PUBLIC, and a pooled connection is
-- shared by every project: anything a statement can leave behind on the connection (a random seed,
-- an advisory lock, a setting) is visible to the next tenant, and anything that reads the server
-- (settings, activity, statistics, comments, files) is not data of the project. The parser filter
-- refuses all of these by name; this is the wall under it.
--
-- Same shape as V20: each revoke is wrapped so the migration also completes when it runs as a role
-- that cannot revoke (a non-superuser app role: PostgreSQL then warns or refuses, and a NOTICE says
-- what could not be done). A deployment whose app role is not a superuser has a DBA run
-- config/postgres/provision.sql once, which applies V20 and this file as a superuser.
--
-- Patterns and names are kept in step with ReaderFunctionsIT, which lists every function a reader
-- role can execute and fails on any of these (so one added by a future PostgreSQL shows up).

DO $$
DECLARE
  f record;
  owner name := (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database());
BEGIN
  FOR f IN
    SELECT p.oid::regprocedure AS sig
    FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE (n.nspname = 'pg_catalog' AND (p.proname IN (
            -- change the session or the connection for the next tenant
            'set_config', 'setseed', 'pg_notify', 'pg_export_snapshot', 'pg_stat_clear_snapshot',
            'txid_current', 'txid_current_if_assigned', 'pg_current_xact_id', 'pg_current_xact_id_if_assigned',
            'pg_sleep', 'pg_sleep_for', 'pg_sleep_until', 'pg_cancel_backend', 'pg_terminate_backend',
            'pg_reload_conf', 'pg_rotate_logfile', 'pg_log_backend_memory_contexts',
            -- run a query string of their own (it never passes the parser filter)
            'ts_stat', 'ts_rewrite',
            -- read server state: settings, identity, activity, locks, other sessions' objects
            'current_setting', 'pg_show_all_settings', 'pg_show_all_file_settings', 'pg_hba_file_rules',
            'pg_ident_file_mappings', 'pg_settings_get_flags', 'version', 'inet_server_addr',
            'inet_server_port', 'inet_client_addr', 'inet_client_port', 'pg_backend_pid',
            'pg_postmaster_start_time', 'pg_conf_load_time', 'pg_current_logfile', 'pg_lock_status',
            'pg_blocking_pids', 'pg_safe_snapshot_blocking_pids', 'pg_isolation_test_session_is_blocked',
            'pg_prepared_xact', 'pg_cursor', 'pg_prepared_statement', 'pg_listening_channels',
            'pg_notification_queue_usage', 'pg_tablespace_location', 'pg_get_backend_memory_contexts',
            'pg_get_shmem_allocations', 'pg_get_replication_slots', 'pg_get_wal_resource_managers',
            'pg_get_wal_replay_pause_state', 'pg_is_wal_replay_paused', 'pg_last_committed_xact',
            'txid_current_snapshot', 'txid_status', 'pg_current_snapshot', 'pg_xact_status',
            'pg_xact_commit_timestamp', 'pg_xact_commit_timestamp_origin', 'pg_jit_available',
            'pg_trigger_depth', 'obj_description', 'col_description', 'shobj_description',
            'loread', 'lowrite')
          OR p.proname LIKE 'pg\_advisory%' OR p.proname LIKE 'pg\_try\_advisory%'
          OR p.proname LIKE 'lo\_%'
          OR p.proname LIKE '%query\_to\_xml%' OR p.proname LIKE '%cursor\_to\_xml%'
          OR p.proname LIKE 'table\_to\_xml%' OR p.proname LIKE 'schema\_to\_xml%'
          OR p.proname LIKE 'database\_to\_xml%'
          OR p.proname LIKE 'pg\_read\_%' OR p.proname LIKE 'pg\_file%' OR p.proname LIKE 'pg\_ls\_%'
          OR p.proname LIKE 'pg\_stat\_%'
          -- replication slots and logical decoding (they check REPLICATION themselves; never needed)
          OR p.proname LIKE 'pg\_%replication%' OR p.proname LIKE 'pg\_logical\_%'
          OR p.proname LIKE 'pg\_create\_%' OR p.proname LIKE 'pg\_drop\_%'
          OR p.proname LIKE 'pg\_control\_%' OR p.proname LIKE 'pg\_%wal%' OR p.proname LIKE 'pg\_%\_size'))
       OR p.proname LIKE 'dblink%'
  LOOP
    BEGIN
      EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f.sig);
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'query confinement: could not revoke EXECUTE on % (%); have a superuser run config/postgres/provision.sql', f.sig, SQLERRM;
    END;
  END LOOP;

  -- What the app itself calls (Flyway's and the ingest's advisory locks, job cancellation through
  -- pg_stat_activity, settings reads, the pooled-session checks of the tests) goes back to the role
  -- that runs the migrations and to the database's owner, which is the app's login role when a
  -- superuser provisioned the database for a non-superuser app (V20 granted only CURRENT_USER).
  -- Reader roles are members of nothing, so they never inherit these grants.
  FOR f IN
    SELECT p.oid::regprocedure AS sig
    FROM pg_proc p
    WHERE p.pronamespace = 'pg_catalog'::regnamespace AND (p.proname IN (
            'set_config', 'current_setting', 'version', 'pg_backend_pid', 'pg_cancel_backend',
            'pg_stat_get_activity', 'pg_listening_channels', 'pg_prepared_statement', 'pg_cursor',
            'pg_show_all_settings', 'pg_sleep')
          OR p.proname LIKE 'pg\_advisory%' OR p.proname LIKE 'pg\_try\_advisory%')
  LOOP
    BEGIN
      EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO CURRENT_USER', f.sig);
      IF owner IS NOT NULL AND owner <> current_user THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', f.sig, owner);
      END IF;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'query confinement: could not grant EXECUTE on % back to the app role (%)', f.sig, SQLERRM;
    END;
  END LOOP;
END $$;

-- V20 kept PL/pgSQL and temporary tables for CURRENT_USER only; the database owner (the app role of
-- a provisioned database) needs them too: ProjectSchemas creates reader roles in a DO block.
DO $$
DECLARE
  owner name := (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database());
BEGIN
  IF owner IS NOT NULL AND owner <> current_user THEN
    EXECUTE format('GRANT USAGE ON LANGUAGE plpgsql TO %I', owner);
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO %I', current_database(), owner);
  END IF;
EXCEPTION WHEN insufficient_privilege OR undefined_object THEN
  RAISE NOTICE 'query confinement: could not grant plpgsql / TEMPORARY to the database owner (%)', SQLERRM;
END $$;
