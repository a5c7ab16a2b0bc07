-- Read model of the "friendships" processing group (BlockProjection): who blocks whom. Walls, feeds, single posts,
-- profiles and search hide a member from anyone they block or are blocked by, with one index lookup each way.
CREATE TABLE member_blocks
(
    blocker_id UUID        NOT NULL,
    blocked_id UUID        NOT NULL,
    blocked_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);

CREATE INDEX member_blocks_by_blocked ON member_blocks (blocked_id, blocker_id);
