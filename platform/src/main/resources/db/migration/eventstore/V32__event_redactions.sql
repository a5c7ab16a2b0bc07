-- Events stored before personal data was sealed, rewritten when their member was erased: one row per rewrite, the
-- event's ledger fingerprint before and after, signed with the integrity key, so that ledger verification can tell
-- this rewrite from tampering while the chain keeps the old fingerprint (docs/privacy.md, docs/auditing.md).
CREATE TABLE event_redactions (
    global_index     BIGINT      NOT NULL,
    event_identifier TEXT        NOT NULL,
    old_hash         BYTEA       NOT NULL,
    new_hash         BYTEA       NOT NULL,
    erasure_event_id TEXT        NOT NULL,
    redacted_at      TIMESTAMPTZ NOT NULL,
    signature        BYTEA       NOT NULL,
    PRIMARY KEY (global_index, old_hash)
);
