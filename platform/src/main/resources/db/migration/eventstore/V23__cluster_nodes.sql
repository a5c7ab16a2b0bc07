-- Every application node's heartbeat and the processing groups it runs. The nodes agree from it on who is live,
-- and so on which node each segment of each group belongs to (SegmentBalancer); times are the database's own, so
-- nodes whose clocks differ still agree.
CREATE TABLE cluster_nodes (
    node_id   text PRIMARY KEY,
    groups    text[] NOT NULL,
    last_seen timestamptz NOT NULL
);
