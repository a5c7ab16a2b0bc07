-- A request waiting for its own write asks whether any group parked that write's events (read-your-writes).
CREATE INDEX dead_letter_entry_event ON dead_letter_entry (event_identifier);
