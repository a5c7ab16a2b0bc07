-- Read model of the "accounts" processing group (AccountProjection).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE accounts
(
    profile_id    UUID PRIMARY KEY,
    username      VARCHAR(32)  NOT NULL,
    email         VARCHAR(320) NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX accounts_email ON accounts (email);
CREATE UNIQUE INDEX accounts_username ON accounts (lower(username));
-- serves substring search on usernames ("username_query")
CREATE INDEX accounts_username_trigram ON accounts USING gin (lower(username) gin_trgm_ops);
