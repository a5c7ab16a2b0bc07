-- Read model of the "walls" processing group (WallProjection): posts with their counts, comments and likes.
-- Pages are newest first by (created_at, id), the id breaking ties between items of the same millisecond.
CREATE TABLE posts
(
    post_id         UUID PRIMARY KEY,
    wall_profile_id UUID          NOT NULL,
    author_id       UUID          NOT NULL,
    author_username VARCHAR(32)   NOT NULL,
    content         VARCHAR(4096) NOT NULL,
    privacy         VARCHAR(8)    NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL,
    comments_count  INTEGER       NOT NULL DEFAULT 0,
    likes_count     INTEGER       NOT NULL DEFAULT 0
);
CREATE INDEX posts_by_wall ON posts (wall_profile_id, created_at DESC, post_id DESC);

CREATE TABLE comments
(
    comment_id      UUID PRIMARY KEY,
    post_id         UUID          NOT NULL,
    author_id       UUID          NOT NULL,
    author_username VARCHAR(32)   NOT NULL,
    content         VARCHAR(1024) NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL
);
CREATE INDEX comments_by_post ON comments (post_id, created_at DESC, comment_id DESC);

CREATE TABLE post_likes
(
    post_id    UUID NOT NULL,
    profile_id UUID NOT NULL,
    PRIMARY KEY (post_id, profile_id)
);
