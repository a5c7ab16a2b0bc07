-- Ledger verification jobs (LedgerVerificationJobs): one row a job, RUNNING while a node walks the ledger (it bumps
-- heartbeat_at with every batch it checks), then FINISHED with its report (LedgerReport as JSON) or FAILED with why.
-- A RUNNING job whose heartbeat is older than a minute lost its node and is read as ABANDONED.
CREATE TABLE ledger_verifications
(
    verification_id UUID         PRIMARY KEY,
    state           VARCHAR(16)  NOT NULL,
    requested_by    VARCHAR(255) NOT NULL,
    requested_at    TIMESTAMPTZ  NOT NULL,
    heartbeat_at    TIMESTAMPTZ  NOT NULL,
    entries_checked BIGINT       NOT NULL DEFAULT 0,
    entries_total   BIGINT       NOT NULL,
    finished_at     TIMESTAMPTZ,
    report          TEXT,
    failure         TEXT
);
-- one verification at a time in the whole cluster: each reads the whole event store
CREATE UNIQUE INDEX ledger_verifications_running ON ledger_verifications ((true)) WHERE state = 'RUNNING';
