-- Set-based validation for roles (see AdminRoster): who holds ADMIN, so that the last one is never demoted.
CREATE TABLE admin_roster
(
    profile_id UUID PRIMARY KEY
);

-- An existing network starts the roster from the admins its accounts read model knows.
INSERT INTO admin_roster (profile_id)
SELECT profile_id FROM accounts WHERE role = 'ADMIN';
