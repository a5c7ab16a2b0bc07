-- Read model of the "ledger" processing group (LedgerProjection): a SHA-256 hash chain over every event, in the order
-- the ledger chained them (global order, save for an event whose transaction committed late, which is chained when
-- it appears). event_hash covers the event's stored columns; chain_hash = SHA-256(previous chain_hash || event_hash).
CREATE TABLE ledger_entries
(
    position         BIGINT       PRIMARY KEY,
    global_index     BIGINT       NOT NULL UNIQUE,
    event_identifier VARCHAR(255) NOT NULL,
    event_hash       BYTEA        NOT NULL,
    chain_hash       BYTEA        NOT NULL
);

-- The chain hash every so many events, also written to the log: copies kept elsewhere make a rewrite of the whole
-- chain (events and ledger together) detectable.
CREATE TABLE ledger_checkpoints
(
    position     BIGINT      PRIMARY KEY,
    global_index BIGINT      NOT NULL,
    chain_hash   BYTEA       NOT NULL,
    sealed_at    TIMESTAMPTZ NOT NULL
);
