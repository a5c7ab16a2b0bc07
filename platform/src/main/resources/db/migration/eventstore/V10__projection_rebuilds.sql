-- Rebuilds of processing groups asked for by admins, coordinated through this table by every node (see
-- ProjectionRebuilds): REQUESTED (each node stops its processor; one resets the tokens once no node holds a segment),
-- REPLAYING (every node runs the processor again, replaying history), FINISHED (no segment replays any more), or
-- CANCELLED (given up while still REQUESTED: every node runs the processor again, nothing was reset).
CREATE TABLE projection_rebuilds
(
    rebuild_id       BIGSERIAL PRIMARY KEY,
    processing_group VARCHAR(255) NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    requested_by     VARCHAR(255) NOT NULL,
    requested_at     TIMESTAMPTZ  NOT NULL,
    reset_at         TIMESTAMPTZ,
    reset_by_node    VARCHAR(255),
    finished_at      TIMESTAMPTZ
);
-- one rebuild at a time per group
CREATE UNIQUE INDEX projection_rebuilds_running ON projection_rebuilds (processing_group)
    WHERE state IN ('REQUESTED', 'REPLAYING');
