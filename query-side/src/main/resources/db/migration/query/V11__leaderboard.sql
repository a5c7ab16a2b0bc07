-- Read model of the "leaderboard" processing group (LeaderboardProjection): the most active members.
-- Every act counted is remembered once, by what it is about, so that an event handled twice counts once, and an
-- unlike or a deleted post takes back exactly what was counted. kind is 'post' (act_id: the post), 'comment'
-- (act_id: the comment) or 'like' (act_id: the member who liked).
CREATE TABLE leaderboard_acts
(
    post_id    UUID       NOT NULL,
    kind       VARCHAR(8) NOT NULL,
    act_id     UUID       NOT NULL,
    profile_id UUID       NOT NULL,
    PRIMARY KEY (post_id, kind, act_id)
);

-- The counts per member, kept in step with leaderboard_acts so that the board is read from an index, not summed.
-- The weights live in the score column: changing them is a migration, not a replay, since the counts stay true.
CREATE TABLE leaderboard_members
(
    profile_id UUID        PRIMARY KEY,
    username   VARCHAR(32) NOT NULL,
    posts      INTEGER     NOT NULL DEFAULT 0,
    comments   INTEGER     NOT NULL DEFAULT 0,
    likes      INTEGER     NOT NULL DEFAULT 0,
    score      INTEGER     GENERATED ALWAYS AS (3 * posts + 2 * comments + likes) STORED
);
CREATE INDEX leaderboard_ranking ON leaderboard_members (score DESC, username, profile_id) WHERE score > 0;
