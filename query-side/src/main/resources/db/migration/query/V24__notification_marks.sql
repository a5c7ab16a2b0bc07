-- What members marked on their notifications, kept by the "notifications" processing group from the inbox's events
-- (NotificationsMarked, AllNotificationsRead) beside the flags on the notifications themselves: a rebuild may meet a
-- mark before the notification it marks (they come from different aggregates, handled in different segments), and
-- the notification takes it when it is added.
CREATE TABLE notification_marks
(
    notification_id UUID NOT NULL,
    profile_id      UUID NOT NULL,
    read            BOOLEAN,
    visited         BOOLEAN,
    PRIMARY KEY (notification_id, profile_id)
);

-- A member's "mark all as read": every notification about something that happened up to then is read.
CREATE TABLE notification_reads
(
    profile_id   UUID PRIMARY KEY,
    read_through TIMESTAMPTZ NOT NULL
);
