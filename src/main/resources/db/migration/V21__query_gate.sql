-- The query gate: lets the query engine keep a project's catalog (membership, datasets and their
-- live versions) in memory and still never run a statement on a stale view of it.
--
-- projects.catalog_version changes whenever the set of queryable datasets of the project changes
-- (a version goes live, a dataset is deleted). The engine remembers the catalog with the
-- catalog_version it was read at; every confined query transaction first calls as_query_gate with
-- that number, in the same round trip as its setup, before it switches to the reader role. The gate
-- fails the transaction when the caller is no longer a member (ASQ01) or the catalog moved on (ASQ02);
-- the engine then re-reads the catalog and tries once more. Under REPEATABLE READ the statement then
-- sees exactly the datasets the gate confirmed.

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

CREATE FUNCTION as_query_gate(p_project uuid, p_user uuid, p_catalog_version bigint) RETURNS void
LANGUAGE plpgsql STABLE AS $$
DECLARE
  current_version bigint;
BEGIN
  SELECT p.catalog_version INTO current_version
  FROM project_members m JOIN projects p ON p.id = m.project_id
  WHERE m.project_id = p_project AND m.user_id = p_user;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'not a member of the project' USING ERRCODE = 'ASQ01';
  END IF;
  IF current_version <> p_catalog_version THEN
    RAISE EXCEPTION 'the project''s datasets changed' USING ERRCODE = 'ASQ02';
  END IF;
END $$;

-- Only the app role calls it (before SET LOCAL ROLE); reader roles have no business with membership.
REVOKE EXECUTE ON FUNCTION as_query_gate(uuid, uuid, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION datasets_bump_catalog_version() FROM PUBLIC;
