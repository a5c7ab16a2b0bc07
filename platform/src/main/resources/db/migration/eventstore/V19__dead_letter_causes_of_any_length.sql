-- A failure's message can be longer than 1,023 characters (PostgreSQL quotes the whole statement in some errors):
-- parking such an event failed, and its processor tried the same batch again forever instead of going on.
ALTER TABLE dead_letter_entry ALTER COLUMN cause_message TYPE TEXT;
