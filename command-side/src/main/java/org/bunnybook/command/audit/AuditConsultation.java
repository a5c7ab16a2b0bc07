package org.bunnybook.command.audit;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.bunnybook.api.audit.AuditLogConsulted;
import org.bunnybook.api.audit.RecordAuditConsultation;

import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One use of the audit API. There is nothing to decide, only a fact to keep; one aggregate per use means recording
 * never waits on, nor conflicts with, another auditor's (or the same auditor's other tab's) records.
 */
@Aggregate
public class AuditConsultation {

    @AggregateIdentifier
    private UUID consultationId;

    protected AuditConsultation() {
        // for Axon's event sourcing
    }

    @CommandHandler
    AuditConsultation(RecordAuditConsultation command) {
        apply(new AuditLogConsulted(command.consultationId(), command.auditorId(), command.action(),
                command.parameters()));
    }

    @EventSourcingHandler
    void on(AuditLogConsulted event) {
        consultationId = event.consultationId();
    }
}
