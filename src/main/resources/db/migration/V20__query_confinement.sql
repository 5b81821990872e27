-- Query confinement: the database-side wall under the SQL guard (com.analyticsstudio.query).
--
-- User SQL runs as a per-project NOLOGIN reader role (as_r_<project>) inside a READ ONLY
-- transaction. Those roles get their rights only through PUBLIC, so everything PUBLIC may do here
-- is something hostile SQL may try if the parser filter ever misses it. This migration takes away
-- from PUBLIC what a read-only analytical query never needs.
--
-- Runs as the app's login role. On dev machines that is a superuser and every statement takes
-- effect. When it is not, revoking a privilege on an object it does not own is a no-op (PostgreSQL
-- warns) or an error; each statement is wrapped so the migration still completes, and a NOTICE says
-- what could not be done: have a DBA run this file as a superuser in that case.
--
-- The revokes on functions apply to this database's pg_catalog only (each database has its own
-- catalog); other databases of the cluster are untouched.
--
-- Every privilege taken from PUBLIC is granted back to the role running the migration (the app's
-- login role): the app itself may use e.g. pg_advisory_lock (Flyway does) or set_config. Reader
-- roles are members of nothing, so they never inherit these grants (the app role is a member of the
-- reader roles, not the other way round). Superusers bypass EXECUTE checks anyway.

DO $$
DECLARE
  f record;
BEGIN
  FOR f IN
    SELECT p.oid::regprocedure AS sig
    FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE (n.nspname = 'pg_catalog' AND p.proname IN (
            -- SET LOCAL ROLE / search_path can be changed from inside a SELECT through
            -- set_config('role', 'as_r_<other project>', true): the single most important revoke.
            'set_config',
            -- Denial of service: a reader could hold a pooled connection for as long as the
            -- statement timeout allows, and many at once.
            'pg_sleep', 'pg_sleep_for', 'pg_sleep_until',
            -- Server control: signalling backends (same-role checks exist, but a query never needs
            -- it) and reloading the configuration.
            'pg_terminate_backend', 'pg_cancel_backend', 'pg_reload_conf', 'pg_rotate_logfile',
            -- Server file system access. Already superuser/pg_read_server_files only by default in
            -- PostgreSQL 15; revoked again in case a DBA granted them to PUBLIC.
            'pg_read_file', 'pg_read_binary_file', 'pg_ls_dir', 'pg_stat_file', 'pg_ls_logdir',
            'pg_ls_waldir', 'pg_ls_tmpdir', 'pg_ls_archive_statusdir', 'pg_current_logfile',
            -- Server-side large objects: lo_import/lo_export read and write server files (superuser
            -- by default); the rest create or read large objects, which a query never needs.
            'lo_import', 'lo_export', 'lo_create', 'lo_creat', 'lo_unlink', 'lo_open', 'lo_close',
            'loread', 'lowrite', 'lo_get', 'lo_put', 'lo_from_bytea', 'lo_truncate', 'lo_truncate64',
            'lo_lseek', 'lo_lseek64', 'lo_tell', 'lo_tell64',
            -- These run a query string of their own: the SQL inside the string never passes the
            -- parser filter, so they are an escape hatch around it.
            'query_to_xml', 'query_to_xmlschema', 'query_to_xml_and_xmlschema', 'cursor_to_xml',
            'cursor_to_xmlschema', 'table_to_xml', 'table_to_xmlschema', 'table_to_xml_and_xmlschema',
            'schema_to_xml', 'schema_to_xmlschema', 'schema_to_xml_and_xmlschema', 'database_to_xml',
            'database_to_xmlschema', 'database_to_xml_and_xmlschema', 'ts_stat',
            -- Advisory locks are shared across the whole database: a reader could block the app's
            -- own users of them (Flyway, job schedulers).
            'pg_advisory_lock', 'pg_advisory_lock_shared', 'pg_advisory_xact_lock',
            'pg_advisory_xact_lock_shared', 'pg_try_advisory_lock', 'pg_try_advisory_lock_shared',
            'pg_try_advisory_xact_lock', 'pg_try_advisory_xact_lock_shared', 'pg_advisory_unlock',
            'pg_advisory_unlock_shared', 'pg_advisory_unlock_all',
            -- Side channel out of a read-only transaction (NOTIFY is delivered on commit only, but
            -- there is no reason to allow it).
            'pg_notify'))
       -- dblink, wherever the extension was installed: connects elsewhere and runs any SQL.
       OR p.proname LIKE 'dblink%'
  LOOP
    BEGIN
      EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f.sig);
      EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO CURRENT_USER', f.sig);
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'query confinement: could not revoke EXECUTE on % (%); run this migration as a superuser', f.sig, SQLERRM;
    END;
  END LOOP;
END $$;

-- PL/pgSQL: a DO block (or a function body) runs several statements in one. Inside one, RESET ROLE
-- returns to the session user (the app's login role, which can read every project) and the next
-- statement of the block runs with its rights. The parser filter refuses DO, but only this closes the
-- hole in the database: reader roles cannot use the language at all. The app role keeps it.
DO $$
BEGIN
  REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC;
  GRANT USAGE ON LANGUAGE plpgsql TO CURRENT_USER;
EXCEPTION WHEN insufficient_privilege OR undefined_object THEN
  RAISE NOTICE 'query confinement: could not revoke USAGE on language plpgsql (%)', SQLERRM;
END $$;

-- Deliberately NOT revoked: current_setting (PostgreSQL's own views and many tools call it; it only
-- reads settings, and the parser filter refuses it in user SQL), version(), current_user and the
-- other information functions (they reveal little and revoking them breaks drivers and tools).

-- New objects in schema public: PostgreSQL 15 no longer grants CREATE on public to PUBLIC, but a
-- database upgraded from an older version still has it. Reader roles must not create anything
-- (a function in public would be reachable by name from a query).
DO $$
BEGIN
  REVOKE CREATE ON SCHEMA public FROM PUBLIC;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'query confinement: could not revoke CREATE on schema public (%)', SQLERRM;
END $$;

-- Temporary tables: PUBLIC may create them in every database by default. Temp objects live in
-- pg_temp, which is searched before the project's schema and could shadow names; a read-only query
-- never needs them. CONNECT stays with PUBLIC: reader roles are NOLOGIN, and other login roles
-- (backups, monitoring) may need it. The app role keeps TEMPORARY through an explicit grant.
DO $$
BEGIN
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO CURRENT_USER', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'query confinement: could not revoke TEMPORARY on the database (%)', SQLERRM;
END $$;
