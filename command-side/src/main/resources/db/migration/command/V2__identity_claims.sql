-- Set-based validation for registrations (see IdentityClaims): each value can be claimed by one account only.
CREATE TABLE claimed_usernames
(
    username_key VARCHAR(32) PRIMARY KEY, -- lower-cased: "Bunny" and "bunny" are the same name
    profile_id   UUID NOT NULL
);

CREATE TABLE claimed_emails
(
    email      VARCHAR(320) PRIMARY KEY, -- stored lower-cased
    profile_id UUID NOT NULL
);
