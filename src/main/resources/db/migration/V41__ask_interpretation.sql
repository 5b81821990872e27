-- Ask (issue #18): what the planner understood (the chips) and the other readings it offered,
-- kept with the exchange so a reopened thread shows them as the fresh answer did.
ALTER TABLE ask_exchanges ADD COLUMN interpretation jsonb;
ALTER TABLE ask_exchanges ADD COLUMN alternatives jsonb;
