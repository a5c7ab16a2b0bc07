-- Cache retirements owed to Redis (query.cache.OwedRetirements): a projection that changes a subject records here, in
-- its batch's transaction, that the cached values about the subject must be retired; the row goes once Redis has
-- moved the subject's generation on. A row that stays (Redis was unreachable from that node, or the node died before
-- telling Redis) is carried out by whichever node reaches Redis, so a stale value cannot outlive the node that owed
-- its retirement.
CREATE TABLE cache_retirements
(
    id        BIGSERIAL PRIMARY KEY,
    namespace TEXT        NOT NULL,
    subject   TEXT        NOT NULL,
    owed_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX cache_retirements_by_namespace ON cache_retirements (namespace, id);
