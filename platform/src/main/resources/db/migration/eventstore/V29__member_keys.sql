-- One AES key per member, which encrypts their personal data in events, snapshots and dead letters (privacy
-- package). Erasing a member deletes the secret and keeps the row as a tombstone, so no new key is ever made for
-- them and their later mentions are stored already erased (docs/privacy.md).
CREATE TABLE member_keys (
    subject_id UUID PRIMARY KEY,
    secret     BYTEA,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    erased_at  TIMESTAMPTZ,
    CHECK ((secret IS NULL) = (erased_at IS NOT NULL))
);
