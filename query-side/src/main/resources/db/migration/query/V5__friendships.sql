-- Read model of the "friendships" processing group (FriendshipProjection): one row per direction, so "is B a
-- friend of A" and "A's friends" are single index lookups for the walls and feeds that judge visibility in SQL.
CREATE TABLE friendships
(
    profile_id      UUID        NOT NULL,
    friend_id       UUID        NOT NULL,
    friend_username VARCHAR(32) NOT NULL,
    since           TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (profile_id, friend_id)
);
