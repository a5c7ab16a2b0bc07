-- Rebuilds beside the live read model (see ProjectionRebuilds and BesideLiveRebuilds): a group that declares the
-- PostgreSQL tables it owns is rebuilt into copies of them in a schema of its own while the live tables keep serving,
-- BUILDING until the copies have caught up, then SWITCHING (every node stops the live processor for a moment) until
-- one node swaps the tables and hands the live processor the rebuild's position, in one transaction.
ALTER TABLE projection_rebuilds ADD COLUMN beside_live BOOLEAN NOT NULL DEFAULT FALSE;
-- since when the live processor has been stopped for the switch: a switch that cannot happen soon is given up on
ALTER TABLE projection_rebuilds ADD COLUMN switching_since TIMESTAMPTZ;

DROP INDEX projection_rebuilds_running;
CREATE UNIQUE INDEX projection_rebuilds_running ON projection_rebuilds (processing_group)
    WHERE state IN ('REQUESTED', 'REPLAYING', 'BUILDING', 'SWITCHING');
