-- Ask (issue #10.7): a question the dataset's semantic model answers is run as a semantic query;
-- the exchange keeps that query beside its compiled SQL, and its source is 'semantic'.
ALTER TABLE ask_exchanges ADD COLUMN semantic_query jsonb;
ALTER TABLE ask_exchanges DROP CONSTRAINT ask_exchanges_source_check;
ALTER TABLE ask_exchanges ADD CONSTRAINT ask_exchanges_source_check
  CHECK (source IN ('llm', 'planner', 'semantic'));
