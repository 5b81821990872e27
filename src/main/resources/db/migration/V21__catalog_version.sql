-- A version number for each project's catalog: the set of its queryable datasets and their live
-- versions. It changes whenever a version goes live, a dataset is deleted or renamed as a table.
--
-- The query engine remembers a project's catalog in memory for a second (com.analyticsstudio.query
-- .QueryCatalog) and prepares user statements under a text naming the project and this number, so a
-- statement prepared for one shape of the project's tables is never reused for another.

ALTER TABLE projects ADD COLUMN catalog_version bigint NOT NULL DEFAULT 0;

CREATE FUNCTION datasets_bump_catalog_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.version > 0 THEN
      UPDATE projects SET catalog_version = catalog_version + 1 WHERE id = OLD.project_id;
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    IF NEW.version > 0 THEN
      UPDATE projects SET catalog_version = catalog_version + 1 WHERE id = NEW.project_id;
    END IF;
  ELSIF NEW.version IS DISTINCT FROM OLD.version OR NEW.table_name IS DISTINCT FROM OLD.table_name
        OR NEW.project_id IS DISTINCT FROM OLD.project_id THEN
    UPDATE projects SET catalog_version = catalog_version + 1 WHERE id IN (OLD.project_id, NEW.project_id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER datasets_catalog_version
  AFTER INSERT OR DELETE OR UPDATE OF version, table_name, project_id ON datasets
  FOR EACH ROW EXECUTE FUNCTION datasets_bump_catalog_version();

REVOKE EXECUTE ON FUNCTION datasets_bump_catalog_version() FROM PUBLIC;
