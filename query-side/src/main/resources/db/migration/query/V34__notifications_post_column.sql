-- The post a notification is about, in a column of its own derived from its payload (null for those about no post):
-- a deleted post, and an edited or deleted comment, find their notifications by it. It replaces the index on the
-- payload's text (payload ->> 'postId', V14), whose every entry a rebuild added meant reading the JSON and comparing
-- 36-character strings (docs/performance.md). Generated, it is filled for the rows there are and for every writer,
-- whichever version of the application it runs.
DROP INDEX notifications_by_post;
ALTER TABLE notifications ADD COLUMN post_id UUID GENERATED ALWAYS AS (CAST(payload ->> 'postId' AS uuid)) STORED;
CREATE INDEX notifications_by_post ON notifications (post_id) WHERE post_id IS NOT NULL;

-- A rebuild beside the live model under way copied the table before it had the column, and would swap that copy in:
-- it is cancelled (the nodes drop its copies) and can be asked for again.
UPDATE projection_rebuilds SET state = 'CANCELLED', finished_at = now()
WHERE processing_group = 'notifications' AND state IN ('BUILDING', 'SWITCHING');
