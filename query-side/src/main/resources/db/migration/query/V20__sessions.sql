-- Members' sessions (processing group "sessions", SessionProjection): the list a member sees and ends sessions from.
-- Last use is a login or a refresh, never a request (access tokens are checked without a store).
CREATE TABLE sessions
(
    session_id     UUID PRIMARY KEY,
    profile_id     UUID        NOT NULL,
    device         TEXT,
    client_address TEXT,
    started_at     TIMESTAMPTZ NOT NULL,
    last_used_at   TIMESTAMPTZ NOT NULL,
    revoked_at     TIMESTAMPTZ,
    revoked_for    TEXT
);

CREATE INDEX sessions_of_member ON sessions (profile_id, last_used_at DESC) WHERE revoked_at IS NULL;

-- Not a read model: the command side's list of recently revoked sessions (command-side RevokedSessions), written by
-- the Session aggregate in the transaction of its SessionRevoked event and polled by every node, which then refuses
-- the sessions' access tokens. It shares this migration only because both came with one change (V20).
CREATE TABLE revoked_sessions
(
    session_id UUID PRIMARY KEY,
    profile_id UUID        NOT NULL,
    revoked_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX revoked_sessions_by_time ON revoked_sessions (revoked_at);
