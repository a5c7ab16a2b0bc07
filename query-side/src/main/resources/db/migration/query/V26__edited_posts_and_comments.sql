-- When a post or comment last had its content edited (PostEdited, CommentEdited); null for one never edited. The
-- earlier versions are not kept here: they stay in the events, where auditors read them.
ALTER TABLE posts ADD COLUMN edited_at TIMESTAMPTZ;
ALTER TABLE comments ADD COLUMN edited_at TIMESTAMPTZ;
