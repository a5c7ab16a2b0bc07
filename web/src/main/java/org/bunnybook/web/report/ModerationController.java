package org.bunnybook.web.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.chat.HideMessage;
import org.bunnybook.api.post.HideComment;
import org.bunnybook.api.post.HidePost;
import org.bunnybook.api.report.AnswerReport;
import org.bunnybook.api.report.FindReport;
import org.bunnybook.api.report.FindReports;
import org.bunnybook.api.report.ReportStatus;
import org.bunnybook.api.report.ReportView;
import org.bunnybook.api.report.ReportedSubject;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.paging.PageParams;
import org.bunnybook.web.security.Member;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The moderation queue, for moderators and admins (the security configuration lets no one else reach
 * {@code /web/admin/reports}): reports with what was reported, hiding it from members (an event of the subject's own
 * aggregate, so walls, feeds and conversations, rebuilt or not, agree), and answering the reporter, which closes the
 * report and notifies them.
 */
@RestController
class ModerationController {

    private final ReadYourWrites commands;
    private final QueryGateway queries;

    ModerationController(ReadYourWrites commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @GetMapping("/web/admin/reports")
    @Operation(summary = "The moderation queue, newest first (moderators and admins)")
    List<ReportView> queue(@Parameter(description = "open or closed; all when absent")
                           @RequestParam(name = "status", required = false) String status,
                           @ParameterObject PageParams page) {
        return queries.query(new FindReports(status(status), page.orDefaultLimit(10)),
                ResponseTypes.multipleInstancesOf(ReportView.class)).join();
    }

    @GetMapping("/web/admin/reports/{id}")
    @Operation(summary = "One report with its subject as reported (moderators and admins); 404 if there is none")
    ReportView report(@PathVariable UUID id) {
        return queries.query(new FindReport(id), ResponseTypes.optionalInstanceOf(ReportView.class)).join()
                .orElseThrow(ApiException::notFound);
    }

    @PostMapping("/web/admin/reports/{id}/hide")
    @Operation(summary = "Hides the reported post, comment or message from every member (moderators and admins);"
            + " 409 for a profile, which cannot be hidden")
    ReportView hide(Member staff, @PathVariable UUID id) {
        ReportedSubject subject = report(id).subject();
        switch (subject.type()) {
            case POST -> commands.send(new HidePost(subject.id(), id, staff.profileId()));
            case COMMENT -> commands.send(new HideComment(subject.parentId(), subject.id(), id, staff.profileId()));
            case MESSAGE -> commands.send(new HideMessage(subject.parentId(), subject.id(), id, staff.profileId()));
            case PROFILE -> throw new ApiException(HttpStatus.CONFLICT,
                    Map.of("detail", "a profile cannot be hidden: answer the report"));
        }
        return report(id);
    }

    @PostMapping("/web/admin/reports/{id}/answer")
    @Operation(summary = "Answers the reporter, who is notified, and closes the report (moderators and admins);"
            + " 409 if it was answered already")
    ReportView answer(Member staff, @PathVariable UUID id, @Valid @RequestBody AnswerRequest request) {
        report(id); // 404 for no such report
        commands.send(new AnswerReport(id, staff.profileId(), request.answer()));
        return report(id);
    }

    private static ReportStatus status(String status) {
        if (status == null) {
            return null;
        }
        try {
            return ReportStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("query", "status", "must be open or closed");
        }
    }
}
