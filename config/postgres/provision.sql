-- Pre-provisioning for running Analytics Studio with a NON-superuser login role (production).
--
-- Run once, as a PostgreSQL superuser, from the repository root:
--
--   psql "postgresql://postgres@db-host:5432/postgres" \
--     -v app_role=analytics_app -v app_password='…' -v app_database=analytics_studio \
--     -f config/postgres/provision.sql
--
-- then start the app with DATABASE_URL=postgresql://analytics_app:…@db-host:5432/analytics_studio.
-- The app applies the remaining migrations itself, as that role.
--
-- What the app role gets, and why (nothing else):
--   LOGIN, CREATEROLE  it creates one NOLOGIN reader role per project (as_r_<project>) and makes
--                      itself a member, so a query can SET LOCAL ROLE to it (query.ProjectSchemas);
--                      it drops them with the project. CREATEROLE cannot grant SUPERUSER,
--                      REPLICATION or BYPASSRLS, and (PostgreSQL 16+) only roles it created.
--   owner of its database  CREATE: one schema per project (p_<project>) and the app's tables in
--                      public (Flyway's history included); ANALYZE of the tables it loads; it can
--                      signal (pg_cancel_backend) its own backends, which is how query jobs are
--                      cancelled. Not CREATEDB: the database exists already.
--   EXECUTE on pg_advisory_* / pg_try_advisory_*, pg_cancel_backend, pg_backend_pid,
--   pg_stat_get_activity, current_setting, set_config, version, …, USAGE on plpgsql and TEMPORARY
--                      granted back by V20/V50 below (Flyway and the ingest take advisory locks;
--                      job cancellation reads pg_stat_activity; project setup runs a DO block).
--
-- The confinement migrations must run as a superuser, because only the owner of pg_catalog's
-- functions (the bootstrap superuser) can take EXECUTE away from PUBLIC, and reader roles get all
-- their rights through PUBLIC. Run by the app role afterwards (Flyway), they are harmless no-ops
-- (PostgreSQL warns "no privileges could be revoked"). They are idempotent; rerun this file after
-- upgrading PostgreSQL so functions a new version adds are covered (ReaderFunctionsIT lists them).

\set ON_ERROR_STOP on

SELECT format('CREATE ROLE %I LOGIN PASSWORD %L CREATEROLE NOSUPERUSER NOCREATEDB NOREPLICATION NOBYPASSRLS',
              :'app_role', :'app_password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app_role') \gexec

SELECT format('CREATE DATABASE %I OWNER %I', :'app_database', :'app_role')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'app_database') \gexec

\connect :app_database

-- V20, V22 and V50 grant what the app needs back to the database's owner (the app role).
\ir ../../src/main/resources/db/migration/V20__query_confinement.sql
-- V22 lets the app role SET LOCAL temp_file_limit on user statements (a superuser setting).
\ir ../../src/main/resources/db/migration/V22__temp_file_limit_grant.sql
\ir ../../src/main/resources/db/migration/V50__revoke_session_state_and_server_functions.sql
