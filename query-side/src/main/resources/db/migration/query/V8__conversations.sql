-- Read model of the "conversations" processing group (ConversationProjection).
CREATE TABLE conversations
(
    chat_group_id UUID PRIMARY KEY,
    active        BOOLEAN NOT NULL,
    -- the latest message, for the conversation list
    last_message_id UUID,
    last_at         TIMESTAMPTZ,
    -- positions in the conversation's event stream: what "latest" and "read up to" compare
    last_seq        BIGINT
);
CREATE TABLE conversation_members
(
    chat_group_id UUID        NOT NULL,
    profile_id    UUID        NOT NULL,
    username      VARCHAR(32) NOT NULL,
    -- the member's read pointer: the latest message they have read, and when
    read_message_id UUID,
    read_at         TIMESTAMPTZ,
    read_seq        BIGINT,
    PRIMARY KEY (chat_group_id, profile_id)
);
CREATE INDEX conversation_members_by_member ON conversation_members (profile_id);
CREATE TABLE chat_messages
(
    message_id        UUID PRIMARY KEY,
    chat_group_id     UUID          NOT NULL,
    from_id           UUID          NOT NULL,
    from_username     VARCHAR(32)   NOT NULL,
    content           VARCHAR(4096) NOT NULL,
    client_message_id VARCHAR(64),
    created_at        TIMESTAMPTZ   NOT NULL,
    seq               BIGINT        NOT NULL
);
CREATE INDEX chat_messages_page ON chat_messages (chat_group_id, created_at DESC, message_id DESC);
