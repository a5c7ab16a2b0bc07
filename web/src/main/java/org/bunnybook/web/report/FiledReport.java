package org.bunnybook.web.report;

import org.bunnybook.api.report.ReportStatus;
import org.bunnybook.api.report.ReportView;
import org.bunnybook.api.report.SubjectType;

import java.time.Instant;
import java.util.UUID;

/** A report as its reporter sees it: what they reported, why, and whether it is still open. */
public record FiledReport(UUID id, ReportStatus status, Instant filedAt, SubjectType subjectType, UUID subjectId,
                          String reason) {

    static FiledReport of(ReportView report) {
        return new FiledReport(report.id(), report.status(), report.filedAt(), report.subject().type(),
                report.subject().id(), report.reason());
    }
}
