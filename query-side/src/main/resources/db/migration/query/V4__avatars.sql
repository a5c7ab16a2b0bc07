-- Read model of the "avatars" processing group (AvatarProjection).
CREATE TABLE avatars
(
    username_key VARCHAR(32) PRIMARY KEY, -- lower-cased username
    profile_id   UUID  NOT NULL,
    png          BYTEA NOT NULL
);
