-- The audit API filters events by actor and time, read from each row's metadata and timestamp. A row whose
-- metadata is not JSON or whose timestamp does not parse (one altered by hand) reads as NULL here, instead of
-- failing every query that passes over it.
CREATE FUNCTION audit_actor(meta_data BYTEA) RETURNS TEXT
    LANGUAGE plpgsql IMMUTABLE AS
$$
BEGIN
    RETURN convert_from(meta_data, 'UTF8')::jsonb ->> 'actor';
EXCEPTION
    WHEN others THEN RETURN NULL;
END
$$;

CREATE FUNCTION audit_instant(time_stamp VARCHAR) RETURNS TIMESTAMPTZ
    LANGUAGE plpgsql STABLE AS
$$
BEGIN
    RETURN time_stamp::timestamptz;
EXCEPTION
    WHEN others THEN RETURN NULL;
END
$$;
