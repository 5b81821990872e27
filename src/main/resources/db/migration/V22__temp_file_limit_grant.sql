-- User statements run with SET LOCAL temp_file_limit (QUERY_TEMP_FILE_LIMIT_MB), so a runaway
-- sort, hash or recursive CTE cannot fill the database's disk. temp_file_limit is a superuser
-- setting: PostgreSQL 15+ lets a superuser grant SET on it to another role. This grants it to the
-- database's owner, the app's login role under config/postgres/provision.sql (which runs this file
-- as a superuser). Run by Flyway as the local superuser, nothing is needed (a superuser may set
-- it); run by Flyway as the non-superuser app role, it is a no-op with a notice. The app checks the
-- privilege at start (has_parameter_privilege) and leaves the setting out, with a warning, when its
-- role lacks it, rather than failing every query.
DO $$
DECLARE
  owner name := (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database());
BEGIN
  IF current_setting('server_version_num')::int < 150000 THEN
    RAISE NOTICE 'temp_file_limit: GRANT SET ON PARAMETER needs PostgreSQL 15+';
  ELSIF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    RAISE NOTICE 'temp_file_limit: run this migration as a superuser (config/postgres/provision.sql) so the app role may set it';
  ELSIF owner IS NOT NULL AND owner <> current_user THEN
    EXECUTE format('GRANT SET ON PARAMETER temp_file_limit TO %I', owner);
  END IF;
END
$$;
