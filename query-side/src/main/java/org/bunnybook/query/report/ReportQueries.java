package org.bunnybook.query.report;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.report.FindReport;
import org.bunnybook.api.report.FindReports;
import org.bunnybook.api.report.ReportStatus;
import org.bunnybook.api.report.ReportView;
import org.bunnybook.api.report.ReportedSubject;
import org.bunnybook.api.report.SubjectType;
import org.bunnybook.query.paging.Keyset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The moderation queue, newest first on (filed_at, id), with whether each report's subject has been hidden. */
@Component
class ReportQueries {

    private static final String REPORTS = """
            SELECT r.*, h.hidden_at, h.hidden_by FROM reports r
            LEFT JOIN hidden_subjects h ON h.subject_id = r.subject_id
            """;

    private final JdbcClient jdbc;

    ReportQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    Optional<ReportView> handle(FindReport query) {
        return jdbc.sql(REPORTS + " WHERE r.report_id = :id").param("id", query.reportId())
                .query(ReportQueries::report).optional();
    }

    @QueryHandler
    List<ReportView> handle(FindReports query) {
        return jdbc.sql(REPORTS + " WHERE (CAST(:status AS varchar) IS NULL OR r.status = :status)"
                        + Keyset.page("r.filed_at", "r.report_id"))
                .param("status", query.status() == null ? null : query.status().name())
                .params(Keyset.parameters(query.page()))
                .query(ReportQueries::report)
                .list();
    }

    private static ReportView report(ResultSet rs, int row) throws SQLException {
        ReportedSubject subject = new ReportedSubject(SubjectType.valueOf(rs.getString("subject_type")),
                rs.getObject("subject_id", UUID.class), rs.getObject("subject_parent_id", UUID.class),
                rs.getObject("subject_author_id", UUID.class), rs.getString("subject_author_username"),
                rs.getString("subject_content"));
        return new ReportView(rs.getObject("report_id", UUID.class), ReportStatus.valueOf(rs.getString("status")),
                instant(rs, "filed_at"), rs.getObject("reporter_id", UUID.class), rs.getString("reporter_username"),
                rs.getString("reason"), subject, instant(rs, "hidden_at"), rs.getObject("hidden_by", UUID.class),
                rs.getString("answer"), rs.getObject("answered_by", UUID.class), instant(rs, "answered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
