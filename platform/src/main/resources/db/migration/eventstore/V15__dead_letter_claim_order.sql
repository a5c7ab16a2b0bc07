-- A retry claims the least recently touched first letter of a parked sequence (Axon's "claimable sequences" query,
-- ORDER BY last_touched LIMIT). Without this index every claim reads and sorts the group's whole queue, so healing
-- n parked sequences after an outage took time growing with n²; with it, a claim walks the queue in order and
-- stops at the first letter it can take.
CREATE INDEX dead_letter_entry_claim_order ON dead_letter_entry (processing_group, last_touched);
