package org.bunnybook.api.audit;

import org.axonframework.serialization.Revision;

import java.util.Map;
import java.util.UUID;

/** Someone read, exported or verified the history: the audit API leaves its own trace in it. */
@Revision("1")
public record AuditLogConsulted(UUID consultationId, UUID auditorId, String action, Map<String, String> parameters) {
}
