-- Ledger checkpoints are signed (LedgerCheckpoints): HMAC-SHA256, under the integrity key the database does not hold,
-- of position, global_index, chain_hash and sealed_at. Checkpoints sealed before this migration have none.
ALTER TABLE ledger_checkpoints ADD COLUMN signature BYTEA;
