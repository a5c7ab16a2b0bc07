package org.bunnybook.api.audit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;
import java.util.UUID;

/** Records that an auditor or admin used the audit API: what they asked and with which parameters. */
public record RecordAuditConsultation(@TargetAggregateIdentifier UUID consultationId, UUID auditorId, String action,
                                      Map<String, String> parameters) {
}
