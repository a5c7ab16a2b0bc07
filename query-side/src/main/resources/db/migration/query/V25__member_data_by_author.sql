-- A member's data export (MemberDataExport) pages through what the member wrote and liked: without these it would
-- read the whole comments and likes tables for every page.
CREATE INDEX posts_by_author ON posts (author_id, post_id);
CREATE INDEX comments_by_author ON comments (author_id, comment_id);
CREATE INDEX post_likes_by_member ON post_likes (profile_id, post_id);
