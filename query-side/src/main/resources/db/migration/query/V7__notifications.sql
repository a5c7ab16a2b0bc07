-- Read model of the "notifications" processing group (NotificationProjection). A notification's id is derived from
-- the event and the recipient, so handling an event twice notifies once. read/visited are set by their owner.
CREATE TABLE notifications
(
    notification_id UUID        PRIMARY KEY,
    profile_id      UUID        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    event           VARCHAR(32) NOT NULL,
    payload         JSONB       NOT NULL,
    read            BOOLEAN     NOT NULL DEFAULT FALSE,
    visited         BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX notifications_page ON notifications (profile_id, created_at DESC, notification_id DESC);
CREATE INDEX notifications_unread ON notifications (profile_id) WHERE NOT read;

-- Who wrote on a post and commented on it, so that a new comment reaches the author, the wall owner and every
-- earlier commenter without asking another projection.
CREATE TABLE notification_post_participants
(
    post_id    UUID NOT NULL,
    profile_id UUID NOT NULL,
    PRIMARY KEY (post_id, profile_id)
);
