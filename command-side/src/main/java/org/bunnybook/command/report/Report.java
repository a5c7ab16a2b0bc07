package org.bunnybook.command.report;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.bunnybook.api.report.AnswerReport;
import org.bunnybook.api.report.FileReport;
import org.bunnybook.api.report.ReportAlreadyClosed;
import org.bunnybook.api.report.ReportAlreadyFiled;
import org.bunnybook.api.report.ReportAnswered;
import org.bunnybook.api.report.ReportFiled;
import org.bunnybook.api.report.SubjectType;

import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One member's report of one subject (its id derived from both, {@code ReportId}). It decides that a member reports a
 * subject once, and that a reporter is answered once, which closes the report. Whether the reporter may see the
 * subject, and whether staff may answer, is checked before the command is sent (by the web adapter, against the read
 * models and the member's role); hiding the subject is decided by the subject's own aggregate.
 */
@Aggregate
public class Report {

    @AggregateIdentifier
    private UUID reportId;
    private UUID reporterId;
    private SubjectType subjectType;
    private UUID subjectId;
    private boolean closed;

    protected Report() {
        // for Axon's event sourcing, and for a member's first report of a subject
    }

    /** Created if missing, so that a second report of the subject loads the first and is refused by name. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(FileReport command) {
        if (reportId != null) {
            throw new ReportAlreadyFiled();
        }
        apply(new ReportFiled(command.reportId(), command.reporterId(), command.reporterUsername(),
                command.subject(), command.reason()));
    }

    @CommandHandler
    void handle(AnswerReport command) {
        if (closed) {
            throw new ReportAlreadyClosed();
        }
        apply(new ReportAnswered(reportId, reporterId, command.moderatorId(), subjectType, subjectId,
                command.answer()));
    }

    @EventSourcingHandler
    void on(ReportFiled event) {
        reportId = event.reportId();
        reporterId = event.reporterId();
        subjectType = event.subject().type();
        subjectId = event.subject().id();
    }

    @EventSourcingHandler
    void on(ReportAnswered event) {
        closed = true;
    }
}
