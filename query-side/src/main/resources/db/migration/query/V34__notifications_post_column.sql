-- The post a notification is about, in a column of its own (null for those about no post): a deleted post, and an
-- edited or deleted comment, find their notifications by it. It replaces the index on the payload's text
-- (payload ->> 'postId', V14), whose every entry a rebuild added meant reading the JSON and comparing 36-character
-- strings (docs/performance.md).
ALTER TABLE notifications ADD COLUMN post_id UUID;
UPDATE notifications SET post_id = CAST(payload ->> 'postId' AS uuid) WHERE payload ? 'postId';
DROP INDEX notifications_by_post;
CREATE INDEX notifications_by_post ON notifications (post_id) WHERE post_id IS NOT NULL;
