-- Read model of the "notifications" processing group (NotificationProjection). A deleted post takes its
-- notifications with it (DELETE ... WHERE payload ->> 'postId' = ?): without this index each deletion read the
-- whole table, which grows with every comment (each notifies the post's earlier participants), and a rebuild over
-- a million events spent most of its time there.
CREATE INDEX notifications_by_post ON notifications ((payload ->> 'postId'));
