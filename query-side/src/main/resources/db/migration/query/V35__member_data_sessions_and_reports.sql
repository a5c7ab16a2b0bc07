-- A member's data export (MemberDataExport) lists every session of theirs, ended ones too (sessions_of_member holds
-- only those still open), and the reports they filed: without these it would read both whole tables for every page.
CREATE INDEX sessions_by_member ON sessions (profile_id, session_id);
CREATE INDEX reports_by_reporter ON reports (reporter_id, report_id);
