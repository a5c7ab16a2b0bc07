-- What the "notifications" processing group (NotificationProjection) needs to send a notification only to members
-- who may see its post: which posts show to friends only, on whose wall, and who is friends with whom (one row
-- per direction), kept from the events by the group itself so that a rebuild decides exactly as live handling did.
CREATE TABLE notification_friends_only_posts
(
    post_id         UUID PRIMARY KEY,
    wall_profile_id UUID NOT NULL
);

CREATE TABLE notification_friendships
(
    profile_id UUID NOT NULL,
    friend_id  UUID NOT NULL,
    PRIMARY KEY (profile_id, friend_id)
);

-- An existing network starts them from the walls and friendships read models (a rebuild of "notifications" makes
-- them exactly what its own history says).
INSERT INTO notification_friends_only_posts (post_id, wall_profile_id)
SELECT post_id, wall_profile_id FROM posts WHERE privacy = 'FRIENDS';

INSERT INTO notification_friendships (profile_id, friend_id)
SELECT profile_id, friend_id FROM friendships;
