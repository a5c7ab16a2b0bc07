// Members by id, and their lower-cased username, the key every A-to-Z page is ordered and paged by.
CREATE CONSTRAINT profile_id IF NOT EXISTS FOR (p:Profile) REQUIRE p.id IS UNIQUE;
CREATE INDEX profile_key IF NOT EXISTS FOR (p:Profile) ON (p.key);
// One node per friendship aggregate, remembering the last event applied so replays change nothing.
CREATE CONSTRAINT pair_id IF NOT EXISTS FOR (f:Pair) REQUIRE f.id IS UNIQUE;
