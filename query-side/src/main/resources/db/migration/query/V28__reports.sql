-- Read model of the "reports" processing group (ReportProjection): the moderation queue. A report keeps the subject
-- as its reporter saw it (the evidence staff judge); what staff hid is kept apart, by subject, so that a report filed
-- after its subject was hidden shows it hidden too, whichever event a rebuild meets first.
CREATE TABLE reports
(
    report_id               UUID          PRIMARY KEY,
    status                  VARCHAR(8)    NOT NULL,
    filed_at                TIMESTAMPTZ   NOT NULL,
    reporter_id             UUID          NOT NULL,
    reporter_username       VARCHAR(64)   NOT NULL,
    reason                  VARCHAR(1000) NOT NULL,
    subject_type            VARCHAR(8)    NOT NULL,
    subject_id              UUID          NOT NULL,
    subject_parent_id       UUID,
    subject_author_id       UUID,
    subject_author_username VARCHAR(64),
    subject_content         TEXT,
    answer                  TEXT,
    answered_by             UUID,
    answered_at             TIMESTAMPTZ
);
CREATE INDEX reports_page ON reports (filed_at DESC, report_id DESC);
CREATE INDEX reports_page_by_status ON reports (status, filed_at DESC, report_id DESC);
CREATE TABLE hidden_subjects
(
    subject_id UUID        PRIMARY KEY,
    hidden_at  TIMESTAMPTZ NOT NULL,
    hidden_by  UUID        NOT NULL
);
