package org.bunnybook.web.report;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.report.FileReport;
import org.bunnybook.api.report.FindReport;
import org.bunnybook.api.report.ReportAlreadyFiled;
import org.bunnybook.api.report.ReportId;
import org.bunnybook.api.report.ReportStatus;
import org.bunnybook.api.report.ReportView;
import org.bunnybook.api.report.ReportedSubject;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.security.Member;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Members report what they can see. One report per member and subject: the report's id is derived from both, so a
 * second one meets the first one's aggregate and is refused with 409 naming the first (not silently accepted: the
 * reporter learns that their earlier report stands, and a reason given again is not lost without a word).
 */
@RestController
class ReportController {

    private final ReadYourWrites commands;
    private final QueryGateway queries;
    private final ReportedSubjects subjects;
    private final Clock clock;

    ReportController(ReadYourWrites commands, QueryGateway queries, ReportedSubjects subjects, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.subjects = subjects;
        this.clock = clock;
    }

    @PostMapping("/web/reports")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Reports a post, comment, chat message or profile the member can see, with a reason; 404 for"
            + " an unknown subject, 403 for one not for them, 409 if they reported it before")
    FiledReport report(Member member, @Valid @RequestBody ReportRequest request) {
        ReportedSubject subject = subjects.asSeenBy(member.profileId(), request.subjectType(), request.subjectId());
        UUID reportId = ReportId.of(member.profileId(), request.subjectType(), request.subjectId());
        try {
            commands.send(new FileReport(reportId, member.profileId(), member.username(), subject, request.reason()));
        } catch (RuntimeException e) {
            if (causedBy(e, ReportAlreadyFiled.class)) {
                throw new ApiException(HttpStatus.CONFLICT, Map.of("detail", new ReportAlreadyFiled().getMessage(),
                        "reportId", reportId));
            }
            throw e;
        }
        // stored either way; the queue may not show it yet (being rebuilt, or parked after a failure)
        return queries.query(new FindReport(reportId), ResponseTypes.optionalInstanceOf(ReportView.class)).join()
                .map(FiledReport::of)
                .orElseGet(() -> new FiledReport(reportId, ReportStatus.OPEN,
                        clock.instant().truncatedTo(ChronoUnit.MILLIS), request.subjectType(), request.subjectId(),
                        request.reason()));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
